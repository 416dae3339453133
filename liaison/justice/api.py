"""The justice app's API: one router per area, mounted under /api/v1/justice/."""

from ninja import Router

from liaison.justice import api_cases, api_cooperation, api_network

router = Router(tags=["justice"])
router.add_router("", api_cases.router)
router.add_router("", api_cooperation.router)
router.add_router("", api_network.router)
