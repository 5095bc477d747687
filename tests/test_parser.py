"""Parser: every construct, both keyword sets, full-width punctuation, line ends, errors."""

from __future__ import annotations

import pytest

from flowdsl.lang import syntax as S
from flowdsl.diagnostics import Span

from conftest import ast_of, strip_ast, syntax_errors


def body(text: str) -> list:
    """The statements of the first chart / dfd in ``text``."""
    return ast_of(text).items[0].body


# ---------------------------------------------------------------- grammar itself

def test_strict_parser_builds_without_conflicts():
    from flowdsl.lang.parser import strict_parser

    parser = strict_parser()  # raises on a shift/reduce conflict or a terminal collision
    tree = parser.parse("chart a {\n unit 甲\n}\n")
    assert tree.data == "start"


# ---------------------------------------------------------------- case level statements

def test_case_title_option_severity_at_top_level():
    f = ast_of('case 物资订货 "物资订货案例"\ntitle "总标题"\noption direction = LR\nseverity FD205 off\n')
    case, title, opt, sev = f.items
    assert isinstance(case, S.CaseStmt) and case.name.text == "物资订货" and case.label == "物资订货案例"
    assert case.span == Span(1, 1, 1, 19)
    assert isinstance(title, S.TitleStmt) and title.text == "总标题"
    assert isinstance(opt, S.Option) and (opt.key, opt.value) == ("direction", "LR")
    assert opt.key_span == Span(3, 8, 3, 17) and opt.value_span == Span(3, 20, 3, 22)
    assert isinstance(sev, S.SeverityStmt) and (sev.code, sev.level) == ("FD205", "off")


@pytest.mark.parametrize("text,value", [
    ('option notation = "gane-sarson"', "gane-sarson"),
    ("option level_names : 顶层图", "顶层图"),
    ("选项 方向 ＝ 横向", "横向"),
    ("option process_prefix = P1", "P1"),
])
def test_option_value_forms(text, value):
    (opt,) = ast_of(text).items
    assert opt.value == value


def test_case_without_label():
    (case,) = ast_of("case 盘点").items
    assert case.label is None and case.name.text == "盘点"


# ---------------------------------------------------------------- declarations

@pytest.mark.parametrize("kw,kind", [
    ("unit", "unit"), ("单位", "unit"), ("external", "ext_unit"), ("外部单位", "ext_unit"),
    ("document", "document"), ("单据", "document"), ("report", "report"), ("报表", "report"),
    ("ledger", "ledger"), ("file", "ledger"), ("账簿", "ledger"), ("帐簿", "ledger"),
    ("台账", "ledger"), ("台帐", "ledger"), ("档案", "ledger"),
    ("collect", "collect"), ("收集", "collect"), ("统计", "collect"),
    ("step", "step"), ("步骤", "step"), ("处理", "step"), ("decision", "decision"), ("判断", "decision"),
])
def test_every_declaration_keyword(kw, kind):
    (decl,) = body(f'chart c {{\n  {kw} 甲乙 "标签"\n}}')
    assert isinstance(decl, S.Decl)
    assert decl.kind == kind
    assert decl.name.text == "甲乙" and decl.label == "标签"
    assert decl.name.span == Span(2, 4 + len(kw), 2, 6 + len(kw))


def test_keyword_prefix_is_a_name():
    # "单位名称" is a name, "单位" the keyword: keywords match whole words only
    (decl,) = body("chart c {\n  单位 单位名称\n}")
    assert decl.kind == "unit" and decl.name.text == "单位名称"
    (chain,) = body("chart c {\n  单位名称 -> 步骤一\n}")
    assert [e.name.text for e in chain.endpoints] == ["单位名称", "步骤一"]


@pytest.mark.parametrize("attr,kind,names,value", [
    ("by 采购部", "by", ["采购部"], None),
    ("由 采购部", "by", ["采购部"], None),
    ("reads 库存帐, 流水帐", "reads", ["库存帐", "流水帐"], None),
    ("读取 库存帐、流水帐", "reads", ["库存帐", "流水帐"], None),
    ("writes 流水帐", "writes", ["流水帐"], None),
    ("写入 流水帐，库存帐", "writes", ["流水帐", "库存帐"], None),
    ("makes 采购订货单", "makes", ["采购订货单"], None),
    ("产生 采购订货单", "makes", ["采购订货单"], None),
    ("module 采购管理", "module", [], "采购管理"),
    ('模块 "MM 物料管理"', "module", [], "MM 物料管理"),
    ("control C1", "control", [], "C1"),
    ("控制点 控制点1", "control", [], "控制点1"),
])
def test_every_step_attribute(attr, kind, names, value):
    (decl,) = body(f"chart c {{\n  step 审核 {attr}\n}}")
    (a,) = decl.attrs
    assert a.kind == kind
    assert [n.text for n in a.names] == names
    assert a.value == value


