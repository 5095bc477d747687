"""GraphML read back by networkx with every attribute; ``to_networkx``; lazy import."""

from __future__ import annotations

import glob
import io
import os
import subprocess
import sys

import networkx as nx
import pytest

import flowdsl

SAMPLES = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "samples", "*.flow")))


@pytest.mark.parametrize("path", SAMPLES, ids=os.path.basename)
def test_graphml_reads_back_with_all_attributes(path):
    from flowdsl.export.geometry import place

    case = flowdsl.load(path)
    for d in case.views:
        back = nx.read_graphml(io.BytesIO(d.export("graphml")))
        g = d.to_networkx()
        assert set(back.nodes) == {n.id for n in d.view.nodes} == set(g.nodes)
        assert set(back.edges) == {(e.src, e.dst) for e in d.view.edges} == set(g.edges)
        placed = place(d.view)
        for pn in placed.nodes:
            attrs = back.nodes[pn.node.id]
            assert {k: attrs[k] for k in g.nodes[pn.node.id]} == g.nodes[pn.node.id]
            assert (attrs["x"], attrs["y"], attrs["width"], attrs["height"]) == pytest.approx(
                (pn.cx, pn.cy, pn.w, pn.h))
        for a, b, attrs in g.edges(data=True):
            assert {k: back.edges[a, b][k] for k in attrs} == attrs
            assert back.edges[a, b]["points"]


def test_networkx_attributes_and_levels():
    case = flowdsl.load(os.path.join(os.path.dirname(__file__), "..", "samples", "03-bookstore.flow"))
    g = case.to_networkx()
    assert g.number_of_nodes() == sum(len(d.view.nodes) for d in case.views)
    levels = {a["diagram"]: a["level"] for _, a in g.nodes(data=True)}
    assert levels["进书"] == -1 and levels["进书-context"] == 0 and levels["进书-0"] == 1
    assert levels["进书-P3"] == 2
    p33 = next(a for _, a in g.nodes(data=True) if a.get("ident") == "P3.3")
    assert p33["kind"] == "process" and p33["label"] == "入库单处理" and p33["location"] == "库管员"
    flows = {a.get("ident"): a for _, _, a in g.edges(data=True) if a["style"] == "data"}
    assert flows["F3.4"]["label"] == "不合格入库单"
    chart = case.view("进书").to_networkx()
    assert chart.graph["kind"] == "business"
    assert {a["kind"] for _, a in chart.nodes(data=True)} >= {"unit", "step", "document"}


def test_check_and_render_do_not_import_networkx(tmp_path):
    src = os.path.join(os.path.dirname(__file__), "..", "samples", "01-purchasing.flow")
    code = ("import sys; from flowdsl.app.cli import main; main(['check', %r]);"
            "main(['render', %r, '-o', %r, '-f', 'dot', '-j', '1']);"
            "sys.exit(3 if 'networkx' in sys.modules else 0)") % (src, src, str(tmp_path))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
