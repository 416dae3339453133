"""The timeline of a case: every event from every table, in one list sorted by date.

One query per table, whatever the number of events. Entries carry labels and dates only —
no reasons, notes or names — so the timeline itself shows no personal data; each section of
the case page shows the details (and records that it did).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.directory.models import CountryProfile
from liaison.nrm import ladder
from liaison.nrm.models import Case, CaseEvent, SupportPlanItem
from liaison.nrm.services.clocks import event_label


@dataclass(frozen=True)
class TimelineEvent:
    on: datetime.date
    kind: (
        str  # decision, period, screening, consent, handover, needs, plan, service, return, closure
    )
    title: str
    detail: str = ""
    by: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "on": self.on,
            "kind": self.kind,
            "title": self.title,
            "detail": self.detail,
            "by": self.by,
        }


def _day(value: datetime.datetime | datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _username(user: Any) -> str:
    return user.get_username() if user is not None else ""


def case_timeline(case: Case, profile: CountryProfile | None = None) -> list[TimelineEvent]:
    profile = profile or ladder.profile_for(case.country)
    events: list[TimelineEvent] = []
    add = events.append
    for d in case.decisions.select_related("decided_by", "deciding_agency").defer("reasons"):
        add(
            TimelineEvent(
                d.decided_on,
                "decision",
                _("Reconsidered: %(step)s") % {"step": ladder.label(profile, d.step)}
                if d.is_reconsideration
                else _("Status: %(step)s") % {"step": ladder.label(profile, d.step)},
                str(d.deciding_agency),
                _username(d.decided_by),
            )
        )
    for e in CaseEvent.objects.filter(case=case).select_related("recorded_by"):
        add(
            TimelineEvent(
                e.occurred_on, "event", event_label(profile, e.code), by=_username(e.recorded_by)
            )
        )
    for p in case.periods.all():
        add(TimelineEvent(p.starts_on, "period", _("Started: %(label)s") % {"label": p.label}))
        if p.ended_on:
            add(
                TimelineEvent(
                    p.ended_on,
                    "period",
                    _("Ended: %(label)s") % {"label": p.label},
                    p.get_status_display(),
                )
            )
    for s in case.screenings.select_related("checklist", "screened_by").defer("notes"):
        add(
            TimelineEvent(
                s.screened_on,
                "screening",
                _("Screening: %(checklist)s") % {"checklist": s.checklist.get_kind_display()},
                s.get_suggestion_display(),
                _username(s.screened_by),
            )
        )
    for c in case.consents.select_related("recipient").defer("guardian_name"):
        purpose = c.get_purpose_display()
        title = (
            _("Consent given: %(purpose)s") if c.given else _("Consent refused: %(purpose)s")
        ) % {"purpose": purpose}
        add(TimelineEvent(c.given_on, "consent", title, str(c.recipient or "")))
        if c.withdrawn_on:
            add(
                TimelineEvent(
                    c.withdrawn_on,
                    "consent",
                    _("Consent withdrawn: %(purpose)s") % {"purpose": purpose},
                )
            )
    handovers = case.handovers.select_related("from_agency", "to_agency", "from_user").defer(
        "override_reason", "reason", "response_note"
    )
    for h in handovers:
        route = f"{h.from_agency} → {h.to_agency}"
        add(
            TimelineEvent(
                _day(h.created_at),
                "handover",
                _("%(kind)s sent") % {"kind": h.get_kind_display()},
                route,
                _username(h.from_user),
            )
        )
        if h.responded_at:
            add(
                TimelineEvent(
                    _day(h.responded_at),
                    "handover",
                    _("%(kind)s answered: %(status)s")
                    % {"kind": h.get_kind_display(), "status": h.get_status_display()},
                    route,
                )
            )
        if h.done_at:
            add(
                TimelineEvent(
                    _day(h.done_at),
                    "handover",
                    _("%(kind)s done") % {"kind": h.get_kind_display()},
                    route,
                )
            )
    for n in case.needs_assessments.defer("notes"):
        add(TimelineEvent(n.assessed_on, "needs", _("Needs assessed"), n.get_risk_level_display()))
    plan: list[SupportPlanItem] = list(case.support_plan.defer("objective"))
    for item in plan:
        support = item.get_support_type_display()
        add(
            TimelineEvent(
                _day(item.created_at),
                "plan",
                _("Support planned: %(support)s") % {"support": support},
            )
        )
        if item.actual_end:
            add(
                TimelineEvent(
                    item.actual_end,
                    "plan",
                    _("Support completed: %(support)s") % {"support": support},
                )
            )
    for delivery in case.services_delivered.select_related("provider").defer("notes"):
        support = delivery.get_support_type_display()
        provider = str(delivery.provider or "")
        add(
            TimelineEvent(
                delivery.started_on,
                "service",
                _("Service started: %(support)s") % {"support": support},
                provider,
            )
        )
        if delivery.ended_on:
            add(
                TimelineEvent(
                    delivery.ended_on,
                    "service",
                    _("Service ended: %(support)s") % {"support": support},
                    provider,
                )
            )
    for r in case.returns.select_related("partner").defer("notes"):
        add(TimelineEvent(r.happened_on, "return", r.get_kind_display(), r.country))
    if case.closed_on:
        add(
            TimelineEvent(
                case.closed_on, "closure", _("Case closed"), case.get_closure_reason_display()
            )
        )
    order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    events.sort(key=lambda e: (e.on, order.get(e.kind, 99)))
    return events


# Within one day: the decision that opened the case first, the closure last.
KIND_ORDER = (
    "decision",
    "event",
    "screening",
    "consent",
    "handover",
    "period",
    "needs",
    "plan",
    "service",
    "return",
    "closure",
)
