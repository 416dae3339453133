"""Case summary PDF: chosen sections only, Cyrillic in an embedded TrueType font, audited, scoped."""

from __future__ import annotations

import datetime
import re
import zlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from liaison.core.models import AuditAction, AuditEvent
from liaison.directory.roles import Role
from liaison.directory.tests.factories import AgencyFactory
from liaison.nrm.services.exports import case_summary_pdf
from liaison.nrm.tests.factories import CaseFactory
from liaison.nrm.tests.factories_assistance import NeedsAssessmentFactory

pytestmark = pytest.mark.django_db


def pdf_text_codepoints(pdf: bytes) -> set[int]:
    """The Unicode code points the PDF's fonts map their glyphs to (ToUnicode CMaps)."""
    points: set[int] = set()
    for body in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            data = zlib.decompress(body)
        except zlib.error:
            continue
        if b"beginbfchar" in data:
            points |= {int(m, 16) for m in re.findall(rb"<[0-9A-F]{2}> <([0-9A-F]{4})>", data)}
    return points


@pytest.fixture
def case(agency):
    case = CaseFactory.create(
        person__registered_by=agency,
        person__given_names="Шахзода",
        person__family_names="Каримова",
        flagged_on=datetime.date(2026, 3, 2),
    )
    NeedsAssessmentFactory.create(case=case, notes="Нуждается в переводчике")
    return case


@pytest.fixture
def worker(make_member, agency):
    return make_member(Role.CASE_WORKER, agency)


def test_summary_embeds_a_truetype_font_with_the_cyrillic_name(worker, case):
    pdf = case_summary_pdf(
        actor=worker, case=case, sections=["identity", "assistance"], language="ru"
    )

    assert pdf.startswith(b"%PDF")
    assert b"+OpenSans-Regular" in pdf
    assert b"/FontFile2" in pdf  # the TrueType program is embedded
    assert {ord(c) for c in "ШахзодаКаримова"} <= pdf_text_codepoints(pdf)


def test_sections_left_out_are_not_in_the_document(worker, case):
    with_identity = pdf_text_codepoints(
        case_summary_pdf(actor=worker, case=case, sections=["identity"], language="en")
    )
    without = pdf_text_codepoints(
        case_summary_pdf(actor=worker, case=case, sections=["closure"], language="en")
    )

    assert ord("Ш") in with_identity
    assert ord("Ш") not in without


def test_export_is_audited_with_the_fields(worker, case):
    case_summary_pdf(actor=worker, case=case, sections=["identity", "reasons"])

    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.object_id == str(case.pk)
    assert {"person.given_names", "decision.reasons", "case.code"} <= set(event.fields)
    assert "person.phone" not in event.fields


@pytest.mark.parametrize("sections", [[], ["passwords"]], ids=["none_case", "unknown_case"])
def test_bad_sections_are_refused(worker, case, sections):
    with pytest.raises(ValidationError):
        case_summary_pdf(actor=worker, case=case, sections=sections)

    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_role_without_export_is_refused(make_member, agency, case):
    responder = make_member(Role.FRONTLINE_RESPONDER, agency)

    with pytest.raises(PermissionDenied):
        case_summary_pdf(actor=responder, case=case, sections=["identity"])


def test_page_form_then_file(client_for, worker, case):
    client = client_for(worker)
    url = reverse("nrm:case_summary_pdf", kwargs={"case_id": case.pk})

    form = client.get(url)
    response = client.post(url, {"sections": ["identity", "status"], "language": "pt"})

    assert form.status_code == 200
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert client.post(url, {"language": "pt"}).status_code == 400


def test_another_agencys_case_is_404_on_page_and_api(client_for, make_member, case):
    stranger = make_member(Role.CASE_MANAGER, AgencyFactory.create())
    client = client_for(stranger)

    page = client.post(
        reverse("nrm:case_summary_pdf", kwargs={"case_id": case.pk}), {"sections": ["identity"]}
    )
    api = client.post(
        f"/api/v1/nrm/cases/{case.pk}/summary.pdf",
        {"sections": ["identity"]},
        content_type="application/json",
    )

    assert page.status_code == 404
    assert api.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_api_returns_the_pdf(client_for, worker, case):
    response = client_for(worker).post(
        f"/api/v1/nrm/cases/{case.pk}/summary.pdf",
        {"sections": ["identity"], "language": "ru"},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
