"""API operations of the justice app's cases (mounted by liaison/justice/api.py)."""

from ninja import Router

router = Router()
