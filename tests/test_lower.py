"""Lowering: AST → semantic model, name resolution and its diagnostics."""

from __future__ import annotations

import pytest

from flowdsl.diagnostics import Span
from flowdsl.model.types import END, START

from conftest import chart_of, codes, lowered, model_of


def one(diags, code):
    found = [d for d in diags if d.code == code]
    assert len(found) == 1, [(d.code, d.message) for d in diags]
    return found[0]


# ---------------------------------------------------------------- FD101 undefined name

def test_undefined_name_with_chinese_did_you_mean():
    _, diags = lowered("chart c {\n  unit 采购部\n  document 采购订货单\n  采购部 -> 采购定货单\n}")
    d = one(diags, "FD101")
    assert d.severity == "error"
    assert d.span == Span(4, 10, 4, 15)
    assert "采购定货单" in d.message and "“c”" in d.message
    assert d.hint == "did you mean “采购订货单”?"


def test_undefined_name_without_close_candidate_suggests_declaring_it():
    _, diags = lowered("chart c {\n  unit 采购部\n  采购部 -> 供应商\n}")
    d = one(diags, "FD101")
    assert d.span == Span(3, 10, 3, 13)
    assert "单位 供应商" in d.hint


def test_undefined_name_in_attribute_and_lanes():
    _, diags = lowered("chart c {\n  lanes: 采购布\n  unit 采购部\n  step s by 采够部 reads 库存\n}")
    assert codes(diags) == ["FD101", "FD101", "FD101"]
    by_line = sorted((d.span.line, d.span.column) for d in diags)
    assert by_line == [(2, 10), (4, 13), (4, 23)]
    hints = {d.span.column: d.hint for d in diags}
    assert hints[10] == "did you mean “采购部”?"
    assert hints[13] == "did you mean “采购部”?"


# ---------------------------------------------------------------- FD102 duplicates

def test_duplicate_declaration_names_the_first_line():
    _, diags = lowered("chart c {\n  unit 采购部\n  document 采购部\n}")
    d = one(diags, "FD102")
    assert d.span == Span(3, 12, 3, 15)
    assert "line 2" in d.hint and "unit" in d.hint


def test_duplicate_declaration_keeps_the_first():
    m, diags = lowered("chart c {\n  unit 甲\n  document 甲\n}")
    assert codes(diags) == ["FD102"]
    assert [(e.key, e.kind) for e in m.charts[0].elements] == [("甲", "unit")]


def test_duplicate_chart_names():
    _, diags = lowered("chart c {\n  unit 甲\n}\nchart c {\n  unit 乙\n}")
    d = one(diags, "FD102")
    assert d.span.line == 4 and "line 1" in d.hint


def test_same_name_in_two_charts_is_fine():
    m = model_of("chart a {\n  unit 甲\n}\nchart b {\n  unit 甲\n}")
    assert [c.name for c in m.charts] == ["a", "b"]


# ---------------------------------------------------------------- FD103 options

def test_unknown_option_with_suggestion():
    _, diags = lowered("option direcion = LR")
    d = one(diags, "FD103")
    assert d.span == Span(1, 8, 1, 16)
    assert d.hint == "did you mean “direction”?"


def test_unknown_option_value_with_suggestion():
    _, diags = lowered("chart c {\n  option unit_shape = circl\n}")
    d = one(diags, "FD103")
    assert d.span == Span(2, 23, 2, 28)
    assert "circl" in d.message and d.hint == "did you mean “circle”?"


def test_unknown_option_value_lists_choices():
    _, diags = lowered("option direction = diagonal")
    d = one(diags, "FD103")
    assert "LR" in d.hint and "TB" in d.hint and "横向" in d.hint


@pytest.mark.parametrize("text,key,value", [
    ("option direction = horizontal", "direction", "LR"),
    ("选项 方向 = 横向", "direction", "LR"),
    ("选项 单位形状 = 矩形", "unit_shape", "box"),
    ("option decisions = 菱形", "decisions", "diamond"),
    ('option level_names = "顶层图,0层图"', "level_names", "顶层图,0层图"),
])
def test_options_are_stored_canonically(text, key, value):
    assert model_of(text).options == {key: value}


