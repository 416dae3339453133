from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from liaison.directory.navigation import navigation_for


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the page frame needs: the instance name and the user's navigation."""
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    return {
        "instance_name": settings.LIAISON_INSTANCE_NAME,
        "navigation": navigation_for(user, match.view_name if match else "")
        if user and user.is_authenticated
        else [],
    }
