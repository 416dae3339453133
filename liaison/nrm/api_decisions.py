"""API operations of the NRM's status decisions, clocks and residence permits (mounted by
liaison/nrm/api.py).

Same scoped querysets and services as the pages: another agency's case is 404, a refused step
or a bad date is 422 with the reason, a case out of reach for changes is 403.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import LimitOffsetPagination, paginate

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory.models import Agency
from liaison.nrm.models import Case, CasePeriod, ResidencePermit, StatusDecision
from liaison.nrm.permissions import cases_visible_to
from liaison.nrm.schemas_decisions import (
    DecisionIn,
    DecisionOptionsOut,
    DecisionOut,
    DueItemsOut,
    EventIn,
    EventOut,
    PeriodEndIn,
    PeriodExtendIn,
    PeriodOut,
    PermitGrantIn,
    PermitIn,
    PermitOut,
    PermitRenewIn,
    ReconsiderationIn,
)
from liaison.nrm.selectors.deadlines import (
    case_decisions,
    case_periods,
    case_permits,
    due_items_for,
)
from liaison.nrm.services import clocks, permits
from liaison.nrm.services.decisions import (
    can_reconsider,
    decision_options,
    status_decide,
    status_reconsider,
)
from liaison.nrm.views.decisions import REASONS_FIELDS

router = Router()


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _case(request: HttpRequest, case_id: int) -> Case:
    return get_object_or_404(cases_visible_to(_user(request)), pk=case_id)


def _agency(agency_id: int | None) -> Agency | None:
    if agency_id is None:
        return None
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        raise ValidationError({"agency_id": [_("There is no agency with this id.")]})
    return agency


def _decision(d: StatusDecision) -> dict[str, Any]:
    return {
        "id": d.pk,
        "case_id": d.case_id,
        "step": d.step,
        "previous_step": d.previous_step,
        "is_reconsideration": d.is_reconsideration,
        "decided_on": d.decided_on,
        "decided_by": d.decided_by.get_username(),
        "deciding_agency_id": d.deciding_agency_id,
        "deciding_agency": str(d.deciding_agency),
        "decision_org": d.decision_org,
        "reasons": d.reasons,
    }


def _period(p: CasePeriod) -> dict[str, Any]:
    return {
        "id": p.pk,
        "case_id": p.case_id,
        "case_code": p.case.code,
        "code": p.code,
        "label": p.label,
        "unit": p.unit,
        "starts_on": p.starts_on,
        "due_on": p.due_on,
        "latest_on": p.latest_on,
        "status": p.status,
        "ended_on": p.ended_on,
        "note": p.note,
        "overdue": p.status == "running" and p.due_on < timezone.localdate(),
    }


@router.get("/cases/{case_id}/decisions", response=list[DecisionOut])
@paginate(LimitOffsetPagination)
def list_case_decisions(request: HttpRequest, case_id: int) -> Any:
    case = _case(request, case_id)
    audit_record(
        actor=_user(request), action=AuditAction.VIEW, obj=case, fields=REASONS_FIELDS,
        purpose="status decisions (API)", request=request,
    )  # fmt: skip
    return [_decision(d) for d in case_decisions(case)]


@router.get("/cases/{case_id}/decision-options", response=DecisionOptionsOut)
def list_decision_options(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = _case(request, case_id)
    options = decision_options(_user(request), case)
    return {
        "case_id": case.pk,
        "status": case.status,
        "options": [
            {"step": o.code, "label": o.label, "agency_ids": [a.pk for a in o.agencies]}
            for o in options
        ],
        "can_reconsider": can_reconsider(_user(request), case),
    }


@router.post("/cases/{case_id}/decisions", response={201: DecisionOut})
def decide_case_status(request: HttpRequest, case_id: int, payload: DecisionIn) -> Any:
    case = _case(request, case_id)
    decision = status_decide(
        actor=_user(request),
        case=case,
        step=payload.step,
        decided_on=payload.decided_on,
        reasons=payload.reasons,
        agency=_agency(payload.agency_id),
        request=request,
    )
    return 201, _decision(decision)


@router.post("/cases/{case_id}/decisions/reconsider", response={201: DecisionOut})
def reconsider_case_status(request: HttpRequest, case_id: int, payload: ReconsiderationIn) -> Any:
    case = _case(request, case_id)
    decision = status_reconsider(
        actor=_user(request),
        case=case,
        decided_on=payload.decided_on,
        reasons=payload.reasons,
        agency=_agency(payload.agency_id),
        request=request,
    )
    return 201, _decision(decision)


@router.post("/cases/{case_id}/events", response={201: EventOut})
def record_case_event(request: HttpRequest, case_id: int, payload: EventIn) -> Any:
    case = _case(request, case_id)
    event, started = clocks.case_event_record(
        actor=_user(request), case=case, code=payload.code, occurred_on=payload.occurred_on,
        request=request,
    )  # fmt: skip
    return 201, {
        "id": event.pk,
        "case_id": case.pk,
        "code": event.code,
        "occurred_on": event.occurred_on,
        "periods_started": [_period(p) for p in started],
    }


@router.get("/cases/{case_id}/periods", response=list[PeriodOut])
@paginate(LimitOffsetPagination)
def list_case_periods(request: HttpRequest, case_id: int) -> Any:
    case = _case(request, case_id)
    return [_period(p) for p in case_periods(case).select_related("case")]


def _case_period(request: HttpRequest, case_id: int, period_id: int) -> CasePeriod:
    case = _case(request, case_id)
    return get_object_or_404(
        CasePeriod.objects.filter(case=case).select_related("case"), pk=period_id
    )


@router.post("/cases/{case_id}/periods/{period_id}/extend", response=PeriodOut)
def extend_case_period(
    request: HttpRequest, case_id: int, period_id: int, payload: PeriodExtendIn
) -> Any:
    period = _case_period(request, case_id, period_id)
    return _period(
        clocks.period_extend(actor=_user(request), period=period, request=request, **payload.dict())
    )


@router.post("/cases/{case_id}/periods/{period_id}/end", response=PeriodOut)
def end_case_period(
    request: HttpRequest, case_id: int, period_id: int, payload: PeriodEndIn
) -> Any:
    period = _case_period(request, case_id, period_id)
    return _period(
        clocks.period_end(actor=_user(request), period=period, request=request, **payload.dict())
    )


@router.get("/cases/{case_id}/residence-permits", response=list[PermitOut])
@paginate(LimitOffsetPagination)
def list_residence_permits(request: HttpRequest, case_id: int) -> Any:
    return case_permits(_case(request, case_id))


@router.post("/cases/{case_id}/residence-permits", response={201: PermitOut})
def request_residence_permit(request: HttpRequest, case_id: int, payload: PermitIn) -> Any:
    case = _case(request, case_id)
    permit = permits.permit_request(
        actor=_user(request), case=case, route=payload.route, requested_on=payload.requested_on,
        request=request,
    )  # fmt: skip
    return 201, permit


def _case_permit(request: HttpRequest, case_id: int, permit_id: int) -> ResidencePermit:
    case = _case(request, case_id)
    return get_object_or_404(
        ResidencePermit.objects.filter(case=case).select_related("case"), pk=permit_id
    )


@router.post("/cases/{case_id}/residence-permits/{permit_id}/grant", response=PermitOut)
def grant_residence_permit(
    request: HttpRequest, case_id: int, permit_id: int, payload: PermitGrantIn
) -> Any:
    permit = _case_permit(request, case_id, permit_id)
    return permits.permit_grant(
        actor=_user(request), permit=permit, granted_on=payload.granted_on, request=request
    )


@router.post("/cases/{case_id}/residence-permits/{permit_id}/refuse", response=PermitOut)
def refuse_residence_permit(request: HttpRequest, case_id: int, permit_id: int) -> Any:
    permit = _case_permit(request, case_id, permit_id)
    return permits.permit_refuse(actor=_user(request), permit=permit, request=request)


@router.post("/cases/{case_id}/residence-permits/{permit_id}/renew", response=PermitOut)
def renew_residence_permit(
    request: HttpRequest, case_id: int, permit_id: int, payload: PermitRenewIn
) -> Any:
    permit = _case_permit(request, case_id, permit_id)
    return permits.permit_renew(
        actor=_user(request), permit=permit, renewed_on=payload.renewed_on, request=request
    )


@router.get("/due-items", response=DueItemsOut)
def list_due_items(request: HttpRequest) -> dict[str, Any]:
    items = due_items_for(_user(request), timezone.localdate())
    return {
        "today": items.today,
        "overdue": [_period(p) for p in items.overdue],
        "due_soon": [_period(p) for p in items.due_soon],
    }
