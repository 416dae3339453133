"""Reads of network analysis: the graph of a criminal case and of what it connects to, within what
the user reaches.

Entities recorded with the same kind and blind index in two reachable cases are one node, so a
phone number seen in three cases joins them. Everything starts from
``network_entities_visible_to``: an entity, a link or a count from a case out of reach never enters
the graph, so no page, export or path can reveal it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.justice import graph as algorithms
from liaison.justice.models import CriminalCase, Entity, EntityLink
from liaison.justice.permissions import network_entities_visible_to

# How many times the graph follows shared values into further cases; each hop is one query, so
# the page's query count stays bounded whatever the data.
MAX_HOPS = 3
# Above this many nodes, betweenness is estimated from this many pivots (see graph.py).
BETWEENNESS_PIVOTS = 24


@dataclass
class Node:
    """One identity: every visible entity with the same kind and value."""

    id: int  # the smallest entity id of the group, stable across requests
    kind: str
    kind_label: str
    value: str
    labels: list[str] = field(default_factory=list)
    entity_ids: list[int] = field(default_factory=list)
    case_ids: list[int] = field(default_factory=list)


@dataclass
class Edge:
    source: int
    target: int
    relation: str
    criminal_case_id: int


@dataclass
class NetworkGraph:
    criminal_case: CriminalCase
    nodes: dict[int, Node]
    edges: list[Edge]
    cases: dict[int, CriminalCase]
    adjacency: dict[int, set[int]]
    entity_node: dict[int, int]  # entity id → node id

    def components(self) -> list[list[int]]:
        return algorithms.connected_components(self.adjacency)

    def degree(self) -> dict[int, float]:
        return algorithms.degree_centrality(self.adjacency)

    def betweenness(self) -> dict[int, float]:
        pivots = BETWEENNESS_PIVOTS if len(self.adjacency) > BETWEENNESS_PIVOTS else None
        return algorithms.betweenness_centrality(self.adjacency, pivots=pivots)

    def central_nodes(self, limit: int = 15) -> list[tuple[Node, float, float]]:
        """The nodes with the highest betweenness (then degree), with both measures."""
        degree = self.degree()
        betweenness = self.betweenness()
        ranked = sorted(self.nodes, key=lambda n: (-betweenness[n], -degree[n], n))[:limit]
        return [(self.nodes[n], degree[n], betweenness[n]) for n in ranked]

    def path(self, source_entity_id: int, target_entity_id: int) -> list[Node] | None:
        source = self.entity_node.get(source_entity_id)
        target = self.entity_node.get(target_entity_id)
        if source is None or target is None:
            return None
        found = algorithms.shortest_path(self.adjacency, source, target)
        return None if found is None else [self.nodes[n] for n in found]


def case_entities(user: Any, criminal_case: CriminalCase) -> list[Entity]:
    return list(
        network_entities_visible_to(user).filter(criminal_case=criminal_case).order_by("kind", "pk")
    )


def case_links(user: Any, criminal_case: CriminalCase) -> list[EntityLink]:
    visible = network_entities_visible_to(user).values("pk")
    return list(
        EntityLink.objects.filter(
            criminal_case=criminal_case, source_id__in=visible, target_id__in=visible
        )
        .select_related("source", "target")
        .order_by("pk")
    )


def network_graph(user: Any, criminal_case: CriminalCase) -> NetworkGraph:
    """The case's entities, and the entities of reachable cases joined to them through a shared
    value, up to ``MAX_HOPS`` cases away."""
    visible = network_entities_visible_to(user)
    entities: dict[int, Entity] = {}
    case_ids: set[int] = {criminal_case.pk}
    new_cases: set[int] = {criminal_case.pk}
    for hop in range(MAX_HOPS + 1):
        fresh = list(visible.filter(criminal_case_id__in=new_cases))
        entities.update((e.pk, e) for e in fresh)
        if hop == MAX_HOPS or not fresh:
            break
        keys = {(e.kind, e.value_index) for e in fresh}
        indexes = {index for _kind, index in keys}
        matches = (
            visible.filter(value_index__in=indexes)
            .exclude(criminal_case_id__in=case_ids)
            .values_list("kind", "value_index", "criminal_case_id")
        )
        new_cases = {case for kind, index, case in matches if (kind, index) in keys}
        if not new_cases:
            break
        case_ids |= new_cases

    nodes: dict[int, Node] = {}
    by_key: dict[tuple[str, str], int] = {}
    entity_node: dict[int, int] = {}
    for entity in sorted(entities.values(), key=lambda e: e.pk):
        key = (entity.kind, entity.value_index)
        node_id = by_key.setdefault(key, entity.pk)
        if node_id == entity.pk:
            nodes[node_id] = Node(
                id=node_id,
                kind=entity.kind,
                kind_label=str(entity.get_kind_display()),
                value=entity.value,
            )
        node = nodes[node_id]
        node.entity_ids.append(entity.pk)
        if entity.criminal_case_id not in node.case_ids:
            node.case_ids.append(entity.criminal_case_id)
        if entity.label and entity.label not in node.labels:
            node.labels.append(entity.label)
        entity_node[entity.pk] = node_id

    edges: list[Edge] = []
    links = EntityLink.objects.filter(criminal_case_id__in=case_ids).values_list(
        "source_id", "target_id", "relation", "criminal_case_id"
    )
    for source, target, relation, case in links.order_by("pk"):
        # Both ends were loaded through the visible queryset; anything else stays out.
        if source in entity_node and target in entity_node:
            edges.append(Edge(entity_node[source], entity_node[target], relation, case))
    adjacency = algorithms.build(nodes, ((e.source, e.target) for e in edges))
    cases = {c.pk: c for c in CriminalCase.objects.filter(pk__in=case_ids)}
    return NetworkGraph(criminal_case, nodes, edges, cases, adjacency, entity_node)


def graph_as_data(graph: NetworkGraph) -> dict[str, Any]:
    """Plain data for the API, the browser view and the export: nodes with their measures."""
    degree = graph.degree()
    betweenness = graph.betweenness()
    components = graph.components()
    component_of = {node: index for index, members in enumerate(components) for node in members}
    nodes = [
        {
            "id": node.id,
            "kind": node.kind,
            "kind_label": node.kind_label,
            "value": node.value,
            "labels": node.labels,
            "entity_ids": node.entity_ids,
            "case_ids": node.case_ids,
            "degree": round(degree[node.id], 4),
            "betweenness": round(betweenness[node.id], 4),
            "component": component_of[node.id],
        }
        for node in graph.nodes.values()
    ]
    return {
        "criminal_case_id": graph.criminal_case.pk,
        "cases": [{"id": c.pk, "reference": c.reference} for c in graph.cases.values()],
        "nodes": nodes,
        "edges": [
            {
                "source": e.source,
                "target": e.target,
                "relation": e.relation,
                "criminal_case_id": e.criminal_case_id,
            }
            for e in graph.edges
        ],
        "components": components,
    }


def audit_network_view(
    user: Any, criminal_case: CriminalCase, *, request: HttpRequest | None = None
) -> None:
    """Entity values are personal data: reading a case's network is logged."""
    audit_record(
        actor=user,
        action=AuditAction.VIEW,
        obj=criminal_case,
        fields=["network"],
        purpose="network analysis",
        request=request,
    )


def write_network_csv(writer: Any, data: dict[str, Any]) -> None:
    """Nodes, then edges, in one CSV for the court file; case references instead of ids."""
    references = {c["id"]: c["reference"] for c in data["cases"]}
    writer.writerow([_("Nodes")])
    writer.writerow(
        [_("Node"), _("Kind"), _("Value"), _("Labels"), _("Cases"), _("Component"),
         _("Degree centrality"), _("Betweenness centrality")]
    )  # fmt: skip
    for node in data["nodes"]:
        writer.writerow(
            [node["id"], node["kind_label"], node["value"], "; ".join(node["labels"]),
             "; ".join(references[c] for c in node["case_ids"]), node["component"] + 1,
             node["degree"], node["betweenness"]]
        )  # fmt: skip
    writer.writerow([])
    writer.writerow([_("Links")])
    writer.writerow([_("From node"), _("Relation"), _("To node"), _("Case")])
    for edge in data["edges"]:
        writer.writerow(
            [edge["source"], edge["relation"], edge["target"], references[edge["criminal_case_id"]]]
        )
