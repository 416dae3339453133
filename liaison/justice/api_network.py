"""API operations of the justice app's network (mounted by liaison/justice/api.py).

The same scoped querysets, selectors and services as the pages: a case or entity out of reach is 404.
"""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from liaison.justice import permissions
from liaison.justice.models import CriminalCase, Entity, EntityLink
from liaison.justice.schemas_network import (
    EntityIn,
    EntityOut,
    LinkIn,
    LinkOut,
    NetworkOut,
    PathOut,
    PathQuery,
)
from liaison.justice.selectors import network as selectors
from liaison.justice.services import network as services

router = Router()


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _case(request: HttpRequest, criminal_case_id: int) -> CriminalCase:
    return get_object_or_404(
        permissions.network_cases_visible_to(_user(request)), pk=criminal_case_id
    )


@router.get("/criminal-cases/{criminal_case_id}/entities", response=list[EntityOut])
def list_network_entities(request: HttpRequest, criminal_case_id: int) -> list[Entity]:
    criminal_case = _case(request, criminal_case_id)
    entities = selectors.case_entities(_user(request), criminal_case)
    selectors.audit_network_view(_user(request), criminal_case, request=request)
    return entities


@router.post("/criminal-cases/{criminal_case_id}/entities", response={201: EntityOut})
def add_network_entity(
    request: HttpRequest, criminal_case_id: int, payload: EntityIn
) -> tuple[int, Entity]:
    criminal_case = _case(request, criminal_case_id)
    return 201, services.entity_add(
        actor=_user(request), criminal_case=criminal_case, request=request, **payload.dict()
    )


@router.delete("/network-entities/{entity_id}", response={204: None})
def delete_network_entity(request: HttpRequest, entity_id: int) -> tuple[int, None]:
    entity = get_object_or_404(
        permissions.network_entities_visible_to(_user(request)).select_related("criminal_case"),
        pk=entity_id,
    )
    services.entity_delete(actor=_user(request), entity=entity, request=request)
    return 204, None


@router.post("/criminal-cases/{criminal_case_id}/entity-links", response={201: LinkOut})
def add_network_link(
    request: HttpRequest, criminal_case_id: int, payload: LinkIn
) -> tuple[int, EntityLink]:
    criminal_case = _case(request, criminal_case_id)
    return 201, services.link_add(
        actor=_user(request), criminal_case=criminal_case, request=request, **payload.dict()
    )


@router.get("/criminal-cases/{criminal_case_id}/network", response=NetworkOut)
def get_network(request: HttpRequest, criminal_case_id: int) -> dict[str, Any]:
    criminal_case = _case(request, criminal_case_id)
    graph = selectors.network_graph(_user(request), criminal_case)
    selectors.audit_network_view(_user(request), criminal_case, request=request)
    return selectors.graph_as_data(graph)


@router.get("/criminal-cases/{criminal_case_id}/network/path", response=PathOut)
def get_network_path(
    request: HttpRequest, criminal_case_id: int, query: Query[PathQuery]
) -> dict[str, Any]:
    criminal_case = _case(request, criminal_case_id)
    graph = selectors.network_graph(_user(request), criminal_case)
    selectors.audit_network_view(_user(request), criminal_case, request=request)
    path = graph.path(query.source or 0, query.target or 0)
    data = selectors.graph_as_data(graph)
    by_id = {node["id"]: node for node in data["nodes"]}
    return {"found": path is not None, "nodes": [by_id[n.id] for n in path or []]}
