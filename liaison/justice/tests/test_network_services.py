"""Network writes and the graph in reach: entities, links, joins across cases, isolation."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from liaison.core.models import AuditEvent
from liaison.justice.models import CaseAgency, Entity, EntityLink
from liaison.justice.selectors.network import network_graph
from liaison.justice.services.network import entity_add, entity_delete, link_add
from liaison.justice.tests.factories import CriminalCaseFactory, EntityFactory
from liaison.justice.tests.factories_network import EntityLinkFactory

pytestmark = pytest.mark.django_db


# Factories typed as their models, for the services' signatures.
def new_case(**fields: Any) -> Any:
    return CriminalCaseFactory(**fields)


def new_entity(**fields: Any) -> Any:
    return EntityFactory(**fields)


def new_link(**fields: Any) -> Any:
    return EntityLinkFactory(**fields)


@pytest.fixture
def investigator(make_member: Any, agency: Any) -> Any:
    return make_member("investigator", agency)


def test_entity_add_encrypts_indexes_and_audits(investigator: Any, agency: Any):
    case = new_case(lead_agency=agency)
    entity = entity_add(
        actor=investigator,
        criminal_case=case,
        kind="phone",
        value=" +351 910 000 001 ",
        label="boss",
    )
    entity.refresh_from_db()
    assert entity.value == "+351 910 000 001"
    assert entity.value_index
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {Entity._meta.db_table} WHERE id = %s", [entity.pk])  # noqa: S608
        raw = cursor.fetchone()[0]
    assert raw.startswith("enc1$")
    assert "910" not in raw
    assert AuditEvent.objects.filter(object_id=str(entity.pk), action="create").exists()


@pytest.mark.parametrize(
    ("kind", "value", "field_case"),
    [("ship", "x", "kind"), ("phone", "  ", "value")],
)
def test_entity_add_refuses_bad_input(investigator: Any, agency: Any, kind, value, field_case):
    case = new_case(lead_agency=agency)
    with pytest.raises(ValidationError) as error:
        entity_add(actor=investigator, criminal_case=case, kind=kind, value=value)
    assert field_case in error.value.message_dict
    assert not Entity.objects.exists()


def test_another_agencys_investigator_may_not_add(make_member: Any, other_agency: Any, agency):
    outsider = make_member("investigator", other_agency)
    case = new_case(lead_agency=agency)
    with pytest.raises(PermissionDenied):
        entity_add(actor=outsider, criminal_case=case, kind="phone", value="1")


def test_a_case_worker_without_network_capability_may_not_add(make_member: Any, agency: Any):
    case_worker = make_member("case_worker", agency)
    case = new_case(lead_agency=agency)
    with pytest.raises(PermissionDenied):
        entity_add(actor=case_worker, criminal_case=case, kind="phone", value="1")


def test_link_joins_two_entities_of_the_same_case(investigator: Any, agency: Any):
    case = new_case(lead_agency=agency)
    a = new_entity(criminal_case=case)
    b = new_entity(criminal_case=case)
    link = link_add(
        actor=investigator, criminal_case=case, source_id=a.pk, target_id=b.pk, relation="calls"
    )
    assert (link.source, link.target, link.relation) == (a, b, "calls")


def test_link_refuses_an_entity_of_another_case_and_writes_nothing(investigator, agency):
    case = new_case(lead_agency=agency)
    other = new_case(lead_agency=agency)
    a = new_entity(criminal_case=case)
    b = new_entity(criminal_case=other)
    with pytest.raises(ValidationError) as error:
        link_add(
            actor=investigator, criminal_case=case, source_id=a.pk, target_id=b.pk, relation="x"
        )
    assert "target" in error.value.message_dict
    with pytest.raises(ValidationError):
        link_add(
            actor=investigator, criminal_case=case, source_id=a.pk, target_id=a.pk, relation="x"
        )
    assert not EntityLink.objects.exists()


def test_entity_delete_removes_its_links(investigator: Any, agency: Any):
    link = new_link(source__criminal_case=new_case(lead_agency=agency))
    entity_delete(actor=investigator, entity=link.source)
    assert not EntityLink.objects.exists()
    assert AuditEvent.objects.filter(action="delete").exists()


def _shared_phone_world(agency: Any, other_agency: Any) -> dict[str, Any]:
    """Case 1 (A) and case 2 (A) share a phone; case 3 (B) shares it too and has its own link."""
    case1 = new_case(lead_agency=agency)
    case2 = new_case(lead_agency=agency)
    case3 = new_case(lead_agency=other_agency)
    boss = new_entity(criminal_case=case1, kind="person", value="Ivan Petrov")
    phone1 = new_entity(criminal_case=case1, kind="phone", value="+351 910000001")
    new_link(source=boss, target=phone1, relation="uses")
    phone2 = new_entity(criminal_case=case2, kind="phone", value="+351910000001")
    driver = new_entity(criminal_case=case2, kind="person", value="Ana Lopes")
    new_link(source=driver, target=phone2, relation="calls")
    phone3 = new_entity(criminal_case=case3, kind="phone", value="+351 910 000 001")
    secret = new_entity(criminal_case=case3, kind="account", value="PT50 0000 1111")
    new_link(source=secret, target=phone3, relation="pays")
    return locals()


def test_graph_joins_reachable_cases_on_a_shared_value(investigator, agency, other_agency):
    world = _shared_phone_world(agency, other_agency)
    graph = network_graph(investigator, world["case1"])
    assert set(graph.cases) == {world["case1"].pk, world["case2"].pk}
    phone = graph.nodes[world["phone1"].pk]
    assert phone.entity_ids == [world["phone1"].pk, world["phone2"].pk]
    assert graph.components() == [
        sorted([world["boss"].pk, world["phone1"].pk, world["driver"].pk])
    ]
    path = graph.path(world["boss"].pk, world["driver"].pk)
    assert path is not None
    assert [n.value for n in path] == ["Ivan Petrov", "+351 910000001", "Ana Lopes"]
    top, _degree, betweenness = graph.central_nodes()[0]
    assert top.id == world["phone1"].pk
    assert betweenness == pytest.approx(1.0)


def test_graph_never_reveals_an_entity_or_count_of_an_unreachable_case(
    investigator, agency, other_agency
):
    world = _shared_phone_world(agency, other_agency)
    graph = network_graph(investigator, world["case1"])
    every_entity = {e for node in graph.nodes.values() for e in node.entity_ids}
    assert world["phone3"].pk not in every_entity
    assert world["secret"].pk not in every_entity
    assert world["case3"].pk not in graph.cases
    assert all(world["case3"].pk not in node.case_ids for node in graph.nodes.values())
    assert len(graph.nodes) == 3
    assert len(graph.edges) == 2
    assert graph.path(world["boss"].pk, world["secret"].pk) is None


def test_a_case_involving_the_agency_is_reached(investigator, agency, other_agency):
    world = _shared_phone_world(agency, other_agency)
    CaseAgency.objects.create(criminal_case=world["case3"], agency=agency)
    graph = network_graph(investigator, world["case1"])
    assert world["case3"].pk in graph.cases
    assert world["secret"].pk in graph.nodes


def test_graph_query_count_is_bounded(
    investigator, agency, other_agency, django_assert_max_num_queries
):
    world = _shared_phone_world(agency, other_agency)
    for n in range(30):
        new_entity(criminal_case=world["case2"], kind="phone", value=f"+1 {n}")
    with django_assert_max_num_queries(12):
        graph = network_graph(investigator, world["case1"])
    assert len(graph.nodes) == 33