def test_chart_options_are_the_charts_own():
    m = model_of("option direction = LR\nchart c {\n  option unit_shape = box\n}")
    assert m.options == {"direction": "LR"}
    assert m.charts[0].options == {"unit_shape": "box"}


# ---------------------------------------------------------------- FD104 wrong kind

def test_wrong_kind_for_by():
    _, diags = lowered("chart c {\n  unit 采购部\n  document 采购订货单\n  step s by 采购订货单\n}")
    d = one(diags, "FD104")
    assert d.span == Span(4, 13, 4, 18)
    assert "document" in d.message and "unit" in d.message


@pytest.mark.parametrize("attr,target,needed", [
    ("makes", "unit 甲", "document"),
    ("writes", "document 甲", "ledger"),
    ("reads", "unit 甲", "ledger"),
])
def test_wrong_kind_for_attributes(attr, target, needed):
    _, diags = lowered(f"chart c {{\n  {target}\n  step s {attr} 甲\n}}")
    d = one(diags, "FD104")
    assert d.span.line == 3 and needed in d.message


def test_wrong_kind_suggests_a_similar_name_of_the_right_kind():
    _, diags = lowered("chart c {\n  unit 采购部\n  document 采购部单\n  step s by 采购部单\n}")
    assert one(diags, "FD104").hint == "did you mean “采购部”?"


def test_lanes_must_be_units():
    _, diags = lowered("chart c {\n  unit 甲\n  document 单\n  lanes: 甲, 单\n}")
    d = one(diags, "FD104")
    assert d.span == Span(4, 13, 4, 14)


# ---------------------------------------------------------------- FD105 severity statements

@pytest.mark.parametrize("text,word", [
    ("severity FD999 off", "FD999"),
    ("severity FD205 loud", "loud"),
    ("级别 FD205 大声", "大声"),
])
def test_unknown_code_or_level(text, word):
    _, diags = lowered(text)
    d = one(diags, "FD105")
    assert d.span.line == 1 and word in d.message
    assert d.hint


def test_severity_words_in_both_languages():
    m = model_of("severity FD205 off\n级别 FD206 错误\nchart c {\n  级别 FD204 关闭\n}")
    assert m.severities == {"FD205": "off", "FD206": "error", "FD204": "off"}


# ---------------------------------------------------------------- FD106 start / end

def test_start_in_the_middle_and_end_at_the_beginning():
    _, diags = lowered("chart c {\n  unit 甲\n  甲 -> start\n  end -> 甲\n}")
    assert sorted(codes(diags)) == ["FD106", "FD106"]
    spans = sorted((d.span.line, d.span.column) for d in diags)
    assert spans == [(3, 8), (4, 3)]


# ---------------------------------------------------------------- the model

def test_attributes_create_edges():
    chart = chart_of('''chart c {
  unit 采购部
  document 订货单
  report 月报
  ledger 库存帐
  collect 汇总
  step 编制 by 采购部 makes 订货单, 月报 writes 库存帐, 汇总 reads 库存帐 module MM control C1
}''')
    edges = [(e.src, e.dst, e.origin, e.style, e.label) for e in chart.edges]
    assert edges == [
        ("编制", "订货单", "makes", "info", None),
        ("编制", "月报", "makes", "info", None),
        ("编制", "库存帐", "writes", "info", None),
        ("编制", "汇总", "writes", "info", None),
        ("库存帐", "编制", "reads", "info", None),
    ]
    step = chart.element("编制")
    assert (step.unit, step.module, step.control) == ("采购部", "MM", "C1")


