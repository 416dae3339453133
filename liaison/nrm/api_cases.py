"""API operations of the NRM's cases (mounted by liaison/nrm/api.py).

The same scoped querysets and services as the pages: another agency's case or person is 404,
and every response carrying identity or narrative is recorded in the access log.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import LimitOffsetPagination, paginate

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory.models import Agency
from liaison.nrm import ladder, permissions
from liaison.nrm.models import Case, IdentityDocument, Person, SavedCaseView, Screening
from liaison.nrm.schemas_cases import (
    CaseDetailOut,
    CaseOpenIn,
    CaseOut,
    CasePatch,
    CaseQuery,
    ChecklistOut,
    ChecklistQuery,
    DocumentIn,
    DocumentOut,
    PersonIn,
    PersonOut,
    PersonPatch,
    PersonSearchIn,
    PersonSearchOut,
    SavedViewIn,
    SavedViewOut,
    ScreeningIn,
    ScreeningOut,
    TimelineOut,
)
from liaison.nrm.selectors import cases as selectors
from liaison.nrm.selectors.cases import CaseFilter
from liaison.nrm.selectors.timeline import case_timeline
from liaison.nrm.services import cases as case_services
from liaison.nrm.services import people
from liaison.nrm.services import screening as screening_services

router = Router()

PERSON_FIELDS = list(people.PERSON_FIELDS)


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _agency(request: HttpRequest, agency_id: int) -> Agency:
    agency = (
        permissions.agencies_user_may_open_cases_for(_user(request)).filter(pk=agency_id).first()
    )
    if agency is None:
        raise ValidationError({"agency_id": [_("You cannot open cases for this agency.")]})
    return agency


def _case(request: HttpRequest, case_id: int) -> Case:
    return get_object_or_404(permissions.cases_visible_to(_user(request)), pk=case_id)


def _person(request: HttpRequest, person_id: int) -> Person:
    return get_object_or_404(permissions.people_visible_to(_user(request)), pk=person_id)


def _audit_view(request: HttpRequest, obj: Any, fields: list[str], purpose: str) -> None:
    audit_record(
        actor=_user(request),
        action=AuditAction.VIEW,
        obj=obj,
        fields=fields,
        purpose=purpose,
        request=request,
    )


# --- people ---------------------------------------------------------------------------------


@router.post("/people/search", response=PersonSearchOut)
def search_people(request: HttpRequest, payload: PersonSearchIn) -> dict[str, Any]:
    user = _user(request)
    criteria = people.SearchCriteria(
        given_names=payload.given_names.strip(),
        family_names=payload.family_names.strip(),
        birth_date=payload.birth_date,
        birth_year=None if payload.birth_date else payload.birth_year,
        citizenship=payload.citizenship or "",
        document_number=payload.document_number.strip(),
    )
    if criteria.is_empty():
        raise ValidationError(_("Give a name or an identity document number."))
    found = people.person_search(actor=user, criteria=criteria, request=request)
    token = people.search_token_issue(
        user=user, criteria=criteria, person_ids=[c.person.pk for c in found]
    )
    return {
        "search_token": token,
        "candidates": [
            {
                "person_id": c.person.pk,
                "person_number": c.number,
                "score": c.score,
                "likelihood": c.likelihood,
                "birth": c.birth,
                "document_match": c.document_match,
                "agencies": [{"id": a.pk, "name": a.name} for a in c.agencies],
                "case_id": c.visible_case.pk if c.visible_case else None,
                "name": c.person.display_name if c.show_name else None,
            }
            for c in found
        ],
    }


@router.post("/people", response={201: CaseOut})
def create_person(request: HttpRequest, payload: PersonIn) -> tuple[int, Case]:
    """Register a person found by no search and open the agency's case for them."""
    data = payload.dict()
    agency = _agency(request, data.pop("agency_id"))
    case = case_services.person_register(
        actor=_user(request),
        agency=agency,
        search_token=data.pop("search_token"),
        flagged_on=data.pop("flagged_on"),
        reasons=data.pop("reasons"),
        documents=[{**d, "kind": str(d["kind"])} for d in data.pop("documents")],
        person_data={k: str(v) if k == "sex" else v for k, v in data.items()},
        request=request,
    )
    return 201, case


