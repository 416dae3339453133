"""API operations of the NRM's assistance (mounted by liaison/nrm/api.py)."""

from ninja import Router

router = Router()
