"""Reads for the case list, the case page and the home page: always from ``cases_visible_to``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from liaison.core.vocabularies import TraffickingStatus
from liaison.directory.models import Agency, User
from liaison.directory.roles import ROLE_CAPABILITIES, Capability
from liaison.nrm.models import Case, CasePeriod, PeriodStatus, SavedCaseView, Screening
from liaison.nrm.permissions import cases_visible_to

SORTS: dict[str, list[str]] = {
    "-flagged": ["-flagged_on", "-id"],
    "flagged": ["flagged_on", "id"],
    "code": ["code"],
    "status": ["status", "-flagged_on", "-id"],
    "-updated": ["-updated_at", "-id"],
}
# Encrypted columns a list never shows: not loaded, so never decrypted.
LIST_DEFERRED = ("summary", "closure_note")


@dataclass(frozen=True)
class CaseFilter:
    q: str = ""
    status: str = ""
    trafficking_status: str = ""
    state: str = ""  # open / closed
    agency: int | None = None
    year: int | None = None
    age_group: str = ""  # child / adult
    citizenship: str = ""
    overdue: bool = False
    sort: str = "-flagged"


def _overdue_periods(today: datetime.date) -> QuerySet[CasePeriod]:
    return CasePeriod.objects.filter(
        case=OuterRef("pk"), status=PeriodStatus.RUNNING, due_on__lt=today
    )


def case_search(*, user: Any, criteria: CaseFilter) -> QuerySet[Case]:
    today = timezone.localdate()
    cases = (
        cases_visible_to(user)
        .select_related(None)
        .select_related("agency", "owner")
        .defer(*LIST_DEFERRED)
        .annotate(has_overdue=Exists(_overdue_periods(today)))
    )
    if criteria.q:
        cases = cases.filter(code__icontains=criteria.q.strip())
    if criteria.status:
        cases = cases.filter(status=criteria.status)
    if criteria.trafficking_status:
        cases = cases.filter(trafficking_status=criteria.trafficking_status)
    if criteria.state == "open":
        cases = cases.filter(closed_on__isnull=True)
    elif criteria.state == "closed":
        cases = cases.filter(closed_on__isnull=False)
    if criteria.agency:
        cases = cases.filter(agency_id=criteria.agency)
    if criteria.year:
        cases = cases.filter(flagged_on__year=criteria.year)
    if criteria.age_group == "child":
        cases = cases.filter(is_child=True)
    elif criteria.age_group == "adult":
        cases = cases.filter(is_child=False)
    if criteria.citizenship:
        code = criteria.citizenship.upper()
        cases = cases.filter(Q(person__citizenship=code) | Q(anonymous_details__citizenship=code))
    if criteria.overdue:
        cases = cases.filter(has_overdue=True)
    return cases.order_by(*SORTS.get(criteria.sort, SORTS["-flagged"]))


def case_agencies(*, user: Any) -> QuerySet[Agency]:
    """The agencies whose cases the user reaches (for the list's agency filter)."""
    return Agency.objects.filter(pk__in=cases_visible_to(user).values("agency_id")).order_by("name")


def case_years(*, user: Any) -> list[int]:
    dates = cases_visible_to(user).dates("flagged_on", "year", order="DESC")
    return [d.year for d in dates]


def case_owner_candidates(*, agency: Agency) -> QuerySet[User]:
    """Colleagues who may own a case of ``agency``: active members whose role works on cases."""
    roles = [r for r, caps in ROLE_CAPABILITIES.items() if Capability.VIEW_CASES in caps]
    return (
        User.objects.filter(
            is_active=True,
            memberships__agency=agency,
            memberships__is_active=True,
            memberships__role__in=roles,
        )
        .distinct()
        .order_by("username")
    )


def saved_views_of(*, user: Any) -> QuerySet[SavedCaseView]:
    return SavedCaseView.objects.filter(user=user).order_by("name")


def case_for_page(*, user: Any, case_id: int) -> Case | None:
    return cases_visible_to(user).select_related("anonymous_details").filter(pk=case_id).first()


def case_screenings(case: Case) -> QuerySet[Screening]:
    return case.screenings.select_related("checklist", "screened_by").defer("notes")


@dataclass(frozen=True)
class HomeCases:
    open_cases: list[Case]
    open_count: int
    unscreened: list[Case]
    unscreened_count: int
    overdue_count: int


HOME_ROWS = 5


def home_cases(*, user: Any) -> HomeCases | None:
    """The user's own open cases and those still waiting for a screening; None without case
    access (the home page then shows nothing about cases)."""
    from liaison.nrm.permissions import agencies_with_case_access

    if not agencies_with_case_access(user):
        return None
    mine = (
        cases_visible_to(user)
        .select_related(None)
        .select_related("agency")
        .defer(*LIST_DEFERRED)
        .filter(owner=user, closed_on__isnull=True)
        .annotate(has_overdue=Exists(_overdue_periods(timezone.localdate())))
        .order_by("-flagged_on", "-id")
    )
    waiting = mine.filter(anonymous=False).exclude(
        Exists(Screening.objects.filter(case=OuterRef("pk")))
    )
    return HomeCases(
        open_cases=list(mine[:HOME_ROWS]),
        open_count=mine.count(),
        unscreened=list(waiting[:HOME_ROWS]),
        unscreened_count=waiting.count(),
        overdue_count=mine.filter(has_overdue=True).count(),
    )


TRAFFICKING_STATUS_LABELS = dict(TraffickingStatus.choices)
