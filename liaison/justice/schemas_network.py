"""Schemas of the justice app's network operations."""

from ninja import Field, Schema

from liaison.justice.models import EntityKind


class EntityIn(Schema):
    kind: EntityKind
    value: str = Field(min_length=1, max_length=300)
    label: str = Field("", max_length=120)


class EntityOut(Schema):
    id: int
    criminal_case_id: int
    kind: str
    value: str
    label: str


class LinkIn(Schema):
    source_id: int
    target_id: int
    relation: str = Field(min_length=1, max_length=100)


class LinkOut(Schema):
    id: int
    source_id: int
    target_id: int
    relation: str
    criminal_case_id: int


class NodeOut(Schema):
    id: int
    kind: str
    value: str
    labels: list[str]
    entity_ids: list[int]
    case_ids: list[int]
    degree: float
    betweenness: float
    component: int


class EdgeOut(Schema):
    source: int
    target: int
    relation: str
    criminal_case_id: int


class CaseRefOut(Schema):
    id: int
    reference: str


class NetworkOut(Schema):
    criminal_case_id: int
    cases: list[CaseRefOut]
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    components: list[list[int]]


class PathQuery(Schema):
    # Optional so that a missing end is "no path", like an unknown or unreachable one.
    source: int | None = None
    target: int | None = None


class PathOut(Schema):
    found: bool
    nodes: list[NodeOut]
