"""``flowdsl lsp`` in a real session: pygls' LanguageClient starts ``python -m flowdsl lsp``
as a subprocess and speaks the protocol to it over stdio. Every feature is asked the way an
editor asks it; positions are UTF-16 (the line with “𠮷”, outside the BMP, shifts the names
after it by one unit against the character count)."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("pygls")

from lsprotocol import types as T  # noqa: E402

from flowdsl.lang.format import format_source  # noqa: E402
from lsp_session import Session, doc, pos  # noqa: E402

URI = "file:///case/请假.flow"
TEXT = """业务流程图 请假 "请假流程" {
  单位 员工
  单位 主管
  单据 请假单 "请假申请单"
  步骤 填写 "填写𠮷表" 由 员工 产生 请假单
  判断 审批 由 主管
  开始 -> 员工 -> 填写
  请假单 -> 主管 -> 审批
  审批 -[同意]-> 结束
  审批 -[不同意]-> 员工
}

数据流程图 请假系统 {
  外部实体 员工
  数据存储 D1 请假记录
  处理逻辑 P1 审批请假 {
    处理逻辑 登记
    处理逻辑 核准
    员工 -[请假单]-> 登记 -[待批单]-> 核准 -[批复]-> 员工
    核准 -[请假信息]-> D1
    请假记录 -[假期余额]-> 核准
  }
  员工 -[请假单]-> P1 -[批复]-> 员工
  P1 -[请假信息]-> 请假记录 -[假期余额]-> P1
}

