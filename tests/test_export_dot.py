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
    lanes = re.findall(r'subgraph cluster_lane\d+ \{\n    graph \[.*label="([^"]*)"', text)
    assert lanes == list(dict.fromkeys(erp.view.lanes))
    assert 'color="black:invis:black"' in text  # goods flows stay double lines
