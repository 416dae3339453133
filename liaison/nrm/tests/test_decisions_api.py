"""The decisions, periods, permits and due-items API: status codes, isolation, audit."""

from __future__ import annotations

import datetime
import json

import pytest

from liaison.core.models import AuditAction, AuditEvent
from liaison.directory.models import AgencyType
from liaison.directory.roles import Role
from liaison.directory.tests.factories import AgencyFactory
from liaison.nrm.models import StatusDecision
from liaison.nrm.services.clocks import periods_start_for_event
from liaison.nrm.tests.factories import CaseFactory
from liaison.nrm.tests.factories_decisions import demo_profile

pytestmark = pytest.mark.django_db
D = datetime.date
API = "/api/v1/nrm"


@pytest.fixture
def police():
    demo_profile("PT")
    return AgencyFactory.create(name="PJ", agency_type=AgencyType.LAW_ENFORCEMENT)


@pytest.fixture
def case(police):
    return CaseFactory.create(agency=police, person__registered_by=police, flagged_on=D(2026, 3, 2))


@pytest.fixture
def investigator(police, make_member, client_for):
    return client_for(make_member(Role.INVESTIGATOR, police))


def _post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_decide_list_and_reconsider(case, investigator):
    first = _post(investigator, f"{API}/cases/{case.pk}/decisions",
                  {"step": "pending", "decided_on": "2026-03-03", "reasons": "Inquiry"})  # fmt: skip
    options = investigator.get(f"{API}/cases/{case.pk}/decision-options").json()
    second = _post(investigator, f"{API}/cases/{case.pk}/decisions",
                   {"step": "not_confirmed", "decided_on": "2026-03-04", "reasons": "No evidence"})  # fmt: skip
    again = _post(investigator, f"{API}/cases/{case.pk}/decisions/reconsider",
                  {"decided_on": "2026-03-05", "reasons": "New facts"})  # fmt: skip
    listed = investigator.get(f"{API}/cases/{case.pk}/decisions").json()

    assert (first.status_code, second.status_code, again.status_code) == (201, 201, 201)
    assert first.json()["decision_org"] == "Police"
    assert [o["step"] for o in options["options"]] == ["confirmed", "not_confirmed"]
    assert again.json()["is_reconsideration"] is True
    assert [d["step"] for d in listed["items"]] == ["pending", "not_confirmed", "pending"]
    assert listed["items"][0]["reasons"] == "Inquiry"
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=str(case.pk), purpose="status decisions (API)"
    ).exists()


@pytest.mark.parametrize(
    ("body", "status"),
    [
        pytest.param({"step": "confirmed", "decided_on": "2026-03-03", "reasons": "x"}, 422, id="skips_pending"),
        pytest.param({"step": "pending", "decided_on": "2099-03-03", "reasons": "x"}, 422, id="future"),
        pytest.param({"step": "pending", "decided_on": "2026-03-03", "reasons": "  "}, 422, id="blank_reasons"),
        pytest.param({"step": "pending", "decided_on": "not a date", "reasons": "x"}, 422, id="bad_date"),
        pytest.param({"step": "pending", "decided_on": "2026-03-03"}, 422, id="no_reasons"),
        pytest.param({"step": "pending", "decided_on": "2026-03-03", "reasons": "x", "agency_id": 999999}, 422,
                     id="unknown_agency"),
    ],
)  # fmt: skip
def test_invalid_decisions_are_422_and_write_nothing(case, investigator, body, status):
    response = _post(investigator, f"{API}/cases/{case.pk}/decisions", body)

    assert response.status_code == status
    assert "detail" in response.json()
    assert not StatusDecision.objects.exists()


def test_a_frontline_responder_cannot_confirm(case, police, make_member, client_for, investigator):
    _post(investigator, f"{API}/cases/{case.pk}/decisions",
          {"step": "pending", "decided_on": "2026-03-03", "reasons": "x"})  # fmt: skip
    responder = client_for(make_member(Role.FRONTLINE_RESPONDER, police))

    response = _post(responder, f"{API}/cases/{case.pk}/decisions",
                     {"step": "confirmed", "decided_on": "2026-03-04", "reasons": "y"})  # fmt: skip

    assert response.status_code == 422
    assert "step" in response.json()["detail"]


