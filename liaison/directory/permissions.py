"""Who may do what in the directory, and which rows each user sees. Deny by default."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from liaison.directory.models import Agency, ApiToken, CountryProfile, Membership, User
from liaison.directory.roles import (
    NATIONAL_ROLES,
    PERSONAL_DATA_ROLES,
    ROLE_CAPABILITIES,
    Capability,
    Role,
    Scope,
)

_CACHE_ATTR = "_liaison_memberships"


def active_memberships(user: Any) -> list[Membership]:
    """The user's active memberships in active agencies, loaded once per request object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(
                user=user, is_active=True, agency__is_active=True
            ).select_related("agency")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user: Any) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def memberships_with(user: Any, capability: str) -> list[Membership]:
    """The user's active memberships whose role grants ``capability``."""
    return [
        m
        for m in active_memberships(user)
        if capability in ROLE_CAPABILITIES.get(m.role, frozenset())
    ]


def with_sub_units(agency_ids: set[int]) -> set[int]:
    """The agencies and every unit below them through ``parent`` (a regional office of a police)."""
    reached, frontier = set(agency_ids), set(agency_ids)
    while frontier:
        frontier = (
            set(Agency.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
            - reached
        )
        reached |= frontier
    return reached


def user_roles(user: Any) -> set[str]:
    roles = {m.role for m in active_memberships(user)}
    if getattr(user, "is_superuser", False) and user.is_active:
        roles.add(Role.INSTANCE_ADMIN)
    return roles


def _reaches(membership: Membership, agency: Agency) -> bool:
    """A membership reaches its own agency, the agency's sub-units, or every agency when national."""
    if membership.scope == Scope.NATIONAL or membership.role in NATIONAL_ROLES:
        return True
    current: Agency | None = agency
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        if current.pk == membership.agency_id:
            return True
        seen.add(current.pk)
        current = current.parent
    return False


def has_capability(user: Any, capability: str, agency: Agency | None = None) -> bool:
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    for membership in active_memberships(user):
        if capability in ROLE_CAPABILITIES.get(membership.role, frozenset()) and (
            agency is None or _reaches(membership, agency)
        ):
            return True
    return False


def requires_otp(user: Any) -> bool:
    """Whether this user must pass two-factor authentication under the instance's policy."""
    policy = settings.LIAISON_OTP_POLICY
    if policy == "off":
        return False
    if policy == "all":
        return True
    return bool(user_roles(user) & PERSONAL_DATA_ROLES) or bool(getattr(user, "is_staff", False))


def is_verified(user: Any) -> bool:
    """Signed in, and past two-factor authentication if the policy asks for it."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not requires_otp(user):
        return True
    return bool(getattr(user, "is_verified", lambda: False)())


# --- agencies -------------------------------------------------------------------------------


def agencies_visible_to(user: Any) -> QuerySet[Agency]:
    if not has_capability(user, Capability.VIEW_AGENCIES):
        return Agency.objects.none()
    queryset = Agency.objects.select_related("parent")
    if not has_capability(user, Capability.MANAGE_AGENCIES):
        queryset = queryset.filter(is_active=True)
    return queryset


def can_create_agency(user: Any) -> bool:
    return has_capability(user, Capability.MANAGE_AGENCIES)


def can_change_agency(user: Any, agency: Agency) -> bool:
    return has_capability(user, Capability.MANAGE_AGENCIES, agency)


# --- members --------------------------------------------------------------------------------


def agencies_with_members_visible_to(user: Any) -> QuerySet[Agency]:
    """Agencies whose member list the user may open (others answer 404)."""
    visible = [
        a.pk for a in agencies_visible_to(user) if has_capability(user, Capability.VIEW_MEMBERS, a)
    ]
    return Agency.objects.filter(pk__in=visible).select_related("parent")


def memberships_visible_to(user: Any, agency: Agency) -> QuerySet[Membership]:
    if not has_capability(user, Capability.VIEW_MEMBERS, agency):
        return Membership.objects.none()
    return (
        Membership.objects.filter(agency=agency)
        .select_related("user", "agency")
        .order_by("user__username", "role")
    )


def can_manage_members(user: Any, agency: Agency) -> bool:
    return has_capability(user, Capability.MANAGE_MEMBERS, agency)


def roles_assignable_by(user: Any, agency: Agency) -> list[str]:
    """A case manager may give any role but the instance-wide ones; an admin may give all."""
    if has_capability(user, Capability.MANAGE_AGENCIES):
        return list(Role.values)
    if can_manage_members(user, agency):
        return [r for r in Role.values if r not in NATIONAL_ROLES]
    return []


def users_visible_to(user: Any) -> QuerySet[User]:
    if not has_capability(user, Capability.VIEW_USERS):
        return User.objects.none()
    return User.objects.prefetch_related("memberships__agency")


# --- country profile ------------------------------------------------------------------------


def country_profiles_visible_to(user: Any) -> QuerySet[CountryProfile]:
    if not has_capability(user, Capability.VIEW_COUNTRY_PROFILE):
        return CountryProfile.objects.none()
    return CountryProfile.objects.all()


def can_edit_country_profile(user: Any, profile: CountryProfile) -> bool:
    return has_capability(user, Capability.EDIT_COUNTRY_PROFILE)


# --- API tokens -----------------------------------------------------------------------------


def api_tokens_visible_to(user: Any) -> QuerySet[ApiToken]:
    if not getattr(user, "is_authenticated", False):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)


def scopes_assignable_by(user: Any, agency: Agency) -> list[str]:
    """National scope reaches every agency, so only those who manage all agencies may give it."""
    if has_capability(user, Capability.MANAGE_AGENCIES):
        return list(Scope.values)
    if can_manage_members(user, agency):
        return [Scope.OWN, Scope.AGENCY]
    return []
