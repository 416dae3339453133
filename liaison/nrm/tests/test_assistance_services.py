"""Assistance and closure services: permission, validation, audit, closed cases read-only."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from liaison.core.models import AuditAction, AuditEvent
from liaison.core.vocabularies import CaseStatus, SupportType
from liaison.directory.roles import Role
from liaison.directory.tests.factories import AgencyFactory
from liaison.nrm.models import CaseClosureReason, NeedsAssessment, ReturnFollowUp
from liaison.nrm.services import assistance as services
from liaison.nrm.services.closure import case_close, case_reopen
from liaison.nrm.tests.factories import CaseFactory, ProviderFactory
from liaison.nrm.tests.factories_assistance import SupportPlanItemFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 10)


@pytest.fixture
def case(agency):
    return CaseFactory.create(person__registered_by=agency, flagged_on=datetime.date(2026, 3, 2))


@pytest.fixture
def worker(make_member, agency):
    return make_member(Role.CASE_WORKER, agency)


def test_needs_assessment_is_saved_encrypted_and_audited(worker, case):
    assessment = services.needs_assessment_add(
        actor=worker, case=case, assessed_on=DAY, needs=["Health", "Legal", "Health"],
        risk_level="high", notes="Боится возвращаться",
    )  # fmt: skip

    assert assessment.needs == ["Health", "Legal"]
    assert NeedsAssessment.objects.get().notes == "Боится возвращаться"
    event = AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(assessment.pk)).get()
    assert "notes" in event.fields


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"needs": []}, "needs"),
        ({"needs": ["Shelter"]}, "needs"),
        ({"risk_level": "extreme"}, "risk_level"),
        ({"assessed_on": datetime.date(2026, 3, 1)}, "assessed_on"),
        ({"assessed_on": datetime.date(2999, 1, 1)}, "assessed_on"),
    ],
    ids=["no_need_case", "unknown_need_case", "bad_risk_case", "before_case", "future_case"],
)
def test_needs_assessment_refuses_bad_input(worker, case, changes, field):
    data = {"assessed_on": DAY, "needs": ["Health"], "risk_level": "low", **changes}

    with pytest.raises(ValidationError) as error:
        services.needs_assessment_add(actor=worker, case=case, **data)

    assert field in error.value.message_dict
    assert not NeedsAssessment.objects.exists()


def test_another_agencys_worker_may_not_add(make_member, case):
    stranger = make_member(Role.CASE_WORKER, AgencyFactory.create())

    with pytest.raises(PermissionDenied):
        services.support_plan_item_add(
            actor=stranger, case=case, support_type="Legal", objective="x"
        )


def test_plan_item_completes_once(worker, case):
    item = SupportPlanItemFactory.create(case=case)

    services.support_plan_item_complete(actor=worker, item=item, actual_end=DAY)
    item.refresh_from_db()

    assert item.actual_end == DAY
    with pytest.raises(ValidationError):
        services.support_plan_item_complete(actor=worker, item=item, actual_end=DAY)


def test_service_needs_a_visible_active_provider_offering_the_service(worker, case):
    provider = ProviderFactory.create(services=["shelter"])
    delivery = services.service_delivery_add(
        actor=worker, case=case, support_type=SupportType.SOCIAL_CARE, provider=provider,
        service="shelter", started_on=DAY,
    )  # fmt: skip
    assert delivery.provider == provider

    with pytest.raises(ValidationError) as error:
        services.service_delivery_add(
            actor=worker, case=case, support_type="Health", provider=provider,
            service="health", started_on=DAY,
        )  # fmt: skip
    assert "service" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.service_delivery_add(
            actor=worker, case=case, support_type="Health", started_on=DAY,
            ended_on=datetime.date(2026, 3, 9),
        )  # fmt: skip
    assert "ended_on" in error.value.message_dict


def test_return_and_follow_up(worker, case):
    partner = AgencyFactory.create(country="UZ")
    services.return_record(
        actor=worker, case=case, happened_on=DAY, country="uz", voluntary=True, partner=partner
    )
    follow = services.follow_up_record(
        actor=worker, case=case, happened_on=DAY + datetime.timedelta(days=30),
        reintegration_status="fragile",
    )  # fmt: skip

    assert follow.country == "UZ"
    assert follow.partner == partner
    assert case.returns.filter(kind=ReturnFollowUp.Kind.RETURN).get().voluntary is True
    with pytest.raises(ValidationError) as error:
        services.return_record(
            actor=worker, case=case, happened_on=DAY, country="TM", partner=partner
        )
    assert "partner" in error.value.message_dict


def test_follow_up_without_return_needs_a_country(worker, case):
    with pytest.raises(ValidationError) as error:
        services.follow_up_record(
            actor=worker, case=case, happened_on=DAY, reintegration_status="good"
        )

    assert "country" in error.value.message_dict


def test_close_makes_the_case_read_only_until_reopened(worker, case):
    closed = case_close(
        actor=worker,
        case=case,
        reason=CaseClosureReason.RETURNED,
        note="Voltou a casa",
        closed_on=DAY,
    )

    assert closed.case_status == CaseStatus.CLOSED
    assert closed.closed_on == DAY
    with pytest.raises(PermissionDenied):
        services.needs_assessment_add(actor=worker, case=closed, assessed_on=DAY, needs=["Health"])
    with pytest.raises(ValidationError):
        case_close(actor=worker, case=closed, reason=CaseClosureReason.OTHER, note="again")

    reopened = case_reopen(actor=worker, case=closed)

    assert reopened.is_open
    assert reopened.case_status == CaseStatus.ACTIVE
    services.needs_assessment_add(actor=worker, case=reopened, assessed_on=DAY, needs=["Health"])
    purposes = set(
        AuditEvent.objects.filter(object_id=str(case.pk)).values_list("purpose", flat=True)
    )
    assert {"case closed", "case reopened"} <= purposes


def test_closing_as_referred_marks_htcds_closed_referred(worker, case):
    assert case_close(actor=worker, case=case, reason="referred", closed_on=DAY).case_status == (
        CaseStatus.CLOSED_REFERRED
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"reason": "bored"}, "reason"),
        ({"reason": "other", "note": " "}, "note"),
        ({"reason": "declined", "closed_on": datetime.date(2026, 3, 1)}, "closed_on"),
    ],
    ids=["unknown_reason_case", "other_without_note_case", "before_flagging_case"],
)
def test_close_refuses_bad_input(worker, case, data, field):
    with pytest.raises(ValidationError) as error:
        case_close(actor=worker, case=case, **data)

    assert field in error.value.message_dict
    case.refresh_from_db()
    assert case.is_open


def test_only_closers_close(make_member, agency, case):
    responder = make_member(Role.FRONTLINE_RESPONDER, agency)

    with pytest.raises(PermissionDenied):
        case_close(actor=responder, case=case, reason="declined")
