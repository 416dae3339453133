"""The home page: what this user can do, by role, and their recent jobs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from liaison.core.jobs import jobs_visible_to
from liaison.directory.permissions import active_memberships, user_roles
from liaison.directory.roles import ROLE_CAPABILITIES, Capability, Role


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    roles = sorted(user_roles(user))
    capabilities = (
        set().union(*(ROLE_CAPABILITIES.get(r, frozenset()) for r in roles)) if roles else set()
    )
    context = {
        "memberships": active_memberships(user),
        "roles": [Role(r).label for r in roles],
        "capabilities": [Capability(c) for c in sorted(capabilities)],
        "recent_jobs": jobs_visible_to(user)[:5],
        "no_role": not roles,
    }
    return render(request, "directory/home.html", context)
