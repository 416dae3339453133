"""Suspects and defendants: identity, HTCDS roles, the status ladder with dates, charges."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from liaison.core.models import AuditEvent
from liaison.directory.roles import Role
from liaison.justice.models import Defendant
from liaison.justice.services import defendants as services
from liaison.justice.tests.factories import CriminalCaseFactory, DefendantFactory, OffenceFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 2, 1)


@pytest.fixture
def investigator(make_member, agency):
    return make_member(Role.INVESTIGATOR, agency)


@pytest.fixture
def criminal_case(agency):
    return CriminalCaseFactory.create(lead_agency=agency)


def test_create_validates_roles_citizenship_and_legal_persons(investigator, criminal_case):
    defendant = services.defendant_create(
        actor=investigator, criminal_case=criminal_case, name=" Ivan Petrov ", suspected_on=DAY,
        sex="Masculine", citizenship="uz", roles=["Smuggler", "Transporter"], age=40,
    )  # fmt: skip
    defendant.refresh_from_db()
    assert (defendant.name, defendant.citizenship) == ("Ivan Petrov", "UZ")
    assert defendant.roles == ["Smuggler", "Transporter"]
    with pytest.raises(ValidationError) as bad:
        services.defendant_create(
            actor=investigator, criminal_case=criminal_case, name="", suspected_on=DAY,
            citizenship="XX", roles=["Boss"],
        )  # fmt: skip
    assert set(bad.value.error_dict) == {"name", "citizenship", "roles"}
    with pytest.raises(ValidationError) as company:
        services.defendant_create(
            actor=investigator, criminal_case=criminal_case, name="Agro Lda", kind="legal",
            suspected_on=DAY, age=3,
        )  # fmt: skip
    assert "kind" in company.value.error_dict
    assert Defendant.objects.count() == 1


def test_status_moves_forward_with_dates_in_order(investigator, criminal_case):
    defendant = DefendantFactory.create(criminal_case=criminal_case, suspected_on=DAY)
    with pytest.raises(ValidationError):
        services.defendant_update(actor=investigator, defendant=defendant, status="convicted")
    with pytest.raises(ValidationError):
        services.defendant_update(
            actor=investigator, defendant=defendant, status="prosecuted",
            prosecuted_on=DAY - datetime.timedelta(days=1),
        )  # fmt: skip
    services.defendant_update(
        actor=investigator, defendant=defendant, status="prosecuted",
        prosecuted_on=datetime.date(2026, 3, 1),
    )  # fmt: skip
    services.defendant_update(
        actor=investigator, defendant=defendant, status="convicted",
        judged_on=datetime.date(2026, 4, 1), sentence_months=48, sentence="4 years",
    )  # fmt: skip
    defendant.refresh_from_db()
    assert (defendant.status, defendant.sentence_months) == ("convicted", 48)
    with pytest.raises(ValidationError):
        services.defendant_update(actor=investigator, defendant=defendant, status="acquitted")


def test_charges_belong_to_the_case_and_need_a_date_when_decided(investigator, criminal_case):
    defendant = DefendantFactory.create(criminal_case=criminal_case)
    offence = OffenceFactory.create(criminal_case=criminal_case)
    foreign = OffenceFactory.create()
    with pytest.raises(ValidationError):
        services.charge_set(actor=investigator, defendant=defendant, offence=foreign)
    with pytest.raises(ValidationError):
        services.charge_set(
            actor=investigator, defendant=defendant, offence=offence, outcome="convicted"
        )
    services.charge_set(actor=investigator, defendant=defendant, offence=offence)
    charge = services.charge_set(
        actor=investigator, defendant=defendant, offence=offence, outcome="convicted",
        decided_on=datetime.date(2026, 4, 1),
    )  # fmt: skip
    assert defendant.charges.get().outcome == charge.outcome == "convicted"


def test_outsider_cannot_write(make_member, other_agency, criminal_case):
    outsider = make_member(Role.INVESTIGATOR, other_agency)
    with pytest.raises(PermissionDenied):
        services.defendant_create(
            actor=outsider, criminal_case=criminal_case, name="X", suspected_on=DAY
        )


def test_pages_show_the_name_with_an_audit_and_hide_it_from_other_agencies(
    client_for, make_member, investigator, criminal_case, other_agency
):
    web = client_for(investigator)
    response = web.post(
        reverse("justice:defendant_add", args=[criminal_case.pk]),
        {"kind": "natural", "name": "Rustam Aliev", "sex": "Masculine", "citizenship": "TJ",
         "roles": ["RecruiterOrIntermediary"], "suspected_on": "2026-02-03"},
    )  # fmt: skip
    assert response.status_code == 302
    defendant = Defendant.objects.get()
    page = web.get(reverse("justice:defendant_detail", args=[defendant.pk]))
    assert "Rustam Aliev" in page.content.decode()
    event = AuditEvent.objects.filter(action="view", object_id=str(defendant.pk)).latest("pk")
    assert "name" in event.fields
    assert "Rustam Aliev" not in web.get(criminal_case.get_absolute_url()).content.decode()
    edit = reverse("justice:defendant_edit", args=[defendant.pk])
    bad = web.post(
        edit,
        {
            "kind": "natural",
            "name": "R",
            "sex": "Masculine",
            "suspected_on": "2026-02-03",
            "status": "convicted",
        },
    )
    assert bad.status_code == 400
    outsider = client_for(make_member(Role.INVESTIGATOR, other_agency))
    for name in ["defendant_detail", "defendant_edit", "charge_set"]:
        assert outsider.get(reverse(f"justice:{name}", args=[defendant.pk])).status_code == 404


def test_api_keeps_names_out_of_lists_and_logs_the_detail(
    client_for, make_member, investigator, criminal_case, other_agency
):
    api = client_for(investigator)
    base = f"/api/v1/justice/criminal-cases/{criminal_case.pk}/defendants"
    created = api.post(
        base, {"name": "Olga K", "suspected_on": "2026-02-01", "roles": ["Smuggler"], "citizenship": "UA"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    defendant_id = created.json()["id"]
    bad = api.post(
        base,
        {"name": "X", "suspected_on": "2026-02-01", "roles": ["Boss"]},
        content_type="application/json",
    )
    assert bad.status_code == 422
    listed = api.get(base).json()
    assert "name" not in listed[0]
    before = AuditEvent.objects.filter(action="view").count()
    assert api.get(f"/api/v1/justice/defendants/{defendant_id}").json()["name"] == "Olga K"
    assert AuditEvent.objects.filter(action="view").count() == before + 1
    offence = OffenceFactory.create(criminal_case=criminal_case)
    patched = api.patch(
        f"/api/v1/justice/defendants/{defendant_id}",
        {"status": "prosecuted", "prosecuted_on": "2026-03-01"}, content_type="application/json",
    )  # fmt: skip
    assert patched.json()["status"] == "prosecuted"
    charge = api.put(
        f"/api/v1/justice/defendants/{defendant_id}/charges",
        {"offence_id": offence.pk, "outcome": "convicted"}, content_type="application/json",
    )  # fmt: skip
    assert charge.status_code == 422
    outsider = client_for(make_member(Role.INVESTIGATOR, other_agency))
    assert outsider.get(f"/api/v1/justice/defendants/{defendant_id}").status_code == 404
    assert outsider.get(base).status_code == 404
