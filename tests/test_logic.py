"""处理逻辑说明 (issue 13 §2): the language, the model, the checks FD821–FD833, the
conversions table ⇄ tree, and what is drawn (tree and table SVG, HTML)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import flowdsl
from flowdsl.model.logic import DecisionTable, DecisionTree, table_to_tree, tree_to_table

from conftest import needs_rsvg

ROOT = Path(__file__).resolve().parent.parent
INVALID = sorted((ROOT / "samples" / "invalid").glob("FD8[23]*.flow"))
EXPECT = re.compile(r"^#\s*expect:\s*(FD\d{3})\s+(\d+):(\d+)\s*$")

DFD = "dfd 订货 {\n  entity 顾客\n  process P1 计算折扣\n  顾客 -[订单]-> P1 -[折扣单]-> 顾客\n}\n"


def case_of(logic: str, **kw) -> flowdsl.Case:
    return flowdsl.parse(DFD + logic, **kw)


def codes(case) -> list[str]:
    return [d.code for d in case.diagnostics]


def table(rows: str) -> str:
    return "logic P1 {\n  table 折扣 \"订货折扣\" {\n" + rows + "\n  }\n}\n"


BOOKSTORE = flowdsl.load(str(ROOT / "samples" / "03-bookstore.flow"))


# ---------------------------------------------------------------- invalid samples

def test_every_logic_code_has_an_invalid_sample():
    from flowdsl.diagnostics.codes import CODES

    have = {p.name[:5] for p in INVALID}
    assert have == {c for c in CODES if c[:4] in ("FD82", "FD83")}


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_logic_sample_reports_its_code_there_and_nothing_else(path: Path):
    code, line, col = EXPECT.match(path.read_text(encoding="utf-8").splitlines()[0]).groups()
    found = [(d.code, d.span.line, d.span.column) for d in flowdsl.load(str(path)).diagnostics]
    assert (code, int(line), int(col)) in found, found
    assert {c for c, _, _ in found} == {code}, found


# ---------------------------------------------------------------- model

def test_a_logic_block_names_a_bottom_level_process_by_id_and_name():
    logic = {pl.key: pl for pl in BOOKSTORE.model.logic}
    assert set(logic) == {"P1.1", "P3.1", "P3.3", "P1.2"}
    assert (logic["P1.1"].dfd, logic["P1.1"].process_name, logic["P1.1"].written_name) == ("售书", "收费处理", "收费处理")
    t = logic["P1.1"].parts[0]
    assert isinstance(t, DecisionTable) and t.rule_count == 4
    assert [r.text for r in t.conditions] == ["会员顾客", "购书金额≥200元"]
    assert t.rule(1) == (("Y", "N"), ("打九折",)) and t.domain(0) == ["Y", "N"]
    tree = logic["P3.1"].parts[0]
    assert isinstance(tree, DecisionTree) and tree.root.condition == "新书与采购单"
    assert [(p[-1][1], leaf.actions) for p, leaf in tree.paths()][-1] == ("不符", ["开不合格采购单", "退回供应商"])


def test_extended_entries_take_the_values_of_their_row():
    c = case_of(table("    condition 顾客类型: 批发 零售 内部\n    action 打折: √ — —\n    action 不打折: — √ √"))
    t = c.model.logic[0].parts[0]
    assert t.domain(0) == ["批发", "零售", "内部"] and codes(c) == []   # 零售 + 内部 would take in 批发 too
    c = case_of(table("    condition 顾客类型: 批发 零售 内部 批发 零售 内部\n    condition 大宗: Y Y Y N N N\n"
                      "    action 打折: √ √ √ — — —\n    action 不打折: — — — √ √ √"))
    assert codes(c) == ["FD825", "FD825"]
    assert "rules 1, 2, 3 of decision table “订货折扣” take the same actions and differ only in “顾客类型”" in c.diagnostics[0].message


def test_unknown_process_suggests_the_close_name_and_a_wrong_name_after_the_id_is_reported():
    c = case_of("logic 计算折 {\n  structured {\n    计算 折扣\n  }\n}\n")
    d = c.diagnostics[0]
    assert (d.code, d.span.line, d.span.column) == ("FD821", 6, 7) and "计算折扣" in d.hint
    c = case_of("logic P1 计算价格 {\n  structured {\n    计算 折扣\n  }\n}\n")
    assert [(d.code, d.span.column) for d in c.diagnostics] == [("FD821", 10)]
    assert "named “计算折扣”" in c.diagnostics[0].message


# ---------------------------------------------------------------- checks

def test_incomplete_table_names_the_uncovered_combination():
    c = case_of(table("    condition 批发: Y Y N\n    condition 大宗: Y N Y\n    action 打八五折: √ — —\n    action 打九五折: — √ √"))
    assert codes(c) == ["FD823"]
    assert "no rule for 批发 = N, 大宗 = N (1 of 4 combinations uncovered)" in c.diagnostics[0].message
    assert "批发＝N、大宗＝N" in c.diagnostics[0].message_zh


def test_contradiction_names_both_rules_and_points_at_the_second():
    c = case_of(table("    condition 批发: Y —\n    action 打折: √ —\n    action 不打折: — √"))
    d = next(d for d in c.diagnostics if d.code == "FD824")
    assert "rules 1 and 2 both cover 批发 = Y" in d.message and (d.span.line, d.span.column) == (8, 21)


def test_a_repeated_rule_is_redundant_and_binary_rules_that_cover_both_values_merge():
    c = case_of(table("    condition 批发: Y Y N\n    action 打折: √ √ —\n    action 不打折: — — √"))
    assert codes(c) == ["FD825"] and "rule 2 of decision table “订货折扣” repeats rule 1" in c.diagnostics[0].message
    c = case_of(table("    condition 批发: Y Y N\n    condition 大宗: Y N —\n    action 打折: √ √ —\n    action 不打折: — — √"))
    assert codes(c) == ["FD825"] and "replace rules 1, 2 by one rule: Y —" in c.diagnostics[0].hint


def test_a_complete_merged_table_is_clean():
    c = case_of(table("    condition 批发: Y Y N\n    condition 大宗: Y N —\n    action 八五折: √ — —\n"
                      "    action 九五折: — √ —\n    action 不打折: — — √"))
    assert c.diagnostics == []


def test_row_length_and_unreadable_action_entry():
    c = case_of(table("    condition 批发: Y N\n    action 打折: √ 好\n    action 不打折: — √ —"))
    assert [(d.code, d.span.line, d.span.column) for d in c.diagnostics] == [("FD826", 8, 5), ("FD826", 9, 5), ("FD826", 9, 18)]


def test_tree_branch_without_label_and_leaf_without_action():
    c = case_of("logic P1 {\n  tree {\n    批发 {\n    }\n    -> 不打折\n    零售\n  }\n}\n")
    assert [(d.code, d.span.line) for d in c.diagnostics] == [("FD829", 8), ("FD828", 10), ("FD829", 11)]


def test_fd830_and_fd831_are_off_by_default_and_a_course_turns_them_on():
    text = DFD.replace("计算折扣", "订单审核")
    assert flowdsl.parse(text).diagnostics == []
    on = flowdsl.parse("severity FD830 warning\nseverity FD831 warning\n" + text)
    assert [(d.code, d.severity) for d in on.diagnostics] == [("FD830", "warning"), ("FD831", "warning")]
    assert "“审核订单”" in on.diagnostics[1].hint
    assert codes(flowdsl.parse(text, severities={"FD830": "error"})) == ["FD830"]


def test_else_and_until_need_their_if_and_repeat():
    c = case_of("logic P1 {\n  structured {\n    repeat {\n      读取 订单\n    }\n    until 读完\n"
                "    if 批发 then {\n      打折\n    }\n    else if 大宗 {\n      打九折\n    }\n    else {\n"
                "      不打折\n    }\n    until 完\n  }\n}\n")
    assert [(d.code, d.span.line) for d in c.diagnostics] == [("FD833", 21)]


# ---------------------------------------------------------------- conversions

def test_table_to_tree_has_one_path_per_distinct_outcome():
    t = BOOKSTORE.model.logic[0].parts[0]
    tree = table_to_tree(t)
    paths = [([lab for _, lab in p], leaf.actions) for p, leaf in tree.paths()]
    assert paths == [(["是", "是"], ["打八折"]), (["是", "否"], ["打九折"]), (["否", "是"], ["打九折"]),
                     (["否", "否"], ["不打折"])]
    assert tree.root.condition == "会员顾客"


def test_tree_to_table_is_complete_and_consistent_and_back_again():
    tree = BOOKSTORE.model.logic[1].parts[0]
    t = tree_to_table(tree)
    assert [r.text for r in t.conditions] == ["新书与采购单", "新书质量"]
    assert [r.entries for r in t.conditions] == [["相符", "相符", "不符"], ["合格", "不合格", "—"]]
    from flowdsl.checks.logic import check_table
    assert check_table(t) == []
    again = table_to_tree(t)
    assert [leaf.actions for _, leaf in again.paths()] == [leaf.actions for _, leaf in tree.paths()]


# ---------------------------------------------------------------- views and drawing

def _floats(s: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?[0-9.]+", s)]


def test_tree_svg_puts_each_label_on_its_own_branch():
    d = next(d for d in BOOKSTORE.logic if d.kind == "tree")
    svg = d.render("svg").decode()
    branches = re.findall(r'<g class="branch"[^>]*><path d="M([0-9.]+),([0-9.]+) H([0-9.]+)"[^>]*/>(.*?)</g>', svg)
    assert len(branches) == 5
    labelled = 0
    for x0, y, x1, label in branches:
        for tx, ty, text in re.findall(r'<text x="([0-9.]+)" y="([0-9.]+)"[^>]*>([^<]*)</text>', label):
            labelled += 1
            assert float(x0) < float(tx) < float(x1)                 # along its branch
            assert float(y) - 14 < float(ty) < float(y)              # just above its line
            others = [float(b[1]) for b in branches if b[1] != y]
            assert all(abs(float(ty) - o) > abs(float(ty) - float(y)) for o in others), text
    assert labelled == 4   # 相符 不符 合格 不合格; the branch to the first condition has none
    assert svg == d.render("svg").decode()   # deterministic


def test_table_svg_and_html_are_the_four_quadrants():
    d = BOOKSTORE.logic[0]
    assert d.kind == "table" and d.name == "售书-P1.1-判定表"
    svg = d.render("svg").decode()
    assert svg.count(">√<") == 4 and 'class="quadrants"' in svg
    assert [t for t in re.findall(r">([0-9])</text>", svg)] == ["1", "2", "3", "4"]
    html = d.render("html").decode()
    assert html.count("<tr class=\"condition\">") == 2 and html.count("<tr class=\"action\">") == 3
    assert ">条件</th>" in html and ">动作</th>" in html and "@page{size:A4" in html


def test_structured_english_html_indents_and_highlights_keywords():
    from flowdsl.render.logic_html import structured_english_html

    se = BOOKSTORE.model.logic[3].parts[0]
    html = structured_english_html(se)
    assert re.search(r'padding-left:0em"><span class="kw"[^>]*>如果</span> 收费单与所带图书相符 <span class="kw"[^>]*>则</span>', html)
    assert 'padding-left:2em">放行</div>' in html
    assert structured_english_html(se, "en").count(">ELSE<") == 1


def test_student_text_is_escaped_everywhere():
    c = case_of('logic P1 {\n  tree "<b>x</b>" {\n    "<script>" -> "a&b"\n  }\n  table {\n    condition "<i>": Y N\n'
                '    action "</td>": √ —\n    action 不: — √\n  }\n  structured {\n    "<img src=x>"\n  }\n}\n')
    assert c.diagnostics == []
    for d in c.logic:
        for fmt in d.formats:
            if fmt in ("svg", "html"):
                out = d.render(fmt).decode()
                assert "<script>" not in out and "<i>" not in out and "<img" not in out and "</td>\"" not in out


@needs_rsvg
def test_render_command_writes_the_logic_diagrams_beside_the_others(tmp_path):
    src = str(ROOT / "samples" / "03-bookstore.flow")
    run = subprocess.run([sys.executable, "-m", "flowdsl", "render", src, "-o", str(tmp_path), "-f", "svg,png,html",
                          "--logic-convert"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    names = {p.name for p in (tmp_path / "03-bookstore").iterdir()}
    for n in ("售书-P1.1-判定表.svg", "售书-P1.1-判定表.png", "售书-P1.1-判定表.html", "进书-P3.1-判定树.png",
              "进书-P3.1-判定表-由判定树.svg", "售书-P1.1-判定树-由判定表.png", "进书-P3.1-结构化语言.html",
              "进书-P3.svg"):
        assert n in names, n
    assert "售书-P1.2-结构化语言.svg" not in names and (tmp_path / "03-bookstore" / "进书-P3.1-判定树.png").read_bytes()[:4] == b"\x89PNG"


def test_api_converted_and_english_keywords():
    c = case_of(table("    condition 批发: Y N\n    action 打折: √ —\n    action 不打折: — √"))
    d = c.logic[0]
    assert d.name == "订货-P1-decision-table" and d.title == "P1 计算折扣 Decision table: 订货折扣"
    tree = d.converted()
    assert tree.kind == "tree" and tree.name == "订货-P1-decision-tree-from-table"
    assert tree.converted().kind == "table"
    assert b"rankdir=LR" in tree.render("dot")
    with pytest.raises(ValueError):
        d.render("dot")


# ---------------------------------------------------------------- formatter and canonical text

MESSY = ('dfd 订货{entity 顾客;process P1 计算折扣\n顾客 -[订单]-> P1 -[折扣单]-> 顾客}\n'
         '# 说明\nlogic P1 计算折扣 "折扣"{\n  table 折扣{  # 表\n condition 批发 ：Y   N\n'
         '    action "打 折"：√ -\n action 不打折 : × ✓\n }\n  tree{\n condition 类型\n 批发{大宗 → 八五折、通知\n'
         '  少量 -> 九五折}\n零售->不打折 , 记账\n}\n structured "步骤"{\n 读取 订单\n 若 批发 那么 {\n 打折 # 按表\n}\n'
         '否则 如果 "a<b" {\n 不打折\n }\n 否则{\n 记录}\n 对每本 图书 执行{\n 核对}\n 重复{\n 盘点}\n 直到 完成\n }\n}\n')


def test_formatter_keeps_keywords_and_comments_and_is_idempotent():
    from flowdsl.lang.format import format_text

    out = format_text(MESSY)
    assert format_text(out) == out
    assert "  table 折扣 {  # 表\n    condition 批发: Y N\n    action \"打 折\": √ -\n    action 不打折: × ✓\n  }" in out
    assert "    批发 {\n      大宗 -> 八五折、通知\n      少量 -> 九五折\n    }\n    零售 -> 不打折, 记账\n" in out
    assert "    若 批发 那么 {\n      打折  # 按表\n    }\n    否则 如果 \"a<b\" {\n" in out
    assert "    对每本 图书 执行 {\n      核对\n    }\n    重复 {\n      盘点\n    }\n    直到 完成\n" in out
    assert "\n# 说明\nlogic P1 计算折扣 \"折扣\" {\n" in out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_logic_construct_round_trips(lang):
    from flowdsl.lang.unparse import strip_spans, to_text

    case = flowdsl.parse(MESSY)
    assert case.model is not None and len(case.model.logic[0].parts) == 3
    text = to_text(case.model, lang)
    again = flowdsl.parse(text)
    assert strip_spans(again.model) == strip_spans(case.model)
    assert to_text(again.model, lang) == text
    assert ("判定树 {" if lang == "zh" else "tree {") in text


def test_the_dictionary_card_of_a_process_shows_its_logic():
    d = BOOKSTORE.dictionary
    assert sorted(d.logic_html) == ["入库单处理", "审核处理", "收费处理", "采购单审核"]
    card = d.logic_html["采购单审核"]
    assert "判定树：验收采购单和新书" in card and 'width="100%"' in card and "<?xml" not in card
    assert '<span class="kw"' in card and "结构化语言" in card
    md = d.logic_md["收费处理"]
    assert "| 规则 | 1 | 2 | 3 | 4 |" in md and "| 打九折 |  | √ | √ |  |" in md
    assert "- 相符 → 新书质量" in d.logic_md["采购单审核"]
    page = d.to_html()
    assert page.count('class="logic-part"') == 5