定义 请假单 = 员工号 + 天数
"""
#: line 4 with 员工 misspelt (员攻, one IME slip away): FD101 with a did-you-mean
TYPO = TEXT.replace("由 员工 产生", "由 员攻 产生")


def at(line: int, word: str, n: int = 1, text: str = TEXT) -> int:
    """The UTF-16 column of the ``n``-th ``word`` on 0-based ``line``."""
    i = -1
    for _ in range(n):
        i = text.split("\n")[line].index(word, i + 1)
    return len(text.split("\n")[line][:i].encode("utf-16-le")) // 2


def rng(r: T.Range) -> tuple[int, int, int, int]:
    return (r.start.line, r.start.character, r.end.line, r.end.character)


@pytest.fixture(scope="module")
def lsp():
    s = Session({"lang": "both", "debounceMs": 1000})   # long enough that a burst of changes is one check
    yield s
    assert s.close() == 0       # shutdown, then exit: the server ends cleanly


@pytest.fixture
def opened(lsp, request):
    uri = f"file:///case/{request.node.name}.flow"
    lsp.open(uri, TEXT)
    lsp.diagnostics(uri, 1)
    return uri


def test_server_announces_every_feature(lsp):
    caps = lsp.init.capabilities
    assert caps.hover_provider and caps.definition_provider and caps.references_provider
    assert caps.document_formatting_provider and caps.document_symbol_provider and caps.completion_provider
    assert T.CodeActionKind.QuickFix in caps.code_action_provider.code_action_kinds
    assert lsp.init.server_info.name == "flowdsl"


def test_diagnostics_on_open_have_code_span_severity_and_both_languages(lsp):
    lsp.open(URI, TEXT)
    (d,) = lsp.diagnostics(URI, 1).diagnostics
    assert d.code == "FD503" and d.source == "flowdsl" and d.severity == T.DiagnosticSeverity.Warning
    assert rng(d.range) == (14, 10, 14, 14)           # 请假记录 in “数据存储 D1 请假记录”
    assert "used only by" in d.message and "只被" in d.message and "提示：" in d.message


def test_changes_are_debounced_and_the_last_version_checked(lsp, opened):
    last = lsp.change(opened, TEXT + "\n", TEXT.replace("员工 -> 填写", "员工 -> 填"), TYPO)
    published = lsp.diagnostics(opened, last)
    assert [p.version for p in lsp.published_for(opened)] == [1, last]   # the versions in between: never checked
    (fd101,) = [d for d in published.diagnostics if d.code == "FD101"]
    assert d_is_error(fd101)
    # 员攻 is characters 17-18 of the line, UTF-16 units 18-19 (𠮷 before it takes two)
    assert rng(fd101.range) == (4, 18, 4, 20)
    assert "“员工”" in fd101.message and "你是不是想写“员工”" in fd101.message
    assert fd101.data == {"suggestions": ["员工"]}


def d_is_error(d: T.Diagnostic) -> bool:
    return d.severity == T.DiagnosticSeverity.Error


def test_hover_tells_kind_label_and_where_declared(lsp, opened):
    h = lsp.call("text_document_hover", T.HoverParams(doc(opened), pos(4, 19)))   # on 员工 after 𠮷
    assert rng(h.range) == (4, 18, 4, 20)
    assert "**员工**" in h.contents.value and "unit (单位)" in h.contents.value
    assert "line 2" in h.contents.value and "业务流程图“请假”第 2 行声明的单位" in h.contents.value
    h = lsp.call("text_document_hover", T.HoverParams(doc(opened), pos(3, 6)))    # 请假单 declared
    assert "document (单据)" in h.contents.value and "“请假申请单”" in h.contents.value
    h = lsp.call("text_document_hover", T.HoverParams(doc(opened), pos(22, at(22, "P1") + 1)))  # P1 by its ID
    assert "**审批请假**" in h.contents.value and "ID P1" in h.contents.value and "process" in h.contents.value
    h = lsp.call("text_document_hover", T.HoverParams(doc(opened), pos(16, at(16, "登记"))))  # 登记, numbered P1.1
    assert "ID P1.1" in h.contents.value
    h = lsp.call("text_document_hover", T.HoverParams(doc(opened), pos(26, at(26, "请假单") + 2)))   # the data dictionary
    assert "`请假单 = 员工号 + 天数`" in h.contents.value
    assert lsp.call("text_document_hover", T.HoverParams(doc(opened), pos(6, at(6, "->") + 1))) is None  # an arrow


def test_definition_goes_to_the_declaration_in_the_same_diagram(lsp, opened):
    loc = lsp.call("text_document_definition", T.DefinitionParams(doc(opened), pos(6, at(6, "员工") + 1)))   # 员工 in the chart
    assert loc.uri == opened and rng(loc.range) == (1, 5, 1, 7)
    loc = lsp.call("text_document_definition", T.DefinitionParams(doc(opened), pos(18, at(18, "员工"))))   # 员工 in the DFD
    assert rng(loc.range) == (13, at(13, "员工"), 13, at(13, "员工") + 2)
    loc = lsp.call("text_document_definition", T.DefinitionParams(doc(opened), pos(19, at(19, "D1"))))  # D1
    assert rng(loc.range) == (14, 10, 14, 14)


def test_references_by_name_and_by_id(lsp, opened):
    def refs(line, char, decl=True):
        locs = lsp.call("text_document_references", T.ReferenceParams(
            context=T.ReferenceContext(include_declaration=decl), text_document=doc(opened), position=pos(line, char)))
        return [rng(x.range)[:2] for x in locs]

    # the chart's 员工: its four places, none of the DFD's entity 员工
    assert refs(1, 6) == [(1, 5), (4, 18), (6, at(6, "员工")), (9, at(9, "员工"))]
    assert refs(1, 6, decl=False) == [(4, 18), (6, at(6, "员工")), (9, at(9, "员工"))]
    # the store: declared with its ID and name, used by both
    assert refs(14, 11) == [(14, 7), (14, 10), (19, at(19, "D1")), (20, 4), (23, at(23, "请假记录"))]
    # process P1 审批请假: used by ID only
    assert refs(15, 12) == [(15, 7), (15, 10), (22, at(22, "P1")), (23, 2), (23, at(23, "P1", 2))]


def test_completion_offers_the_names_in_scope_and_both_keyword_sets(lsp, opened):
    def labels(line, char):
        got = lsp.call("text_document_completion", T.CompletionParams(doc(opened), pos(line, char)))
        return {i.label: i for i in got.items}

    chart = labels(7, 2)
    assert {"员工", "主管", "请假单", "填写", "审批"} <= set(chart)
    assert "审批请假" not in chart and "P1" not in chart            # the DFD's names stay in the DFD
    assert {"单位", "unit", "数据流程图", "dfd", "读取", "reads", "开始", "end"} <= set(chart)
    assert chart["单位"].kind == T.CompletionItemKind.Keyword and "unit" in chart["单位"].detail
    assert chart["主管"].kind == T.CompletionItemKind.Class and chart["主管"].detail == "unit (单位)"
    dfd = labels(22, 2)
    assert {"审批请假", "P1", "登记", "P1.1", "请假记录", "D1", "员工"} <= set(dfd) and "填写" not in dfd
    assert dfd["P1"].detail == "process (处理逻辑) 审批请假"


def test_formatting_gives_the_formatter_output(lsp):
    uri = "file:///case/messy.flow"
    messy = 'chart a{unit 甲;unit 乙 # two units\n甲->乙}'
    lsp.open(uri, messy)
    (edit,) = lsp.call("text_document_formatting", T.DocumentFormattingParams(
        doc(uri), T.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert rng(edit.range) == (0, 0, 1, 5) and edit.new_text == format_source(messy)   # the whole text
    assert "  unit 乙  # two units\n" in edit.new_text
    lsp.change(uri, format_source(messy))
    assert not lsp.call("text_document_formatting", T.DocumentFormattingParams(
        doc(uri), T.FormattingOptions(tab_size=2, insert_spaces=True)))
    v = lsp.change(uri, "chart a {\n  unit 甲 ->\n}")               # does not parse: left alone
    assert lsp.call("text_document_formatting", T.DocumentFormattingParams(
        doc(uri), T.FormattingOptions(tab_size=2, insert_spaces=True))) is None
    assert lsp.diagnostics(uri, v).diagnostics[0].code == "FD001"


def test_document_symbols_outline_charts_dfds_levels_and_elements(lsp, opened):
    syms = lsp.call("text_document_document_symbol", T.DocumentSymbolParams(doc(opened)))
    assert [s.name for s in syms] == ["请假", "请假系统", "请假单"]
    chart, dfd, define = syms
    assert chart.kind == T.SymbolKind.Module and chart.detail == "请假流程"
    assert [c.name for c in chart.children] == ["员工", "主管", "请假单", "填写", "审批"]
    assert rng(chart.children[0].selection_range) == (1, 5, 1, 7)
    assert [c.name for c in dfd.children] == ["请假系统-context", "请假系统-0"]
    level0 = dfd.children[1]
    assert [c.name for c in level0.children] == ["E1 员工", "D1 请假记录", "P1 审批请假"]
    (child,) = level0.children[2].children
    assert child.name == "请假系统-P1" and child.kind == T.SymbolKind.Namespace
    assert [c.name for c in child.children] == ["P1.1 登记", "P1.2 核准"]
    assert define.kind == T.SymbolKind.Constant and define.detail == "= 员工号 + 天数"


def test_code_action_fixes_a_did_you_mean(lsp):
    uri = "file:///case/typo.flow"
    lsp.open(uri, TYPO)
    (fd101,) = [d for d in lsp.diagnostics(uri, 1).diagnostics if d.code == "FD101"]
    actions = lsp.call("text_document_code_action", T.CodeActionParams(
        doc(uri), fd101.range, T.CodeActionContext(diagnostics=[fd101])))
    (action,) = actions
    assert action.kind == T.CodeActionKind.QuickFix and "“员工”" in action.title and action.is_preferred
    (edit,) = action.edit.changes[uri]
    assert rng(edit.range) == (4, 18, 4, 20) and edit.new_text == "员工"
    elsewhere = lsp.call("text_document_code_action", T.CodeActionParams(
        doc(uri), T.Range(start=pos(1, 0), end=pos(1, 3)), T.CodeActionContext(diagnostics=[])))
    assert not elsewhere
    lines = TYPO.split("\n")                  # applying the edit (UTF-16 units 18-20 are characters 17-19)
    lines[4] = lines[4][:17] + edit.new_text + lines[4][19:]
    assert "\n".join(lines) == TEXT


def test_a_half_typed_line_keeps_the_last_names(lsp, opened):
    v = lsp.change(opened, TEXT.replace("  审批 -[同意]-> 结束\n", "  审批 -[同意\n"))
    assert lsp.diagnostics(opened, v).diagnostics[0].code in ("FD001", "FD003")
    h = lsp.call("text_document_hover", T.HoverParams(doc(opened), pos(2, 6)))
    assert "**主管**" in h.contents.value


def test_closing_clears_the_diagnostics(lsp):
    uri = "file:///case/closed.flow"
    lsp.open(uri, TYPO)
    lsp.diagnostics(uri, 1)
    lsp.notify(lsp.client.text_document_did_close, T.DidCloseTextDocumentParams(doc(uri)))
    lsp.call("text_document_hover", T.HoverParams(doc(URI), pos(1, 6)))     # a round trip: the close is handled
    assert not lsp.published_for(uri)[-1].diagnostics


def test_chinese_only_messages():
    s = Session({"lang": "zh", "debounceMs": 0})
    try:
        s.open(URI, TYPO)
        msgs = [d.message for d in s.diagnostics(URI, 1).diagnostics]
        assert "业务流程图“请假”中没有声明“员攻”\n提示：你是不是想写“员工”？" in msgs
        assert not any("did you mean" in m for m in msgs)
    finally:
        assert s.close() == 0


def test_without_pygls_the_command_says_what_to_install():
    code = "import sys; sys.modules['pygls'] = None; from flowdsl.app.cli import main; sys.exit(main(['lsp']))"
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and "pip install 'flowdsl[lsp]'" in p.stderr


def test_ids_case_insensitively_and_quick_fixes_of_options(lsp):
    uri = "file:///case/ids.flow"
    text = "option notaton = textbook\ndfd d {\n  entity E1 客户\n  process P1 接单\n  客户 -[a]-> p1 -[b]-> e1\n}\n"
    lsp.open(uri, text)
    (fd103,) = [d for d in lsp.diagnostics(uri, 1).diagnostics if d.code == "FD103"]
    loc = lsp.call("text_document_definition", T.DefinitionParams(doc(uri), pos(4, at(4, "p1", text=text))))
    assert rng(loc.range) == (3, at(3, "接单", text=text), 3, at(3, "接单", text=text) + 2)
    loc = lsp.call("text_document_definition", T.DefinitionParams(doc(uri), pos(4, at(4, "e1", text=text))))
    assert loc.range.start.line == 2
    (action,) = lsp.call("text_document_code_action", T.CodeActionParams(
        doc(uri), fd103.range, T.CodeActionContext(diagnostics=[fd103])))
    (edit,) = action.edit.changes[uri]
    assert rng(edit.range) == (0, 7, 0, 14) and edit.new_text == "notation"


ER_TEXT = """ER图 人事 "人事E-R图" {
  实体 员工 (工号*, 姓名)
  实体 部门 (编号*, 名称)
  联系 属于: 员工 n -- 部门 1
}

