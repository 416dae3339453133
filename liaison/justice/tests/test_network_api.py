"""The network API: the same reach as the pages; another agency's case or entity is 404."""

from __future__ import annotations

from typing import Any

import pytest

from liaison.core.models import AuditEvent
from liaison.justice.models import Entity, EntityLink
from liaison.justice.tests.factories import CriminalCaseFactory, EntityFactory
from liaison.justice.tests.factories_network import EntityLinkFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/justice"


@pytest.fixture
def investigator(make_member: Any, agency: Any) -> Any:
    return make_member("investigator", agency)


@pytest.fixture
def api(client_for: Any, investigator: Any) -> Any:
    return client_for(investigator)


def test_add_list_and_delete_an_entity(api: Any, agency: Any):
    case = CriminalCaseFactory.create(lead_agency=agency)
    response = api.post(
        f"{API}/criminal-cases/{case.pk}/entities",
        {"kind": "vehicle", "value": "AA-00-BB", "label": "van"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    entity_id = response.json()["id"]
    listed = api.get(f"{API}/criminal-cases/{case.pk}/entities").json()
    assert [e["value"] for e in listed] == ["AA-00-BB"]
    assert AuditEvent.objects.filter(action="view", object_id=str(case.pk)).exists()
    assert api.delete(f"{API}/network-entities/{entity_id}").status_code == 204
    assert not Entity.objects.exists()


def test_bad_entity_is_422_and_writes_nothing(api: Any, agency: Any):
    case = CriminalCaseFactory.create(lead_agency=agency)
    response = api.post(
        f"{API}/criminal-cases/{case.pk}/entities",
        {"kind": "ship", "value": ""},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert not Entity.objects.exists()


def test_link_to_an_entity_of_another_case_is_422(api: Any, agency: Any):
    case = CriminalCaseFactory.create(lead_agency=agency)
    a = EntityFactory.create(criminal_case=case)
    b = EntityFactory.create(criminal_case=CriminalCaseFactory.create(lead_agency=agency))
    response = api.post(
        f"{API}/criminal-cases/{case.pk}/entity-links",
        {"source_id": a.pk, "target_id": b.pk, "relation": "calls"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert not EntityLink.objects.exists()


def test_another_agencys_case_and_entity_are_404(api: Any, other_agency: Any):
    foreign_case = CriminalCaseFactory.create(lead_agency=other_agency)
    foreign = EntityFactory.create(criminal_case=foreign_case)
    for url in (
        f"{API}/criminal-cases/{foreign_case.pk}/entities",
        f"{API}/criminal-cases/{foreign_case.pk}/network",
        f"{API}/criminal-cases/{foreign_case.pk}/network/path?source={foreign.pk}&target={foreign.pk}",
    ):
        assert api.get(url).status_code == 404, url
    assert api.delete(f"{API}/network-entities/{foreign.pk}").status_code == 404
    assert Entity.objects.filter(pk=foreign.pk).exists()


def test_network_and_path_stay_within_reach(api: Any, agency: Any, other_agency: Any):
    own = CriminalCaseFactory.create(lead_agency=agency)
    foreign_case = CriminalCaseFactory.create(lead_agency=other_agency)
    person = EntityFactory.create(criminal_case=own, kind="person", value="Ivan")
    phone = EntityFactory.create(criminal_case=own, kind="phone", value="+7 1")
    EntityLinkFactory.create(source=person, target=phone)
    foreign_phone = EntityFactory.create(criminal_case=foreign_case, kind="phone", value="+7 1")
    hidden = EntityFactory.create(criminal_case=foreign_case, kind="account", value="X")
    EntityLinkFactory.create(source=hidden, target=foreign_phone)
    data = api.get(f"{API}/criminal-cases/{own.pk}/network").json()
    assert {n["id"] for n in data["nodes"]} == {person.pk, phone.pk}
    assert [c["id"] for c in data["cases"]] == [own.pk]
    assert len(data["edges"]) == 1
    assert hidden.pk not in {e for n in data["nodes"] for e in n["entity_ids"]}
    path = api.get(
        f"{API}/criminal-cases/{own.pk}/network/path?source={person.pk}&target={hidden.pk}"
    ).json()
    assert path == {"found": False, "nodes": []}
    found = api.get(
        f"{API}/criminal-cases/{own.pk}/network/path?source={person.pk}&target={phone.pk}"
    ).json()
    assert [n["value"] for n in found["nodes"]] == ["Ivan", "+7 1"]
