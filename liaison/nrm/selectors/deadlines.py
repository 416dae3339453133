"""Reads of decisions, periods and permits, and what is overdue or due soon for a user."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from liaison.nrm import ladder
from liaison.nrm.models import (
    Case,
    CaseEvent,
    CasePeriod,
    PeriodStatus,
    ResidencePermit,
    StatusDecision,
)
from liaison.nrm.permissions import can_edit_case, cases_visible_to
from liaison.nrm.services.clocks import event_label
from liaison.nrm.services.decisions import can_reconsider, decision_options

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


def decisions_section(*, case: Case, user: Any, today: datetime.date) -> dict[str, Any]:
    """What the decisions section of the case page shows this user: the history, the periods,
    the permits and the moves open to them (only those)."""
    profile = ladder.profile_for(case.country)
    recorded = set(CaseEvent.objects.filter(case=case).values_list("code", flat=True))
    can_edit = can_edit_case(user, case)
    decisions = [
        (d, ladder.label(profile, d.step), ladder.label(profile, d.previous_step))
        for d in case_decisions(case)
    ]
    return {
        "status_label": ladder.label(profile, case.status),
        "decisions": decisions,
        "periods": list(case_periods(case)),
        "permits": list(case_permits(case)),
        "options": decision_options(user, case),
        "can_reconsider": can_reconsider(user, case),
        "can_edit": can_edit,
        "events": [
            (code, event_label(profile, code))
            for code in ladder.recordable_events(profile)
            if code not in recorded
        ]
        if can_edit
        else [],
        "recorded_events": [
            (e, event_label(profile, e.code))
            for e in CaseEvent.objects.filter(case=case).order_by("occurred_on", "id")
        ],
        "today": today,
    }
