"""Handovers: the consent gate, the state machine, what accepting does, anonymous notification."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from liaison.core.models import AuditEvent
from liaison.directory.roles import Role
from liaison.nrm.models import (
    AnonymousDetails,
    Case,
    ConsentPurpose,
    ExploitationProfile,
    Handover,
    HandoverKind,
    HandoverStatus,
    Section,
)
from liaison.nrm.services import consent as consent_services
from liaison.nrm.services import handovers as services
from liaison.nrm.tests.factories import ConsentFactory, ProviderFactory
from liaison.nrm.tests.factories_handovers import World

pytestmark = pytest.mark.django_db
SECTIONS = [Section.EXPLOITATION]


@pytest.fixture
def w(make_member: Any) -> World:
    return World(make_member)


def referral_consent(w: World, agency: Any, **kwargs: Any) -> Any:
    return ConsentFactory(
        case=w.case, purpose=ConsentPurpose.REFERRAL, recipient=agency, recorded_by=w.worker_a,
        **kwargs,
    )  # fmt: skip


def refer(w: World, actor: Any = None, **kwargs: Any) -> Handover:
    params = {"kind": HandoverKind.REFERRAL, "to_agency": w.b, "sections": SECTIONS, **kwargs}
    return services.handover_create(actor=actor or w.worker_a, case=w.case, **params)


# --- the consent gate ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [HandoverKind.REFERRAL, HandoverKind.TRANSFER])
def test_referral_and_transfer_without_consent_are_blocked(w: World, kind: str):
    with pytest.raises(ValidationError) as error:
        refer(w, kind=kind)

    assert "override_reason" in error.value.message_dict
    assert not Handover.objects.exists()


def test_a_consent_naming_another_agency_does_not_open_the_gate(w: World):
    referral_consent(w, w.c)

    with pytest.raises(ValidationError):
        refer(w)


def test_a_refusal_does_not_open_the_gate(w: World):
    referral_consent(w, w.b, given=False)

    with pytest.raises(ValidationError):
        refer(w)


def test_a_valid_consent_naming_the_recipient_opens_the_gate(w: World):
    consent = referral_consent(w, w.b)

    handover = refer(w)

    assert handover.consent == consent
    assert handover.consent_overridden is False
    assert handover.status == HandoverStatus.PENDING


def test_a_withdrawn_consent_blocks_again(w: World):
    consent = referral_consent(w, w.b)
    consent_services.consent_withdraw(
        actor=w.worker_a, consent=consent, withdrawn_on=consent.given_on, reason="Changed her mind"
    )

    with pytest.raises(ValidationError):
        refer(w)


def test_a_child_is_referred_without_consent(w: World):
    w.case.is_child = True
    w.case.save()

    handover = refer(w)

    assert handover.consent is None
    assert handover.consent_overridden is False


def test_override_with_a_reason_by_an_authorised_user_is_logged(w: World):
    handover = refer(w, actor=w.manager_a, override_reason="Immediate danger to life")

    assert handover.consent_overridden is True
    assert handover.override_reason == "Immediate danger to life"
    event = AuditEvent.objects.get(purpose=services.CONSENT_OVERRIDE)
    assert event.actor == w.manager_a
    assert event.object_id == str(handover.pk)
    assert "override_reason" in event.fields


def test_override_needs_a_reason(w: World):
    with pytest.raises(ValidationError):
        refer(w, actor=w.manager_a, override_reason="   ")


def test_a_user_without_the_override_permission_cannot_override(w: World):
    with pytest.raises(ValidationError) as error:
        refer(w, actor=w.worker_a, override_reason="I think it is urgent")

    assert "override_reason" in error.value.message_dict
    assert not Handover.objects.exists()
    assert not AuditEvent.objects.filter(purpose=services.CONSENT_OVERRIDE).exists()


def test_an_override_is_not_recorded_when_consent_exists(w: World):
    referral_consent(w, w.b)

    handover = refer(w, actor=w.manager_a, override_reason="just in case")

    assert handover.consent_overridden is False
    assert handover.override_reason == ""


def test_another_agency_cannot_hand_over_the_case(w: World):
    referral_consent(w, w.b)

    with pytest.raises(PermissionDenied):
        refer(w, actor=w.worker_b)


# --- sections, recipients and the provider ---------------------------------------------------


def test_sections_are_checked_against_the_list(w: World):
    referral_consent(w, w.b)

    with pytest.raises(ValidationError) as error:
        refer(w, sections=["exploitation", "everything"])

    assert "everything" in str(error.value)


def test_a_referral_shares_at_least_one_section(w: World):
    referral_consent(w, w.b)

    with pytest.raises(ValidationError):
        refer(w, sections=[])


def test_a_case_is_not_referred_to_its_own_agency(w: World):
    with pytest.raises(ValidationError):
        refer(w, to_agency=w.a)


def test_a_provider_of_the_directory_names_the_recipient(w: World):
    referral_consent(w, w.b)
    shelter = ProviderFactory(agency=w.b)

    handover = refer(w, to_agency=None, provider=shelter)

    assert handover.to_agency == w.b
    assert handover.provider == shelter


def test_a_provider_of_another_agency_than_the_recipient_is_refused(w: World):
    referral_consent(w, w.b)

    with pytest.raises(ValidationError):
        refer(w, provider=ProviderFactory(agency=w.c))


def test_the_same_pending_handover_is_not_sent_twice(w: World):
    referral_consent(w, w.b)
    refer(w)

    with pytest.raises(ValidationError):
        refer(w)


# --- the state machine -----------------------------------------------------------------------


def _in_status(w: World, status: str) -> Handover:
    referral_consent(w, w.b)
    handover = refer(w)
    if status in (HandoverStatus.ACCEPTED, HandoverStatus.DONE):
        handover = services.handover_accept(actor=w.worker_b, handover=handover)
    if status == HandoverStatus.DONE:
        handover = services.handover_done(actor=w.worker_b, handover=handover)
    if status == HandoverStatus.REJECTED:
        handover = services.handover_reject(actor=w.worker_b, handover=handover, reason="Full")
    if status == HandoverStatus.REVOKED:
        handover = services.handover_revoke(actor=w.worker_a, handover=handover)
    assert handover.status == status
    return handover


TRANSITIONS = {
    "accept": lambda w, h: services.handover_accept(actor=w.worker_b, handover=h),
    "reject": lambda w, h: services.handover_reject(actor=w.worker_b, handover=h, reason="No"),
    "revoke": lambda w, h: services.handover_revoke(actor=w.worker_a, handover=h),
    "done": lambda w, h: services.handover_done(actor=w.worker_b, handover=h),
}
LEGAL = {
    (HandoverStatus.PENDING, "accept"),
    (HandoverStatus.PENDING, "reject"),
    (HandoverStatus.PENDING, "revoke"),
    (HandoverStatus.ACCEPTED, "done"),
}
ILLEGAL = [
    (status, action)
    for status in HandoverStatus.values
    for action in TRANSITIONS
    if (status, action) not in LEGAL
]


@pytest.mark.parametrize(("status", "action"), ILLEGAL)
def test_every_illegal_transition_is_refused(w: World, status: str, action: str):
    handover = _in_status(w, status)
    cases_before = Case.objects.count()

    with pytest.raises(ValidationError):
        TRANSITIONS[action](w, handover)

    handover.refresh_from_db()
    assert handover.status == status
    assert Case.objects.count() == cases_before


@pytest.mark.parametrize(("status", "action"), sorted(LEGAL))
def test_every_legal_transition_reaches_its_status(w: World, status: str, action: str):
    handover = _in_status(w, status)

    TRANSITIONS[action](w, handover)

    handover.refresh_from_db()
    expected = {"accept": "accepted", "reject": "rejected", "revoke": "revoked", "done": "done"}
    assert handover.status == expected[action]


def test_a_rejection_needs_a_reason(w: World):
    handover = _in_status(w, HandoverStatus.PENDING)

    with pytest.raises(ValidationError):
        services.handover_reject(actor=w.worker_b, handover=handover, reason=" ")

    handover.refresh_from_db()
    assert handover.status == HandoverStatus.PENDING


@pytest.mark.parametrize("who", ["worker_a", "worker_c"])
def test_only_the_recipient_answers(w: World, who: str):
    handover = _in_status(w, HandoverStatus.PENDING)

    with pytest.raises(PermissionDenied):
        services.handover_accept(actor=getattr(w, who), handover=handover)


@pytest.mark.parametrize("who", ["worker_b", "worker_c"])
def test_only_the_sending_side_revokes(w: World, who: str):
    handover = _in_status(w, HandoverStatus.PENDING)

    with pytest.raises(PermissionDenied):
        services.handover_revoke(actor=getattr(w, who), handover=handover)


# --- what accepting does ---------------------------------------------------------------------


def test_accepting_a_referral_opens_the_recipients_case_for_the_same_person(w: World):
    handover = _in_status(w, HandoverStatus.PENDING)

    services.handover_accept(actor=w.worker_b, handover=handover, note="We have a place")

    opened = Case.objects.get(agency=w.b)
    assert opened.person == w.case.person
    assert opened.referred_by == handover
    assert opened.owner == w.worker_b
    assert opened.status == "flagged"  # the entry step of the ladder
    assert list(opened.decisions.values_list("step", flat=True)) == ["flagged"]
    w.case.refresh_from_db()
    assert w.case.agency == w.a  # the sender keeps its own case


def test_the_recipients_case_counts_its_periods_from_the_original_flagging(w: World):
    from liaison.nrm.tests.factories_cases import home_profile

    home_profile("PT")  # Portugal counts the reflection period from flagging
    handover = _in_status(w, HandoverStatus.PENDING)

    services.handover_accept(actor=w.worker_b, handover=handover)

    opened = Case.objects.get(agency=w.b)
    assert opened.flagged_on == w.case.flagged_on
    reflection = opened.periods.get(code="reflection_period")
    assert reflection.starts_on == w.case.flagged_on


def test_accepting_a_transfer_moves_the_case(w: World):
    referral_consent(w, w.b)
    handover = refer(w, kind=HandoverKind.TRANSFER)

    services.handover_accept(actor=w.worker_b, handover=handover)

    w.case.refresh_from_db()
    assert (w.case.agency, w.case.owner) == (w.b, w.worker_b)
    assert Case.objects.count() == 1


def test_a_transfer_request_is_asked_by_the_recipient_of_a_referral_and_performs_the_transfer(
    w: World,
):
    referral_consent(w, w.b)
    refer(w)
    asked = services.transfer_request_create(
        actor=w.worker_b, case=w.case, from_agency=w.b, reason="She lives in our region now"
    )
    assert asked.to_agency == w.a

    services.handover_accept(actor=w.worker_a, handover=asked)

    w.case.refresh_from_db()
    assert (w.case.agency, w.case.owner) == (w.b, w.worker_b)


def test_a_transfer_request_without_consent_needs_an_override_when_accepted(w: World):
    w.case.is_child = True
    w.case.save()
    refer(w)
    w.case.is_child = False
    w.case.save()
    asked = services.transfer_request_create(
        actor=w.worker_b, case=w.case, from_agency=w.b, reason="Closer to the family"
    )

    with pytest.raises(ValidationError):
        services.handover_accept(actor=w.worker_a, handover=asked)
    services.handover_accept(actor=w.manager_a, handover=asked, override_reason="Court order")

    asked.refresh_from_db()
    assert asked.consent_overridden
    assert asked.status == HandoverStatus.ACCEPTED
    assert AuditEvent.objects.filter(purpose=services.CONSENT_OVERRIDE).exists()


def test_an_agency_that_does_not_know_the_case_cannot_ask_for_it(w: World):
    with pytest.raises(PermissionDenied):
        services.transfer_request_create(
            actor=w.worker_c, case=w.case, from_agency=w.c, reason="We want it"
        )


def test_an_assignment_changes_the_owner_to_a_colleague(w: World):
    handover = services.handover_create(
        actor=w.worker_a, case=w.case, kind=HandoverKind.ASSIGNMENT, to_user=w.manager_a
    )

    with pytest.raises(PermissionDenied):
        services.handover_accept(actor=w.worker_a, handover=handover)
    services.handover_accept(actor=w.manager_a, handover=handover)

    w.case.refresh_from_db()
    assert (w.case.owner, w.case.agency) == (w.manager_a, w.a)


def test_an_assignment_goes_only_to_a_colleague_of_the_agency(w: World):
    with pytest.raises(ValidationError):
        services.handover_create(
            actor=w.worker_a, case=w.case, kind=HandoverKind.ASSIGNMENT, to_user=w.worker_b
        )


# --- the anonymous notification --------------------------------------------------------------


def test_an_adult_who_refuses_is_notified_anonymously(w: World):
    referral_consent(w, w.b, given=False)
    w.case.age_at_flagging = 34
    w.case.save()
    ExploitationProfile.objects.create(case=w.case, forms=["ForcedLabour"], notes="secret")

    notified = services.anonymous_notification_create(actor=w.worker_a, case=w.case, to_agency=w.b)

    assert notified.anonymous
    assert notified.person is None
    assert notified.owner is None
    assert notified.agency == w.b
    assert notified.referred_by is None
    assert notified.age_at_flagging == 34
    assert notified.status == "flagged"
    assert notified.decisions.get().deciding_agency == w.a
    details = AnonymousDetails.objects.get(case=notified)
    assert (details.sex, details.citizenship) == (w.case.person.sex, w.case.person.citizenship)
    assert notified.exploitation.forms == ["ForcedLabour"]
    assert notified.exploitation.notes == ""
    assert notified.summary == ""


def test_a_child_is_not_notified_anonymously(w: World):
    w.case.is_child = True
    w.case.save()

    with pytest.raises(ValidationError):
        services.anonymous_notification_create(actor=w.worker_a, case=w.case, to_agency=w.b)


def test_no_anonymous_notification_when_the_person_consented(w: World):
    referral_consent(w, w.b)

    with pytest.raises(ValidationError):
        services.anonymous_notification_create(actor=w.worker_a, case=w.case, to_agency=w.b)


def test_consent_withdrawn_on_a_date_before_it_was_given_is_refused(w: World):
    consent = referral_consent(w, w.b)

    with pytest.raises(ValidationError):
        consent_services.consent_withdraw(
            actor=w.worker_a,
            consent=consent,
            withdrawn_on=consent.given_on - datetime.timedelta(days=1),
            reason="x",
        )


def test_a_member_without_handover_capability_has_no_inbox(w: World, make_member: Any):
    from liaison.nrm.selectors.handovers import inbox

    decider = make_member(Role.NRM_DECISION_MAKER, w.b)
    _in_status(w, HandoverStatus.PENDING)

    assert list(inbox(user=decider)) == []
    assert len(inbox(user=w.worker_b)) == 1
