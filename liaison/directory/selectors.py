"""Reads of the directory that filter, search or join. Every one starts from a scoped queryset."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from liaison.directory.models import Agency, CountryProfile, Membership, User
from liaison.directory.permissions import (
    active_memberships,
    agencies_visible_to,
    agencies_with_members_visible_to,
    country_profiles_visible_to,
    memberships_visible_to,
    users_visible_to,
)
from liaison.directory.roles import ROLE_CAPABILITIES, Capability


@dataclass(frozen=True)
class AgencyFilter:
    q: str = ""
    country: str = ""
    agency_type: str = ""
    national_role: str | None = None


def agency_search(*, user: Any, criteria: AgencyFilter) -> QuerySet[Agency]:
    """The agencies ``user`` sees that match every given criterion, by country then name."""
    agencies = agencies_visible_to(user)
    if criteria.q:
        agencies = agencies.filter(
            Q(name__icontains=criteria.q) | Q(short_name__icontains=criteria.q)
        )
    if criteria.country:
        agencies = agencies.filter(country=criteria.country.upper())
    if criteria.agency_type:
        agencies = agencies.filter(agency_type=criteria.agency_type)
    if criteria.national_role is not None:
        agencies = agencies.filter(national_role=criteria.national_role)
    return agencies.order_by("country", "name")


def agency_subunits(*, user: Any, agency: Agency) -> QuerySet[Agency]:
    return agencies_visible_to(user).filter(parent=agency).order_by("name")


def agency_descendant_ids(agency: Agency) -> set[int]:
    """Ids of every agency below ``agency``: one query, the tree walked in memory."""
    children: dict[int, list[int]] = {}
    for pk, parent_id in Agency.objects.filter(parent__isnull=False).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    stack = list(children.get(agency.pk, []))
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, []))
    return found


def parent_candidates(*, user: Any, agency: Agency | None = None) -> QuerySet[Agency]:
    """Agencies ``agency`` may sit under: visible to the user and not itself or below itself."""
    candidates = agencies_visible_to(user).order_by("country", "name")
    if agency is not None and agency.pk is not None:
        candidates = candidates.exclude(pk__in={agency.pk, *agency_descendant_ids(agency)})
    return candidates


def own_agencies_with_members(user: Any) -> list[Agency]:
    """The agencies in which the user holds a role that shows members, in name order."""
    own = {
        m.agency_id
        for m in active_memberships(user)
        if Capability.VIEW_MEMBERS in ROLE_CAPABILITIES.get(m.role, frozenset())
    }
    visible = agencies_with_members_visible_to(user)
    if own:
        visible = visible.filter(pk__in=own)
    return list(visible.order_by("name"))


def agency_members(*, user: Any, agency: Agency) -> QuerySet[Membership]:
    return memberships_visible_to(user, agency)


def member_other_roles(*, user: Any, membership: Membership) -> QuerySet[Membership]:
    """The member's other roles in the same agency."""
    return (
        memberships_visible_to(user, membership.agency)
        .filter(user=membership.user)
        .exclude(pk=membership.pk)
    )


def user_search(*, user: Any, q: str = "") -> QuerySet[User]:
    """Every account ``user`` may see, by user name, with its roles loaded in one more query."""
    users = (
        users_visible_to(user)
        .prefetch_related(None)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("agency").order_by(
                    "agency__name", "role"
                ),
            )
        )
    )
    if q:
        users = users.filter(username__icontains=q)
    return users.order_by("username")


def user_memberships(user: Any) -> QuerySet[Membership]:
    """The signed-in user's own roles, active or not."""
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user)
        .select_related("agency")
        .order_by("agency__name", "role")
    )


def country_profiles(*, user: Any) -> QuerySet[CountryProfile]:
    return country_profiles_visible_to(user).order_by("-is_home", "country")
