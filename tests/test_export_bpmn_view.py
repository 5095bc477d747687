"""BPMN 2.0 drawn by bpmn-js (the bpmn.io viewer, as in Camunda Modeler) in headless Chromium:
every chart imports with no warning and every shape and flow of its DI is drawn, tasks and
lanes with their names."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

from browser_tools import opened
from test_export_bpmn import DI, charts

VIEWER = "bpmn-js/dist/bpmn-viewer.production.min.js"


def _names(xml: bytes) -> dict[str, str]:
    """Every element with a name: id -> name (tasks, gateways, lanes, the pool...)."""
    return {el.get("id"): el.get("name") for el in ET.fromstring(xml).iter() if el.get("name") and el.get("id")}


def _flat(s: str) -> str:
    return "".join(s.split())


def test_bpmn_js_draws_every_chart_without_warnings(tmp_path):
    shot = os.environ.get("FLOWDSL_BPMN_SHOT")  # a folder: keep a screenshot of each chart
    with opened("bpmn_view.html", VIEWER) as (page, errors):
        for i, d in enumerate(charts(), 1):
            xml = d.export("bpmn")
            res = page.evaluate("xml => show(xml)", xml.decode("utf-8"))
            assert res["warnings"] == [], (d.view.title, res["warnings"])
            drawn = {e["id"]: e for e in res["drawn"]}
            root = ET.fromstring(xml)
            di = [el.get("bpmnElement") for el in root.iter() if el.tag in (f"{DI}BPMNShape", f"{DI}BPMNEdge")]
            assert di and all(drawn.get(ref, {}).get("parts", 0) > 0 for ref in di), (
                d.view.title, [ref for ref in di if drawn.get(ref, {}).get("parts", 0) == 0])
            names = _names(xml)
            boxes = [e for e in drawn.values() if e["type"] in ("bpmn:Task", "bpmn:Lane")]
            assert len([b for b in boxes if b["type"] == "bpmn:Task"]) == [n.kind for n in d.view.nodes].count("step")
            assert len([b for b in boxes if b["type"] == "bpmn:Lane"]) == len(set(d.view.lanes))
            for b in boxes:  # bpmn-js wraps long names over lines: compare without white space
                assert _flat(names[b["id"]]) in _flat(b["text"]), (b, names[b["id"]])
            if shot:
                page.screenshot(path=os.path.join(shot, f"chart{i}.png"))
        assert errors == []
