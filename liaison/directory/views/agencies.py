"""Agency pages: the directory, one agency, creating and editing agencies."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from liaison.directory import selectors, services
from liaison.directory.forms import AgencyFilterForm, AgencyForm, add_service_errors
from liaison.directory.permissions import (
    agencies_visible_to,
    can_change_agency,
    can_create_agency,
    has_capability,
)
from liaison.directory.roles import Capability

PAGE_SIZE = 25


@require_GET
def agency_list(request: HttpRequest) -> HttpResponse:
    form = AgencyFilterForm(request.GET)
    if not form.is_valid():
        return render(
            request, "directory/agency_list.html", {"form": form, "page": None}, status=400
        )
    agencies = selectors.agency_search(user=request.user, criteria=form.criteria())
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "can_create": can_create_agency(request.user)}
    return render(request, "directory/agency_list.html", context)


@require_GET
def agency_detail(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_object_or_404(agencies_visible_to(request.user), pk=agency_id)
    context = {
        "agency": agency,
        "subunits": selectors.agency_subunits(user=request.user, agency=agency),
        "can_see_members": has_capability(request.user, Capability.VIEW_MEMBERS, agency),
        "can_edit": can_change_agency(request.user, agency),
    }
    return render(request, "directory/agency_detail.html", context)


@require_http_methods(["GET", "POST"])
def agency_create(request: HttpRequest) -> HttpResponse:
    form = AgencyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.agency_create(
                actor=request.user, request=request, **form.service_data()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The agency “%(name)s” was created.") % {"name": agency.name}
            )
            return redirect(agency)
    return _form_page(request, form, agency=None)


@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_object_or_404(agencies_visible_to(request.user), pk=agency_id)
    if not can_change_agency(request.user, agency):
        raise PermissionDenied
    # The form validates a copy, so the service still sees the stored values and records what changed.
    form = AgencyForm(request.POST or None, instance=copy.copy(agency), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_update(
                actor=request.user, agency=agency, request=request, **form.service_data()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The agency “%(name)s” was saved.") % {"name": agency.name})
            return redirect(agency)
    return _form_page(request, form, agency=agency)


def _form_page(request: HttpRequest, form: AgencyForm, agency: object) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "directory/agency_form.html", {"form": form, "agency": agency}, status=status
    )
