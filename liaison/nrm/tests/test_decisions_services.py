"""Status decisions and reconsiderations: who may take which step, dates, reasons, audit."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from liaison.core.models import AuditAction, AuditEvent
from liaison.core.vocabularies import TraffickingStatus
from liaison.directory.models import AgencyType
from liaison.directory.roles import Role
from liaison.directory.tests.factories import AgencyFactory
from liaison.nrm.models import PeriodStatus, StatusDecision
from liaison.nrm.services.decisions import (
    can_reconsider,
    decision_options,
    status_decide,
    status_reconsider,
)
from liaison.nrm.tests.factories import CaseFactory
from liaison.nrm.tests.factories_decisions import demo_profile

pytestmark = pytest.mark.django_db
MARCH_2 = datetime.date(2026, 3, 2)
MARCH_10 = datetime.date(2026, 3, 10)


@pytest.fixture
def pt():
    return demo_profile("PT")


@pytest.fixture
def police():
    return AgencyFactory.create(name="Polícia Judiciária", agency_type=AgencyType.LAW_ENFORCEMENT)


@pytest.fixture
def case(pt, police):
    return CaseFactory.create(agency=police, person__registered_by=police, status="flagged")


def test_investigator_moves_a_flagged_case_to_pending_then_confirms(case, police, make_member):
    investigator = make_member(Role.INVESTIGATOR, police)

    pending = status_decide(
        actor=investigator, case=case, step="pending", decided_on=MARCH_2, reasons="Inquiry opened"
    )
    confirmed = status_decide(
        actor=investigator, case=case, step="confirmed", decided_on=MARCH_10, reasons="Evidence"
    )

    case.refresh_from_db()
    assert (pending.previous_step, pending.step) == ("flagged", "pending")
    assert (confirmed.previous_step, confirmed.step) == ("pending", "confirmed")
    assert confirmed.deciding_agency == police
    assert confirmed.decision_org == "Police"
    assert confirmed.reasons == "Evidence"
    assert case.status == "confirmed"
    assert case.trafficking_status == TraffickingStatus.ACTUAL
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="nrm.statusdecision", object_id=str(confirmed.pk)
    ).exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="nrm.case", object_id=str(case.pk)
    ).exists()


def test_a_frontline_responder_cannot_confirm_in_portugal(case, police, make_member):
    investigator = make_member(Role.INVESTIGATOR, police)
    responder = make_member(Role.FRONTLINE_RESPONDER, police)
    status_decide(actor=investigator, case=case, step="pending", decided_on=MARCH_2, reasons="x")

    with pytest.raises(ValidationError) as refused:
        status_decide(
            actor=responder, case=case, step="confirmed", decided_on=MARCH_10, reasons="y"
        )

    assert "Investigator" in str(refused.value)
    case.refresh_from_db()
    assert case.status == "pending"
    assert case.decisions.count() == 1


def test_a_step_not_next_on_the_ladder_is_refused(case, police, make_member):
    investigator = make_member(Role.INVESTIGATOR, police)

    with pytest.raises(ValidationError) as refused:
        status_decide(
            actor=investigator, case=case, step="confirmed", decided_on=MARCH_2, reasons="x"
        )

    assert "step" in refused.value.message_dict
    assert not StatusDecision.objects.exists()


def test_an_investigator_of_another_agency_is_denied(case, make_member):
    stranger = make_member(
        Role.INVESTIGATOR, AgencyFactory.create(agency_type=AgencyType.LAW_ENFORCEMENT)
    )

    with pytest.raises(PermissionDenied):
        status_decide(actor=stranger, case=case, step="pending", decided_on=MARCH_2, reasons="x")


@pytest.mark.parametrize(
    ("decided_on", "reasons", "field"),
    [
        pytest.param(datetime.date(2099, 1, 1), "x", "decided_on", id="future"),
        pytest.param(datetime.date(2026, 3, 1), "x", "decided_on", id="before_flagging"),
        pytest.param(MARCH_2, "   ", "reasons", id="no_reasons"),
    ],
)
def test_bad_dates_and_missing_reasons_are_refused(
    case, police, make_member, decided_on, reasons, field
):
    investigator = make_member(Role.INVESTIGATOR, police)

    with pytest.raises(ValidationError) as refused:
        status_decide(
            actor=investigator, case=case, step="pending", decided_on=decided_on, reasons=reasons
        )

    assert field in refused.value.message_dict
    assert not StatusDecision.objects.exists()


def test_a_decision_cannot_be_dated_before_the_last_one(case, police, make_member):
    investigator = make_member(Role.INVESTIGATOR, police)
    status_decide(actor=investigator, case=case, step="pending", decided_on=MARCH_10, reasons="x")

    with pytest.raises(ValidationError, match="last decision"):
        status_decide(
            actor=investigator, case=case, step="confirmed", decided_on=MARCH_2, reasons="y"
        )


def test_the_national_rapporteur_may_confirm_exceptionally(case, police, make_member):
    rapporteur = AgencyFactory.create(
        agency_type=AgencyType.CENTRAL_GOVERNMENT, national_role="rapporteur"
    )
    decision_maker = make_member(Role.NRM_DECISION_MAKER, rapporteur, scope="national")
    status_decide(
        actor=make_member(Role.INVESTIGATOR, police),
        case=case,
        step="pending",
        decided_on=MARCH_2,
        reasons="x",
    )

    assert [o.code for o in decision_options(decision_maker, case)] == [
        "confirmed",
        "not_confirmed",
    ]
    decision = status_decide(
        actor=decision_maker, case=case, step="not_confirmed", decided_on=MARCH_10, reasons="y"
    )

    assert decision.deciding_agency == rapporteur
    assert decision.decision_org == "NonPoliceGovernmentalOrganization"
    assert case.trafficking_status == TraffickingStatus.NOT_A_VICTIM


def test_reconsideration_returns_to_the_step_before_and_is_decided_again(case, police, make_member):
    investigator = make_member(Role.INVESTIGATOR, police)
    status_decide(actor=investigator, case=case, step="pending", decided_on=MARCH_2, reasons="x")
    status_decide(
        actor=investigator, case=case, step="not_confirmed", decided_on=MARCH_2, reasons="y"
    )
    assert can_reconsider(investigator, case)

    again = status_reconsider(
        actor=investigator, case=case, reasons="New evidence", decided_on=MARCH_10
    )
    final = status_decide(
        actor=investigator, case=case, step="confirmed", decided_on=MARCH_10, reasons="z"
    )

    assert (again.previous_step, again.step, again.is_reconsideration) == (
        "not_confirmed",
        "pending",
        True,
    )
    assert final.step == "confirmed"
    assert list(case.decisions.values_list("step", flat=True)) == [
        "pending",
        "not_confirmed",
        "pending",
        "confirmed",
    ]


def test_only_a_final_decision_can_be_reconsidered(case, police, make_member):
    investigator = make_member(Role.INVESTIGATOR, police)

    with pytest.raises(ValidationError, match="final"):
        status_reconsider(actor=investigator, case=case, reasons="x", decided_on=MARCH_2)
    assert not can_reconsider(investigator, case)


def test_a_closed_case_is_not_decided(case, police, make_member):
    investigator = make_member(Role.INVESTIGATOR, police)
    case.closed_on = MARCH_10
    case.save(update_fields=["closed_on"])

    with pytest.raises((ValidationError, PermissionDenied)):
        status_decide(
            actor=investigator, case=case, step="pending", decided_on=MARCH_10, reasons="x"
        )
    assert decision_options(investigator, case) == []


def test_the_uk_decision_deadline_ends_with_the_reasonable_grounds_decision(make_member):
    gb = demo_profile("GB")
    home = AgencyFactory.create(agency_type=AgencyType.CENTRAL_GOVERNMENT, country="GB")
    case = CaseFactory.create(
        agency=home, person__registered_by=home, country=gb.country, status="referred"
    )
    from liaison.nrm.services.clocks import periods_start_for_event

    periods_start_for_event(actor=None, case=case, event="referred", occurred_on=MARCH_2)
    decider = make_member(Role.NRM_DECISION_MAKER, home)

    status_decide(actor=decider, case=case, step="rg_positive", decided_on=MARCH_10, reasons="x")

    periods = {p.code: p for p in case.periods.all()}
    assert periods["rg_decision"].status == PeriodStatus.ENDED
    assert periods["rg_decision"].ended_on == MARCH_10
    assert periods["recovery_period"].status == PeriodStatus.RUNNING
    assert periods["recovery_period"].due_on == MARCH_10 + datetime.timedelta(days=30)
