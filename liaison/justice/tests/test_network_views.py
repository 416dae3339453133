"""Network pages: forms, isolation, the graph view, the export and query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.core.models import AuditEvent
from liaison.justice.models import Entity, EntityLink
from liaison.justice.tests.factories import CriminalCaseFactory, EntityFactory
from liaison.justice.tests.factories_network import EntityLinkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def investigator(make_member: Any, agency: Any) -> Any:
    return make_member("investigator", agency)


@pytest.fixture
def web(client_for: Any, investigator: Any) -> Any:
    return client_for(investigator)


def _url(name: str, case: Any) -> str:
    return reverse(f"justice:{name}", kwargs={"criminal_case_id": case.pk})


def _world(agency: Any, other_agency: Any) -> dict[str, Any]:
    own = CriminalCaseFactory.create(lead_agency=agency)
    foreign_case = CriminalCaseFactory.create(lead_agency=other_agency)
    person = EntityFactory.create(criminal_case=own, kind="person", value="Ivan Petrov")
    phone = EntityFactory.create(criminal_case=own, kind="phone", value="+7 111")
    EntityLinkFactory.create(source=person, target=phone, relation="uses")
    foreign_phone = EntityFactory.create(criminal_case=foreign_case, kind="phone", value="+7 111")
    hidden = EntityFactory.create(
        criminal_case=foreign_case, kind="account", value="SECRET-ACCOUNT"
    )
    EntityLinkFactory.create(source=hidden, target=foreign_phone, relation="pays")
    return locals()


def test_add_an_entity_and_a_link_through_the_page(web: Any, agency: Any):
    case = CriminalCaseFactory.create(lead_agency=agency)
    url = _url("network_entity_add", case)
    assert web.post(url, {"kind": "person", "value": "A"}).status_code == 302
    assert web.post(url, {"kind": "company", "value": "B Ltd"}).status_code == 302
    a, b = Entity.objects.order_by("pk")
    response = web.post(
        _url("network_link_add", case), {"source_id": a.pk, "target_id": b.pk, "relation": "owns"}
    )
    assert response.status_code == 302
    assert EntityLink.objects.get().relation == "owns"


@pytest.mark.parametrize(
    "data", [{"kind": "ship", "value": "x"}, {"kind": "phone", "value": ""}, {}]
)
def test_bad_entity_is_400_and_writes_nothing(web: Any, agency: Any, data: dict[str, str]):
    case = CriminalCaseFactory.create(lead_agency=agency)
    assert web.post(_url("network_entity_add", case), data).status_code == 400
    assert not Entity.objects.exists()


def test_link_to_itself_is_400(web: Any, agency: Any):
    case = CriminalCaseFactory.create(lead_agency=agency)
    a = EntityFactory.create(criminal_case=case)
    data = {"source_id": a.pk, "target_id": a.pk, "relation": "x"}
    response = web.post(_url("network_link_add", case), data)
    assert response.status_code == 400
    assert "two different entities" in response.content.decode()
    assert not EntityLink.objects.exists()


def test_pages_of_another_agencys_case_are_404(web: Any, agency: Any, other_agency: Any):
    world = _world(agency, other_agency)
    for name in ("network", "network_graph", "network_export"):
        assert web.get(_url(name, world["foreign_case"])).status_code == 404, name
    assert (
        web.post(
            _url("network_entity_add", world["foreign_case"]), {"kind": "phone", "value": "1"}
        ).status_code
        == 404
    )
    delete = reverse("justice:network_entity_delete", kwargs={"entity_id": world["hidden"].pk})
    assert web.post(delete).status_code == 404
    assert Entity.objects.filter(pk=world["hidden"].pk).exists()


def test_network_page_never_shows_the_other_agencys_entities_or_counts(
    web: Any, agency: Any, other_agency: Any
):
    world = _world(agency, other_agency)
    response = web.get(_url("network", world["own"]))
    page = response.content.decode()
    assert "Ivan Petrov" in page
    delete = reverse("justice:network_entity_delete", kwargs={"entity_id": world["person"].pk})
    assert f'action="{delete}"' in page
    assert "SECRET-ACCOUNT" not in page
    assert "The network spans 1 case you can see." in page
    assert world["foreign_case"].reference not in page
    path = web.get(
        _url("network", world["own"]),
        {"source": world["person"].pk, "target": world["hidden"].pk},
    )
    assert "SECRET-ACCOUNT" not in path.content.decode()
    for name in ("network_graph", "network_export"):
        body = web.get(_url(name, world["own"])).content.decode()
        assert "SECRET-ACCOUNT" not in body
        assert "Ivan Petrov" in body


def test_shortest_path_on_the_page(web: Any, agency: Any, other_agency: Any):
    world = _world(agency, other_agency)
    response = web.get(
        _url("network", world["own"]), {"source": world["person"].pk, "target": world["phone"].pk}
    )
    assert response.context["path"][-1].value == "+7 111"


def test_export_is_a_csv_of_nodes_and_edges_and_is_audited(
    web: Any, agency: Any, other_agency: Any
):
    world = _world(agency, other_agency)
    response = web.get(_url("network_export", world["own"]))
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    assert "uses" in body
    assert "pays" not in body
    assert AuditEvent.objects.filter(action="export", object_id=str(world["own"].pk)).exists()


def test_network_page_query_count_does_not_grow_with_entities(
    web: Any, agency: Any, other_agency: Any, django_assert_max_num_queries: Any
):
    world = _world(agency, other_agency)
    for n in range(40):
        EntityFactory.create(criminal_case=world["own"], kind="phone", value=f"+1 {n}")
    with django_assert_max_num_queries(40):
        assert web.get(_url("network", world["own"])).status_code == 200
