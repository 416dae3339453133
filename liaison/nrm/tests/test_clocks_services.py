"""Recorded events, extending and ending periods, residence permits, due items and alerts."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from liaison.core.models import AuditAction, AuditEvent
from liaison.directory.models import AgencyType
from liaison.directory.roles import Role
from liaison.directory.tests.factories import AgencyFactory
from liaison.nrm.models import CaseEvent, CasePeriod, DeadlineAlert, PeriodStatus, ResidencePermit
from liaison.nrm.selectors.deadlines import due_items_for
from liaison.nrm.services import clocks, permits
from liaison.nrm.tasks import send_deadline_alerts
from liaison.nrm.tests.factories import CaseFactory
from liaison.nrm.tests.factories_decisions import CasePeriodFactory, demo_profile

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def ngo():
    demo_profile("PT")
    return AgencyFactory.create(name="APF", agency_type=AgencyType.NGO)


@pytest.fixture
def case(ngo):
    return CaseFactory.create(agency=ngo, person__registered_by=ngo, flagged_on=D(2026, 3, 2))


@pytest.fixture
def worker(ngo, make_member):
    return make_member(Role.CASE_WORKER, ngo)


# --- recorded events ------------------------------------------------------------------------


def test_the_request_to_cooperate_starts_the_reflection_period(case, worker):
    event, [period] = clocks.case_event_record(
        actor=worker, case=case, code="cooperation_requested", occurred_on=D(2026, 3, 5)
    )

    assert (period.code, period.starts_on, period.due_on, period.latest_on) == (
        "reflection_period",
        D(2026, 3, 5),
        D(2026, 4, 4),
        D(2026, 5, 4),
    )
    assert event.recorded_by == worker
    assert AuditEvent.objects.filter(object_type="nrm.caseevent", object_id=str(event.pk)).exists()


def test_a_period_already_running_is_not_started_twice(case, worker):
    clocks.periods_start_for_event(
        actor=None, case=case, event="flagged", occurred_on=case.flagged_on
    )

    _event, started = clocks.case_event_record(
        actor=worker, case=case, code="cooperation_offered", occurred_on=D(2026, 3, 5)
    )

    assert started == []
    assert case.periods.get().starts_on == D(2026, 3, 2)


@pytest.mark.parametrize(
    ("code", "occurred_on", "field"),
    [
        pytest.param("no_such_event", D(2026, 3, 5), "code", id="unknown_event"),
        pytest.param("flagged", D(2026, 3, 5), "code", id="a_ladder_step_is_decided_not_recorded"),
        pytest.param("cooperation_requested", D(2099, 1, 1), "occurred_on", id="future"),
        pytest.param("cooperation_requested", D(2026, 3, 1), "occurred_on", id="before_flagging"),
    ],
)
def test_bad_events_are_refused(case, worker, code, occurred_on, field):
    with pytest.raises(ValidationError) as refused:
        clocks.case_event_record(actor=worker, case=case, code=code, occurred_on=occurred_on)

    assert field in refused.value.message_dict
    assert not CaseEvent.objects.exists()
    assert not CasePeriod.objects.exists()


def test_an_event_is_recorded_once(case, worker):
    clocks.case_event_record(
        actor=worker, case=case, code="cooperation_requested", occurred_on=D(2026, 3, 5)
    )

    with pytest.raises(ValidationError, match="already"):
        clocks.case_event_record(
            actor=worker, case=case, code="cooperation_requested", occurred_on=D(2026, 3, 6)
        )


def test_a_worker_of_another_agency_cannot_record_events(case, make_member):
    stranger = make_member(Role.CASE_WORKER)

    with pytest.raises(PermissionDenied):
        clocks.case_event_record(
            actor=stranger, case=case, code="cooperation_requested", occurred_on=D(2026, 3, 5)
        )


# --- extending and ending -------------------------------------------------------------------


def _reflection(case):
    [period] = clocks.periods_start_for_event(
        actor=None, case=case, event="flagged", occurred_on=case.flagged_on
    )
    return period


def test_a_reflection_period_is_extended_up_to_sixty_days(case, worker):
    period = _reflection(case)

    extended = clocks.period_extend(
        actor=worker, period=period, due_on=D(2026, 5, 1), reason="Medical"
    )

    assert extended.due_on == D(2026, 5, 1)
    assert "Medical" in extended.note
    with pytest.raises(ValidationError, match="at the latest"):
        clocks.period_extend(actor=worker, period=period, due_on=D(2026, 5, 2), reason="More")
    with pytest.raises(ValidationError, match="after the current end"):
        clocks.period_extend(actor=worker, period=period, due_on=D(2026, 4, 20), reason="Less")
    with pytest.raises(ValidationError):
        clocks.period_extend(actor=worker, period=period, due_on=D(2026, 4, 30), reason=" ")
    period.refresh_from_db()
    assert period.due_on == D(2026, 5, 1)


def test_a_period_without_a_maximum_cannot_be_extended(case, worker):
    period = CasePeriodFactory.create(case=case, latest_on=None)

    with pytest.raises(ValidationError, match="no maximum"):
        clocks.period_extend(actor=worker, period=period, due_on=D(2026, 4, 20), reason="x")


def test_a_period_is_ended_by_the_user_with_a_note_and_only_once(case, worker):
    period = _reflection(case)

    ended = clocks.period_end(actor=worker, period=period, ended_on=D(2026, 3, 20), note="Left")

    assert (ended.status, ended.ended_on, ended.note) == (
        PeriodStatus.ENDED,
        D(2026, 3, 20),
        "Left",
    )
    assert AuditEvent.objects.filter(
        object_type="nrm.caseperiod", object_id=str(period.pk), action=AuditAction.UPDATE
    ).exists()
    with pytest.raises(ValidationError, match="already ended"):
        clocks.period_end(actor=worker, period=period, ended_on=D(2026, 3, 21), note="Again")


def test_a_period_cannot_end_before_it_starts(case, worker):
    period = _reflection(case)

    with pytest.raises(ValidationError) as refused:
        clocks.period_end(actor=worker, period=period, ended_on=D(2026, 3, 1), note="x")

    assert "ended_on" in refused.value.message_dict


# --- residence permits ----------------------------------------------------------------------


def test_a_permit_is_requested_granted_for_a_year_and_renewed(case, worker):
    permit = permits.permit_request(
        actor=worker,
        case=case,
        route=ResidencePermit.Route.PERSONAL_SITUATION,
        requested_on=D(2026, 3, 10),
    )
    permits.permit_grant(actor=worker, permit=permit, granted_on=D(2026, 4, 1))
    permit.refresh_from_db()
    period = case.periods.get(code="residence_permit")

    assert (permit.status, permit.expires_on) == (ResidencePermit.Status.GRANTED, D(2027, 4, 1))
    assert (period.starts_on, period.due_on) == (D(2026, 4, 1), D(2027, 4, 1))

    permits.permit_renew(actor=worker, permit=permit, renewed_on=D(2026, 11, 2))
    permit.refresh_from_db()
    running = case.periods.get(code="residence_permit", status=PeriodStatus.RUNNING)

    # The renewal runs on from the old expiry; the profile counts 365 days, so 2028's 29 February
    # brings the end one day before the anniversary.
    assert (permit.expires_on, permit.renewals) == (D(2028, 3, 31), 1)
    assert (running.starts_on, running.due_on) == (D(2027, 4, 1), D(2028, 3, 31))
    assert case.periods.get(code="residence_permit", status=PeriodStatus.ENDED).ended_on == D(
        2026, 11, 2
    )


def test_a_refused_permit_cannot_be_granted_and_a_second_request_waits(case, worker):
    permit = permits.permit_request(
        actor=worker,
        case=case,
        route=ResidencePermit.Route.COOPERATION,
        requested_on=D(2026, 3, 10),
    )
    with pytest.raises(ValidationError, match="already"):
        permits.permit_request(
            actor=worker,
            case=case,
            route=ResidencePermit.Route.COOPERATION,
            requested_on=D(2026, 3, 11),
        )

    permits.permit_refuse(actor=worker, permit=permit)

    with pytest.raises(ValidationError):
        permits.permit_grant(actor=worker, permit=permit, granted_on=D(2026, 4, 1))
    with pytest.raises(ValidationError):
        permits.permit_renew(actor=worker, permit=permit, renewed_on=D(2026, 4, 1))
    assert not case.periods.exists()


def test_a_permit_cannot_be_granted_before_it_was_requested(case, worker):
    permit = permits.permit_request(
        actor=worker,
        case=case,
        route=ResidencePermit.Route.COOPERATION,
        requested_on=D(2026, 3, 10),
    )

    with pytest.raises(ValidationError) as refused:
        permits.permit_grant(actor=worker, permit=permit, granted_on=D(2026, 3, 9))

    assert "granted_on" in refused.value.message_dict


def test_a_country_without_permit_validity_refuses_the_grant(worker, make_member):
    demo_profile("GB")
    home = AgencyFactory.create(country="GB")
    case = CaseFactory.create(
        agency=home, person__registered_by=home, country="GB", status="referred"
    )
    member = make_member(Role.CASE_WORKER, home)
    permit = permits.permit_request(
        actor=member, case=case, route=ResidencePermit.Route.OTHER, requested_on=D(2026, 3, 10)
    )

    with pytest.raises(ValidationError, match="no validity"):
        permits.permit_grant(actor=member, permit=permit, granted_on=D(2026, 4, 1))


# --- due items and alerts -------------------------------------------------------------------


def test_due_items_are_the_overdue_and_the_next_seven_days_of_reachable_open_cases(
    case, worker, ngo
):
    today = D(2026, 4, 10)
    overdue = CasePeriodFactory.create(case=case, due_on=D(2026, 4, 9))
    soon = CasePeriodFactory.create(case=case, code="other", due_on=D(2026, 4, 17))
    CasePeriodFactory.create(case=case, code="later", due_on=D(2026, 4, 18))
    CasePeriodFactory.create(
        case=case, code="ended", due_on=D(2026, 4, 1), status=PeriodStatus.ENDED
    )
    other_agency = CaseFactory.create()
    CasePeriodFactory.create(case=other_agency, due_on=D(2026, 4, 1))
    closed = CaseFactory.create(agency=ngo, person__registered_by=ngo, closed_on=D(2026, 4, 1))
    CasePeriodFactory.create(case=closed, due_on=D(2026, 4, 1))

    items = due_items_for(worker, today)

    assert items.overdue == [overdue]
    assert items.due_soon == [soon]


def test_alerts_are_sent_once_a_day_with_codes_and_never_names(case, worker, make_member, ngo):
    worker.email_alerts = True
    worker.save(update_fields=["email_alerts"])
    quiet = make_member(Role.CASE_WORKER, ngo)  # did not opt in
    CasePeriodFactory.create(case=case, due_on=D(2026, 4, 9))

    first = clocks.deadline_alerts_send(today=D(2026, 4, 10))
    second = clocks.deadline_alerts_send(today=D(2026, 4, 10))

    assert (first, second) == (1, 0)
    [message] = mail.outbox
    assert message.to == [worker.email]
    assert case.code in message.body
    assert case.person.family_names not in message.body
    assert case.person.given_names not in message.body
    assert DeadlineAlert.objects.get(user=worker).overdue == 1
    assert not DeadlineAlert.objects.filter(user=quiet).exists()
    assert clocks.deadline_alerts_send(today=D(2026, 4, 11)) == 1


def test_nothing_due_sends_nothing(worker):
    worker.email_alerts = True
    worker.save(update_fields=["email_alerts"])

    assert clocks.deadline_alerts_send(today=D(2026, 4, 10)) == 0
    assert not mail.outbox


def test_the_command_and_the_task_send_the_alerts(case, worker):
    worker.email_alerts = True
    worker.save(update_fields=["email_alerts"])
    CasePeriodFactory.create(case=case, due_on=D(2026, 4, 9))
    out = StringIO()

    call_command("send_deadline_alerts", "--date", "2026-04-10", stdout=out)

    assert "1 alert e-mail sent" in out.getvalue()
    assert len(mail.outbox) == 1
    send_deadline_alerts.enqueue()  # today: the period is overdue too, a new day's alert
    assert len(mail.outbox) == 2
