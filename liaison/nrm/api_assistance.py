"""API operations of the NRM's assistance, closure and exports (mounted by liaison/nrm/api.py).

Same scoped querysets and services as the pages: another agency's case is 404, a closed case
refuses changes (403), invalid data is 422.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory.models import Agency
from liaison.nrm.models import Case
from liaison.nrm.permissions import cases_visible_to
from liaison.nrm.schemas_assistance import (
    CaseAssistanceOut,
    CaseCloseIn,
    CaseClosureOut,
    CaseListExportQuery,
    CaseSummaryIn,
    FollowUpIn,
    NeedsAssessmentIn,
    NeedsAssessmentOut,
    ReturnFollowUpOut,
    ReturnIn,
    ServiceDeliveryIn,
    ServiceDeliveryOut,
    SupportPlanItemCompleteIn,
    SupportPlanItemIn,
    SupportPlanItemOut,
)
from liaison.nrm.selectors.assistance import (
    case_assistance,
    plan_items_of,
    providers_for_services,
)
from liaison.nrm.selectors.cases import CaseFilter
from liaison.nrm.services import assistance as services
from liaison.nrm.services.closure import case_close, case_reopen
from liaison.nrm.services.exports import case_list_xlsx, case_summary_pdf
from liaison.nrm.views.assistance import ASSISTANCE_FIELDS
from liaison.nrm.views.exports import PDF, XLSX, file_response

router = Router()


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _case(request: HttpRequest, case_id: int) -> Case:
    return get_object_or_404(cases_visible_to(_user(request)), pk=case_id)


@router.get("/cases/{case_id}/assistance", response=CaseAssistanceOut)
def get_case_assistance(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = _case(request, case_id)
    data = case_assistance(case)
    audit_record(
        actor=_user(request), action=AuditAction.VIEW, obj=case, fields=ASSISTANCE_FIELDS,
        purpose="assistance (API)", request=request,
    )  # fmt: skip
    return {
        "case_id": case.pk,
        "needs": data.needs,
        "plan": data.plan,
        "services": data.services,
        "returns": data.returns,
    }


@router.post("/cases/{case_id}/needs", response={201: NeedsAssessmentOut})
def add_needs_assessment(request: HttpRequest, case_id: int, payload: NeedsAssessmentIn) -> Any:
    case = _case(request, case_id)
    data = payload.dict()
    data["needs"] = [str(v) for v in data["needs"]]
    return 201, services.needs_assessment_add(
        actor=_user(request), case=case, request=request, **data
    )


@router.post("/cases/{case_id}/plan", response={201: SupportPlanItemOut})
def add_support_plan_item(request: HttpRequest, case_id: int, payload: SupportPlanItemIn) -> Any:
    case = _case(request, case_id)
    data = {**payload.dict(), "support_type": str(payload.support_type)}
    return 201, services.support_plan_item_add(
        actor=_user(request), case=case, request=request, **data
    )


@router.post("/cases/{case_id}/plan/complete", response=SupportPlanItemOut)
def complete_support_plan_item(
    request: HttpRequest, case_id: int, payload: SupportPlanItemCompleteIn
) -> Any:
    """Mark a support of the plan as ended; an item of another case is refused (422)."""
    case = _case(request, case_id)
    item = plan_items_of(case).filter(pk=payload.item_id).first()
    if item is None:
        raise ValidationError({"item_id": [_("This case has no support with this id.")]})
    return services.support_plan_item_complete(
        actor=_user(request), item=item, actual_end=payload.actual_end, request=request
    )


@router.post("/cases/{case_id}/services", response={201: ServiceDeliveryOut})
def add_service_delivery(request: HttpRequest, case_id: int, payload: ServiceDeliveryIn) -> Any:
    case = _case(request, case_id)
    data = payload.dict()
    provider_id = data.pop("provider_id")
    provider = None
    if provider_id is not None:
        provider = providers_for_services(_user(request)).filter(pk=provider_id).first()
        if provider is None:
            raise ValidationError({"provider_id": [_("There is no active provider with this id.")]})
    data["support_type"], data["service"] = str(data["support_type"]), str(data["service"])
    return 201, services.service_delivery_add(
        actor=_user(request),
        case=case,
        provider=provider,
        request=request,
        **data,
    )


@router.post("/cases/{case_id}/returns", response={201: ReturnFollowUpOut})
def add_return(request: HttpRequest, case_id: int, payload: ReturnIn) -> Any:
    case = _case(request, case_id)
    data = payload.dict()
    partner_id = data.pop("partner_id")
    partner = None
    if partner_id is not None:
        partner = Agency.objects.filter(pk=partner_id, is_active=True).first()
        if partner is None:
            raise ValidationError({"partner_id": [_("There is no active agency with this id.")]})
    return 201, services.return_record(
        actor=_user(request), case=case, partner=partner, request=request, **data
    )


@router.post("/cases/{case_id}/follow-ups", response={201: ReturnFollowUpOut})
def add_follow_up(request: HttpRequest, case_id: int, payload: FollowUpIn) -> Any:
    case = _case(request, case_id)
    return 201, services.follow_up_record(
        actor=_user(request), case=case, request=request, **payload.dict()
    )


@router.post("/cases/{case_id}/close", response=CaseClosureOut)
def close_case(request: HttpRequest, case_id: int, payload: CaseCloseIn) -> Any:
    case = _case(request, case_id)
    data = {**payload.dict(), "reason": str(payload.reason)}
    return case_close(actor=_user(request), case=case, request=request, **data)


@router.post("/cases/{case_id}/reopen", response=CaseClosureOut)
def reopen_case(request: HttpRequest, case_id: int) -> Any:
    case = _case(request, case_id)
    return case_reopen(actor=_user(request), case=case, request=request)


@router.post("/cases/{case_id}/summary.pdf", response={200: bytes})
def export_case_summary_pdf(
    request: HttpRequest, case_id: int, payload: CaseSummaryIn
) -> HttpResponse:
    """The case summary as a PDF file (``application/pdf``) with the chosen sections."""
    case = _case(request, case_id)
    content = case_summary_pdf(
        actor=_user(request),
        case=case,
        sections=payload.sections,
        language=payload.language,
        request=request,
    )
    return file_response(content, PDF, f"{case.code}-summary.pdf")


@router.get("/exports/cases.xlsx", response={200: bytes})
def export_case_list_xlsx(
    request: HttpRequest, filters: Query[CaseListExportQuery]
) -> HttpResponse:
    """The cases in the caller's reach as an XLSX sheet: codes, never names."""
    criteria = CaseFilter(
        **{**filters.dict(), "trafficking_status": str(filters.trafficking_status)}
    )
    content = case_list_xlsx(actor=_user(request), criteria=criteria, request=request)
    return file_response(content, XLSX, f"cases-{timezone.localdate().isoformat()}.xlsx")