def test_several_attributes_keep_their_order():
    (decl,) = body('chart c {\n  判断 复核 "审核货物" 由 库房 读取 库存帐 产生 单1 写入 帐1 模块 WMS 控制点 C2\n}')
    assert decl.kind == "decision" and decl.label == "审核货物"
    assert [a.kind for a in decl.attrs] == ["by", "reads", "makes", "writes", "module", "control"]


# ---------------------------------------------------------------- flows

def test_chain_with_info_goods_and_labelled_arrows():
    (chain,) = body("chart c {\n  甲 -> 乙 => 丙 -[合格]-> 丁 =[货物]=> 戊\n}")
    assert [e.name.text for e in chain.endpoints] == ["甲", "乙", "丙", "丁", "戊"]
    assert [a.style for a in chain.arrows] == ["info", "goods", "info", "goods"]
    assert [a.label and a.label.text for a in chain.arrows] == [None, None, "合格", "货物"]
    assert chain.arrows[2].span == Span(2, 15, 2, 22)


def test_flow_label_forms():
    (chain,) = body('chart c {\n  a -[F3.1 采购单]-> b -[F9]-> c -["带 空格"]-> d -[F2 "x y"]-> e\n}')
    labels = [(a.label.ident, a.label.text) for a in chain.arrows]
    assert labels == [("F3.1", "采购单"), ("F9", None), (None, "带 空格"), ("F2", "x y")]


@pytest.mark.parametrize("start,end", [("start", "end"), ("开始", "结束")])
def test_start_and_end(start, end):
    (chain,) = body(f"chart c {{\n  {start} -> 甲 -> {end}\n}}")
    assert [e.kind for e in chain.endpoints] == ["start", "name", "end"]


# ---------------------------------------------------------------- lanes, block, title, option in a chart

@pytest.mark.parametrize("text,direction,names", [
    ("lanes", None, []),
    ("lanes vertical", "vertical", []),
    ("泳道 横向", "horizontal", []),
    ("lanes horizontal: 采购部, 供应商", "horizontal", ["采购部", "供应商"]),
    ("泳道 纵向：采购部、供应商", "vertical", ["采购部", "供应商"]),
    ("lanes 采购部, 供应商", None, ["采购部", "供应商"]),
    ("lanes: 采购部", None, ["采购部"]),
])
def test_lanes(text, direction, names):
    (lanes,) = body(f"chart c {{\n  {text}\n}}")
    assert isinstance(lanes, S.Lanes)
    assert lanes.direction == direction
    assert [n.text for n in lanes.names] == names


def test_block_title_option_severity_inside_chart():
    items = body('chart c "旧标题" {\n  图框 {\n    业务名称: "订货"\n    制图：张三\n  }\n'
                 '  标题 "新标题"\n  option unit_shape = box\n  级别 FD206 警告\n}')
    block, title, opt, sev = items
    assert isinstance(block, S.Block)
    assert [(n.text, v) for n, v in block.fields] == [("业务名称", "订货"), ("制图", "张三")]
    assert title.text == "新标题"
    assert (opt.key, opt.value) == ("unit_shape", "box")
    assert (sev.code, sev.level) == ("FD206", "警告")


def test_block_on_one_line():
    (block,) = body('chart c {\n  block { 审核: "李四" }\n}')
    assert [(n.text, v) for n, v in block.fields] == [("审核", "李四")]


# ---------------------------------------------------------------- define

def test_define_every_composition_form():
    (d,) = ast_of('define 采购单 = 书名 + 书号 + 1{图书}10 + [现金 | 支票] + (备注) + （附言） + "常量" : "说明"').items
    assert isinstance(d, S.Define) and d.name.text == "采购单" and d.description == "说明"
    assert d.comp.kind == "seq"
    kinds = [p.kind for p in d.comp.parts]
    assert kinds == ["ref", "ref", "repeat", "choice", "optional", "optional", "lit"]
    rep, choice = d.comp.parts[2], d.comp.parts[3]
    assert (rep.low, rep.high, rep.parts[0].text) == ("1", "10", "图书")
    assert [p.text for p in choice.parts] == ["现金", "支票"]
    assert d.comp.parts[6].text == "常量"