def test_a_prosecutor_is_refused_by_the_matrix(case, police, make_member, client_for):
    prosecutor = client_for(make_member(Role.PROSECUTOR, police))

    response = _post(prosecutor, f"{API}/cases/{case.pk}/decisions",
                     {"step": "pending", "decided_on": "2026-03-03", "reasons": "x"})  # fmt: skip

    assert response.status_code == 403


def test_another_agencys_case_is_404_everywhere(case, make_member, client_for):
    stranger = client_for(
        make_member(Role.INVESTIGATOR, AgencyFactory.create(agency_type=AgencyType.LAW_ENFORCEMENT))
    )
    period = periods_start_for_event(
        actor=None, case=case, event="flagged", occurred_on=case.flagged_on
    )[0]

    for path in ("decisions", "decision-options", "periods", "residence-permits"):
        assert stranger.get(f"{API}/cases/{case.pk}/{path}").status_code == 404, path
    assert _post(stranger, f"{API}/cases/{case.pk}/decisions",
                 {"step": "pending", "decided_on": "2026-03-03", "reasons": "x"}).status_code == 404  # fmt: skip
    assert _post(stranger, f"{API}/cases/{case.pk}/periods/{period.pk}/end",
                 {"ended_on": "2026-03-03", "note": "x"}).status_code == 404  # fmt: skip
    assert stranger.get(f"{API}/due-items").json()["overdue"] == []


def test_events_periods_permits_and_due_items(case, police, make_member, client_for):
    worker = client_for(make_member(Role.CASE_WORKER, police))

    event = _post(worker, f"{API}/cases/{case.pk}/events",
                  {"code": "cooperation_requested", "occurred_on": "2026-03-05"})  # fmt: skip
    period_id = event.json()["periods_started"][0]["id"]
    too_long = _post(worker, f"{API}/cases/{case.pk}/periods/{period_id}/extend",
                     {"due_on": "2026-06-01", "reason": "x"})  # fmt: skip
    extended = _post(worker, f"{API}/cases/{case.pk}/periods/{period_id}/extend",
                     {"due_on": "2026-05-04", "reason": "Health"})  # fmt: skip
    periods = worker.get(f"{API}/cases/{case.pk}/periods").json()
    due = worker.get(f"{API}/due-items").json()
    requested = _post(worker, f"{API}/cases/{case.pk}/residence-permits",
                      {"route": "cooperation", "requested_on": "2026-03-10"})  # fmt: skip
    permit_id = requested.json()["id"]
    refused = _post(worker, f"{API}/cases/{case.pk}/residence-permits/{permit_id}/refuse", {})
    renew_refused = _post(worker, f"{API}/cases/{case.pk}/residence-permits/{permit_id}/renew",
                          {"renewed_on": "2026-04-01"})  # fmt: skip
    permits = worker.get(f"{API}/cases/{case.pk}/residence-permits").json()

    assert event.status_code == 201
    assert too_long.status_code == 422
    assert extended.status_code == 200
    assert extended.json()["due_on"] == "2026-05-04"
    assert periods["count"] == 1
    assert periods["items"][0]["overdue"] is True
    assert [p["case_code"] for p in due["overdue"]] == [case.code]
    assert (requested.status_code, refused.json()["status"], renew_refused.status_code) == (
        201,
        "refused",
        422,
    )
    assert permits["items"][0]["status"] == "refused"


def test_a_nrm_decision_maker_cannot_record_events(case, police, make_member, client_for):
    decider = client_for(make_member(Role.NRM_DECISION_MAKER, police))

    response = _post(decider, f"{API}/cases/{case.pk}/events",
                     {"code": "cooperation_requested", "occurred_on": "2026-03-05"})  # fmt: skip

    assert response.status_code == 403


def test_anonymous_callers_get_401(case):
    from django.test import Client

    assert Client().get(f"{API}/cases/{case.pk}/decisions").status_code == 401
