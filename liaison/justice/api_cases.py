"""API operations of the justice app's cases (mounted by liaison/justice/api.py).

The same scoped querysets and services as the pages: a case out of reach is 404.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import LimitOffsetPagination, paginate

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory.models import Agency, User
from liaison.justice import permissions
from liaison.justice.models import (
    Asset,
    CaseAgency,
    CriminalCase,
    Defendant,
    InvestigationTechnique,
    Offence,
    StageChange,
)
from liaison.justice.schemas_cases import (
    AssetIn,
    AssetOut,
    CaseAgencyIn,
    CaseAgencyOut,
    ChargeIn,
    ChargeOut,
    CriminalCaseDetailOut,
    CriminalCaseIn,
    CriminalCaseOut,
    CriminalCasePatch,
    CriminalCaseQuery,
    DefendantDetailOut,
    DefendantIn,
    DefendantOut,
    DefendantPatch,
    LinkedVictimOut,
    OffenceIn,
    OffenceOut,
    StageChangeIn,
    StageChangeOut,
    TechniqueIn,
    TechniqueOut,
    VictimLinkIn,
)
from liaison.justice.selectors import cases as selectors
from liaison.justice.selectors.cases import CaseFilter
from liaison.justice.services import cases as services
from liaison.justice.services import defendants as defendant_services

router = Router()


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _case(request: HttpRequest, criminal_case_id: int) -> CriminalCase:
    return get_object_or_404(
        permissions.criminal_cases_visible_to(_user(request)), pk=criminal_case_id
    )


@router.get("/criminal-cases", response=list[CriminalCaseOut])
@paginate(LimitOffsetPagination)
def list_criminal_cases(request: HttpRequest, filters: Query[CriminalCaseQuery]) -> Any:
    criteria = CaseFilter(
        stage=str(filters.stage or ""), offence=str(filters.offence or ""),
        year=filters.year, agency_id=filters.agency_id,
    )  # fmt: skip
    return selectors.case_search(user=_user(request), criteria=criteria)


@router.get("/criminal-cases/{criminal_case_id}", response=CriminalCaseDetailOut)
def get_criminal_case(request: HttpRequest, criminal_case_id: int) -> CriminalCase:
    criminal_case = selectors.case_for_page(user=_user(request), criminal_case_id=criminal_case_id)
    if criminal_case is None:
        _case(request, criminal_case_id)  # raises the 404
        raise PermissionDenied
    if criminal_case.summary:
        audit_record(
            actor=_user(request), action=AuditAction.VIEW, obj=criminal_case, fields=["summary"],
            purpose="criminal case API", request=request,
        )  # fmt: skip
    return criminal_case


@router.post("/criminal-cases", response={201: CriminalCaseOut})
def create_criminal_case(request: HttpRequest, payload: CriminalCaseIn) -> tuple[int, Any]:
    data = payload.dict()
    agency = (
        permissions.agencies_user_may_open_criminal_cases_for(_user(request))
        .filter(pk=data.pop("lead_agency_id"))
        .first()
    )
    if agency is None:
        raise ValidationError({"lead_agency_id": [_("You cannot open cases for this agency.")]})
    return 201, services.criminal_case_create(
        actor=_user(request), lead_agency=agency, request=request, **data
    )


@router.patch("/criminal-cases/{criminal_case_id}", response=CriminalCaseOut)
def update_criminal_case(
    request: HttpRequest, criminal_case_id: int, payload: CriminalCasePatch
) -> CriminalCase:
    criminal_case = _case(request, criminal_case_id)
    given = payload.dict(exclude_unset=True)
    owner: Any = criminal_case.owner
    if "owner_id" in given:
        owner_id = given.pop("owner_id")
        owner = None if owner_id is None else User.objects.filter(pk=owner_id).first()
        if owner_id is not None and owner is None:
            raise ValidationError({"owner_id": [_("No such user.")]})
    values = {
        "title": criminal_case.title, "summary": criminal_case.summary,
        "is_trafficking": criminal_case.is_trafficking, "is_smuggling": criminal_case.is_smuggling,
    } | {k: v for k, v in given.items() if v is not None}  # fmt: skip
    return services.criminal_case_update(
        actor=_user(request), criminal_case=criminal_case, owner=owner, request=request, **values
    )


@router.post("/criminal-cases/{criminal_case_id}/stages", response={201: StageChangeOut})
def change_criminal_case_stage(
    request: HttpRequest, criminal_case_id: int, payload: StageChangeIn
) -> tuple[int, StageChange]:
    criminal_case = _case(request, criminal_case_id)
    return 201, services.criminal_case_change_stage(
        actor=_user(request), criminal_case=criminal_case, stage=str(payload.stage),
        entered_on=payload.entered_on, note=payload.note, request=request,
    )  # fmt: skip


@router.post("/criminal-cases/{criminal_case_id}/agencies", response={201: CaseAgencyOut})
def add_case_agency(
    request: HttpRequest, criminal_case_id: int, payload: CaseAgencyIn
) -> tuple[int, CaseAgency]:
    criminal_case = _case(request, criminal_case_id)
    agency = Agency.objects.filter(pk=payload.agency_id, is_active=True).first()
    if agency is None:
        raise ValidationError({"agency_id": [_("No such agency.")]})
    return 201, services.case_agency_add(
        actor=_user(request), criminal_case=criminal_case, agency=agency, role=payload.role,
        request=request,
    )  # fmt: skip


@router.post("/criminal-cases/{criminal_case_id}/offences", response={201: OffenceOut})
def add_offence(
    request: HttpRequest, criminal_case_id: int, payload: OffenceIn
) -> tuple[int, Offence]:
    criminal_case = _case(request, criminal_case_id)
    return 201, services.offence_add(
        actor=_user(request), criminal_case=criminal_case,
        offence_type=str(payload.offence_type), legal_provision=payload.legal_provision,
        request=request,
    )  # fmt: skip


@router.post("/criminal-cases/{criminal_case_id}/techniques", response={201: TechniqueOut})
def add_investigation_technique(
    request: HttpRequest, criminal_case_id: int, payload: TechniqueIn
) -> tuple[int, InvestigationTechnique]:
    criminal_case = _case(request, criminal_case_id)
    return 201, services.technique_add(
        actor=_user(request), criminal_case=criminal_case, technique=str(payload.technique),
        note=payload.note, request=request,
    )  # fmt: skip


@router.post("/criminal-cases/{criminal_case_id}/assets", response={201: AssetOut})
def add_asset(request: HttpRequest, criminal_case_id: int, payload: AssetIn) -> tuple[int, Asset]:
    criminal_case = _case(request, criminal_case_id)
    data = payload.dict()
    data["measure"] = str(data["measure"])
    return 201, services.asset_add(
        actor=_user(request), criminal_case=criminal_case, request=request, **data
    )


@router.get("/criminal-cases/{criminal_case_id}/victims", response=list[LinkedVictimOut])
def list_linked_victims(request: HttpRequest, criminal_case_id: int) -> Any:
    """``nrm_case_id`` is given only when the user reaches that NRM case; otherwise the code."""
    criminal_case = _case(request, criminal_case_id)
    return selectors.linked_victims(user=_user(request), criminal_case=criminal_case)


@router.post("/criminal-cases/{criminal_case_id}/victims", response={201: LinkedVictimOut})
def link_victim(request: HttpRequest, criminal_case_id: int, payload: VictimLinkIn) -> Any:
    criminal_case = _case(request, criminal_case_id)
    link = services.victim_link_add(
        actor=_user(request), criminal_case=criminal_case, code=payload.code, request=request
    )
    visible = selectors.linked_victims(user=_user(request), criminal_case=criminal_case)
    return 201, next(v for v in visible if v.link_id == link.pk)


# --- suspects and defendants ---------------------------------------------------------------


def _defendant(request: HttpRequest, defendant_id: int) -> Defendant:
    cases = permissions.criminal_cases_visible_to(_user(request)).values("pk")
    return get_object_or_404(
        Defendant.objects.filter(criminal_case_id__in=cases)
        .select_related("criminal_case")
        .prefetch_related("charges"),
        pk=defendant_id,
    )


def _shown(request: HttpRequest, defendant: Defendant, purpose: str) -> Defendant:
    fields = [f for f in ("name", "birth_date", "sentence") if getattr(defendant, f)]
    audit_record(
        actor=_user(request), action=AuditAction.VIEW, obj=defendant, fields=fields,
        purpose=purpose, request=request,
    )  # fmt: skip
    return defendant


@router.get("/criminal-cases/{criminal_case_id}/defendants", response=list[DefendantOut])
def list_defendants(request: HttpRequest, criminal_case_id: int) -> Any:
    criminal_case = _case(request, criminal_case_id)
    return criminal_case.defendants.prefetch_related("charges")


@router.post("/criminal-cases/{criminal_case_id}/defendants", response={201: DefendantDetailOut})
def create_defendant(
    request: HttpRequest, criminal_case_id: int, payload: DefendantIn
) -> tuple[int, Defendant]:
    criminal_case = _case(request, criminal_case_id)
    data = payload.dict()
    data["sex"] = str(data["sex"])
    data["roles"] = [str(r) for r in data["roles"]]
    defendant = defendant_services.defendant_create(
        actor=_user(request), criminal_case=criminal_case, request=request, **data
    )
    return 201, _shown(request, _defendant(request, defendant.pk), "defendant API")


@router.get("/defendants/{defendant_id}", response=DefendantDetailOut)
def get_defendant(request: HttpRequest, defendant_id: int) -> Defendant:
    return _shown(request, _defendant(request, defendant_id), "defendant API")


@router.patch("/defendants/{defendant_id}", response=DefendantDetailOut)
def update_defendant(request: HttpRequest, defendant_id: int, payload: DefendantPatch) -> Defendant:
    defendant = _defendant(request, defendant_id)
    data = payload.dict(exclude_unset=True)
    # null means "clear" only where the field may be empty; elsewhere it means "unchanged".
    required = {"name", "sex", "citizenship", "roles", "status", "sentence"}
    data = {k: v for k, v in data.items() if v is not None or k not in required}
    if "sex" in data:
        data["sex"] = str(data["sex"])
    if "roles" in data:
        data["roles"] = [str(r) for r in data["roles"]]
    defendant_services.defendant_update(
        actor=_user(request), defendant=defendant, request=request, **data
    )
    return _shown(request, _defendant(request, defendant_id), "defendant API")


@router.put("/defendants/{defendant_id}/charges", response=ChargeOut)
def set_charge(request: HttpRequest, defendant_id: int, payload: ChargeIn) -> Any:
    defendant = _defendant(request, defendant_id)
    offence = defendant.criminal_case.offences.filter(pk=payload.offence_id).first()
    if offence is None:
        raise ValidationError({"offence_id": [_("The offence belongs to another case.")]})
    return defendant_services.charge_set(
        actor=_user(request), defendant=defendant, offence=offence, outcome=payload.outcome,
        decided_on=payload.decided_on, request=request,
    )  # fmt: skip
