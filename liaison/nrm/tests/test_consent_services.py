"""Consent per purpose: recording, the guardian for a child, withdrawal; pages and API."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from liaison.nrm.models import Consent, ConsentPurpose
from liaison.nrm.services import consent as services
from liaison.nrm.tests.factories_handovers import World

pytestmark = pytest.mark.django_db
API = "/api/v1/nrm"
TODAY = timezone.localdate()


@pytest.fixture
def w(make_member: Any) -> World:
    return World(make_member)


def record(w: World, **kwargs: Any) -> Consent:
    data = {"purpose": ConsentPurpose.REFERRAL, "given": True, "given_on": TODAY, "recipient": w.b,
            "language": "uz", "interpreter_present": True, **kwargs}  # fmt: skip
    return services.consent_record(actor=w.worker_a, case=w.case, **data)


def test_a_referral_consent_names_the_agency(w: World):
    with pytest.raises(ValidationError) as error:
        record(w, recipient=None)

    assert "recipient" in error.value.message_dict
    assert not Consent.objects.exists()


def test_a_consent_is_recorded_with_its_circumstances(w: World):
    consent = record(w)

    assert consent.is_valid
    assert (consent.language, consent.interpreter_present, consent.recorded_by) == (
        "uz",
        True,
        w.worker_a,
    )


def test_a_recipient_is_dropped_for_purposes_that_name_none(w: World):
    consent = record(w, purpose=ConsentPurpose.OBSERVATORY)

    assert consent.recipient is None


def test_a_childs_consent_names_the_guardian(w: World):
    w.case.is_child = True
    w.case.save()

    with pytest.raises(ValidationError):
        record(w, purpose=ConsentPurpose.ASSISTANCE)
    consent = record(w, purpose=ConsentPurpose.ASSISTANCE, guardian_name="Dilnoza Karimova")

    assert Consent.objects.get(pk=consent.pk).guardian_name == "Dilnoza Karimova"


def test_a_future_date_is_refused(w: World):
    with pytest.raises(ValidationError):
        record(w, given_on=TODAY + datetime.timedelta(days=1))


def test_an_unknown_purpose_is_refused(w: World):
    with pytest.raises(ValidationError):
        record(w, purpose="marketing")


def test_withdrawal_needs_a_reason_and_happens_once(w: World):
    consent = record(w)

    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=w.worker_a, consent=consent, withdrawn_on=TODAY, reason="")
    services.consent_withdraw(
        actor=w.worker_a, consent=consent, withdrawn_on=TODAY, reason="Afraid"
    )
    with pytest.raises(ValidationError):
        services.consent_withdraw(
            actor=w.worker_a, consent=consent, withdrawn_on=TODAY, reason="Again"
        )

    consent.refresh_from_db()
    assert not consent.is_valid
    assert consent.withdrawal_reason == "Afraid"


def test_a_refusal_cannot_be_withdrawn(w: World):
    consent = record(w, given=False)

    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=w.worker_a, consent=consent, withdrawn_on=TODAY, reason="x")


def test_another_agency_cannot_record_consent(w: World):
    with pytest.raises(PermissionDenied):
        services.consent_record(actor=w.worker_b, case=w.case, purpose="assistance", given=True,
                                given_on=TODAY)  # fmt: skip


def test_the_pages_record_and_withdraw(w: World, client_for: Any):
    client = client_for(w.worker_a)
    assert client.get(reverse("nrm:consent_record", args=[w.case.pk])).status_code == 200

    response = client.post(reverse("nrm:consent_record", args=[w.case.pk]), {
        "purpose": "referral", "recipient": w.b.pk, "given": "yes", "given_on": TODAY.isoformat()})  # fmt: skip
    consent = Consent.objects.get()
    withdrawn = client.post(reverse("nrm:consent_withdraw", args=[w.case.pk, consent.pk]),
                            {"withdrawn_on": TODAY.isoformat(), "reason": "Changed her mind"})  # fmt: skip

    assert response.status_code == 302
    assert withdrawn.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == TODAY


def test_the_page_refuses_a_referral_without_agency_with_a_400(w: World, client_for: Any):
    response = client_for(w.worker_a).post(reverse("nrm:consent_record", args=[w.case.pk]), {
        "purpose": "referral", "given": "yes", "given_on": TODAY.isoformat()})  # fmt: skip

    assert response.status_code == 400
    assert not Consent.objects.exists()


def test_withdrawing_another_cases_consent_is_404(w: World, client_for: Any, make_member: Any):
    from liaison.nrm.tests.factories import ConsentFactory

    other: Any = ConsentFactory()

    response = client_for(w.worker_a).get(
        reverse("nrm:consent_withdraw", args=[w.case.pk, other.pk])
    )

    assert response.status_code == 404


def test_the_section_lists_consents(w: World):
    from django.template.loader import render_to_string

    consent = record(w)

    html = render_to_string("nrm/includes/section_consent.html",
                            {"case": w.case, "user": w.worker_a, "perms_case": {"can_edit": True}})  # fmt: skip

    assert f'data-consent="{consent.pk}"' in html
    assert reverse("nrm:consent_withdraw", args=[w.case.pk, consent.pk]) in html


def test_api_record_list_withdraw(w: World, client_for: Any):
    client = client_for(w.worker_a)
    created = client.post(f"{API}/cases/{w.case.pk}/consents", json.dumps({
        "purpose": "referral", "given": True, "given_on": TODAY.isoformat(), "recipient_id": w.b.pk}),
        content_type="application/json")  # fmt: skip
    missing = client.post(f"{API}/cases/{w.case.pk}/consents", json.dumps({
        "purpose": "referral", "given": True, "given_on": TODAY.isoformat()}),
        content_type="application/json")  # fmt: skip
    withdrawn = client.post(
        f"{API}/cases/{w.case.pk}/consents/{created.json()['id']}/withdraw",
        json.dumps({"withdrawn_on": TODAY.isoformat(), "reason": "No longer"}),
        content_type="application/json",
    )
    listed = client.get(f"{API}/cases/{w.case.pk}/consents").json()

    assert created.status_code == 201
    assert missing.status_code == 422
    assert withdrawn.json()["is_valid"] is False
    assert listed["count"] == 1
