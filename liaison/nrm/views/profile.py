"""Pages of the exploitation profile and the trafficking events of a case."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory.forms import add_service_errors
from liaison.nrm.forms.profile import ExploitationProfileForm, TraffickingEventForm
from liaison.nrm.models import Case, ExploitationProfile, TraffickingEvent
from liaison.nrm.permissions import can_edit_case, cases_visible_to
from liaison.nrm.services import profile as services


def editable_case(request: HttpRequest, case_id: int) -> Case:
    """The case from the user's reach (404 otherwise), refused (403) when they may not edit it."""
    case = get_object_or_404(cases_visible_to(request.user), pk=case_id)
    if not can_edit_case(request.user, case):
        raise PermissionDenied
    return case


def _status(form: object) -> int:
    return 400 if getattr(form, "is_bound", False) and getattr(form, "errors", None) else 200


@require_http_methods(["GET", "POST"])
def exploitation_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = editable_case(request, case_id)
    profile = ExploitationProfile.objects.filter(case=case).first()
    form = ExploitationProfileForm(
        request.POST if request.method == "POST" else None,
        initial=ExploitationProfileForm.initial_from(profile),
        is_child=case.is_child,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.exploitation_profile_update(
                actor=request.user, case=case, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The exploitation profile was saved."))
            return redirect(case)
    elif profile is not None and request.method == "GET":
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=case, fields=["exploitation_notes"],
                     purpose="exploitation profile form", request=request)  # fmt: skip
    context = {"case": case, "form": form}
    return render(request, "nrm/profile/profile_form.html", context, status=_status(form))


@require_http_methods(["GET", "POST"])
def trafficking_event_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = editable_case(request, case_id)
    form = TraffickingEventForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.trafficking_event_add(
                actor=request.user, case=case, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The event was added to the route."))
            return redirect(case)
    context = {"case": case, "form": form}
    return render(request, "nrm/profile/event_form.html", context, status=_status(form))


@require_POST
def trafficking_event_delete(request: HttpRequest, case_id: int, event_id: int) -> HttpResponse:
    case = editable_case(request, case_id)
    event = get_object_or_404(TraffickingEvent.objects.filter(case=case), pk=event_id)
    services.trafficking_event_delete(actor=request.user, event=event, request=request)
    messages.success(request, _("The event was removed from the route."))
    return redirect(case)
