"""Golden DOT files and SVG content for every sample (samples/*.flow, every view).

``tests/golden/<sample>/<view>.dot`` holds the DOT text the renderer lays the view out
with (:func:`flowdsl.render.view_to_dot`, not the plain DOT of ``render("dot")``) when
the file was last accepted. Run with ``FLOWDSL_UPDATE_GOLDEN=1`` to (re)write
the golden files instead of comparing, then review the diff before committing.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET

import pytest

import flowdsl
from flowdsl.render import view_to_dot

from conftest import GOLDEN, SAMPLES, needs_dot, sample_id

UPDATE = os.environ.get("FLOWDSL_UPDATE_GOLDEN") == "1"
SVG_NS = "{http://www.w3.org/2000/svg}"


def golden_name(view_name: str) -> str:
    return re.sub(r'[<>:"/\\|?*\x00-\x1f]', "_", view_name) + ".dot"


_CASES: dict[str, flowdsl.Case] = {}


def case_of(path: str) -> flowdsl.Case:
    if path not in _CASES:
        _CASES[path] = flowdsl.load(path)
    return _CASES[path]


def sample_views():
    """(sample path, view index) for every view of every sample, known at collection."""
    out = []
    for path in SAMPLES:
        case = case_of(path)
        out += [pytest.param(path, i, id=f"{sample_id(path)}/{v.name}") for i, v in enumerate(case.views)]
    return out


VIEWS = sample_views()


def test_there_are_samples():
    assert SAMPLES, "samples/*.flow not found"
    assert VIEWS


@pytest.mark.parametrize("path", SAMPLES, ids=sample_id)
def test_sample_is_clean(path):
    """A sample is a model answer: it has no error (warnings would show in class too)."""
    case = case_of(path)
    assert case.ok, case.format_diagnostics()
    assert case.views


# ---------------------------------------------------------------- golden DOT

@pytest.mark.parametrize("path,index", VIEWS)
def test_golden_dot(path, index):
    diagram = case_of(path).views[index]
    dot = view_to_dot(diagram.view)
    target = os.path.join(GOLDEN, sample_id(path), golden_name(diagram.name))
    if UPDATE:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="\n") as f:
            f.write(dot)
        return
    assert os.path.exists(target), f"no golden file {target}: run FLOWDSL_UPDATE_GOLDEN=1 pytest tests/test_golden.py"
    with open(target, encoding="utf-8", newline="") as f:
        expected = f.read()
    assert dot == expected, f"{target} differs: if the change is intended, rerun with FLOWDSL_UPDATE_GOLDEN=1"


@pytest.mark.parametrize("path", SAMPLES, ids=sample_id)
def test_no_stale_golden_files(path):
    if UPDATE:
        pytest.skip("updating golden files")
    folder = os.path.join(GOLDEN, sample_id(path))
    have = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    want = sorted(golden_name(v.name) for v in case_of(path).views)
    assert have == want


@pytest.mark.parametrize("path,index", VIEWS)
def test_dot_is_deterministic(path, index):
    again = flowdsl.load(path).views[index]
    first = case_of(path).views[index]
    assert view_to_dot(again.view) == view_to_dot(first.view)
    assert again.render("dot") == first.render("dot")     # the plain DOT users get


# ---------------------------------------------------------------- SVG content

def squash(text: str) -> str:
    """Text without whitespace (labels are wrapped over several lines in the SVG)."""
    return re.sub(r"\s+", "", text)


def node_groups(root):
    for g in root.iter(f"{SVG_NS}g"):
        cls = (g.get("class") or "").split()
        if cls and cls[0] == "node":
            yield g, cls


def group_text(g, cls: str) -> str:
    parts = []
    for t in g.iter(f"{SVG_NS}text"):
        if t.get("class") == cls:
            parts.append("".join(t.itertext()))
    return "".join(parts)


@needs_dot
@pytest.mark.parametrize("path,index", VIEWS)
def test_svg_content(path, index):
    from flowdsl.render.quote import css_ident

    diagram = case_of(path).views[index]
    view = diagram.view
    svg = diagram.render("svg").decode("utf-8")
    root = ET.fromstring(svg)  # well-formed XML
    assert root.tag == f"{SVG_NS}svg"
    assert f"flowdsl {view.kind}" in root.get("class")

    # one group per node, in view order, with its kind as class and its label as text
    groups = list(node_groups(root))
    assert len(groups) == len(view.nodes)
    assert len({g.get("id") for g, _ in groups}) == len(groups)
    for node, (g, cls) in zip(view.nodes, groups):
        assert cls[1] == css_ident(node.kind), node
        assert squash(group_text(g, "label")) == squash(node.label), node
        if node.ident:
            assert node.ident in "".join(g.itertext())
    # every kind's symbol class appears
    for kind in {n.kind for n in view.nodes}:
        assert f'class="node {css_ident(kind)}"' in svg

    # one group per edge; every edge label is drawn
    edges = [g for g in root.iter(f"{SVG_NS}g") if (g.get("class") or "").split()[:1] == ["edge"]]
    assert len(edges) == len(view.edges)
    labels = squash("".join("".join(g.itertext()) for g in root.iter(f"{SVG_NS}g")
                            if (g.get("class") or "").startswith("edge-label")))
    for e in view.edges:
        if e.label:
            assert squash(e.label) in labels, e
        assert f"edge {css_ident(e.style)}" in svg

    # title and swimlane names
    assert squash(view.title) in squash("".join(root.find(f"{SVG_NS}title").itertext()))
    for lane in view.lanes:
        assert lane in svg
    for key, value in view.title_block:
        assert key in svg and value in svg
