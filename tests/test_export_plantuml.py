"""PlantUML: charts as activity diagrams with swimlanes, DFDs component style; every
diagram of every sample (and hostile text) renders with Debian's plantuml, no error image."""

from __future__ import annotations

import re
import subprocess

import pytest

import flowdsl
from flowdsl.export.plantuml_activity import creole, lane_name
from flowdsl.render.specs import edge_text

from export_tools import all_diagrams, plantuml
from test_hostile import IDS, PAYLOADS, business, dfd

STATEMENT = re.compile(r"^\s*(?::(.*)[;\]|>]|start|stop)$")


def test_dfd_text_is_faithful():
    for d in all_diagrams():
        if d.view.kind != "dfd":
            continue
        text = d.export("plantuml").decode("utf-8")
        ids = re.findall(r'^\s*\w+ "[^"\n]*" as (\w+)', text, re.M)
        assert set(ids) - {f"lane{k}" for k in range(1, 99)} == {n.id for n in d.view.nodes}
        arrows = re.findall(r"^(\w+) (-->|-\[bold\]->) (\w+)", text, re.M)
        assert [(a, b) for a, _, b in arrows] == [(e.src, e.dst) for e in d.view.edges]
        assert [k != "-->" for _, k, _ in arrows] == [e.style == "goods" for e in d.view.edges]


def test_chart_is_an_activity_diagram_with_every_symbol_and_flow():
    from flowdsl.export.mermaid import node_text

    charts = [d for d in all_diagrams() if d.view.kind == "business"]
    assert len(charts) == 7
    for d in charts:
        view = d.view
        text = d.export("plantuml").decode("utf-8")
        lines = text.splitlines()
        # swimlanes: the chart's lanes in order, or one per unit of a chart without lanes
        lanes = list(dict.fromkeys(x[1:-1] for x in lines if re.fullmatch(r"\|[^|]+\|", x)))
        want = list(dict.fromkeys(view.lanes)) or list(dict.fromkeys(
            node_text(view, n).replace("\n", " ") for n in view.nodes if n.kind in ("unit", "unit_ext")))
        assert lanes == [lane_name(x) for x in want], d.name
        assert "@startuml" in lines[0] and "note" in text and ("if ()" in text or "fork" in text)
        acts = [m.group(1) for m in map(STATEMENT.match, lines) if m and m.group(1) is not None]
        has_in = {e.dst for e in view.edges}
        read_only = [n for n in view.nodes if n.kind in ("document", "ledger", "collect")
                     and n.id not in has_in]
        # every other symbol exactly once as a statement (text and ID, location, control)
        expect = sorted(creole(node_text(view, n)) for n in view.nodes
                        if n.kind not in ("start", "end") and n not in read_only)
        assert sorted(acts) == expect, d.name
        assert text.count("\nstart\n") == sum(n.kind == "start" for n in view.nodes)
        assert len(re.findall(r"^\s*stop$", text, re.M)) == sum(n.kind == "end" for n in view.nodes)
        for n in read_only:                 # a ledger only read: a note at each reader
            assert text.count(f"note left: ← {creole(node_text(view, n))}") == \
                sum(e.src == n.id for e in view.edges)
        for e in view.edges:                # every flow's label is written
            if edge_text(e):
                assert creole(edge_text(e)).replace("(", "（").replace(")", "）") in text \
                    or creole(edge_text(e)) in text, (d.name, edge_text(e))
        # an arrow to a symbol written elsewhere: a note naming that symbol
        names = {creole(node_text(view, n)) for n in view.nodes}
        for target in re.findall(r"note right: → (.*?)(?:（[^（]*）)?$", text, re.M):
            assert target in names, (d.name, target)


def run_plantuml(tmp_path, texts: list[bytes]) -> list[str]:
    cmd = plantuml()
    for i, t in enumerate(texts, 1):
        (tmp_path / f"d{i:02d}.puml").write_bytes(t)
    r = subprocess.run(cmd + ["-tsvg", "-charset", "UTF-8", "-failfast2"] + sorted(str(p) for p in tmp_path.glob("*.puml")),
                       capture_output=True, timeout=600)
    assert r.returncode == 0, (r.stdout + r.stderr).decode()[-2000:]
    svgs = [(tmp_path / f"d{i:02d}.svg").read_text(encoding="utf-8") for i in range(1, len(texts) + 1)]
    for svg in svgs:
        assert "Syntax Error" not in svg and "Error line" not in svg
    return svgs


def test_plantuml_renders_every_sample(tmp_path):
    diagrams = all_diagrams()
    svgs = run_plantuml(tmp_path, [d.export("plantuml") for d in diagrams])
    for d, svg in zip(diagrams, svgs):
        for e in d.view.edges:
            if e.label and not set(e.label) & set("<>&\"()"):
                assert e.label in svg, (d.name, e.label)
        for n in d.view.nodes:
            if n.kind not in ("start", "end") and n.label and not set(n.label) & set("<>&\""):
                assert n.label.split("\n")[0][:4] in svg, (d.name, n.label)


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if len(p) < 1000],
                         ids=[i for p, i in zip(PAYLOADS, IDS) if len(p) < 1000])
def test_hostile_text_is_shown_as_written(tmp_path, payload):
    """Student text with PlantUML markup, quotes, newlines, ``<img:…>`` …: accepted,
    no error image, and no markup obeyed (no image, no link in the SVG)."""
    views = flowdsl.parse(business(payload)).views + flowdsl.parse(dfd(payload)).views
    svgs = run_plantuml(tmp_path, [v.export("plantuml") for v in views])
    for svg in svgs:
        svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)   # (PlantUML keeps the source there)
        assert "<image" not in svg and "<a " not in svg, payload
