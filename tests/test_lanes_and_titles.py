"""Issue 10, item 6: a unit left out of the lane list gets its own lane (and FD207);
a DFD's quoted title is drawn in the headings and names the context process."""

from __future__ import annotations

import flowdsl



LANES = """业务流程图 报销 {
  单位 员工
  单位 财务部
  泳道 员工
  步骤 填写 由 员工
  步骤 付款 由 财务部
  开始 -> 填写 -> 付款 -> 结束
}"""


def test_a_unit_missing_from_the_lanes_gets_its_own_lane_and_a_warning():
    case = flowdsl.parse(LANES)
    assert [(d.code, d.span.line, d.span.column) for d in case.diagnostics] == [("FD207", 3, 6)]
    assert "“泳道 员工、财务部”" in case.diagnostics[0].hint_zh
    view = case.views[0].view
    assert view.lanes == ("员工", "财务部")
    lane = {n.label: n.lane for n in view.nodes}
    assert lane["付款"] == "财务部" and lane["填写"] == "员工"


def test_a_misspelt_lane_is_one_error_not_also_a_missing_lane():
    case = flowdsl.parse(LANES.replace("泳道 员工", "泳道 员工、财物部"))
    assert [(d.code, d.hint) for d in case.diagnostics] == [("FD101", "did you mean “财务部”?")]


def test_listed_lanes_give_no_warning():
    case = flowdsl.parse(LANES.replace("泳道 员工", "泳道 财务部、员工"))
    assert case.diagnostics == []
    assert case.views[0].view.lanes == ("财务部", "员工")


DFD = """dfd 进书 "图书进书系统" {
  entity 书商
  process 登记
  书商 -[入库单]-> 登记 -[收据]-> 书商
}"""


def test_the_dfd_title_is_the_heading_and_the_context_process_carries_the_system_name():
    case = flowdsl.parse(DFD)
    context, level0 = case.dfd_levels["进书"]
    assert context.title.startswith("图书进书系统") and level0.title.startswith("图书进书系统")
    assert [n.label for n in context.view.nodes if n.kind == "process"] == ["图书进书系统"]
    svg = context.render("svg").decode()
    assert "图书进书系统" in svg


def test_a_title_ending_in_dfd_names_the_system_without_it():
    case = flowdsl.parse(DFD.replace("图书进书系统", "进书数据流程图"))
    context = case.dfd_levels["进书"][0]
    assert [n.label for n in context.view.nodes if n.kind == "process"] == ["进书"]
    assert context.title.startswith("进书数据流程图")


