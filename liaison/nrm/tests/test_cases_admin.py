"""The NRM admin: read-only case data without encrypted fields; checklists editable."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.contrib import admin as django_admin
from django.urls import reverse

from liaison.core.models import AuditEvent
from liaison.directory.tests.factories import UserFactory
from liaison.nrm import models as m
from liaison.nrm.tests.factories import CaseFactory
from liaison.nrm.tests.factories_cases import (
    IdentityDocumentFactory,
    ScreeningFactory,
    default_checklist,
    home_profile,
    indexed_person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client_for):
    return client_for(UserFactory(is_staff=True, is_superuser=True))


def test_every_nrm_model_is_in_the_admin():
    registered = {model for model in django_admin.site._registry if model._meta.app_label == "nrm"}
    expected = {
        model for model in apps.get_app_config("nrm").get_models() if model is not m.PersonSearchKey
    }
    assert expected <= registered


def test_case_data_pages_show_no_encrypted_value(staff, agency):
    home_profile("PT")
    person = indexed_person(agency, given_names="Aziza", family_names="Rahimova")
    IdentityDocumentFactory.create(person=person, number="FA7654321")
    case = CaseFactory.create(person=person, agency=agency, summary="Secret summary")
    ScreeningFactory.create(case=case, notes="Secret note")

    pages = [
        reverse("admin:nrm_person_changelist"),
        reverse("admin:nrm_person_change", args=[person.pk]),
        reverse("admin:nrm_identitydocument_change", args=[person.documents.get().pk]),
        reverse("admin:nrm_case_changelist"),
        reverse("admin:nrm_case_change", args=[case.pk]),
        reverse("admin:nrm_screening_changelist"),
    ]
    for page in pages:
        response = staff.get(page)
        body = response.content.decode()
        assert response.status_code == 200, page
        for secret in ("Aziza", "Rahimova", "FA7654321", "Secret summary", "Secret note"):
            assert secret not in body, (page, secret)


@pytest.mark.parametrize("model", ["person", "case", "statusdecision", "screening"])
def test_case_data_cannot_be_added_or_deleted(staff, model):
    assert staff.get(reverse(f"admin:nrm_{model}_add")).status_code == 403


def test_a_country_checklist_is_added_and_logged(staff):
    indicators = default_checklist("labour").indicators[:4]

    response = staff.post(
        reverse("admin:nrm_indicatorchecklist_add"),
        {
            "kind": "labour",
            "country": "gb",
            "version": "1",
            "indicators": json.dumps(indicators),
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    checklist = m.IndicatorChecklist.objects.get(country="GB")
    assert len(checklist.indicators) == 4
    assert AuditEvent.objects.filter(object_type="nrm.indicatorchecklist", action="create").exists()


@pytest.mark.parametrize(
    "indicators",
    [[], [{"code": "a"}], [{"code": "a", "text": {"en": "A"}}, {"code": "a", "text": {"en": "B"}}]],
    ids=["empty", "no_text", "duplicate_code"],
)
def test_a_malformed_checklist_is_refused(staff, indicators):
    response = staff.post(
        reverse("admin:nrm_indicatorchecklist_add"),
        {"kind": "labour", "country": "GB", "version": "1", "indicators": json.dumps(indicators)},
    )

    assert response.status_code == 200  # the form again, with the error
    assert not m.IndicatorChecklist.objects.filter(country="GB").exists()