@router.get("/people/{person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: int) -> Person:
    person = _person(request, person_id)
    _audit_view(request, person, PERSON_FIELDS, "person (API)")
    return person


@router.patch("/people/{person_id}", response=PersonOut)
def update_person(request: HttpRequest, person_id: int, payload: PersonPatch) -> Person:
    person = _person(request, person_id)
    data = {k: str(v) if k == "sex" else v for k, v in payload.dict(exclude_unset=True).items()}
    if any(data.get(f) is None for f in ("given_names", "family_names", "sex") if f in data):
        raise ValidationError(_("Names and sex cannot be null; send an empty text instead."))
    return people.person_update(actor=_user(request), person=person, request=request, **data)


@router.get("/people/{person_id}/documents", response=list[DocumentOut])
def list_person_documents(request: HttpRequest, person_id: int) -> list[IdentityDocument]:
    person = _person(request, person_id)
    documents = list(person.documents.order_by("pk"))
    _audit_view(request, person, ["documents"], "identity documents (API)")
    return documents


@router.post("/people/{person_id}/documents", response={201: DocumentOut})
def add_person_document(
    request: HttpRequest, person_id: int, payload: DocumentIn
) -> tuple[int, IdentityDocument]:
    person = _person(request, person_id)
    document = people.identity_document_add(
        actor=_user(request),
        person=person,
        kind=str(payload.kind),
        number=payload.number,
        issuing_country=payload.issuing_country,
        request=request,
    )
    return 201, document


# --- cases ----------------------------------------------------------------------------------


@router.post("/cases", response={201: CaseOut})
def open_case(request: HttpRequest, payload: CaseOpenIn) -> tuple[int, Case]:
    user = _user(request)
    agency = _agency(request, payload.agency_id)
    person = None
    if payload.person_id is not None:
        person = case_services.person_from_search(
            actor=user, person_id=payload.person_id, search_token=payload.search_token
        )
        if person is None:
            raise ValidationError(
                {"person_id": [_("Open a case only for a person your latest search found.")]}
            )
    case = case_services.case_open(
        actor=user,
        person=person,
        agency=agency,
        flagged_on=payload.flagged_on,
        anonymous=payload.anonymous,
        reasons=payload.reasons,
        age=payload.age if payload.anonymous else None,
        sex=str(payload.sex),
        citizenship=payload.citizenship or "",
        request=request,
    )
    return 201, case


@router.get("/cases", response=list[CaseOut])
@paginate(LimitOffsetPagination)
def list_cases(request: HttpRequest, filters: Query[CaseQuery]) -> Any:
    criteria = CaseFilter(
        q=filters.q,
        status=filters.status,
        trafficking_status=str(filters.trafficking_status or ""),
        state=filters.state,
        agency=filters.agency_id,
        year=filters.year,
        age_group=filters.age_group,
        citizenship=filters.citizenship,
        overdue=filters.overdue,
        sort=filters.sort,
    )
    return selectors.case_search(user=_user(request), criteria=criteria)


def _case_detail(request: HttpRequest, case: Case) -> Case:
    """The case with the few derived values its detail shape adds (never a name)."""
    if case.summary:
        _audit_view(request, case, ["summary"], "case (API)")
    details = getattr(case, "anonymous_details", None) if case.anonymous else None
    case.status_label = ladder.label(ladder.profile_for(case.country), case.status)  # type: ignore[attr-defined]
    case.anonymous_sex = details.sex if details else None  # type: ignore[attr-defined]
    case.anonymous_citizenship = details.citizenship if details else None  # type: ignore[attr-defined]
    return case


@router.get("/cases/{case_id}", response=CaseDetailOut)
def get_case(request: HttpRequest, case_id: int) -> Case:
    return _case_detail(request, _case(request, case_id))


@router.patch("/cases/{case_id}", response=CaseDetailOut)
def update_case(request: HttpRequest, case_id: int, payload: CasePatch) -> Case:
    case = _case(request, case_id)
    data = payload.dict(exclude_unset=True)
    if "owner_id" in data:
        owner_id = data.pop("owner_id")
        owners = selectors.case_owner_candidates(agency=case.agency)
        data["owner"] = owners.filter(pk=owner_id).first() if owner_id is not None else None
        if owner_id is not None and data["owner"] is None:
            raise ValidationError(
                {"owner_id": [_("This user does not work on this agency's cases.")]}
            )
    if data.get("summary", "") is None:
        data.pop("summary")
    case = case_services.case_update(actor=_user(request), case=case, request=request, **data)
    return _case_detail(request, case)


@router.get("/cases/{case_id}/timeline", response=list[TimelineOut])
def get_case_timeline(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    return [event.as_dict() for event in case_timeline(_case(request, case_id))]


@router.get("/cases/{case_id}/screenings", response=list[ScreeningOut])
@paginate(LimitOffsetPagination)
def list_screenings(request: HttpRequest, case_id: int) -> Any:
    case = _case(request, case_id)
    _audit_view(request, case, ["screenings.answers"], "screenings (API)")
    return selectors.case_screenings(case)


@router.post("/cases/{case_id}/screenings", response={201: ScreeningOut})
def create_screening(
    request: HttpRequest, case_id: int, payload: ScreeningIn
) -> tuple[int, Screening]:
    case = _case(request, case_id)
    checklist = (
        screening_services.checklists_in_use(case.country).filter(pk=payload.checklist_id).first()
    )
    if checklist is None:
        raise ValidationError(
            {"checklist_id": [_("This checklist is not in use in this country.")]}
        )
    screening = screening_services.screening_record(
        actor=_user(request),
        case=case,
        checklist=checklist,
        answers=dict(payload.answers),
        screened_on=payload.screened_on,
        notes=payload.notes,
        request=request,
    )
    return 201, screening


@router.get("/checklists", response=list[ChecklistOut])
def list_checklists(request: HttpRequest, filters: Query[ChecklistQuery]) -> Any:
    country = (filters.country or ladder.home_profile().country).upper()
    return screening_services.checklists_for(country)


# --- saved views ----------------------------------------------------------------------------


@router.get("/saved-views", response=list[SavedViewOut])
@paginate(LimitOffsetPagination)
def list_saved_views(request: HttpRequest) -> Any:
    return selectors.saved_views_of(user=_user(request))


@router.post("/saved-views", response={201: SavedViewOut})
def create_saved_view(request: HttpRequest, payload: SavedViewIn) -> tuple[int, SavedCaseView]:
    view = case_services.saved_view_create(
        actor=_user(request), name=payload.name, query=payload.query, request=request
    )
    return 201, view


@router.delete("/saved-views/{view_id}", response={204: None})
def delete_saved_view(request: HttpRequest, view_id: int) -> tuple[int, None]:
    view = selectors.saved_views_of(user=_user(request)).filter(pk=view_id).first()
    if view is None:
        raise Http404
    case_services.saved_view_delete(actor=_user(request), view=view, request=request)
    return 204, None
