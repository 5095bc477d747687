"""Control points with a description, and the control-point table drawn under the chart."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import flowdsl
from flowdsl.lang.format import format_source
from flowdsl.render.controls import HEADERS, control_table
from flowdsl.lang.unparse import to_text

from conftest import needs_dot

SRC = """\
chart 审批 "审批流程" {
  unit 部门
  unit 主任 "信息系统管理部主任"
  step 编制 "编制建议计划" by 部门
  step 审批 "审批建议计划" by 主任 control C1 "金额≥200万需报 <总部> & 备案"
  step 备案 by 部门 控制点 C2
  部门 -> 编制 -> 审批 -> 备案 -> end
}
"""


def test_control_point_description_is_parsed_and_lowered():
    case = flowdsl.parse(SRC)
    assert case.ok and not case.diagnostics
    els = {e.key: e for e in case.model.charts[0].elements}
    assert (els["审批"].control, els["审批"].control_note) == ("C1", "金额≥200万需报 <总部> & 备案")
    assert (els["备案"].control, els["备案"].control_note) == ("C2", None)
    assert els["编制"].control is None


def test_control_point_description_survives_fmt_and_unparse():
    out = format_source(SRC)
    assert 'control C1 "金额≥200万需报 <总部> & 备案"' in out
    assert "控制点 C2\n" in out
    for lang in ("en", "zh"):
        again = flowdsl.parse(to_text(flowdsl.parse(SRC).model, lang=lang))
        assert [(e.control, e.control_note) for e in again.model.charts[0].elements if e.control] == \
            [("C1", "金额≥200万需报 <总部> & 备案"), ("C2", None)]


def test_the_view_lists_number_step_what_and_who_in_step_order():
    view = flowdsl.parse(SRC).views[0].view
    assert view.controls == (("C1", "审批建议计划", "金额≥200万需报 <总部> & 备案", "信息系统管理部主任"),
                             ("C2", "备案", "", "部门"))


def test_no_control_points_no_table():
    case = flowdsl.parse("chart A {\n unit 甲\n step 做 by 甲\n 甲 -> 做 -> end\n}\n")
    assert case.views[0].view.controls == ()
    assert control_table(()) is None


def test_table_geometry_wraps_long_text_and_is_deterministic():
    rows = [("C1", "步骤" * 30, "内容", "谁"), ("C2", "短", "", "")]
    a, b = control_table(rows), control_table(rows)
    assert a == b
    assert len(a.rows) == 3 and a.rows[0] == tuple((h,) for h in HEADERS)
    assert len(a.rows[1][1]) > 1                      # the long step wraps onto several lines
    assert a.rowh[1] > a.rowh[2]
    assert a.rows[2][2] == ("—",) and a.rows[2][3] == ("—",)   # empty cells show a dash
    assert [el.markup() for el in a.elements(10, 20)] == [el.markup() for el in b.elements(10, 20)]


@needs_dot
def test_table_is_drawn_escaped_under_the_diagram():
    svg = flowdsl.parse(SRC).views[0].render("svg").decode()
    root = ET.fromstring(svg)                         # well-formed: the "<" and "&" were escaped
    ns = "{http://www.w3.org/2000/svg}"
    cells = ["".join(t.itertext()) for t in root.iter(f"{ns}text")
             if (t.get("class") or "") == "control-table"]
    assert cells[:4] == list(HEADERS)
    assert cells[4:8] == ["C1", "审批建议计划", "金额≥200万需报 <总部> & 备案", "信息系统管理部主任"]
    assert cells[8:] == ["C2", "备案", "—", "部门"]
    # below the diagram: every table cell lies under every node
    node_bottom = max(float(r.get("y")) + float(r.get("height"))
                      for g in root.iter(f"{ns}g") if "node" in (g.get("class") or "").split()
                      for r in g.iter(f"{ns}rect") if r.get("height"))
    table_top = min(float(r.get("y")) for g in root.iter(f"{ns}g") if g.get("class") == "footer"
                    for r in g.iter(f"{ns}rect"))
    assert table_top > node_bottom
    assert flowdsl.parse(SRC).views[0].render("svg").decode() == svg
