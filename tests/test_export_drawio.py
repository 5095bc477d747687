"""draw.io export: the XML draw.io reads, shapes and styles it knows, our positions."""

from __future__ import annotations

import glob
import os
import sys

import pytest

import flowdsl
from flowdsl.export.drawio import MARGIN, POOL_HEADER, TITLE, to_drawio
from flowdsl.export.geometry import place

sys.path.insert(0, os.path.dirname(__file__))
from drawio_read import absolute, read_pages, text  # noqa: E402

SAMPLES = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "samples", "*.flow")))

#: style keys and shapes of draw.io (mxConstants and the shapes of its General/Flowchart libraries)
KNOWN_KEYS = {
    "whiteSpace", "html", "fontFamily", "fontSize", "strokeColor", "fillColor", "fontColor", "rounded",
    "size", "boundedLbl", "right", "left", "top", "bottom", "arcSize", "aspect", "shadow",
    "verticalAlign", "align", "spacingTop", "spacingBottom", "spacingLeft", "perimeter", "fixedSize",
    "double", "horizontal", "startSize", "fontStyle", "container", "collapsible", "swimlaneFillColor",
    "connectable", "endArrow", "endSize", "width", "endWidth", "endFill", "edgeStyle", "curved",
    "labelBackgroundColor", "direction", "shape", "rotation",
}
KNOWN_BARE = {"ellipse", "rhombus", "swimlane", "text"}
KNOWN_SHAPES = {"document", "partialRectangle", "card", "doubleEllipse", "ext", "step", "flexArrow",
                "offPageConnector", "line"}


@pytest.fixture(scope="module", params=SAMPLES, ids=os.path.basename)
def exported(request):
    case = flowdsl.load(request.param)
    assert case.ok
    placed = [place(d.view) for d in case.views]
    return case, placed, to_drawio(case.views, placed)


def test_pages_cells_and_styles(exported):
    case, placed, data = exported
    pages = read_pages(data)
    assert [name for name, _ in pages] == [d.title or d.name for d in case.views]
    for (_, cells), p in zip(pages, placed):
        edges = [c for c in cells.values() if c.edge]
        assert len(edges) == len(p.edges)
        for e in edges:
            assert e.source in cells and cells[e.source].vertex
            assert e.target in cells and cells[e.target].vertex
        for c in cells.values():
            for k, v in c.style.items():
                if v is None:
                    assert k in KNOWN_BARE, (c.id, k)
                else:
                    assert k in KNOWN_KEYS, (c.id, k)
                    if k == "shape":
                        assert v in KNOWN_SHAPES, (c.id, v)
        # every node's text is there, Chinese intact
        for n in p.nodes:
            cell = cells[f"{c.id.split('-')[0]}-{n.node.id}"]
            assert text(cell.value) == n.text


def test_positions_read_back_match_the_layout(exported):
    case, placed, data = exported
    for (_, cells), p in zip(read_pages(data), placed):
        hz = bool(p.lanes) and p.horizontal
        ox = MARGIN + (POOL_HEADER if hz else 0)
        oy = MARGIN + (0 if hz else (POOL_HEADER if p.lanes else (TITLE if p.view.title else 0)))
        pid = next(iter(cells)).split("-")[0]
        for n in p.nodes:
            x, y, w, h = absolute(cells, cells[f"{pid}-{n.node.id}"])
            assert (x, y, w, h) == pytest.approx((n.x + ox, n.y + oy, n.w, n.h), abs=0.02)
            if n.node.lane:  # a symbol of a lane is a child of its lane, and inside it
                lane = cells[cells[f"{pid}-{n.node.id}"].parent]
                assert "swimlane" in lane.style and text(lane.value) == n.node.lane
                lx, ly, lw, lh = absolute(cells, lane)
                assert lx - 0.5 <= x and x + w <= lx + lw + 0.5 and ly - 0.5 <= y and y + h <= ly + lh + 0.5
        for e in p.edges:
            cell = cells[f"{pid}-e{e.index}"]
            got = [cell.source_point] + cell.points + [cell.target_point]
            assert [v for q in got for v in q] == pytest.approx([v for x, y in e.points for v in (x + ox, y + oy)], abs=0.02)


def test_swimlanes_become_a_pool_with_lanes():
    case = flowdsl.load(os.path.join(os.path.dirname(__file__), "..", "samples", "05-erp-sales.flow"))
    view = case.views[0].view
    (_, cells), = read_pages(to_drawio([view]))
    lanes = [c for c in cells.values() if "swimlane" in c.style and c.parent != "p1-1"]
    assert [text(c.value) for c in lanes] == list(dict.fromkeys(view.lanes))
    assert len({c.parent for c in lanes}) == 1 and "swimlane" in cells[lanes[0].parent].style


def test_deterministic_and_goods_are_double_arrows():
    src = os.path.join(os.path.dirname(__file__), "..", "samples", "01-purchasing.flow")
    a = to_drawio(flowdsl.load(src).views[:1])
    assert a == to_drawio(flowdsl.load(src).views[:1])
    (_, cells), = read_pages(a)
    goods = [c for c in cells.values() if c.edge and c.style.get("shape") == "flexArrow"]
    assert {text(c.value) for c in goods} >= {"货物", "不合格", "退货"}


def test_repeated_copies_carry_the_repeat_mark():
    src = os.path.join(os.path.dirname(__file__), "..", "samples", "03-bookstore.flow")
    views = flowdsl.load(src).views
    pages = read_pages(to_drawio(views))
    for k, (d, (_, cells)) in enumerate(zip(views, pages), 1):
        marks = {c.parent for c in cells.values() if c.style.get("shape") == "line"}
        repeated = {f"p{k}-{n.id}" for n in d.view.nodes if n.repeat}
        assert marks == repeated
        assert all(cells[f"{m}-rep"].style.get("rotation") == "-45" for m in repeated)
    assert any(n.repeat for d in views for n in d.view.nodes)
