"""Which criminal cases each user reaches, and what they may do in them. Deny by default.

A case is reached through a membership holding the capability: scope ``national`` reaches every
case; ``agency`` the cases led by, or involving, the agency and its sub-units; ``own`` the cases
the user is responsible for.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from liaison.directory.models import Agency
from liaison.directory.permissions import memberships_with, with_sub_units
from liaison.directory.roles import Capability, Scope
from liaison.justice.models import CooperationRequest, CriminalCase, Entity


def _reach(user: Any, capability: str) -> Q | None:
    """A filter on CriminalCase for what ``capability`` reaches, or None for nothing."""
    memberships = memberships_with(user, capability)
    if not memberships:
        return None
    if any(m.scope == Scope.NATIONAL for m in memberships):
        return Q()
    agencies = with_sub_units({m.agency_id for m in memberships if m.scope == Scope.AGENCY})
    own = {m.agency_id for m in memberships if m.scope == Scope.OWN}
    reach = Q(pk__in=[])
    if agencies:
        reach |= Q(lead_agency_id__in=agencies) | Q(agencies__agency_id__in=agencies)
    if own:
        reach |= Q(lead_agency_id__in=own, owner=user)
    return reach


def criminal_cases_visible_to(user: Any) -> QuerySet[CriminalCase]:
    reach = _reach(user, Capability.VIEW_CRIMINAL_CASES)
    if reach is None:
        return CriminalCase.objects.none()
    ids = CriminalCase.objects.filter(reach).values("pk")
    return CriminalCase.objects.filter(pk__in=ids).select_related("lead_agency", "owner")


def can_edit_criminal_case(user: Any, criminal_case: CriminalCase) -> bool:
    reach = _reach(user, Capability.EDIT_CRIMINAL_CASES)
    return reach is not None and CriminalCase.objects.filter(reach, pk=criminal_case.pk).exists()


def agencies_user_may_open_criminal_cases_for(user: Any) -> QuerySet[Agency]:
    memberships = memberships_with(user, Capability.EDIT_CRIMINAL_CASES)
    return Agency.objects.filter(pk__in={m.agency_id for m in memberships}, is_active=True)


def cooperation_requests_visible_to(user: Any) -> QuerySet[CooperationRequest]:
    """Requests of the user's agencies (and sub-units), or of cases the user reaches."""
    memberships = memberships_with(user, Capability.COOPERATION)
    if not memberships:
        return CooperationRequest.objects.none()
    queryset = CooperationRequest.objects.select_related("agency", "criminal_case", "other_agency")
    if any(m.scope == Scope.NATIONAL for m in memberships):
        return queryset
    agencies = with_sub_units({m.agency_id for m in memberships})
    cases = criminal_cases_visible_to(user).values("pk")
    return queryset.filter(Q(agency_id__in=agencies) | Q(criminal_case_id__in=cases))


def network_entities_visible_to(user: Any) -> QuerySet[Entity]:
    """Only entities of cases the user reaches: a linked entity of another case is never revealed."""
    reach = _reach(user, Capability.VIEW_NETWORKS)
    if reach is None:
        return Entity.objects.none()
    cases = CriminalCase.objects.filter(reach).values("pk")
    return Entity.objects.filter(criminal_case_id__in=cases)


def network_cases_visible_to(user: Any) -> QuerySet[CriminalCase]:
    """Cases whose network the user may explore (the same reach as their entities)."""
    reach = _reach(user, Capability.VIEW_NETWORKS)
    if reach is None:
        return CriminalCase.objects.none()
    ids = CriminalCase.objects.filter(reach).values("pk")
    return CriminalCase.objects.filter(pk__in=ids).select_related("lead_agency")


def can_edit_network(user: Any, criminal_case: CriminalCase) -> bool:
    """Recording entities and links needs both: the case's network in reach, and editing the case."""
    return network_cases_visible_to(user).filter(
        pk=criminal_case.pk
    ).exists() and can_edit_criminal_case(user, criminal_case)