@pytest.mark.parametrize("text,kind", [
    ("define a = b", "ref"), ('定义 a ＝ "x"', "lit"), ("define a = {b}", "repeat"),
    ("define a = 【b | c】", "choice"), ("define a = (b + c)", "optional"),
])
def test_define_single_terms(text, kind):
    (d,) = ast_of(text).items
    assert d.comp.kind == kind
    assert d.description is None


def test_repeat_bounds_optional():
    (d,) = ast_of("define a = {b}5 + 2{c}").items
    first, second = d.comp.parts
    assert (first.low, first.high) == (None, "5")
    assert (second.low, second.high) == ("2", None)


# ---------------------------------------------------------------- data flow diagrams

DFD = '''dfd 进书 "进书" {
  entity E1 书商
  store S2 图书库存情况存档 "存档"
  process P3 进书处理 "采购" at 采购部 {
    process P3.1 采购单审核
    书商 -[F3.1 采购单]-> P3.1
  }
  process 编目 at "编目 组"
}'''

DFD_ZH = '''数据流程图 进书 "进书" {
  外部实体 E1 书商
  数据存储 S2 图书库存情况存档 "存档"
  加工 P3 进书处理 "采购" 位于 采购部 {
    处理逻辑 P3.1 采购单审核
    书商 -【F3.1 采购单】→ P3.1
  }
  加工 编目 位于 “编目 组”
}'''


def test_dfd_entity_store_process_with_ids_and_nested_body():
    dfd = ast_of(DFD).items[0]
    assert isinstance(dfd, S.Dfd) and dfd.name.text == "进书" and dfd.label == "进书"
    ent, store, proc, proc2 = dfd.body
    assert isinstance(ent, S.EntityDecl) and ent.ident.text == "E1" and ent.ident.is_id and ent.name.text == "书商"
    assert isinstance(store, S.StoreDecl) and store.ident.text == "S2" and store.label == "存档"
    assert isinstance(proc, S.ProcessDecl)
    assert (proc.ident.text, proc.name.text, proc.label, proc.location) == ("P3", "进书处理", "采购", "采购部")
    child, flow = proc.body
    assert isinstance(child, S.ProcessDecl) and child.ident.text == "P3.1" and child.body is None
    assert isinstance(flow, S.Chain)
    assert (flow.arrows[0].label.ident, flow.arrows[0].label.text) == ("F3.1", "采购单")
    assert flow.endpoints[1].name.is_id
    assert proc2.ident is None and proc2.location == "编目 组" and proc2.body is None


@pytest.mark.parametrize("kw", ["dfd", "数据流程图", "数据流图"])
def test_dfd_keywords(kw):
    (dfd,) = ast_of(f"{kw} d {{\n  entity E1 顾客\n}}").items
    assert isinstance(dfd, S.Dfd)


def test_define_inside_dfd():
    dfd = ast_of("dfd d {\n  define 采购单 = 书名 + 数量\n}").items[0]
    assert isinstance(dfd.body[0], S.Define)


# ---------------------------------------------------------------- both keyword sets, full-width

CHART_EN = '''case 订货 "物资订货"
option direction = TB
severity FD205 off
chart 订货 "订货流程" {
  block {
    业务名称: "订货"
  }
  title "标题"
  lanes horizontal: 采购部, 供应商
  unit 采购部
  external 供应商
  document 订货单 "采购订货单"
  report 月报
  ledger 库存帐
  collect 汇总
  step 编制 "编制订单" by 采购部 makes 订货单 reads 库存帐 writes 库存帐 module MM control C1
  decision 审核 by 供应商
  start -> 采购部 -> 编制 -[合格]-> 订货单 => 供应商 =[货物]=> 审核 -> end
}
define 订货单 = 书名 + [现金 | 支票] + (备注)
'''

