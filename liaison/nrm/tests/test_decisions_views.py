"""Pages of decisions, periods and permits, the due list and the home page's due items."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.core.models import AuditAction, AuditEvent
from liaison.directory.models import AgencyType
from liaison.directory.roles import Role
from liaison.directory.tests.factories import AgencyFactory
from liaison.nrm.models import CaseEvent, PeriodStatus, ResidencePermit, StatusDecision
from liaison.nrm.services.clocks import periods_start_for_event
from liaison.nrm.services.decisions import status_decide, status_reconsider
from liaison.nrm.tests.factories import CaseFactory
from liaison.nrm.tests.factories_decisions import CasePeriodFactory, demo_profile

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _two_factor_off(settings):
    settings.LIAISON_OTP_POLICY = "personal_data"


@pytest.fixture
def police():
    demo_profile("PT")
    return AgencyFactory.create(name="PJ", agency_type=AgencyType.LAW_ENFORCEMENT)


@pytest.fixture
def case(police):
    return CaseFactory.create(agency=police, person__registered_by=police, flagged_on=D(2026, 3, 2))


@pytest.fixture
def investigator(police, make_member):
    return make_member(Role.INVESTIGATOR, police)


def _url(name, case, **kwargs):
    return reverse(f"nrm:{name}", kwargs={"case_id": case.pk, **kwargs})


def test_the_overview_shows_history_periods_and_only_the_users_next_steps(
    case, investigator, client_for
):
    status_decide(
        actor=investigator, case=case, step="pending", decided_on=D(2026, 3, 3), reasons="Inquiry"
    )
    periods_start_for_event(actor=None, case=case, event="flagged", occurred_on=D(2026, 3, 2))

    response = client_for(investigator).get(_url("decisions", case))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Inquiry" in page
    assert 'data-step="confirmed"' in page
    assert 'data-step="not_confirmed"' in page
    assert 'data-period="reflection_period"' in page
    assert "Overdue" in page  # due on 1 April 2026, long past
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="nrm.case", object_id=str(case.pk),
        fields=["status_decision.reasons"],
    ).exists()  # fmt: skip


def test_a_frontline_responder_sees_no_confirm_button_and_cannot_post_one(
    case, investigator, police, make_member, client_for
):
    status_decide(
        actor=investigator, case=case, step="pending", decided_on=D(2026, 3, 3), reasons="x"
    )
    responder = client_for(make_member(Role.FRONTLINE_RESPONDER, police))

    page = responder.get(_url("decisions", case)).content.decode()
    response = responder.post(
        _url("status_decide", case),
        {"step": "confirmed", "decided_on": "2026-03-10", "reasons": "y"},
    )

    assert 'data-step="confirmed"' not in page
    assert response.status_code == 302
    assert case.decisions.count() == 1


def test_an_investigator_confirms_through_the_form(case, investigator, client_for):
    status_decide(
        actor=investigator, case=case, step="pending", decided_on=D(2026, 3, 3), reasons="x"
    )
    client = client_for(investigator)

    form = client.get(_url("status_decide", case) + "?step=confirmed")
    response = client.post(
        _url("status_decide", case),
        {"step": "confirmed", "decided_on": "2026-03-10", "reasons": "Evidence gathered"},
    )

    assert form.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == _url("decisions", case)
    case.refresh_from_db()
    assert case.status == "confirmed"


def test_a_bad_date_is_a_400_with_the_reason_and_writes_nothing(case, investigator, client_for):
    response = client_for(investigator).post(
        _url("status_decide", case), {"step": "pending", "decided_on": "2099-01-01", "reasons": "x"}
    )

    assert response.status_code == 400
    assert "future" in response.content.decode()
    assert not StatusDecision.objects.exists()


def test_an_investigator_of_another_agency_gets_404(case, make_member, client_for):
    stranger = client_for(
        make_member(Role.INVESTIGATOR, AgencyFactory.create(agency_type=AgencyType.LAW_ENFORCEMENT))
    )

    for name in (
        "decisions",
        "status_decide",
        "status_reconsider",
        "case_event_record",
        "permit_request",
    ):
        assert stranger.get(_url(name, case)).status_code == 404, name
    assert (
        stranger.post(
            _url("status_decide", case),
            {"step": "pending", "decided_on": "2026-03-03", "reasons": "x"},
        ).status_code
        == 404
    )
    assert not StatusDecision.objects.exists()


def test_reconsideration_page(case, investigator, client_for):
    status_decide(
        actor=investigator, case=case, step="pending", decided_on=D(2026, 3, 3), reasons="x"
    )
    status_decide(
        actor=investigator, case=case, step="not_confirmed", decided_on=D(2026, 3, 4), reasons="y"
    )

    response = client_for(investigator).post(
        _url("status_reconsider", case), {"decided_on": "2026-03-05", "reasons": "New facts"}
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "pending"


def test_events_periods_and_permits_through_the_pages(case, police, make_member, client_for):
    worker = make_member(Role.CASE_WORKER, police)
    client = client_for(worker)

    client.post(
        _url("case_event_record", case),
        {"code": "cooperation_requested", "occurred_on": "2026-03-05"},
    )
    period = case.periods.get()
    client.post(
        _url("period_extend", case, period_id=period.pk),
        {"due_on": "2026-04-20", "reason": "Health"},
    )
    client.post(
        _url("period_end", case, period_id=period.pk), {"ended_on": "2026-04-10", "note": "Moved"}
    )
    client.post(
        _url("permit_request", case), {"route": "personal_situation", "requested_on": "2026-03-10"}
    )
    permit = case.residence_permits.get()
    client.post(_url("permit_grant", case, permit_id=permit.pk), {"granted_on": "2026-04-01"})

    assert CaseEvent.objects.filter(case=case, code="cooperation_requested").exists()
    period.refresh_from_db()
    assert (period.due_on, period.status) == (D(2026, 4, 20), PeriodStatus.ENDED)
    permit.refresh_from_db()
    assert (permit.status, permit.expires_on) == (ResidencePermit.Status.GRANTED, D(2027, 4, 1))
    page = client.get(_url("decisions", case)).content.decode()
    assert 'data-permit="granted"' in page


def test_a_period_of_another_case_is_404(case, police, make_member, client_for):
    other = CasePeriodFactory.create()  # another agency's case
    worker = client_for(make_member(Role.CASE_WORKER, police))

    response = worker.post(
        _url("period_end", case, period_id=other.pk), {"ended_on": "2026-04-10", "note": "x"}
    )

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == PeriodStatus.RUNNING


def test_due_list_and_home_page(case, police, make_member, client_for):
    worker = make_member(Role.CASE_WORKER, police)
    CasePeriodFactory.create(case=case, due_on=D(2026, 4, 1), label="Reflection period")
    partner = make_member(Role.PARTNER)

    due = client_for(worker).get(reverse("nrm:due_list")).content.decode()
    home = client_for(worker).get(reverse("home")).content.decode()
    partner_home = client_for(partner).get(reverse("home"))

    assert case.code in due
    assert "Overdue" in due
    assert case.person.family_names not in due
    assert case.code in home
    assert partner_home.status_code == 200
    assert 'id="due-heading"' not in partner_home.content.decode()


def test_due_list_query_count_does_not_grow_with_rows(police, make_member, client_for):
    worker = client_for(make_member(Role.CASE_WORKER, police))
    CasePeriodFactory.create(
        case=CaseFactory.create(agency=police, person__registered_by=police), due_on=D(2026, 4, 1)
    )
    with CaptureQueriesContext(connection) as one:
        worker.get(reverse("nrm:due_list"))
    for _ in range(49):
        CasePeriodFactory.create(
            case=CaseFactory.create(agency=police, person__registered_by=police),
            due_on=D(2026, 4, 1),
        )

    with CaptureQueriesContext(connection) as fifty:
        response = worker.get(reverse("nrm:due_list"))

    assert response.content.decode().count("<tr>") == 51  # header + 50 rows
    assert len(fifty) == len(one)


def test_the_section_query_count_does_not_grow_with_the_history(case, investigator, client_for):
    client = client_for(investigator)
    status_decide(
        actor=investigator, case=case, step="pending", decided_on=D(2026, 3, 3), reasons="x"
    )
    url = _url("decisions", case)
    with CaptureQueriesContext(connection) as short:
        client.get(url)
    for day in range(4, 24, 2):
        status_decide(
            actor=investigator,
            case=case,
            step="not_confirmed",
            decided_on=D(2026, 3, day),
            reasons="y",
        )
        status_reconsider(
            actor=investigator, case=case, reasons="z", decided_on=D(2026, 3, day + 1)
        )
        CasePeriodFactory.create(case=case, code=f"p{day}")

    with CaptureQueriesContext(connection) as long:
        response = client.get(url)

    assert response.content.decode().count("<details>") == 21
    assert len(long) == len(short)


def test_the_home_page_query_count_does_not_grow_with_due_items(police, make_member, client_for):
    client = client_for(make_member(Role.CASE_WORKER, police))
    CasePeriodFactory.create(
        case=CaseFactory.create(agency=police, person__registered_by=police), due_on=D(2026, 4, 1)
    )
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("home"))
    for _ in range(30):
        CasePeriodFactory.create(
            case=CaseFactory.create(agency=police, person__registered_by=police),
            due_on=D(2026, 4, 1),
        )

    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("home"))

    assert "31 overdue" in response.content.decode()
    assert len(many) == len(one)
