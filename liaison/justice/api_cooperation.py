"""API operations of the justice app's cooperation (mounted by liaison/justice/api.py)."""

from ninja import Router

router = Router()
