"""Graph algorithms on small graphs whose answers are known by hand."""

from __future__ import annotations

import pytest

from liaison.justice import graph as g


def path_graph(n: int) -> dict[int, set[int]]:
    return g.build(range(n), [(i, i + 1) for i in range(n - 1)])


def star_graph(leaves: int) -> dict[int, set[int]]:
    return g.build(range(leaves + 1), [(0, i) for i in range(1, leaves + 1)])


def test_build_drops_self_loops_and_parallel_edges():
    graph = g.build([1, 2, 3], [(1, 2), (2, 1), (3, 3)])
    assert graph == {1: {2}, 2: {1}, 3: set()}


def test_components_are_largest_first_with_isolated_nodes():
    graph = g.build(range(7), [(0, 1), (1, 2), (4, 5)])
    assert g.connected_components(graph) == [[0, 1, 2], [4, 5], [3], [6]]


def test_components_of_an_empty_graph():
    assert g.connected_components({}) == []


def test_degree_centrality_of_a_star():
    centrality = g.degree_centrality(star_graph(4))
    assert centrality[0] == 1.0
    assert centrality[1] == pytest.approx(0.25)


def test_degree_centrality_of_one_node():
    assert g.degree_centrality({1: set()}) == {1: 0.0}


def test_betweenness_of_a_path():
    # In 0-1-2-3-4, node 2 lies on the paths of 4 of the 6 pairs not involving it.
    centrality = g.betweenness_centrality(path_graph(5))
    assert centrality == pytest.approx({0: 0.0, 1: 0.5, 2: 4 / 6, 3: 0.5, 4: 0.0})


def test_betweenness_of_a_star_centre_is_one():
    centrality = g.betweenness_centrality(star_graph(5))
    assert centrality[0] == pytest.approx(1.0)
    assert all(centrality[leaf] == 0.0 for leaf in range(1, 6))


def test_betweenness_splits_between_equal_paths():
    # A square 0-1-2-3-0: the pair (0, 2) has two shortest paths, through 1 and through 3.
    square = g.build(range(4), [(0, 1), (1, 2), (2, 3), (3, 0)])
    raw = g.betweenness_centrality(square, normalized=False)
    assert raw == pytest.approx({0: 0.5, 1: 0.5, 2: 0.5, 3: 0.5})


def test_betweenness_of_a_bridge_between_two_triangles():
    # Triangles {0,1,2} and {3,4,5} joined by the edge 2-3: the bridge ends carry the crossing paths.
    graph = g.build(range(6), [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    raw = g.betweenness_centrality(graph, normalized=False)
    # Node 2 lies on the paths from 0 and 1 to 3, 4, 5: 6 pairs.
    assert raw[2] == pytest.approx(6.0)
    assert raw[3] == pytest.approx(6.0)
    assert raw[0] == 0.0


def test_shortest_path_prefers_smallest_nodes_among_equals():
    square = g.build(range(4), [(0, 1), (1, 2), (2, 3), (3, 0)])
    assert g.shortest_path(square, 0, 2) == [0, 1, 2]


def test_shortest_path_on_a_path_and_to_itself():
    assert g.shortest_path(path_graph(5), 4, 1) == [4, 3, 2, 1]
    assert g.shortest_path(path_graph(3), 1, 1) == [1]


def test_no_path_between_components_or_unknown_nodes():
    graph = g.build(range(4), [(0, 1), (2, 3)])
    assert g.shortest_path(graph, 0, 3) is None
    assert g.shortest_path(graph, 0, 99) is None


def test_betweenness_with_every_node_as_pivot_is_exact():
    graph = path_graph(6)
    assert g.betweenness_centrality(graph, pivots=6) == pytest.approx(
        g.betweenness_centrality(graph)
    )


def test_betweenness_estimate_ranks_the_star_centre_first():
    centrality = g.betweenness_centrality(star_graph(40), pivots=10)
    assert max(centrality, key=centrality.__getitem__) == 0
