"""API operations of the NRM's decisions (mounted by liaison/nrm/api.py)."""

from ninja import Router

router = Router()
