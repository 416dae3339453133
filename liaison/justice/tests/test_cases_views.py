"""Pages and API of criminal cases: lists, details, forms, and one agency's cases kept from another."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.core.models import AuditEvent
from liaison.directory.roles import Role
from liaison.justice.models import CriminalCase
from liaison.justice.tests.factories import CriminalCaseFactory, OffenceFactory
from liaison.justice.tests.factories_cases import CaseAgencyFactory, case_records
from liaison.nrm.tests.factories import CaseFactory as NrmCaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def investigator(make_member, agency):
    return make_member(Role.INVESTIGATOR, agency)


@pytest.fixture
def web(client_for, investigator):
    return client_for(investigator)


def test_list_filters_and_keeps_its_query_count(web, agency, other_agency):
    for n in range(3):
        OffenceFactory.create(
            criminal_case=CriminalCaseFactory.create(lead_agency=agency, title=f"Ours {n}")
        )
    smuggling = CriminalCaseFactory.create(lead_agency=agency, title="Boat", stage="trial")
    OffenceFactory.create(criminal_case=smuggling, offence_type="som")
    CriminalCaseFactory.create(lead_agency=other_agency, title="Theirs")
    url = reverse("justice:case_list")
    with CaptureQueriesContext(connection) as few:
        response = web.get(url)
    assert response.status_code == 200
    assert b"Ours 0" in response.content
    assert b"Theirs" not in response.content
    for _n in range(5):
        OffenceFactory.create(criminal_case=CriminalCaseFactory.create(lead_agency=agency))
    with CaptureQueriesContext(connection) as many:
        web.get(url)
    assert len(many) == len(few)
    filtered = web.get(url, {"offence": "som", "stage": "trial", "year": "2026"})
    assert list(filtered.context["page"].object_list) == [smuggling]
    assert web.get(url, {"year": "1900"}).status_code == 400


def test_another_agency_gets_404_on_every_case_page_and_operation(
    client_for, make_member, agency, other_agency
):
    owner = make_member(Role.INVESTIGATOR, other_agency)
    ids = case_records(agency=other_agency, user=owner)
    outsider = client_for(make_member(Role.INVESTIGATOR, agency))
    case_id = ids["criminal_case_id"]
    for name in ["case_detail", "case_edit", "stage_change", "offence_add", "asset_add"]:
        assert outsider.get(reverse(f"justice:{name}", args=[case_id])).status_code == 404
    remove = reverse("justice:offence_remove", args=[case_id, ids["offence_id"]])
    assert outsider.post(remove).status_code == 404
    assert outsider.get(f"/api/v1/justice/criminal-cases/{case_id}").status_code == 404
    answer = outsider.post(
        f"/api/v1/justice/criminal-cases/{case_id}/offences",
        {"offence_type": "tip"}, content_type="application/json",
    )  # fmt: skip
    assert answer.status_code == 404
    assert outsider.get("/api/v1/justice/criminal-cases").json()["count"] == 0


def test_a_case_involving_the_agency_is_reachable(client_for, make_member, agency, other_agency):
    criminal_case = CriminalCaseFactory.create(lead_agency=other_agency)
    CaseAgencyFactory.create(criminal_case=criminal_case, agency=agency)
    partner = client_for(make_member(Role.INVESTIGATOR, agency))
    assert partner.get(criminal_case.get_absolute_url()).status_code == 200
    assert partner.get(f"/api/v1/justice/criminal-cases/{criminal_case.pk}").status_code == 200


def test_open_a_case_and_record_its_parts(web, agency, investigator):
    response = web.post(
        reverse("justice:case_create"),
        {"lead_agency": agency.pk, "reference": "NUIPC 9/26", "title": "Harvest",
         "opened_on": "2026-02-01", "summary": "Farm workers", "is_trafficking": "on"},
    )  # fmt: skip
    criminal_case = CriminalCase.objects.get(reference="NUIPC 9/26")
    assert response.status_code == 302
    assert response.url == criminal_case.get_absolute_url()
    base = [criminal_case.pk]
    posts = {
        "stage_change": {"stage": "prosecution", "entered_on": "2026-03-01"},
        "offence_add": {"offence_type": "tip", "legal_provision": "art. 160"},
        "technique_add": {"technique": "surveillance"},
        "asset_add": {"measure": "seized", "description": "Van", "value": "900", "currency": "EUR"},
    }
    for name, data in posts.items():
        assert web.post(reverse(f"justice:{name}", args=base), data).status_code == 302, name
    criminal_case.refresh_from_db()
    assert criminal_case.stage == "prosecution"
    page = web.get(criminal_case.get_absolute_url())
    assert b"art. 160" in page.content
    assert b"Van" in page.content
    assert AuditEvent.objects.filter(action="view", object_id=str(criminal_case.pk)).exists()


def test_bad_input_is_a_400_and_writes_nothing(web, agency):
    criminal_case = CriminalCaseFactory.create(lead_agency=agency)
    before = AuditEvent.objects.count()
    bad = web.post(
        reverse("justice:stage_change", args=[criminal_case.pk]),
        {"stage": "prosecution", "entered_on": "2020-01-01"},
    )
    assert bad.status_code == 400
    bad = web.post(reverse("justice:asset_add", args=[criminal_case.pk]), {"measure": "x"})
    assert bad.status_code == 400
    assert AuditEvent.objects.count() == before
    assert criminal_case.assets.count() == 0
    assert criminal_case.stage_changes.count() == 0


def test_api_creates_and_changes_a_case(web, agency, other_agency):
    created = web.post(
        "/api/v1/justice/criminal-cases",
        {"lead_agency_id": agency.pk, "reference": "R-1", "title": "T", "opened_on": "2026-01-05"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]
    refused = web.post(
        "/api/v1/justice/criminal-cases",
        {
            "lead_agency_id": other_agency.pk,
            "reference": "R-2",
            "title": "T",
            "opened_on": "2026-01-05",
        },
        content_type="application/json",
    )
    assert refused.status_code == 422
    base = f"/api/v1/justice/criminal-cases/{case_id}"
    stage = web.post(
        f"{base}/stages",
        {"stage": "trial", "entered_on": "2026-02-01"},
        content_type="application/json",
    )
    assert stage.status_code == 201
    backwards = web.post(
        f"{base}/stages",
        {"stage": "prosecution", "entered_on": "2026-02-02"},
        content_type="application/json",
    )
    assert backwards.status_code == 422
    patched = web.patch(
        base, {"title": "New", "is_smuggling": True}, content_type="application/json"
    )
    assert patched.json()["title"] == "New"
    assert patched.json()["is_smuggling"] is True
    agency_added = web.post(
        f"{base}/agencies", {"agency_id": other_agency.pk}, content_type="application/json"
    )
    assert agency_added.status_code == 201
    asset = web.post(
        f"{base}/assets",
        {"measure": "frozen", "description": "Account", "value": "-3"},
        content_type="application/json",
    )
    assert asset.status_code == 422
    detail = web.get(base).json()
    assert detail["stage"] == "trial"
    assert len(detail["agencies"]) == 1
    assert detail["assets"] == []
    listed = web.get("/api/v1/justice/criminal-cases", {"stage": "trial"}).json()
    assert [c["id"] for c in listed["items"]] == [case_id]
    assert datetime.date.fromisoformat(detail["opened_on"]).year == 2026


def test_linked_victims_show_the_nrm_case_only_to_those_who_reach_it(
    client_for, make_member, agency, other_agency
):
    investigator = make_member(Role.INVESTIGATOR, agency)
    web = client_for(investigator)
    criminal_case = CriminalCaseFactory.create(lead_agency=agency)
    own = NrmCaseFactory.create(agency=agency)
    elsewhere = NrmCaseFactory.create(agency=other_agency)
    add = reverse("justice:victim_link_add", args=[criminal_case.pk])
    assert web.post(add, {"code": own.code.lower()}).status_code == 302
    assert web.post(add, {"code": elsewhere.code}).status_code == 302
    assert web.post(add, {"code": "C-1999-NOSUCH"}).status_code == 400
    assert web.post(add, {"code": own.code}).status_code == 400
    page = web.get(criminal_case.get_absolute_url()).content.decode()
    assert reverse("nrm:case_detail", args=[own.pk]) in page
    assert elsewhere.code in page
    assert reverse("nrm:case_detail", args=[elsewhere.pk]) not in page
    listed = web.get(f"/api/v1/justice/criminal-cases/{criminal_case.pk}/victims").json()
    assert {v["code"]: v["nrm_case_id"] for v in listed} == {own.code: own.pk, elsewhere.code: None}
    api = web.post(
        f"/api/v1/justice/criminal-cases/{criminal_case.pk}/victims",
        {"code": "nope"}, content_type="application/json",
    )  # fmt: skip
    assert api.status_code == 422
    assert criminal_case.victim_links.count() == 2
