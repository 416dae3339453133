"""Assistance pages of a case: the overview, needs, support plan, services, return and
follow-up, closing and reopening. Every case comes from ``cases_visible_to`` (another agency's
case is 404); the services check the rest (a closed case is read-only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from liaison.core.audit import audit_record
from liaison.core.geography import country_name
from liaison.core.models import AuditAction
from liaison.nrm.forms.assistance import (
    CaseCloseForm,
    FollowUpForm,
    NeedsAssessmentForm,
    PlanItemCompleteForm,
    ReturnForm,
    ServiceDeliveryForm,
    SupportPlanItemForm,
)
from liaison.nrm.models import Case
from liaison.nrm.permissions import can_close_case, can_edit_case, can_export_case, cases_visible_to
from liaison.nrm.selectors.assistance import case_assistance, plan_items_of, support_type_label
from liaison.nrm.services import assistance as services
from liaison.nrm.services.closure import case_close, case_reopen
from liaison.nrm.views.form_page import case_form_page

ASSISTANCE_FIELDS = [
    "needs_assessment.notes",
    "support_plan.objective",
    "service_delivery.notes",
    "return_follow_up.notes",
]


def _case(request: HttpRequest, case_id: int) -> Case:
    return get_object_or_404(cases_visible_to(request.user), pk=case_id)


def _editable_case(request: HttpRequest, case_id: int) -> Case:
    case = _case(request, case_id)
    if not can_edit_case(request.user, case):
        raise PermissionDenied(_("This case is closed or out of your reach for changes."))
    return case


def _case_url(case: Case) -> str:
    # The case page belongs to the cases pages; without them this page still stands alone.
    try:
        return case.get_absolute_url()
    except NoReverseMatch:
        return ""


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _form_page(
    request: HttpRequest,
    *,
    case: Case,
    form: forms.Form,
    title: str,
    save: Callable[[dict[str, Any]], object],
    done: str,
    submit: str = "",
) -> HttpResponse:
    return case_form_page(
        request, case=case, form=form, save=save, done=done, back="nrm:assistance",
        template="nrm/assistance/form.html", context={"title": title, "submit": submit or _("Save")},
    )  # fmt: skip


@require_GET
def assistance(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    data = case_assistance(case)
    audit_record(
        actor=request.user, action=AuditAction.VIEW, obj=case, fields=ASSISTANCE_FIELDS,
        purpose="assistance", request=request,
    )  # fmt: skip
    needs = [(n, [support_type_label(v) for v in n.needs]) for n in data.needs]
    returns = [(r, country_name(r.country)) for r in data.returns]
    context = {
        "case": case,
        "case_url": _case_url(case),
        "data": data,
        "needs": needs,
        "returns": returns,
        "can_edit": can_edit_case(request.user, case),
        "can_close": can_close_case(request.user, case),
        "can_export": can_export_case(request.user, case),
    }
    return render(request, "nrm/assistance/overview.html", context)


@require_http_methods(["GET", "POST"])
def needs_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _editable_case(request, case_id)
    form = NeedsAssessmentForm(_data(request))
    return _form_page(
        request, case=case, form=form, title=_("Assess needs"), done=_("The needs assessment was saved."),
        save=lambda d: services.needs_assessment_add(actor=request.user, case=case, request=request, **d),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def plan_item_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _editable_case(request, case_id)
    form = SupportPlanItemForm(_data(request))
    return _form_page(
        request, case=case, form=form, title=_("Add to the support plan"), done=_("The support was added to the plan."),
        save=lambda d: services.support_plan_item_add(actor=request.user, case=case, request=request, **d),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def plan_item_complete(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _editable_case(request, case_id)
    items = plan_items_of(case).filter(actual_end__isnull=True)
    form = PlanItemCompleteForm(
        _data(request), items=items, initial={"item": request.GET.get("item")}
    )
    return _form_page(
        request, case=case, form=form, title=_("Mark a support as ended"), done=_("The support was marked as ended."),
        save=lambda d: services.support_plan_item_complete(actor=request.user, item=d["item"], actual_end=d["actual_end"], request=request),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def service_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _editable_case(request, case_id)
    form = ServiceDeliveryForm(_data(request), user=request.user)
    return _form_page(
        request, case=case, form=form, title=_("Record a service delivered"), done=_("The service was recorded."),
        save=lambda d: services.service_delivery_add(actor=request.user, case=case, request=request, **d),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def return_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _editable_case(request, case_id)
    form = ReturnForm(_data(request))
    return _form_page(
        request, case=case, form=form, title=_("Record a return"), done=_("The return was recorded."),
        save=lambda d: services.return_record(actor=request.user, case=case, request=request, **d),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def follow_up_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _editable_case(request, case_id)
    form = FollowUpForm(_data(request))
    return _form_page(
        request, case=case, form=form, title=_("Record a reintegration follow-up"), done=_("The follow-up was recorded."),
        save=lambda d: services.follow_up_record(actor=request.user, case=case, request=request, **d),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    if not can_close_case(request.user, case):
        raise PermissionDenied
    if not case.is_open:
        messages.info(request, _("This case is already closed."))
        return redirect("nrm:assistance", case_id=case.pk)
    form = CaseCloseForm(_data(request))
    return _form_page(
        request, case=case, form=form, title=_("Close the case %(code)s") % {"code": case.code},
        done=_("The case was closed. It is read-only until it is reopened."), submit=_("Close the case"),
        save=lambda d: case_close(actor=request.user, case=case, request=request, **d),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def reopen(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    if not can_close_case(request.user, case):
        raise PermissionDenied
    if case.is_open:
        messages.info(request, _("This case is open."))
        return redirect("nrm:assistance", case_id=case.pk)
    return _form_page(
        request, case=case, form=forms.Form(_data(request)),
        title=_("Reopen the case %(code)s") % {"code": case.code},
        done=_("The case was reopened."), submit=_("Reopen the case"),
        save=lambda d: case_reopen(actor=request.user, case=case, request=request),
    )  # fmt: skip
