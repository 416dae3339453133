"""Which cases each user reaches, and what they may do in them. Deny by default.

Reach follows the membership that grants ``nrm.view_cases``: scope ``own`` reaches the cases
the user owns, ``agency`` the cases of the agency and its sub-units, ``national`` every case.
An instance administrator or auditor has no case access through their role: administration
and casework are kept apart.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from liaison.directory.models import Agency
from liaison.directory.permissions import memberships_with, with_sub_units
from liaison.directory.roles import Capability, Scope
from liaison.nrm.models import Case, Handover, HandoverStatus, Person, Provider


def _case_reach(user: Any, capability: str) -> Q | None:
    """A filter on Case for the cases ``capability`` reaches, or None for no case at all."""
    memberships = memberships_with(user, capability)
    if not memberships:
        return None
    if any(m.scope == Scope.NATIONAL for m in memberships):
        return Q()
    agency_ids = with_sub_units({m.agency_id for m in memberships if m.scope == Scope.AGENCY})
    own_agencies = {m.agency_id for m in memberships if m.scope == Scope.OWN}
    reach = Q(pk__in=[])
    if agency_ids:
        reach |= Q(agency_id__in=agency_ids)
    if own_agencies:
        reach |= Q(agency_id__in=own_agencies, owner=user)
    return reach


def cases_visible_to(user: Any) -> QuerySet[Case]:
    reach = _case_reach(user, Capability.VIEW_CASES)
    if reach is None:
        return Case.objects.none()
    return Case.objects.filter(reach).select_related("agency", "owner", "person")


def _reaches(user: Any, case: Case, capability: str) -> bool:
    reach = _case_reach(user, capability)
    return reach is not None and Case.objects.filter(reach, pk=case.pk).exists()


def can_edit_case(user: Any, case: Case) -> bool:
    return case.is_open and _reaches(user, case, Capability.EDIT_CASES)


def can_create_case(user: Any, agency: Agency) -> bool:
    return any(
        m.agency_id == agency.pk or m.scope == Scope.NATIONAL
        for m in memberships_with(user, Capability.CREATE_CASES)
    )


def agencies_user_may_open_cases_for(user: Any) -> QuerySet[Agency]:
    memberships = memberships_with(user, Capability.CREATE_CASES)
    return Agency.objects.filter(pk__in={m.agency_id for m in memberships}, is_active=True)


def can_decide_in_case(user: Any, case: Case) -> bool:
    """The capability and the reach; whether this user's role may take a given step is the
    country profile's answer (nrm.services.decisions)."""
    return _reaches(user, case, Capability.DECIDE_STATUS)


def can_handover_case(user: Any, case: Case) -> bool:
    return case.is_open and _reaches(user, case, Capability.HANDOVER_CASES)


def can_override_consent(user: Any, case: Case) -> bool:
    return _reaches(user, case, Capability.OVERRIDE_CONSENT)


def can_close_case(user: Any, case: Case) -> bool:
    return _reaches(user, case, Capability.CLOSE_CASES)


def can_export_case(user: Any, case: Case) -> bool:
    return _reaches(user, case, Capability.EXPORT_CASES)


def handovers_received_by(user: Any) -> QuerySet[Handover]:
    """The inbox: handovers addressed to an agency where the user answers handovers."""
    agency_ids = {m.agency_id for m in memberships_with(user, Capability.HANDOVER_CASES)}
    if not agency_ids:
        return Handover.objects.none()
    return Handover.objects.filter(
        Q(to_agency_id__in=agency_ids) & (Q(to_user__isnull=True) | Q(to_user=user))
    ).select_related("case", "from_agency", "to_agency", "from_user")


def pending_handovers_for(user: Any) -> QuerySet[Handover]:
    return handovers_received_by(user).filter(status=HandoverStatus.PENDING)


def providers_visible_to(user: Any) -> QuerySet[Provider]:
    if not memberships_with(user, Capability.VIEW_PROVIDERS) and not getattr(
        user, "is_superuser", False
    ):
        return Provider.objects.none()
    return Provider.objects.select_related("agency")


def can_manage_provider(user: Any, provider: Provider | None = None) -> bool:
    memberships = memberships_with(user, Capability.MANAGE_PROVIDERS)
    if getattr(user, "is_superuser", False):
        return True
    if provider is None or provider.agency_id is None:
        return bool(memberships)
    return any(m.agency_id == provider.agency_id or m.scope == Scope.NATIONAL for m in memberships)


# --- people (cases area) ----------------------------------------------------------------------


def agencies_with_case_access(user: Any) -> set[int]:
    """Agencies where the user works on cases: an existing case there may show the name."""
    return {m.agency_id for m in memberships_with(user, Capability.VIEW_CASES)}


def people_visible_to(user: Any) -> QuerySet[Person]:
    """People with at least one case the user reaches."""
    return Person.objects.filter(
        pk__in=cases_visible_to(user).filter(person__isnull=False).values("person_id")
    )


def can_edit_person(user: Any, person: Person) -> bool:
    """Editing an identity needs an open case of that person the user may edit."""
    reach = _case_reach(user, Capability.EDIT_CASES)
    return (
        reach is not None
        and Case.objects.filter(reach, person=person, closed_on__isnull=True).exists()
    )