CHART_ZH = '''案例 订货 "物资订货"
选项 direction = TB
级别 FD205 off
业务流程图 订货 "订货流程" {
  图框 {
    业务名称: "订货"
  }
  标题 "标题"
  泳道 横向: 采购部, 供应商
  单位 采购部
  外部单位 供应商
  单据 订货单 "采购订货单"
  报表 月报
  账簿 库存帐
  收集 汇总
  步骤 编制 "编制订单" 由 采购部 产生 订货单 读取 库存帐 写入 库存帐 模块 MM 控制点 C1
  判断 审核 由 供应商
  开始 -> 采购部 -> 编制 -[合格]-> 订货单 => 供应商 =[货物]=> 审核 -> 结束
}
定义 订货单 = 书名 + [现金 | 支票] + (备注)
'''

CHART_FULLWIDTH = '''案例 订货 “物资订货”
选项 direction ＝ TB；级别 FD205 off
业务流程图 订货 “订货流程” {
  图框 {
    业务名称：“订货”
  }
  标题 “标题”
  泳道 横向：采购部，供应商
  单位 采购部；外部单位 供应商
  单据 订货单 “采购订货单”
  报表 月报
  账簿 库存帐
  收集 汇总
  步骤 编制 “编制订单” 由 采购部 产生 订货单 读取 库存帐 写入 库存帐 模块 MM 控制点 C1
  判断 审核 由 供应商
  开始 → 采购部 → 编制 -【合格】→ 订货单 ⇒ 供应商 =【货物】⇒ 审核 → 结束
}
定义 订货单 ＝ 书名 + 【现金 | 支票】 + （备注）
'''


def test_english_and_chinese_keywords_give_the_same_ast():
    assert strip_ast(ast_of(CHART_EN)) == strip_ast(ast_of(CHART_ZH))


def test_full_width_punctuation_equals_half_width():
    assert strip_ast(ast_of(CHART_FULLWIDTH)) == strip_ast(ast_of(CHART_EN))


def test_dfd_keyword_sets_and_full_width_give_the_same_ast():
    assert strip_ast(ast_of(DFD_ZH)) == strip_ast(ast_of(DFD))


def test_both_keyword_sets_give_the_same_model():
    from flowdsl.lang.unparse import strip_spans

    from conftest import model_of

    assert strip_spans(model_of(CHART_EN)) == strip_spans(model_of(CHART_ZH))
    assert strip_spans(model_of(CHART_FULLWIDTH)) == strip_spans(model_of(CHART_EN))


# ---------------------------------------------------------------- layout of the text

def test_comments_blank_lines_and_semicolons():
    text = ("# 开头的注释\n\n// 另一种注释\nchart c { # 行尾注释\n\n  unit 甲 // 注释\n"
            "  unit 乙; unit 丙；unit 丁\n\n  # 注释\n  甲 -> 乙\n}\n\n# 结尾\n")
    items = body(text)
    assert [type(x).__name__ for x in items] == ["Decl"] * 4 + ["Chain"]
    assert [x.name.text for x in items[:4]] == ["甲", "乙", "丙", "丁"]
    assert items[4].span.line == 10


def test_hash_inside_string_is_not_a_comment():
    (decl,) = body('chart c {\n  unit 甲 "1# 车间 // A"\n}')
    assert decl.label == "1# 车间 // A"


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_line_ends(eol):
    text = eol.join(["chart c {", "  unit 甲", "  unit 乙", "  甲 -> 乙", "}", ""])
    items = body(text)
    assert [type(x).__name__ for x in items] == ["Decl", "Decl", "Chain"]
    assert strip_ast(ast_of(text)) == strip_ast(ast_of(text.replace(eol, "\n")))


@pytest.mark.parametrize("eol", ["\r\n", "\r"])
def test_line_numbers_with_other_line_ends(eol):
    diags = syntax_errors(eol.join(["chart c {", "  unit 甲", "  unit 乙 @", "}"]))
    assert (diags[0].span.line, diags[0].span.column) == (3, 10)


def test_bom_is_ignored():
    text = "chart c {\n  unit 甲\n}\n"
    assert strip_ast(ast_of("\ufeff" + text)) == strip_ast(ast_of(text))


def test_no_trailing_newline_and_empty_file():
    assert len(body("chart c {\n  unit 甲\n}")) == 1
    assert ast_of("").items == []
    assert ast_of("# only a comment\n").items == []


def test_escapes_in_strings():
    (decl,) = body(r'chart c {' + '\n' + r'  unit 甲 "说\"好\"\n第二行 \\ 反斜杠"' + '\n}')
    assert decl.label == '说"好"\n第二行 \\ 反斜杠'
