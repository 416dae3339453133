"""API operations of the NRM's cases (mounted by liaison/nrm/api.py)."""

from ninja import Router

router = Router()
