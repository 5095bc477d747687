"""``--to dot``: plain Graphviz renders it without a warning, faithful in content."""

from __future__ import annotations

import glob
import html
import os
import re
import shutil
import subprocess

import pytest

import flowdsl

SAMPLES = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "samples", "*.flow")))
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) not installed")


@needs_dot
@pytest.mark.parametrize("path", SAMPLES, ids=os.path.basename)
def test_plain_dot_renders_without_warnings(path):
    case = flowdsl.load(path)
    for d in case.views:
        src = d.export("dot")
        r = subprocess.run(["dot", "-Tsvg"], input=src, capture_output=True, timeout=60)
        assert r.returncode == 0 and r.stderr == b"", (d.name, r.stderr.decode())
        svg = r.stdout.decode("utf-8")
        for n in d.view.nodes:          # every symbol, every flow is drawn
            assert f'id="{n.id}"' in svg
        for i in range(1, len(d.view.edges) + 1):
            assert f'id="e{i}"' in svg
        text = src.decode("utf-8")
        assert "FIXEDSIZE" not in text and "fixedsize" not in text
        for e in d.view.edges:
            if e.label:
                assert html.escape(e.label, quote=False) in svg


@needs_dot
def test_direction_lanes_and_bands():
    book = flowdsl.load(os.path.join(os.path.dirname(__file__), "..", "samples", "03-bookstore.flow"))
    child = book.view("进书-P3")
    text = child.export("dot").decode("utf-8")
    lr = child.view.direction == "LR" or child.view.lane_direction == "horizontal"
    assert ("rankdir=LR" in text) == lr
    proc = next(n for n in child.view.nodes if n.kind == "process" and n.location)
    line = next(x for x in text.splitlines() if x.strip().startswith(proc.id + " "))
    assert "shape=plain" in line and "<TABLE" in line and proc.ident in line and proc.location in line
    erp = flowdsl.load(os.path.join(os.path.dirname(__file__), "..", "samples", "05-erp-sales.flow")).views[0]
    text = erp.export("dot").decode("utf-8")
    lanes = list(dict.fromkeys(erp.view.lanes))
    heads = dict(re.findall(r'^  (lane\d+) \[id="lane\d+", label="([^"]*)", shape=plaintext\];$', text, re.M))
    assert list(heads.values()) == lanes
    # the header row: outer side, lane 1, boundary 1, lane 2, ... in the declared order
    row = re.search(r"subgraph rank_1 \{ rank=same; ([^}]*); \}", text).group(1).split("; ")
    assert row == [x for k in range(len(lanes)) for x in (f"b{k}_lanes", f"lane{k + 1}")] + [f"b{len(lanes)}_lanes"]
    assert 'color="black:invis:black"' in text  # goods flows stay double lines


@needs_dot
def test_plain_dot_keeps_our_ranks_and_lanes():
    """Laid out by plain ``dot``, every node sits in its own lane (between the lines of
    its two boundaries) and the nodes of one of our ranks share a centre line."""
    from flowdsl.export.geometry import place
    from flowdsl.render.specs import is_flow_lr

    for path in ("05-erp-sales.flow", "07-internal-control.flow", "01-purchasing.flow"):
        d = flowdsl.load(os.path.join(os.path.dirname(__file__), "..", "samples", path)).views[0]
        r = subprocess.run(["dot", "-Tplain"], input=d.export("dot"), capture_output=True, timeout=60)
        pos = {}
        for line in r.stdout.decode("utf-8").splitlines():
            f = line.split()
            if f and f[0] == "node":
                pos[f[1].strip('"')] = (float(f[2]), float(f[3]))
        lanes = list(dict.fromkeys(d.view.lanes))
        for n in d.view.nodes:
            if n.lane in lanes:
                k = lanes.index(n.lane)
                assert pos[f"b{k}_end"][0] < pos[n.id][0] < pos[f"b{k + 1}_end"][0], (path, n.id, n.lane)
        ours = place(d.view)
        lr = is_flow_lr(d.view)
        by_rank: dict[float, set[float]] = {}
        for pn in ours.nodes:
            by_rank.setdefault(round((pn.cx if lr else pn.cy) * 2) / 2, set()).add(
                round(pos[pn.node.id][0 if lr else 1], 3))
        assert all(len(v) == 1 for v in by_rank.values()), path
        order = [next(iter(by_rank[k])) for k in sorted(by_rank)]
        assert order == sorted(order, reverse=not lr), path     # (plain y grows upwards)


@needs_dot
def test_render_f_dot_writes_the_plain_dot(tmp_path):
    from flowdsl.app.cli import main
    from flowdsl.render import view_to_dot

    src = os.path.join(os.path.dirname(__file__), "..", "samples", "02-stocktake.flow")
    assert main(["render", src, "-o", str(tmp_path), "-f", "dot"]) == 0
    case = flowdsl.load(src)
    for d in case.views:
        written = (tmp_path / "02-stocktake" / f"{d.name}.dot").read_bytes()
        assert written == d.render("dot") == d.export("dot")
        assert written.decode("utf-8") != view_to_dot(d.view)   # not the layout input
        r = subprocess.run(["dot", "-Tsvg"], input=written, capture_output=True, timeout=60)
        assert r.returncode == 0 and r.stderr == b""
