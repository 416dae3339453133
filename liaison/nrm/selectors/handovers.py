"""Reads for consent, handovers, the inbox and the service directory. Each starts from a scoped
queryset of nrm.permissions, so another agency's rows are never reached."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from liaison.directory.models import Agency, Membership, User
from liaison.directory.permissions import active_memberships
from liaison.directory.roles import ROLE_CAPABILITIES, Capability, Scope
from liaison.nrm.models import (
    Case,
    Consent,
    ConsentPurpose,
    ExploitationProfile,
    Handover,
    HandoverKind,
    HandoverStatus,
    Provider,
    TraffickingEvent,
)
from liaison.nrm.permissions import (
    cases_visible_to,
    handovers_received_by,
    pending_handovers_for,
    providers_visible_to,
)

HANDOVER_RELATED = (
    "case",
    "from_agency__parent",
    "to_agency",
    "from_user",
    "to_user",
    "provider",
)


def valid_referral_consent(*, case: Case, agency: Agency) -> Consent | None:
    """The latest consent, given and not withdrawn, to be referred to ``agency``."""
    return (
        Consent.objects.filter(
            case=case,
            purpose=ConsentPurpose.REFERRAL,
            recipient=agency,
            given=True,
            withdrawn_on__isnull=True,
        )
        .order_by("-given_on", "-id")
        .first()
    )


def consents_of_case(*, case: Case) -> QuerySet[Consent]:
    return Consent.objects.filter(case=case).select_related("recipient", "recorded_by")


def handovers_visible_to(user: Any) -> QuerySet[Handover]:
    """Handovers of cases the user reaches (the sending side) and those addressed to them."""
    received = handovers_received_by(user).values("pk")
    sent = Q(case__in=cases_visible_to(user).values("pk"))
    return Handover.objects.filter(sent | Q(pk__in=received)).select_related(*HANDOVER_RELATED)


def handovers_of_case(*, user: Any, case: Case) -> QuerySet[Handover]:
    return handovers_visible_to(user).filter(case=case)


def inbox(*, user: Any, kind: str = "") -> QuerySet[Handover]:
    pending = pending_handovers_for(user).select_related(*HANDOVER_RELATED)
    if kind:
        pending = pending.filter(kind=kind)
    return pending.order_by("created_at", "id")


def inbox_counts(*, user: Any) -> dict[str, int]:
    """Pending handovers per kind, and ``total``: one query."""
    rows = pending_handovers_for(user).order_by().values("kind").annotate(n=Count("id"))
    counts = dict.fromkeys(HandoverKind.values, 0)
    for row in rows:
        counts[row["kind"]] = row["n"]
    counts["total"] = sum(counts[k] for k in HandoverKind.values)
    return counts


def is_recipient(*, user: Any, handover: Handover) -> bool:
    return handovers_received_by(user).filter(pk=handover.pk).exists()


def shared_handover_for(*, user: Any, handover_id: int) -> Handover | None:
    """A handover whose shared sections the user may read: addressed to them, still open."""
    return (
        handovers_received_by(user)
        .filter(
            pk=handover_id,
            status__in=[HandoverStatus.PENDING, HandoverStatus.ACCEPTED],
            kind__in=[HandoverKind.REFERRAL, HandoverKind.TRANSFER],
        )
        .select_related("case__person", "case__agency")
        .first()
    )


def colleagues_for_assignment(*, case: Case) -> QuerySet[User]:
    """Active members of the case's agency whose role lets them work on cases."""
    roles = [r for r, caps in ROLE_CAPABILITIES.items() if Capability.EDIT_CASES in caps]
    member_ids = Membership.objects.filter(
        agency_id=case.agency_id, is_active=True, role__in=roles, user__is_active=True
    ).values("user_id")
    return User.objects.filter(pk__in=member_ids).order_by("username")


def handover_recipients(*, case: Case) -> QuerySet[Agency]:
    """Agencies a case can be referred or transferred to: any other active agency."""
    return Agency.objects.filter(is_active=True).exclude(pk=case.agency_id).order_by("name")


@dataclass(frozen=True)
class ProviderFilter:
    service: str = ""
    country: str = ""
    region: str = ""
    language: str = ""
    children: bool | None = None
    free_places: bool = False
    q: str = ""


def provider_search(*, user: Any, criteria: ProviderFilter) -> QuerySet[Provider]:
    providers = providers_visible_to(user).filter(is_active=True)
    if criteria.service:
        # JSON list membership: a portable filter on SQLite and PostgreSQL alike.
        providers = providers.filter(services__icontains=f'"{criteria.service}"')
    if criteria.country:
        providers = providers.filter(country=criteria.country.upper())
    if criteria.region:
        providers = providers.filter(region__icontains=criteria.region)
    if criteria.language:
        providers = providers.filter(languages__icontains=f'"{criteria.language.lower()}"')
    if criteria.children is not None:
        providers = providers.filter(accepts_children=criteria.children)
    if criteria.free_places:
        providers = providers.filter(Q(places_free__gt=0) | Q(places_free__isnull=True))
    if criteria.q:
        providers = providers.filter(name__icontains=criteria.q)
    return providers.order_by("country", "name", "id")


def providers_for_referral(*, user: Any) -> QuerySet[Provider]:
    return providers_visible_to(user).filter(is_active=True).order_by("name")


def agencies_for_provider(*, user: Any) -> QuerySet[Agency]:
    """Agencies whose directory entries the user keeps: any for a national scope or an admin."""
    if getattr(user, "is_superuser", False) or any(
        m.scope == Scope.NATIONAL
        and Capability.MANAGE_PROVIDERS in ROLE_CAPABILITIES.get(m.role, ())
        for m in active_memberships(user)
    ):
        return Agency.objects.filter(is_active=True).order_by("name")
    ids = {
        m.agency_id
        for m in active_memberships(user)
        if Capability.MANAGE_PROVIDERS in ROLE_CAPABILITIES.get(m.role, ())
    }
    return Agency.objects.filter(pk__in=ids, is_active=True).order_by("name")


def exploitation_section(*, case: Case) -> dict[str, Any]:
    """The case page's exploitation section: the profile and the route, two queries."""
    return {
        "profile": ExploitationProfile.objects.filter(case=case).first(),
        "events": list(TraffickingEvent.objects.filter(case=case)),
    }


def case_handover_rows(*, user: Any, case: Case) -> list[dict[str, Any]]:
    """Handovers of the case with the transitions ``user`` may take on each."""
    from liaison.nrm.services.handovers import handover_actions

    received = set(handovers_received_by(user).filter(case=case).values_list("pk", flat=True))
    rows = []
    for handover in handovers_of_case(user=user, case=case):
        actions = handover_actions(user, handover, recipient=handover.pk in received)
        rows.append({"handover": handover, "actions": actions})
    return rows
