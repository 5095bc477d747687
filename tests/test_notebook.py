"""docs/notebook.ipynb runs from top to bottom and shows the chart, a diagnostic and the magic."""

from __future__ import annotations

import os

import pytest

from conftest import ROOT, needs_rsvg

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOK = os.path.join(ROOT, "docs", "notebook.ipynb")


@pytest.fixture(scope="module")
def executed():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": os.path.join(ROOT, "docs")}})
    client.execute()
    return nb


def outputs_of(cell) -> list[dict]:
    return [o for o in cell.get("outputs", [])]


@needs_rsvg
def test_notebook_shows_the_chart_as_svg(executed):
    errors = [o for c in executed.cells for o in outputs_of(c) if o.get("output_type") == "error"]
    assert errors == []
    chart = next(c for c in executed.cells if c.cell_type == "code" and c.source.strip() == "case.views[0]")
    svg = chart.outputs[0]["data"]["image/svg+xml"]
    assert "<svg" in svg and "采购订货单" in svg and "检验人员" in svg


@needs_rsvg
def test_notebook_shows_the_diagnostic_with_the_caret(executed):
    cell = next(c for c in executed.cells if c.cell_type == "code" and c.source.rstrip().endswith("\nbad"))
    html = cell.outputs[0]["data"]["text/html"]
    assert "练习.flow:6:16: error[FD101]" in html and "^^^^" in html and "主管" in html
    assert "<svg" not in html


@needs_rsvg
def test_notebook_magic_renders_the_cell(executed):
    cell = next(c for c in executed.cells if c.cell_type == "code" and c.source.startswith("%%flowdsl"))
    svgs = [o["data"]["image/svg+xml"] for o in cell.outputs if "image/svg+xml" in o.get("data", {})]
    assert len(svgs) == 1 and "请假单" in svgs[0] and "不批准" in svgs[0]
    # the worked example is a clean case: no diagnostic box next to its chart
    assert not any("flowdsl-diagnostic" in o.get("data", {}).get("text/html", "") for o in cell.outputs)


def cell_by_id(nb, cid):
    return next(c for c in nb.cells if c.get("id") == cid)


@needs_rsvg
def test_notebook_shows_a_dfd_level(executed):
    out = cell_by_id(executed, "dfd-level0").outputs
    svg = out[0]["data"]["image/svg+xml"]
    assert "<svg" in svg and 'class="flowdsl dfd' in svg


@needs_rsvg
def test_notebook_shows_the_whole_case_as_html_with_every_diagram(executed):
    import flowdsl

    case = flowdsl.load(os.path.join(ROOT, "samples", "01-purchasing.flow"))
    n = len(case.diagrams) + sum(d.kind == "tree" for d in case.logic)   # and the decision trees (issue 13)
    data = cell_by_id(executed, "whole-case").outputs[0]["data"]
    assert n > 2 and data["text/html"].count("<svg") == n
    assert "image/svg+xml" not in data


@needs_rsvg
def test_notebook_sized_diagram_and_line_magic(executed):
    svg = cell_by_id(executed, "size").outputs[0]["data"]["image/svg+xml"]
    assert ' width="300"' in svg[:svg.find(">", svg.find("<svg"))]
    html = [o["data"]["text/html"] for o in cell_by_id(executed, "line-magic").outputs if "text/html" in o.get("data", {})]
    assert html and all(' width="400"' in h for h in html) and "<svg" in html[0]
