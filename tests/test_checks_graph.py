"""The tiny digraph of flowdsl.checks.graph agrees with networkx on the algorithms
the chart checks use (reachability, ancestors, strongly connected components)."""

import random

import networkx as nx
import pytest

from flowdsl.checks import graph as G


def _pair(n, m, seed):
    rnd = random.Random(seed)
    ours, theirs = G.DiGraph(), nx.DiGraph()
    for i in range(n):
        ours.add_node(f"n{i}")
        theirs.add_node(f"n{i}")
    for _ in range(m):
        u, v = f"n{rnd.randrange(n)}", f"n{rnd.randrange(n)}"
        ours.add_edge(u, v)
        theirs.add_edge(u, v)
    return ours, theirs


@pytest.mark.parametrize("seed", range(25))
def test_algorithms_match_networkx(seed):
    n = 3 + seed * 2
    ours, theirs = _pair(n, int(n * 1.3), seed)
    for node in theirs.nodes:
        assert G.descendants(ours, node) == nx.descendants(theirs, node)
        assert G.ancestors(ours, node) == nx.ancestors(theirs, node)
        assert ours.degree(node) == theirs.degree(node)
        assert ours.in_degree(node) == theirs.in_degree(node)
        assert ours.out_degree(node) == theirs.out_degree(node)
    ours_c, theirs_c = G.condensation(ours), nx.condensation(theirs)
    as_sets = lambda c: sorted(sorted(c.nodes[i]["members"]) for i in c.nodes)  # noqa: E731
    assert as_sets(ours_c) == as_sets(theirs_c)
    sinks = lambda c: sorted(sorted(c.nodes[i]["members"]) for i in c.nodes if c.out_degree(i) == 0)  # noqa: E731
    assert sinks(ours_c) == sinks(theirs_c)
    roots = [x for x in theirs.nodes if theirs.in_degree(x) == 0] + ["n0", "missing"]
    expected = set()
    for r in roots:
        if r in theirs:
            expected |= {r} | nx.descendants(theirs, r)
    assert G.reachable(ours, roots) == expected


def test_long_chain_and_big_cycle_need_no_recursion():
    g = G.DiGraph()
    n = 50_000
    for i in range(n - 1):
        g.add_edge(i, i + 1)
    assert len(G.descendants(g, 0)) == n - 1
    g.add_edge(n - 1, 0)
    comps = G.strongly_connected_components(g)
    assert [len(c) for c in comps] == [n]


def test_parallel_arrows_keep_every_label():
    from flowdsl.model.types import Chart, Edge, Element

    chart = Chart(name="c", elements=[Element(key="a", kind="decision"), Element(key="b", kind="step")],
                  edges=[Edge(src="a", dst="b", label="合格"), Edge(src="a", dst="b", label="不合格")])
    g = G.chart_graph(chart)
    assert g["a"]["b"]["labels"] == ["合格", "不合格"]
    assert g.has_edge("a", "b") and not g.has_edge("b", "a")
    assert list(g.nodes) == ["a", "b"] and g.nodes["a"]["kind"] == "decision"