数据字典 "人事数据字典" {
  数据项 工号 : "六位数字"
  数据结构 员工档案 = 工号 + 姓名
}
"""


def test_er_diagrams_and_dictionary_blocks(lsp):
    uri = "file:///case/er.flow"
    lsp.open(uri, ER_TEXT)
    lsp.diagnostics(uri, 1)
    syms = lsp.call("text_document_document_symbol", T.DocumentSymbolParams(doc(uri)))
    assert [(s.name, [c.name for c in s.children]) for s in syms] == [
        ("人事", ["员工", "部门", "属于"]), ("人事数据字典", ["工号", "员工档案"])]
    assert syms[0].children[2].kind == T.SymbolKind.Event and syms[0].children[0].kind == T.SymbolKind.Class
    locs = lsp.call("text_document_references", T.ReferenceParams(
        context=T.ReferenceContext(include_declaration=True), text_document=doc(uri), position=pos(1, 6)))
    assert [rng(x.range)[:2] for x in locs] == [(1, 5), (3, at(3, "员工", text=ER_TEXT))]
    h = lsp.call("text_document_hover", T.HoverParams(doc(uri), pos(3, at(3, "部门", text=ER_TEXT))))
    assert "entity (实体)" in h.contents.value and "E-R图“人事”第 3 行" in h.contents.value
    h = lsp.call("text_document_hover", T.HoverParams(doc(uri), pos(8, at(8, "工号", text=ER_TEXT))))
    assert "data dictionary entry" in h.contents.value and "“六位数字”" in h.contents.value


def test_a_byte_order_mark_and_crlf_line_ends_keep_positions(lsp):
    uri = "file:///case/bom.flow"
    lsp.open(uri, "\ufeffoption notaton = textbook\r\nchart a {\r\n  unit 甲\r\n  甲 -> 乙\r\n}\r\n")
    diags = {d.code: d for d in lsp.diagnostics(uri, 1).diagnostics}
    assert rng(diags["FD103"].range) == (0, 8, 0, 15)      # the editor counts the mark as a character
    assert rng(diags["FD101"].range) == (3, 7, 3, 8)
