"""Directory API: the caller, agencies, members, country profiles and the caller's tokens.

``request.auth`` is the signed-in user. Every read starts from the same scoped querysets as the
pages, every write goes through the same services, so an agency the caller may not see is 404.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import LimitOffsetPagination, paginate

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory import selectors, services
from liaison.directory.models import Agency, ApiToken, CountryProfile, Membership
from liaison.directory.permissions import (
    agencies_visible_to,
    agencies_with_members_visible_to,
    api_tokens_visible_to,
    country_profiles_visible_to,
    memberships_visible_to,
)
from liaison.directory.schemas import (
    AgencyIn,
    AgencyOut,
    AgencyPatch,
    AgencyQuery,
    CountryProfileOut,
    MemberIn,
    MemberOut,
    MeOut,
    TokenOut,
)
from liaison.directory.selectors import AgencyFilter

router = Router(tags=["directory"])


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    return {
        "id": user.pk,
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "preferred_language": user.preferred_language,
        "memberships": list(selectors.user_memberships(user)),
    }


@router.get("/agencies", response=list[AgencyOut])
@paginate(LimitOffsetPagination)
def list_agencies(request: HttpRequest, filters: Query[AgencyQuery]) -> Any:
    criteria = AgencyFilter(
        q=filters.q.strip(),
        country=filters.country,
        agency_type=filters.agency_type or "",
        national_role=filters.national_role,
    )
    return selectors.agency_search(user=request.auth, criteria=criteria)  # type: ignore[attr-defined]


@router.get("/agencies/{agency_id}", response=AgencyOut)
def get_agency(request: HttpRequest, agency_id: int) -> Agency:
    return get_object_or_404(agencies_visible_to(request.auth), pk=agency_id)  # type: ignore[attr-defined]


def _with_parent(
    request: HttpRequest, data: dict[str, Any], agency: Agency | None = None
) -> dict[str, Any]:
    """Turns ``parent_id`` into an agency the caller sees and that would not make a loop."""
    if "parent_id" not in data:
        return data
    parent_id = data.pop("parent_id")
    if parent_id is None:
        return {**data, "parent": None}
    candidates = selectors.parent_candidates(user=request.auth, agency=agency)  # type: ignore[attr-defined]
    parent = candidates.filter(pk=parent_id).first()
    if parent is None:
        raise ValidationError(
            {"parent_id": [_("There is no agency with this id that can contain this one.")]}
        )
    return {**data, "parent": parent}


@router.post("/agencies", response={201: AgencyOut})
def create_agency(request: HttpRequest, payload: AgencyIn) -> tuple[int, Agency]:
    data = _with_parent(request, payload.dict())
    return 201, services.agency_create(actor=request.auth, request=request, **data)  # type: ignore[attr-defined]


@router.patch("/agencies/{agency_id}", response=AgencyOut)
def update_agency(request: HttpRequest, agency_id: int, payload: AgencyPatch) -> Agency:
    agency = get_object_or_404(agencies_visible_to(request.auth), pk=agency_id)  # type: ignore[attr-defined]
    data = _with_parent(request, payload.dict(exclude_unset=True), agency)
    return services.agency_update(actor=request.auth, agency=agency, request=request, **data)  # type: ignore[attr-defined]


@router.get("/agencies/{agency_id}/members", response=list[MemberOut])
@paginate(LimitOffsetPagination)
def list_members(request: HttpRequest, agency_id: int) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    agency = get_object_or_404(agencies_with_members_visible_to(user), pk=agency_id)
    audit_record(
        actor=user,
        action=AuditAction.VIEW,
        obj=agency,
        fields=["full_name", "email"],
        purpose="member list (API)",
        request=request,
    )
    return memberships_visible_to(user, agency)


@router.post("/agencies/{agency_id}/members", response={201: MemberOut})
def create_member(
    request: HttpRequest, agency_id: int, payload: MemberIn
) -> tuple[int, Membership]:
    user = request.auth  # type: ignore[attr-defined]
    agency = get_object_or_404(agencies_with_members_visible_to(user), pk=agency_id)
    membership = services.member_create(
        actor=user, agency=agency, request=request, **payload.dict()
    )
    services.user_invite(actor=user, user=membership.user, request=request)
    return 201, membership


@router.get("/country-profiles", response=list[CountryProfileOut])
@paginate(LimitOffsetPagination)
def list_country_profiles(request: HttpRequest) -> Any:
    return selectors.country_profiles(user=request.auth)  # type: ignore[attr-defined]


@router.get("/country-profiles/{profile_id}", response=CountryProfileOut)
def get_country_profile(request: HttpRequest, profile_id: int) -> CountryProfile:
    return get_object_or_404(country_profiles_visible_to(request.auth), pk=profile_id)  # type: ignore[attr-defined]


@router.get("/tokens", response=list[TokenOut])
@paginate(LimitOffsetPagination)
def list_tokens(request: HttpRequest) -> Any:
    return api_tokens_visible_to(request.auth)  # type: ignore[attr-defined]


@router.post("/tokens/{token_id}/revoke", response=TokenOut)
def revoke_token(request: HttpRequest, token_id: int) -> ApiToken:
    token = get_object_or_404(api_tokens_visible_to(request.auth), pk=token_id)  # type: ignore[attr-defined]
    return services.api_token_revoke(actor=request.auth, token=token, request=request)  # type: ignore[attr-defined]
