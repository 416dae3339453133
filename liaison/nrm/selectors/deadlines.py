"""Reads of decisions, periods and permits, and what is overdue or due soon for a user."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from liaison.nrm.models import Case, CasePeriod, PeriodStatus, ResidencePermit, StatusDecision
from liaison.nrm.permissions import cases_visible_to

DUE_SOON_DAYS = 7


@dataclass
class DueItems:
    today: datetime.date
    overdue: list[CasePeriod] = field(default_factory=list)
    due_soon: list[CasePeriod] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.due_soon)

    def case_codes(self, periods: list[CasePeriod]) -> list[str]:
        return sorted({p.case.code for p in periods})


def running_periods_visible_to(user: Any) -> QuerySet[CasePeriod]:
    return CasePeriod.objects.filter(
        case__in=cases_visible_to(user).filter(closed_on__isnull=True).values("pk"),
        status=PeriodStatus.RUNNING,
    ).select_related("case")


def due_items_for(user: Any, today: datetime.date) -> DueItems:
    """Running periods and decision deadlines of the open cases the user reaches that are
    overdue or due within the next seven days."""
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    items = DueItems(today=today)
    for period in (
        running_periods_visible_to(user)
        .filter(due_on__lte=horizon)
        .order_by("due_on", "case__code", "id")
    ):
        (items.overdue if period.due_on < today else items.due_soon).append(period)
    return items


def case_decisions(case: Case) -> QuerySet[StatusDecision]:
    return case.decisions.select_related("decided_by", "deciding_agency").order_by(
        "decided_on", "id"
    )


def case_periods(case: Case) -> QuerySet[CasePeriod]:
    return case.periods.order_by("-status", "due_on", "id")  # running first


def case_permits(case: Case) -> QuerySet[ResidencePermit]:
    return case.residence_permits.order_by("-requested_on", "-id")
