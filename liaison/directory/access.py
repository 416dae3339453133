"""The access matrix: one declared rule for every page and every API operation.

``config/access_matrix.py`` holds the rules; ``AccessMatrixMiddleware`` applies them to every
page and ``api_access`` to every API operation. A page or operation without a rule is refused
(deny by default), and ``tests/test_permission_matrix.py`` fails when one is missing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from liaison.directory.permissions import has_capability, is_verified

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rule:
    """``kind`` is one of: public, login (signed in, before two-factor), member (signed in and
    verified), capability (member holding ``capability``), staff (Django admin)."""

    kind: str
    capability: str = ""

    def allows(self, user: Any) -> bool:
        if self.kind == "public":
            return True
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        if self.kind == "login":
            return True
        if not is_verified(user):
            return False
        if self.kind == "member":
            return True
        if self.kind == "staff":
            return bool(user.is_staff)
        if self.kind == "capability":
            return has_capability(user, self.capability)
        return False


PUBLIC = Rule("public")
LOGIN = Rule("login")
MEMBER = Rule("member")
STAFF = Rule("staff")


def needs(capability: str) -> Rule:
    return Rule("capability", capability)


@cache
def matrix() -> dict[str, dict[str, Rule]]:
    return import_string(settings.LIAISON_ACCESS_MATRIX)


def page_rule(view_name: str) -> Rule | None:
    pages = matrix()["pages"]
    if view_name in pages:
        return pages[view_name]
    namespace = view_name.rsplit(":", 1)[0] + ":*" if ":" in view_name else None
    return pages.get(namespace) if namespace else None


API_NAMESPACE = "api"


class AccessMatrixMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None:
            return None
        view_name = match.view_name
        if match.namespace == API_NAMESPACE and _is_api_operation(view_func):
            return None  # API operations are checked per operation by ``api_access``.
        rule = page_rule(view_name)
        if rule is None:
            logger.error("No access rule for %s: refused.", view_name)
            return forbidden(request)
        if rule.allows(request.user):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if rule.kind != "login" and not is_verified(request.user):
            return redirect("accounts:otp_verify")
        return forbidden(request)


def _is_api_operation(view_func: Any) -> bool:
    """Ninja's operation views; anything else under the API (schema, docs) needs a page rule."""
    return getattr(view_func, "__module__", "") == "ninja.operation"


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(
        request, "403.html", {"reason": _("You do not have access to this page.")}, status=403
    )


def api_operation_key(view_func: Callable[..., Any]) -> str:
    """The operation id: ``<app>_<function>``, e.g. ``directory_list_agencies``."""
    app = (
        view_func.__module__.split(".")[1]
        if view_func.__module__.startswith("liaison.")
        else view_func.__module__
    )
    return f"{app}_{view_func.__name__}"


def api_access(view_func: Callable[..., Any]) -> Callable[..., Any]:
    """Wraps every API operation: the matrix rule for its operation id, or refusal."""
    from ninja.errors import HttpError

    key = api_operation_key(view_func)

    @wraps(view_func)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        rule = matrix()["api"].get(key)
        if rule is None:
            logger.error("No access rule for API operation %s: refused.", key)
            raise HttpError(403, _("You do not have access to this operation."))
        if not rule.allows(getattr(request, "auth", None) or request.user):
            raise HttpError(403, _("You do not have access to this operation."))
        return view_func(request, *args, **kwargs)

    return guarded
