"""BPMN 2.0: bpmn-moddle (the bpmn.io parser) reads every chart with no warning; the
process, lanes and DI follow the chart and our layout."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET

import pytest
from export_tools import all_diagrams, node_script

from flowdsl.export.geometry import place

B = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
DI = "{http://www.omg.org/spec/BPMN/20100524/DI}"


def charts():
    return [d for d in all_diagrams() if d.view.kind == "business"]


def test_bpmn_moddle_reads_every_chart_without_warnings(tmp_path):
    cmd = node_script("bpmn_check.mjs")
    files = []
    for i, d in enumerate(charts(), 1):
        files.append(tmp_path / f"c{i}.bpmn")
        files[-1].write_bytes(d.export("bpmn"))
    r = subprocess.run(cmd + [str(f) for f in files], capture_output=True, timeout=300)
    results = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert r.returncode == 0, results
    for d, res in zip(charts(), results):
        assert res["warnings"] == [] and res["root"] == "bpmn:Definitions"
        types = res["types"]
        kinds = [n.kind for n in d.view.nodes]
        assert types.get("bpmn:Task", 0) == kinds.count("step")
        assert types.get("bpmn:ExclusiveGateway", 0) == kinds.count("decision")
        assert types.get("bpmn:DataObjectReference", 0) == kinds.count("document")
        assert types.get("bpmn:Lane", 0) == len(set(d.view.lanes))
        assert types["bpmndi:BPMNEdge"] == len(d.view.edges)


def test_bpmn_lanes_labels_and_di_positions():
    d = next(x for x in charts() if x.view.lanes)
    root = ET.fromstring(d.export("bpmn"))
    lanes = root.findall(f".//{B}lane")
    assert [la.get("name") for la in lanes] == list(dict.fromkeys(d.view.lanes))
    lane_of = {ref.text: la.get("name") for la in lanes for ref in la.findall(f"{B}flowNodeRef")}
    for n in d.view.nodes:
        if n.kind in ("step", "decision"):
            assert lane_of[f"Node_{n.id}"] == n.lane
    names = {f.get("name") for f in root.findall(f".//{B}sequenceFlow")}
    kind = {n.id: n.kind for n in d.view.nodes}
    data = ("document", "ledger", "collect")
    flow_labels = {e.label for e in d.view.edges
                   if e.label and kind[e.src] not in data and kind[e.dst] not in data}
    assert flow_labels and flow_labels <= names
    placed = place(d.view)
    shapes = {s.get("bpmnElement"): s for s in root.iter(f"{DI}BPMNShape")}
    for pn in placed.nodes:
        b = shapes[f"Node_{pn.node.id}"][0]
        x, y, w, h = (float(b.get(k)) for k in ("x", "y", "width", "height"))
        if pn.node.kind in ("start", "end", "unit", "unit_ext", "connector"):  # events: a square on our centre
            assert w == h == pytest.approx(min(pn.w, pn.h), abs=0.01)
            assert (x + w / 2, y + h / 2) == pytest.approx((pn.x + pn.w / 2, pn.y + pn.h / 2), abs=0.01)
        else:
            assert [x, y, w, h] == pytest.approx([pn.x, pn.y, pn.w, pn.h], abs=0.01)
    edges = {s.get("bpmnElement"): s for s in root.iter(f"{DI}BPMNEdge")}
    for pe in placed.edges:
        pts = [(float(w.get("x")), float(w.get("y"))) for w in edges[f"Flow_e{pe.index}"]
               if w.tag.endswith("waypoint")]
        assert [v for q in pts for v in q] == pytest.approx([v for q in pe.points for v in q], abs=0.01)


def test_bpmn_is_for_business_charts():
    dfd = next(d for d in all_diagrams() if d.view.kind == "dfd")
    with pytest.raises(ValueError, match="business charts"):
        dfd.export("bpmn")