def test_chain_edges_with_styles_labels_start_and_end():
    chart = chart_of('''chart c {
  unit 甲
  unit 乙
  decision 查 by 甲
  start -> 甲 -> 查 -[合格]-> 乙 =[货物]=> end
  查 -[F3.1 采购单]-> 甲 => 乙
}''')
    edges = [(e.src, e.dst, e.style, e.label, e.origin) for e in chart.edges]
    assert edges == [
        (START, "甲", "info", None, "arrow"),
        ("甲", "查", "info", None, "arrow"),
        ("查", "乙", "info", "合格", "arrow"),
        ("乙", END, "goods", "货物", "arrow"),
        ("查", "甲", "info", "F3.1 采购单", "arrow"),
        ("甲", "乙", "goods", None, "arrow"),
    ]
    assert chart.uses_start and chart.uses_end
    assert chart.edges[2].span == Span(5, 19, 5, 26)


def test_elements_keep_kind_label_and_span():
    chart = chart_of('chart c "标题" {\n  外部单位 供应商 "供应商单位"\n  帐簿 流水帐\n  统计 汇总\n}')
    assert chart.title == "标题"
    assert [(e.key, e.kind, e.label) for e in chart.elements] == [
        ("供应商", "ext_unit", "供应商单位"), ("流水帐", "ledger", None), ("汇总", "collect", None)]
    assert chart.elements[0].span == Span(2, 8, 2, 11)
    assert chart.elements[0].text == "供应商单位" and chart.elements[1].text == "流水帐"


def test_no_lanes_statement_means_no_lanes():
    assert chart_of("chart c {\n  unit 甲\n}").lanes is None


def test_lanes_default_to_units_in_declaration_order():
    chart = chart_of("chart c {\n  lanes horizontal\n  unit 丙\n  document 单\n  external 甲\n  unit 乙\n}")
    assert chart.lanes == ["丙", "甲", "乙"]
    assert chart.lane_direction == "horizontal"


def test_lanes_given_keep_their_order():
    chart = chart_of("chart c {\n  unit 甲\n  unit 乙\n  泳道: 乙, 甲\n}")
    assert chart.lanes == ["乙", "甲"] and chart.lane_direction == "vertical"


def test_title_block_kept_in_order_and_title_statement_wins():
    chart = chart_of('chart c "旧" {\n  block {\n    制图: "张三"\n    业务名称: "订货"\n    审核: 李四\n  }\n'
                     '  title "新"\n}')
    assert chart.title_block == [("制图", "张三"), ("业务名称", "订货"), ("审核", "李四")]
    assert chart.title == "新"


def test_case_name_title_and_definitions():
    m = model_of('case 进书 "进书业务"\ndefine 采购单 = 书名 + 1{图书}10 + [现金 | 支票] + (备注) + "x\\"y" : "说明"')
    assert (m.name, m.title) == ("进书", "进书业务")
    (d,) = m.definitions
    assert d.name == "采购单"
    assert d.expr == '书名 + 1{图书}10 + [现金 | 支票] + (备注) + "x\\"y"'
    assert d.parts == ["书名", "图书", "现金", "支票", "备注"]
    assert d.description == "说明"


# ---------------------------------------------------------------- every mistake at once

def test_all_diagnostics_of_a_file_are_reported():
    text = '''option direcion = LR
severity FD999 off
chart c {
  unit 采购部
  document 采购订货单
  unit 采购部
  step 编制 by 采购订货单 makes 采购部
  采购部 -> 采购定货单
  甲 -> start
}
chart c {
}
'''
    _, diags = lowered(text)
    assert sorted(codes(diags)) == ["FD101", "FD101", "FD102", "FD102", "FD103", "FD104", "FD104", "FD105", "FD106"]
    assert sorted({d.span.line for d in diags}) == [1, 2, 6, 7, 8, 9, 11]


def test_api_reports_lowering_errors_sorted_with_file_name():
    import flowdsl

    case = flowdsl.parse("chart c {\n  unit 甲\n  甲 -> 乙\n  甲 -> 丙\n}", name="x.flow")
    assert [(d.code, d.span.line, d.file) for d in case.diagnostics] == [("FD101", 3, "x.flow"), ("FD101", 4, "x.flow")]
    assert not case.ok and case.views == []


def test_duplicate_lane_is_reported():
    _, diags = lowered("chart c {\n  unit 甲\n  lanes: 甲, 甲\n}")
    assert codes(diags) == ["FD102"]
