"""Clocks: the deadlines and protected periods the country profile ties to events.

A profile deadline is {code, label, days, max_days?, unit: working|calendar, starts: event}.
When its event happens — a decision to a ladder step, an event a user records (the request
to cooperate…), or one the application records (a residence permit granted) — a CasePeriod
starts, unless one with that code is already running. Dates are calendar dates in the
instance's time zone: no clock time takes part in the arithmetic, so a daylight-saving change
cannot move a due date.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory.models import CountryProfile, User
from liaison.directory.procedure import add_working_days
from liaison.nrm import ladder
from liaison.nrm.models import (
    Case,
    CaseEvent,
    CasePeriod,
    DeadlineAlert,
    PeriodStatus,
    StatusDecision,
)
from liaison.nrm.permissions import can_decide_in_case, can_edit_case

logger = logging.getLogger(__name__)

PERIOD_FIELDS = ["code", "starts_on", "due_on", "latest_on", "status"]

EVENT_LABELS = {
    "cooperation_requested": gettext_lazy("The authorities asked the person to cooperate"),
    "cooperation_offered": gettext_lazy("The person said they are willing to cooperate"),
    "residence_permit_granted": gettext_lazy("Residence permit granted"),
}


def event_label(profile: CountryProfile, code: str) -> str:
    if ladder.get_step(profile, code) is not None:
        return ladder.label(profile, code)
    return str(EVENT_LABELS.get(code, code.replace("_", " ")))


def count_days(
    profile: CountryProfile, start: datetime.date, days: int, unit: str
) -> datetime.date:
    if unit == "working":
        return add_working_days(profile, start, days)
    return start + datetime.timedelta(days=days)


def _dates(
    profile: CountryProfile, deadline: dict[str, Any], start: datetime.date
) -> tuple[datetime.date, datetime.date | None]:
    unit = str(deadline.get("unit", "calendar"))
    due = count_days(profile, start, int(deadline.get("days", 0)), unit)
    max_days = deadline.get("max_days")
    latest = count_days(profile, start, int(max_days), unit) if max_days is not None else None
    return due, latest


def _running(case: Case) -> Any:
    return case.periods.filter(status=PeriodStatus.RUNNING)


def periods_start_for_event(
    *,
    actor: Any,
    case: Case,
    event: str,
    occurred_on: datetime.date,
    decision_deadlines_only: bool = False,
    request: HttpRequest | None = None,
) -> list[CasePeriod]:
    """Start the periods ``event`` starts. Called inside the caller's transaction by the
    services that make the event happen (decisions, permits, case opening, recorded events);
    it checks no permission itself for that reason."""
    profile = ladder.profile_for(case.country)
    running = set(_running(case).values_list("code", flat=True))
    started = []
    for deadline in ladder.deadlines_started_by(profile, event):
        code = str(deadline.get("code", ""))
        if not code or code in running:
            continue
        if decision_deadlines_only and not ladder.is_decision_deadline(profile, deadline):
            continue
        due, latest = _dates(profile, deadline, occurred_on)
        period = CasePeriod(
            case=case,
            code=code,
            label=str(deadline.get("label", code))[:200],
            unit=str(deadline.get("unit", "calendar")),
            starts_on=occurred_on,
            due_on=due,
            latest_on=latest,
        )
        period.full_clean()
        period.save()
        running.add(code)
        started.append(period)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=period,
            fields=PERIOD_FIELDS,
            purpose=f"started by {event}",
            request=request,
        )
    return started


def periods_after_decision(
    *, actor: Any, case: Case, decision: StatusDecision, request: HttpRequest | None = None
) -> None:
    """End what waited for this decision; start what it starts.

    A reconsideration cancels the periods the reconsidered step had started and restarts only
    the decision deadlines of the step the case returns to: the person's protected periods do
    not start over because a decision is reopened.
    """
    profile = ladder.profile_for(case.country)
    for period in _running(case):
        deadline = ladder.find_deadline(profile, period.code)
        if deadline is None:
            continue
        if decision.step in ladder.deadline_ends(profile, deadline):
            period_close(
                actor=actor,
                period=period,
                on=decision.decided_on,
                note=_("decided"),
                request=request,
            )
        elif decision.is_reconsideration and decision.previous_step in ladder.deadline_starts(
            deadline
        ):
            period_close(
                actor=actor,
                period=period,
                on=decision.decided_on,
                note=_("decision reconsidered"),
                status=PeriodStatus.CANCELLED,
                request=request,
            )
    periods_start_for_event(
        actor=actor,
        case=case,
        event=decision.step,
        occurred_on=decision.decided_on,
        decision_deadlines_only=decision.is_reconsideration,
        request=request,
    )


def period_close(
    *,
    actor: Any,
    period: CasePeriod,
    on: datetime.date,
    note: str,
    status: str = PeriodStatus.ENDED,
    request: HttpRequest | None = None,
) -> None:
    """End or cancel a period as a consequence of another write (no permission check here)."""
    period.status = status
    period.ended_on = max(on, period.starts_on)
    period.note = note[:300]
    period.save(update_fields=["status", "ended_on", "note", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=period,
        fields=["status", "ended_on", "note"],
        request=request,
    )


def _may_manage_clocks(user: Any, case: Case) -> bool:
    return case.is_open and (can_edit_case(user, case) or can_decide_in_case(user, case))


def _not_future(value: datetime.date, field: str) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: [_("This date is in the future.")]})


@transaction.atomic
def case_event_record(
    *,
    actor: Any,
    case: Case,
    code: str,
    occurred_on: datetime.date,
    request: HttpRequest | None = None,
) -> tuple[CaseEvent, list[CasePeriod]]:
    """Record an event that starts a clock (e.g. the request to cooperate)."""
    if not _may_manage_clocks(actor, case):
        raise PermissionDenied
    profile = ladder.profile_for(case.country)
    if code not in ladder.recordable_events(profile):
        raise ValidationError(
            {"code": [_("The national procedure has no clock that starts at this event.")]}
        )
    _not_future(occurred_on, "occurred_on")
    if occurred_on < case.flagged_on:
        raise ValidationError({"occurred_on": [_("This date is before the case was flagged.")]})
    if CaseEvent.objects.filter(case=case, code=code).exists():
        raise ValidationError({"code": [_("This event is already recorded for the case.")]})
    event = CaseEvent(case=case, code=code, occurred_on=occurred_on, recorded_by=actor)
    event.full_clean()
    event.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=event,
        fields=["code", "occurred_on"],
        request=request,
    )
    started = periods_start_for_event(
        actor=actor, case=case, event=code, occurred_on=occurred_on, request=request
    )
    return event, started


def _running_period(period: CasePeriod) -> CasePeriod:
    locked = CasePeriod.objects.select_for_update().get(pk=period.pk)
    if locked.status != PeriodStatus.RUNNING:
        raise ValidationError(_("This period has already ended."))
    return locked


@transaction.atomic
def period_extend(
    *,
    actor: Any,
    period: CasePeriod,
    due_on: datetime.date,
    reason: str,
    request: HttpRequest | None = None,
) -> CasePeriod:
    """Move the end of a period later, within the maximum the national procedure allows."""
    if not _may_manage_clocks(actor, period.case):
        raise PermissionDenied
    period = _running_period(period)
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Give the reason for the extension.")]})
    if period.latest_on is None:
        raise ValidationError(
            _("The national procedure sets no maximum for this period: it cannot be extended.")
        )
    if due_on <= period.due_on:
        raise ValidationError(
            {
                "due_on": [
                    _("An extension must end after the current end (%(date)s).")
                    % {"date": period.due_on.isoformat()}
                ]
            }
        )
    if due_on > period.latest_on:
        raise ValidationError(
            {
                "due_on": [
                    _("The period can last until %(date)s at the latest.")
                    % {"date": period.latest_on.isoformat()}
                ]
            }
        )
    period.due_on = due_on
    period.note = _("Extended: %(reason)s") % {"reason": reason.strip()}
    period.note = period.note[:300]
    period.full_clean()
    period.save(update_fields=["due_on", "note", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=period,
        fields=["due_on", "note"],
        purpose="period extended",
        request=request,
    )
    return period


@transaction.atomic
def period_end(
    *,
    actor: Any,
    period: CasePeriod,
    ended_on: datetime.date,
    note: str,
    request: HttpRequest | None = None,
) -> CasePeriod:
    if not _may_manage_clocks(actor, period.case):
        raise PermissionDenied
    period = _running_period(period)
    if not (note or "").strip():
        raise ValidationError({"note": [_("Say why the period ends.")]})
    _not_future(ended_on, "ended_on")
    if ended_on < period.starts_on:
        raise ValidationError(
            {
                "ended_on": [
                    _("A period cannot end before it starts (%(date)s).")
                    % {"date": period.starts_on.isoformat()}
                ]
            }
        )
    period.status = PeriodStatus.ENDED
    period.ended_on = ended_on
    period.note = note.strip()[:300]
    period.save(update_fields=["status", "ended_on", "note", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=period,
        fields=["status", "ended_on", "note"],
        purpose="period ended",
        request=request,
    )
    return period


# --- e-mail alerts ---------------------------------------------------------------------------


def deadline_alerts_send(*, today: datetime.date | None = None) -> int:
    """E-mail every user who asked for alerts the counts and case codes (never names) of their
    overdue and due-soon items, once a day. Returns how many e-mails were sent."""
    from liaison.nrm.selectors.deadlines import due_items_for

    today = today or timezone.localdate()
    sent = 0
    users = User.objects.filter(email_alerts=True, is_active=True).exclude(
        deadline_alerts__sent_on=today
    )
    for user in users:
        if not user.email:
            continue
        items = due_items_for(user, today)
        if not items.overdue and not items.due_soon:
            continue
        try:
            with transaction.atomic():
                DeadlineAlert.objects.create(
                    user=user,
                    sent_on=today,
                    overdue=len(items.overdue),
                    due_soon=len(items.due_soon),
                )
                _send_alert(user, items, today)
                audit_record(
                    actor=None,
                    action=AuditAction.SYSTEM,
                    obj=user,
                    fields=["email"],
                    purpose="deadline alert e-mail",
                )
        except OSError:  # one unreachable mailbox must not stop the others; tomorrow retries
            logger.exception("Deadline alert to user %s not sent", user.pk)
            continue
        sent += 1
    return sent


def _send_alert(user: User, items: Any, today: datetime.date) -> None:
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "items": items,
            "today": today,
            "instance": settings.LIAISON_INSTANCE_NAME,
            "overdue_codes": items.case_codes(items.overdue),
            "soon_codes": items.case_codes(items.due_soon),
        }
        subject = render_to_string("nrm/decisions/alert_subject.txt", context).strip()
        body = render_to_string("nrm/decisions/alert_email.txt", context)
    send_mail(subject, body, None, [user.email])
