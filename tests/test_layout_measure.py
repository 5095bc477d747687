"""The layout-quality measure (flowdsl/render/measure.py) on hand-made geometry."""

from __future__ import annotations

from flowdsl.render.layout import EdgePath, Layout, NodeBox
from functools import partial

from flowdsl.render.measure import format_table
from flowdsl.render.measure import measure as _measure
from flowdsl.views.graph import VEdge, View, VNode


#: the labels where the hand-made layout puts them (not moved by the placer)
measure = partial(_measure, placed=False)


def _line(a, b):
    """A straight cubic from a to b (Graphviz's p0 c1 c2 p3)."""
    (x0, y0), (x1, y1) = a, b
    return ((x0, y0), (x0 + (x1 - x0) / 3, y0 + (y1 - y0) / 3),
            (x0 + 2 * (x1 - x0) / 3, y0 + 2 * (y1 - y0) / 3), (x1, y1))


def _view(nodes, edges):
    return View("t", "t", "dfd", tuple(VNode(f"n{i}", "process", f"P{i}") for i in range(1, nodes + 1)),
                tuple(edges))


def _layout(centres, paths, labels=None):
    nodes = {f"n{i}": NodeBox(f"n{i}", x, y, 96, 60) for i, (x, y) in enumerate(centres, 1)}
    labels = labels or {}
    edges = tuple(EdgePath(f"e{i}", t, h, _line(a, b), None, None, labels.get(i))
                  for i, (t, h, a, b) in enumerate(paths, 1))
    return Layout(600, 600, nodes, edges, {})


def test_label_between_two_parallel_arrows_is_ambiguous():
    view = _view(2, [VEdge("n1", "n2", "甲"), VEdge("n1", "n2", "乙")])
    paths = [("n1", "n2", (90, 130), (90, 470)), ("n1", "n2", (110, 130), (110, 470))]
    fig = measure(view, _layout([(100, 100), (100, 500)], paths, {1: (100, 300), 2: (140, 300)}))
    assert fig["labels"] == 2
    assert fig["a"] == 1 and ("a", 1) == fig["details"][0][:2]


def test_label_beside_its_own_arrow_is_clear_and_far_label_is_not():
    view = _view(2, [VEdge("n1", "n2", "甲"), VEdge("n1", "n2", "乙")])
    paths = [("n1", "n2", (60, 130), (60, 470)), ("n1", "n2", (140, 130), (140, 470))]
    near = measure(view, _layout([(100, 100), (100, 500)], paths, {1: (40, 300), 2: (160, 300)}))
    assert near["a"] == 0
    far = measure(view, _layout([(100, 100), (100, 500)], paths, {1: (40, 300), 2: (220, 300)}))
    assert far["a"] == 1   # 2's label is more than 24 pt from its own arrow


def test_overlap_crossing_and_passing_through():
    view = _view(4, [VEdge("n1", "n2", "甲"), VEdge("n3", "n4")])
    centres = [(100, 100), (500, 500), (500, 100), (100, 500)]
    # e1 crosses e2 in the middle; its label sits on node n3
    paths = [("n1", "n2", (130, 130), (470, 470)), ("n3", "n4", (470, 130), (130, 470))]
    fig = measure(view, _layout(centres, paths, {1: (480, 110)}))
    assert fig["b"] == 1 and fig["c"] == 1 and fig["d"] == 0
    through = [("n1", "n2", (148, 100), (452, 100)), ("n3", "n4", (300, 130), (100, 470))]
    fig = measure(_view(4, [VEdge("n1", "n2"), VEdge("n3", "n4")]),
                  _layout([(100, 100), (500, 100), (300, 100), (100, 500)], through))
    assert fig["d"] == 1 and ("d", 1, "n3") in fig["details"]


def test_table_has_a_total_row():
    text = format_table([("图一", {"a": 1, "c": 2}), ("图二", {"a": 2})])
    last = text.splitlines()[-1].split()
    assert last[0] == "total" and last[2] == "3" and last[4] == "2"


def test_placer_moves_a_label_off_the_gap_between_parallel_arrows():
    view = _view(2, [VEdge("n1", "n2", "甲"), VEdge("n1", "n2", "乙")])
    paths = [("n1", "n2", (90, 130), (90, 470)), ("n1", "n2", (110, 130), (110, 470))]
    lay = _layout([(100, 100), (100, 500)], paths, {1: (100, 300), 2: (140, 300)})
    fig = _measure(view, lay)
    assert fig["a"] == 0 and fig["b"] == 0
    from flowdsl.render.labels import drawn
    assert drawn(view, lay).labels[1] != drawn(view, lay, placed=False).labels[1]   # moved
    assert drawn(view, lay).labels[2] == drawn(view, lay, placed=False).labels[2]  # good: kept
