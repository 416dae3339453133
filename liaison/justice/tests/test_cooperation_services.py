"""Cooperation request services: the state machine, reach, validation and the log."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from liaison.core.models import AuditEvent
from liaison.directory.roles import Role
from liaison.justice.models import CooperationRequest
from liaison.justice.models.cooperation import CooperationStatus as S
from liaison.justice.services import cooperation as services
from liaison.justice.tests.factories import CooperationRequestFactory, CriminalCaseFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 1)
OUT, IN = CooperationRequest.Direction.OUTGOING, CooperationRequest.Direction.INCOMING
LEGAL: dict[str, dict[str, set[str]]] = {
    OUT: {
        S.DRAFTED: {S.SENT, S.WITHDRAWN},
        S.SENT: {S.IN_EXECUTION, S.EXECUTED, S.REFUSED, S.WITHDRAWN},
        S.IN_EXECUTION: {S.EXECUTED, S.REFUSED, S.WITHDRAWN},
    },
    IN: {S.RECEIVED: {S.IN_EXECUTION, S.REFUSED}, S.IN_EXECUTION: {S.EXECUTED, S.REFUSED}},
}


@pytest.fixture
def prosecutor(make_member, agency):
    return make_member(Role.PROSECUTOR, agency)


def _create(actor, agency, **overrides):
    values = {
        "actor": actor, "agency": agency, "reference": "MLA 7/26", "request_type": "mla",
        "direction": OUT, "other_country": "UZ", "legal_basis": "untoc_18",
        "subject": "Bank records", "other_authority": "Prosecutor General's Office",
    }  # fmt: skip
    return services.cooperation_request_create(**(values | overrides))


def test_create_starts_drafted_or_received_and_is_logged(prosecutor, agency):
    outgoing = _create(prosecutor, agency)
    incoming = _create(prosecutor, agency, reference="IN 1", direction=IN, received_on=DAY)
    assert (outgoing.status, incoming.status, incoming.sent_on) == (S.DRAFTED, S.RECEIVED, DAY)
    assert AuditEvent.objects.filter(action="create", object_id=str(outgoing.pk)).exists()


def test_create_for_another_agency_or_an_unreached_case_is_refused(
    prosecutor, agency, other_agency
):
    with pytest.raises(PermissionDenied):
        _create(prosecutor, other_agency)
    with pytest.raises(PermissionDenied):
        _create(
            prosecutor, agency, criminal_case=CriminalCaseFactory.create(lead_agency=other_agency)
        )
    assert not CooperationRequest.objects.exists()


def test_create_refuses_bad_input_without_writing(prosecutor, agency):
    with pytest.raises(ValidationError) as error:
        _create(prosecutor, agency, subject=" ", other_authority="", direction=IN)
    assert {"subject", "other_authority", "received_on"} <= set(error.value.error_dict)
    assert not CooperationRequest.objects.exists()


@pytest.mark.parametrize("direction", [OUT, IN])
def test_every_illegal_transition_is_refused(prosecutor, agency, direction):
    for current, target in itertools.product(S.values, S.values):
        allowed = target in LEGAL[direction].get(current, set())
        record = CooperationRequestFactory.create(
            agency=agency, direction=direction, status=current, sent_on=DAY
        )
        if allowed:
            services.cooperation_request_transition(
                actor=prosecutor, cooperation_request=record, status=target, on=DAY, reason="r"
            )
            record.refresh_from_db()
            assert record.status == target
        else:
            with pytest.raises(ValidationError):
                services.cooperation_request_transition(
                    actor=prosecutor, cooperation_request=record, status=target, on=DAY,
                    reason="r",
                )  # fmt: skip
            record.refresh_from_db()
            assert record.status == current


def test_sending_dates_the_request_and_closing_dates_the_end(prosecutor, agency):
    record = _create(prosecutor, agency)
    later = DAY + datetime.timedelta(days=30)
    services.cooperation_request_transition(
        actor=prosecutor, cooperation_request=record, status=S.SENT, on=DAY, due_on=later
    )
    services.cooperation_request_transition(
        actor=prosecutor, cooperation_request=record, status=S.EXECUTED, on=later
    )
    record.refresh_from_db()
    assert (record.sent_on, record.due_on, record.closed_on) == (DAY, later, later)
    assert AuditEvent.objects.filter(action="update", object_id=str(record.pk)).count() == 2


def test_refusal_needs_a_reason_and_another_agency_cannot_move_it(
    prosecutor, make_member, other_agency, agency
):
    record = CooperationRequestFactory.create(agency=agency, status=S.SENT, sent_on=DAY)
    with pytest.raises(ValidationError):
        services.cooperation_request_transition(
            actor=prosecutor, cooperation_request=record, status=S.REFUSED, on=DAY
        )
    outsider = make_member(Role.PROSECUTOR, other_agency)
    with pytest.raises(PermissionDenied):
        services.cooperation_request_transition(
            actor=outsider, cooperation_request=record, status=S.EXECUTED, on=DAY
        )
    record.refresh_from_db()
    assert record.status == S.SENT
