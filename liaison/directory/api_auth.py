"""API authentication: the browser session (after two-factor) or a personal API token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from liaison.directory.permissions import is_verified
from liaison.directory.services import api_token_authenticate


class SessionOtpAuth(APIKeyCookie):
    """The Django session cookie, with CSRF for unsafe methods, only once two-factor is done."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if user.is_authenticated and is_verified(user):
            return user
        return None


class TokenAuth(HttpBearer):
    """``Authorization: Bearer lsn_…``. A token was made in a verified session, so it counts as
    verified itself."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is None:
            return None
        user.is_verified = lambda: True  # type: ignore[attr-defined]
        request.user = user
        return user
