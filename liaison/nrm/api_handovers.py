"""API operations of the NRM's handovers (mounted by liaison/nrm/api.py)."""

from ninja import Router

router = Router()
