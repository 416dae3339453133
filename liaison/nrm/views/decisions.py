"""Pages of status decisions, clocks and residence permits of a case, and the due list.

Every case comes from ``cases_visible_to`` (another agency's case is 404); periods and permits
from that case's own rows. The services check the rest and explain every refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.nrm import ladder
from liaison.nrm.forms import decisions as f
from liaison.nrm.models import Case, CasePeriod, ResidencePermit
from liaison.nrm.permissions import cases_visible_to
from liaison.nrm.selectors.deadlines import due_items_for
from liaison.nrm.services import clocks, permits
from liaison.nrm.services.decisions import decision_options, status_decide, status_reconsider
from liaison.nrm.views.form_page import case_form_page

REASONS_FIELDS = ["status_decision.reasons"]


def _case(request: HttpRequest, case_id: int) -> Case:
    return get_object_or_404(cases_visible_to(request.user), pk=case_id)


def _period(case: Case, period_id: int) -> CasePeriod:
    return get_object_or_404(
        CasePeriod.objects.filter(case=case).select_related("case"), pk=period_id
    )


def _permit(case: Case, permit_id: int) -> ResidencePermit:
    return get_object_or_404(
        ResidencePermit.objects.filter(case=case).select_related("case"), pk=permit_id
    )


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
    intro: str = "",
) -> HttpResponse:
    return case_form_page(
        request, case=case, form=form, save=save, done=done, back="nrm:decisions",
        template="nrm/decisions/form.html", context={"title": title, "intro": intro},
    )  # fmt: skip


@require_GET
def decisions(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=case,
        fields=REASONS_FIELDS,
        purpose="status decisions",
        request=request,
    )
    return render(request, "nrm/decisions/overview.html", {"case": case})


@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    options = decision_options(request.user, case)
    if not options:
        messages.error(request, _("There is no decision you may take in this case now."))
        return redirect("nrm:decisions", case_id=case.pk)
    form = f.DecisionForm(
        _data(request), options=options, initial={"step": request.GET.get("step")}
    )
    return _form_page(
        request,
        case=case,
        form=form,
        title=_("Status decision"),
        save=lambda d: status_decide(actor=request.user, case=case, request=request, **d),
        done=_("The decision was recorded."),
        intro=_("Current status: %(status)s.")
        % {"status": ladder.label(ladder.profile_for(case.country), case.status)},
    )


@require_http_methods(["GET", "POST"])
def reconsider(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    return _form_page(
        request,
        case=case,
        form=f.ReconsiderForm(_data(request)),
        title=_("Reconsider the decision"),
        save=lambda d: status_reconsider(actor=request.user, case=case, request=request, **d),
        done=_("The decision is reopened: the case is back at the step before it."),
        intro=_("The case returns to the step before its final decision and is decided again."),
    )


@require_http_methods(["GET", "POST"])
def event_record(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    profile = ladder.profile_for(case.country)
    events = [(c, clocks.event_label(profile, c)) for c in ladder.recordable_events(profile)]
    return _form_page(
        request,
        case=case,
        form=f.EventForm(_data(request), events=events),
        title=_("Record an event that starts a period"),
        save=lambda d: clocks.case_event_record(
            actor=request.user, case=case, request=request, **d
        ),
        done=_("The event was recorded."),
    )


@require_http_methods(["GET", "POST"])
def period_extend(request: HttpRequest, case_id: int, period_id: int) -> HttpResponse:
    case = _case(request, case_id)
    period = _period(case, period_id)
    return _form_page(
        request,
        case=case,
        form=f.PeriodExtendForm(_data(request), initial={"due_on": period.latest_on}),
        title=_("Extend: %(period)s") % {"period": period.label},
        save=lambda d: clocks.period_extend(
            actor=request.user, period=period, request=request, **d
        ),
        done=_("The period was extended."),
    )


@require_http_methods(["GET", "POST"])
def period_end(request: HttpRequest, case_id: int, period_id: int) -> HttpResponse:
    case = _case(request, case_id)
    period = _period(case, period_id)
    return _form_page(
        request,
        case=case,
        form=f.PeriodEndForm(_data(request)),
        title=_("End: %(period)s") % {"period": period.label},
        save=lambda d: clocks.period_end(actor=request.user, period=period, request=request, **d),
        done=_("The period was ended."),
    )


@require_http_methods(["GET", "POST"])
def permit_request(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    return _form_page(
        request,
        case=case,
        form=f.PermitRequestForm(_data(request)),
        title=_("Residence permit requested"),
        save=lambda d: permits.permit_request(actor=request.user, case=case, request=request, **d),
        done=_("The request was recorded."),
    )


@require_http_methods(["GET", "POST"])
def permit_grant(request: HttpRequest, case_id: int, permit_id: int) -> HttpResponse:
    case = _case(request, case_id)
    permit = _permit(case, permit_id)
    return _form_page(
        request,
        case=case,
        form=f.PermitGrantForm(_data(request)),
        title=_("Residence permit granted"),
        save=lambda d: permits.permit_grant(
            actor=request.user, permit=permit, request=request, **d
        ),
        done=_("The permit was recorded as granted."),
    )


@require_http_methods(["GET", "POST"])
def permit_refuse(request: HttpRequest, case_id: int, permit_id: int) -> HttpResponse:
    case = _case(request, case_id)
    permit = _permit(case, permit_id)
    return _form_page(
        request,
        case=case,
        form=f.PermitRefuseForm(_data(request)),
        title=_("Residence permit refused"),
        save=lambda d: permits.permit_refuse(actor=request.user, permit=permit, request=request),
        done=_("The refusal was recorded."),
    )


@require_http_methods(["GET", "POST"])
def permit_renew(request: HttpRequest, case_id: int, permit_id: int) -> HttpResponse:
    case = _case(request, case_id)
    permit = _permit(case, permit_id)
    return _form_page(
        request,
        case=case,
        form=f.PermitRenewForm(_data(request)),
        title=_("Residence permit renewed"),
        save=lambda d: permits.permit_renew(
            actor=request.user, permit=permit, request=request, **d
        ),
        done=_("The renewal was recorded."),
    )


@require_GET
def due_list(request: HttpRequest) -> HttpResponse:
    items = due_items_for(request.user, timezone.localdate())
    return render(request, "nrm/decisions/due_list.html", {"items": items})
