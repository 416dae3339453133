"""Services of criminal cases: who may write, what is validated, what is logged."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from liaison.core.models import AuditEvent
from liaison.directory.roles import Role
from liaison.justice.models import CriminalCase, StageChange
from liaison.justice.services import cases as services
from liaison.justice.tests.factories import CriminalCaseFactory, DefendantFactory, OffenceFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 1)


@pytest.fixture
def investigator(make_member, agency):
    return make_member(Role.INVESTIGATOR, agency)


@pytest.fixture
def criminal_case(agency, investigator):
    return CriminalCaseFactory.create(lead_agency=agency, owner=investigator, opened_on=DAY)


def test_create_writes_the_case_its_first_stage_and_the_log(investigator, agency):
    criminal_case = services.criminal_case_create(
        actor=investigator, lead_agency=agency, reference=" NUIPC 1/26 ", title="Harvest",
        opened_on=DAY, summary="Workers held on a farm",
    )  # fmt: skip
    assert criminal_case.reference == "NUIPC 1/26"
    assert criminal_case.owner == investigator
    assert list(criminal_case.stage_changes.values_list("stage", "entered_on")) == [
        ("investigation", DAY)
    ]
    assert AuditEvent.objects.filter(action="create", object_id=str(criminal_case.pk)).exists()


def test_create_for_another_agency_is_refused(investigator, other_agency):
    with pytest.raises(PermissionDenied):
        services.criminal_case_create(
            actor=investigator, lead_agency=other_agency, reference="X", title="X", opened_on=DAY
        )
    assert not CriminalCase.objects.exists()


def test_create_refuses_a_duplicate_reference_and_a_future_date(
    investigator, agency, criminal_case
):
    with pytest.raises(ValidationError) as duplicate:
        services.criminal_case_create(
            actor=investigator, lead_agency=agency, reference=criminal_case.reference,
            title="X", opened_on=DAY,
        )  # fmt: skip
    assert "reference" in duplicate.value.error_dict
    with pytest.raises(ValidationError) as future:
        services.criminal_case_create(
            actor=investigator, lead_agency=agency, reference="new", title="X",
            opened_on=datetime.date(2999, 1, 1),
        )  # fmt: skip
    assert "opened_on" in future.value.error_dict
    assert CriminalCase.objects.count() == 1


def test_stages_move_forward_only(investigator, criminal_case):
    services.criminal_case_change_stage(
        actor=investigator, criminal_case=criminal_case, stage="trial", entered_on=DAY
    )
    criminal_case.refresh_from_db()
    assert criminal_case.stage == "trial"
    assert services.allowed_next_stages(criminal_case) == ["appeal", "final", "closed"]
    with pytest.raises(ValidationError):
        services.criminal_case_change_stage(
            actor=investigator, criminal_case=criminal_case, stage="prosecution", entered_on=DAY
        )
    with pytest.raises(ValidationError):
        services.criminal_case_change_stage(
            actor=investigator, criminal_case=criminal_case, stage="appeal",
            entered_on=DAY - datetime.timedelta(days=1),
        )  # fmt: skip
    services.criminal_case_change_stage(
        actor=investigator, criminal_case=criminal_case, stage="closed", entered_on=DAY
    )
    criminal_case.refresh_from_db()
    assert services.allowed_next_stages(criminal_case) == []
    assert StageChange.objects.filter(criminal_case=criminal_case).count() == 2


def test_an_outsider_cannot_write(make_member, other_agency, criminal_case):
    outsider = make_member(Role.INVESTIGATOR, other_agency)
    with pytest.raises(PermissionDenied):
        services.offence_add(actor=outsider, criminal_case=criminal_case, offence_type="tip")
    with pytest.raises(PermissionDenied):
        services.criminal_case_change_stage(
            actor=outsider, criminal_case=criminal_case, stage="trial", entered_on=DAY
        )


def test_an_involved_agency_reaches_the_case(
    make_member, other_agency, investigator, criminal_case
):
    partner = make_member(Role.INVESTIGATOR, other_agency)
    services.case_agency_add(actor=investigator, criminal_case=criminal_case, agency=other_agency)
    offence = services.offence_add(
        actor=partner, criminal_case=criminal_case, offence_type="som", legal_provision="art. 183"
    )
    assert offence.legal_provision == "art. 183"
    with pytest.raises(ValidationError):
        services.case_agency_add(
            actor=investigator, criminal_case=criminal_case, agency=other_agency
        )


def test_offence_with_a_charge_is_kept(investigator, criminal_case):
    offence = OffenceFactory.create(criminal_case=criminal_case)
    defendant = DefendantFactory.create(criminal_case=criminal_case)
    defendant.charges.create(offence=offence)
    with pytest.raises(ValidationError):
        services.offence_remove(actor=investigator, offence=offence)
    assert criminal_case.offences.count() == 1


def test_techniques_and_assets_are_validated(investigator, criminal_case):
    services.technique_add(
        actor=investigator, criminal_case=criminal_case, technique="surveillance"
    )
    with pytest.raises(ValidationError):
        services.technique_add(
            actor=investigator, criminal_case=criminal_case, technique="surveillance"
        )
    with pytest.raises(ValidationError):
        services.technique_add(actor=investigator, criminal_case=criminal_case, technique="magic")
    with pytest.raises(ValidationError) as bad:
        services.asset_add(
            actor=investigator, criminal_case=criminal_case, measure="stolen", description="",
            value=Decimal("-1"), currency="E1",
        )  # fmt: skip
    assert set(bad.value.error_dict) == {"measure", "description", "value", "currency"}
    asset = services.asset_add(
        actor=investigator, criminal_case=criminal_case, measure="frozen",
        description="Bank account", value=Decimal("5000"), currency="eur",
    )  # fmt: skip
    assert (asset.currency, criminal_case.assets.count()) == ("EUR", 1)


def test_update_logs_the_changed_fields(investigator, criminal_case):
    services.criminal_case_update(
        actor=investigator, criminal_case=criminal_case, title="Renamed", summary="",
        owner=investigator, is_trafficking=True, is_smuggling=True,
    )  # fmt: skip
    event = AuditEvent.objects.filter(action="update").latest("pk")
    assert sorted(event.fields) == ["is_smuggling", "title"]
    with pytest.raises(ValidationError):
        services.criminal_case_update(
            actor=investigator, criminal_case=criminal_case, title="X", summary="",
            owner=None, is_trafficking=False, is_smuggling=False,
        )  # fmt: skip
