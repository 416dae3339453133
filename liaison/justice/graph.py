"""Graph algorithms for network analysis on small undirected graphs (thousands of nodes).

A graph is an adjacency mapping ``{node: set(neighbours)}``; nodes are any hashable values. Written
here rather than taken from a graph library because the pages need only four measures, each a few
lines, and they must stay exact and deterministic (ties broken by node order) for the court file.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable
from typing import TypeVar

N = TypeVar("N", bound=Hashable)
Graph = dict[N, set[N]]


def build(nodes: Iterable[N], edges: Iterable[tuple[N, N]]) -> dict[N, set[N]]:
    """An undirected graph; self-loops are dropped, parallel edges are one edge."""
    graph: dict[N, set[N]] = {node: set() for node in nodes}
    for a, b in edges:
        if a == b:
            continue
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set()).add(a)
    return graph


def _ordered(nodes: Iterable[N]) -> list[N]:
    items = list(nodes)
    try:
        return sorted(items)  # type: ignore[type-var]
    except TypeError:
        return sorted(items, key=repr)


def connected_components(graph: dict[N, set[N]]) -> list[list[N]]:
    """Components, largest first (then by their smallest node); nodes sorted within each."""
    seen: set[N] = set()
    components: list[list[N]] = []
    for start in _ordered(graph):
        if start in seen:
            continue
        seen.add(start)
        queue = deque([start])
        members = [start]
        while queue:
            node = queue.popleft()
            for neighbour in graph[node]:
                if neighbour not in seen:
                    seen.add(neighbour)
                    members.append(neighbour)
                    queue.append(neighbour)
        components.append(_ordered(members))
    # Stable sort keeps the discovery order (smallest first node) among equal sizes.
    components.sort(key=len, reverse=True)
    return components


def degree_centrality(graph: dict[N, set[N]]) -> dict[N, float]:
    """Degree divided by the largest possible degree (n - 1); 0 for a graph of one node."""
    n = len(graph)
    if n <= 1:
        return dict.fromkeys(graph, 0.0)
    return {node: len(neighbours) / (n - 1) for node, neighbours in graph.items()}


def betweenness_centrality(
    graph: dict[N, set[N]], *, normalized: bool = True, pivots: int | None = None
) -> dict[N, float]:
    """Brandes' algorithm for unweighted undirected graphs: for each node, the share of shortest
    paths between other pairs that pass through it. Normalised by (n-1)(n-2)/2 pairs.

    With ``pivots`` smaller than the graph, only that many sources, evenly spaced in node order,
    are walked and the sums scaled up (Brandes and Pich's estimate): exact is O(n·m), too slow for
    thousands of nodes on a page, and the ranking of central nodes is what investigators read."""
    betweenness: dict[N, float] = dict.fromkeys(graph, 0.0)
    sources = _ordered(graph)
    if pivots is not None and 0 < pivots < len(sources):
        step = len(sources) / pivots
        sources = [sources[int(i * step)] for i in range(pivots)]
    for source in sources:
        stack: list[N] = []
        predecessors: dict[N, list[N]] = {node: [] for node in graph}
        paths: dict[N, int] = dict.fromkeys(graph, 0)
        paths[source] = 1
        distance: dict[N, int] = {source: 0}
        queue = deque([source])
        while queue:
            node = queue.popleft()
            stack.append(node)
            for neighbour in graph[node]:
                if neighbour not in distance:
                    distance[neighbour] = distance[node] + 1
                    queue.append(neighbour)
                if distance[neighbour] == distance[node] + 1:
                    paths[neighbour] += paths[node]
                    predecessors[neighbour].append(node)
        dependency: dict[N, float] = dict.fromkeys(graph, 0.0)
        while stack:
            node = stack.pop()
            for predecessor in predecessors[node]:
                dependency[predecessor] += paths[predecessor] / paths[node] * (1 + dependency[node])
            if node != source:
                betweenness[node] += dependency[node]
    n = len(graph)
    # Each undirected pair was counted from both ends; pivots stand for n / len(sources) sources.
    scale = 1 / ((n - 1) * (n - 2)) if normalized and n > 2 else 0.5
    if sources:
        scale *= n / len(sources)
    return {node: value * scale for node, value in betweenness.items()}


def shortest_path(graph: dict[N, set[N]], source: N, target: N) -> list[N] | None:
    """One shortest path from ``source`` to ``target`` (both included), or None when there is
    none. Among equal paths, the one through the smallest nodes is chosen, so the answer is stable."""
    if source not in graph or target not in graph:
        return None
    if source == target:
        return [source]
    previous: dict[N, N | None] = {source: None}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for neighbour in _ordered(graph[node]):
            if neighbour in previous:
                continue
            previous[neighbour] = node
            if neighbour == target:
                path = [target]
                step = previous[target]
                while step is not None:
                    path.append(step)
                    step = previous[step]
                return path[::-1]
            queue.append(neighbour)
    return None
