"""The network page with 10,000 entities in scope against a plain traversal of the same rows.

Subject: the server side of ``justice:network`` (scoped queries, decryption of every value,
grouping of shared values, components, degree, betweenness estimated from pivots, rendering).
Reference: one query for the same entity and link ids and a plain breadth-first search for the
connected components, with no scoping, decryption, centrality or template: the floor any
implementation pays to read and traverse the graph.
"""

from __future__ import annotations

import random
from collections import deque
from typing import Any

from django.test import RequestFactory

from bench.harness import Comparison
from liaison.directory.models import Agency, Membership, User
from liaison.directory.roles import Role, Scope
from liaison.justice.models import CriminalCase, Entity, EntityLink

TITLE = "network page (10,000 entities in scope) vs plain BFS over the same rows"
ENTITIES = 10_000
CASES = 4  # all within the page's hops, so every entity is in the graph
KINDS = ["person", "company", "phone", "account", "address", "vehicle", "online_profile"]


def _world() -> tuple[Any, CriminalCase]:
    agency = Agency.objects.create(name="Bench police", country="PT")
    user = User.objects.create_user(username="bench-investigator", password="x" * 16)
    Membership.objects.create(user=user, agency=agency, role=Role.INVESTIGATOR, scope=Scope.AGENCY)
    cases = [
        CriminalCase.objects.create(
            reference=f"BENCH-{n}", title=f"Bench {n}", lead_agency=agency, opened_on="2026-01-01"
        )
        for n in range(CASES)
    ]
    rng = random.Random(8)
    per_case = ENTITIES // CASES
    entities: list[Entity] = []
    for index, case in enumerate(cases):
        for n in range(per_case):
            # One value in twenty is shared with the next case: that is what joins the cases.
            value = f"shared-{n}-{index + 1}" if n % 20 == 0 else f"value-{index}-{n}"
            if n % 20 == 1 and index:
                value = f"shared-{n - 1}-{index}"
            entity = Entity(criminal_case=case, kind=KINDS[n % 7] if n % 20 > 1 else "phone",
                            value=value, recorded_by=user)  # fmt: skip
            entity.value_index = Entity._meta.get_field("value_index").pre_save(entity, True)
            entities.append(entity)
    Entity.objects.bulk_create(entities, batch_size=1000)
    links = []
    for case in cases:
        ids = list(Entity.objects.filter(criminal_case=case).values_list("pk", flat=True))
        for position, pk in enumerate(ids[1:], start=1):
            target = ids[rng.randrange(max(0, position - 50), position)]
            links.append(
                EntityLink(criminal_case=case, source_id=pk, target_id=target, relation="calls")
            )
    EntityLink.objects.bulk_create(links, batch_size=1000)
    return user, cases[0]


def _page(user: Any, criminal_case: CriminalCase) -> Any:
    from liaison.justice.views.network import network

    def run() -> None:
        request = RequestFactory().get(f"/criminal-cases/{criminal_case.pk}/network/")
        request.user = user
        request.session = {}  # type: ignore[assignment]
        response = network(request, criminal_case_id=criminal_case.pk)
        assert response.status_code == 200  # noqa: S101

    return run


def _plain_bfs() -> None:
    graph: dict[int, list[int]] = {pk: [] for pk in Entity.objects.values_list("pk", flat=True)}
    for source, target in EntityLink.objects.values_list("source_id", "target_id"):
        graph[source].append(target)
        graph[target].append(source)
    seen: set[int] = set()
    for start in graph:
        if start in seen:
            continue
        seen.add(start)
        queue = deque([start])
        while queue:
            for neighbour in graph[queue.popleft()]:
                if neighbour not in seen:
                    seen.add(neighbour)
                    queue.append(neighbour)


def comparisons(rows: int) -> list[Comparison]:
    user, criminal_case = _world()
    return [
        Comparison(
            name=f"network page, {ENTITIES:,} entities",
            subject="justice:network (server time)",
            reference="one query + plain BFS",
            rows=ENTITIES,
            run_subject=_page(user, criminal_case),
            run_reference=_plain_bfs,
        )
    ]
