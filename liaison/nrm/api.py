"""The NRM's API: one router per area, mounted under /api/v1/nrm/."""

from ninja import Router

from liaison.nrm import api_assistance, api_cases, api_decisions, api_handovers

router = Router(tags=["nrm"])
router.add_router("", api_cases.router)
router.add_router("", api_decisions.router)
router.add_router("", api_handovers.router)
router.add_router("", api_assistance.router)
