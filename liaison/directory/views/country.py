"""The national procedure: the status ladder, deadlines, working calendar and population."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from liaison.directory import selectors, services
from liaison.directory.forms import UNIT_LABELS, WEEKDAYS, CountryProfileEditor
from liaison.directory.models import CountryProfile
from liaison.directory.permissions import can_edit_country_profile, country_profiles_visible_to
from liaison.directory.roles import Role


def _role_label(code: str) -> str:
    return str(Role(code).label) if code in Role.values else code


def procedure_tables(profile: CountryProfile) -> dict[str, Any]:
    """The profile's JSON turned into rows a person can read: labels instead of codes."""
    steps = [s for s in profile.status_ladder or [] if isinstance(s, dict)]
    step_labels = {str(s.get("code")): s.get("label") or s.get("code") for s in steps}
    weekday_names = dict(WEEKDAYS)
    return {
        "steps": [
            {
                "code": s.get("code", ""),
                "label": s.get("label", ""),
                "deciders": [_role_label(r) for r in s.get("deciders", [])],
                "next": [step_labels.get(str(code), code) for code in s.get("next", [])],
            }
            for s in steps
        ],
        "deadlines": [
            {**d, "unit_label": UNIT_LABELS.get(d.get("unit", ""), d.get("unit", ""))}
            for d in profile.deadlines or []
            if isinstance(d, dict)
        ],
        "working_days": [weekday_names.get(day, day) for day in profile.working_days or []],
        "holidays": sorted(str(h) for h in profile.holidays or []),
    }


@require_GET
def country_profile_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.country_profiles(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "directory/country_profile_list.html", {"page": page})


@require_GET
def country_profile_detail(request: HttpRequest, profile_id: int) -> HttpResponse:
    profile = get_object_or_404(country_profiles_visible_to(request.user), pk=profile_id)
    context = {
        "profile": profile,
        "can_edit": can_edit_country_profile(request.user, profile),
        **procedure_tables(profile),
    }
    return render(request, "directory/country_profile_detail.html", context)


@require_http_methods(["GET", "POST"])
def country_profile_edit(request: HttpRequest, profile_id: int) -> HttpResponse:
    profile = get_object_or_404(country_profiles_visible_to(request.user), pk=profile_id)
    if not can_edit_country_profile(request.user, profile):
        raise PermissionDenied
    editor = CountryProfileEditor(profile, request.POST or None)
    if request.method == "POST" and editor.is_valid():
        try:
            services.country_profile_update(
                actor=request.user, profile=profile, request=request, **editor.service_data()
            )
        except ValidationError as exc:
            editor.add_service_errors(exc)
        else:
            messages.success(request, _("The national procedure was saved."))
            return redirect(profile)
    status = 400 if editor.is_bound and editor.has_errors else 200
    return render(
        request,
        "directory/country_profile_form.html",
        {"profile": profile, "editor": editor},
        status=status,
    )
