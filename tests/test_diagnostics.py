"""Diagnostics: compiler-style printing with a caret under the span (wide characters)."""

from __future__ import annotations

import pytest

import flowdsl
from flowdsl.diagnostics import Diagnostic, Span, format_diagnostic, has_errors, sort_key

from conftest import syntax_errors

SOURCE = "chart c {\n  unit 采购部\n  采购部 -> 采购定货单 -> 供应商\n}\n"


def test_header_source_line_caret_and_hint():
    d = Diagnostic("FD101", "error", "“采购定货单” is not declared", Span(3, 10, 3, 15),
                   "did you mean “采购订货单”?", "samples/x.flow")
    out = format_diagnostic(d, SOURCE).split("\n")
    assert out == [
        "samples/x.flow:3:10: error[FD101]: “采购定货单” is not declared",
        "    3 |   采购部 -> 采购定货单 -> 供应商",
        "      |             ^^^^^^^^^^",
        "  = hint: did you mean “采购订货单”?",
    ]


def test_caret_column_counts_wide_characters_twice():
    d = Diagnostic("FD101", "error", "m", Span(3, 19, 3, 22))  # 供应商
    caret_line = format_diagnostic(d, SOURCE).split("\n")[2]
    prefix = "      | "
    assert caret_line.startswith(prefix)
    marks = caret_line[len(prefix):]
    # "  采购部 -> 采购定货单 -> " is 2 + 6 + 4 + 10 + 4 = 26 terminal columns
    assert marks == " " * 26 + "^" * 6


def test_caret_under_ascii_and_full_width_punctuation():
    src = "option direcion = LR\n单位：甲 x\n"
    d = Diagnostic("FD103", "error", "m", Span(1, 8, 1, 16))
    assert format_diagnostic(d, src).split("\n")[2] == "      |        ^^^^^^^^"
    d2 = Diagnostic("FD002", "error", "m", Span(2, 6, 2, 7))
    # "单位：甲 " is 2+2+2+2+1 = 9 columns wide (the full-width colon counts two)
    assert format_diagnostic(d2, src).split("\n")[2] == "      | " + " " * 9 + "^"


def test_no_file_no_source_no_hint():
    d = Diagnostic("FD205", "warning", "“帐” is declared but never used", Span(4, 3, 4, 4))
    assert format_diagnostic(d) == "<input>:4:3: warning[FD205]: “帐” is declared but never used"


def test_span_at_line_end_gets_one_caret():
    src = "chart c {\n  甲 ->\n}"
    d = Diagnostic("FD001", "error", "m", Span(2, 7, 2, 8), "expected a name")
    lines = format_diagnostic(d, src).split("\n")
    assert lines[1] == "    2 |   甲 ->"
    assert lines[2] == "      | " + " " * 7 + "^"
    assert lines[3] == "  = hint: expected a name"


def test_multi_line_span_marks_its_first_character():
    d = Diagnostic("FD203", "warning", "m", Span(2, 8, 3, 4))
    assert format_diagnostic(d, SOURCE).split("\n")[2] == "      | " + " " * 7 + "^^"


def test_line_number_width_pads_the_gutter():
    src = "\n" * 11 + "单位 甲乙\n"
    d = Diagnostic("FD205", "warning", "m", Span(12, 4, 12, 6))
    lines = format_diagnostic(d, src).split("\n")
    assert lines[1] == "    12 | 单位 甲乙"
    assert lines[2] == "       |      ^^^^"


def test_tabs_are_shown_as_one_space():
    d = Diagnostic("FD101", "error", "m", Span(1, 2, 1, 3))
    lines = format_diagnostic(d, "\t甲\n").split("\n")
    assert lines[1] == "    1 |  甲" and lines[2] == "      |  ^^"


def test_line_outside_the_source_prints_no_excerpt():
    d = Diagnostic("FD001", "error", "m", Span(9, 1, 9, 2), "h")
    assert format_diagnostic(d, "a\n").split("\n") == ["<input>:9:1: error[FD001]: m", "  = hint: h"]


def test_color_output():
    d = Diagnostic("FD205", "warning", "m", Span(1, 1, 1, 2), file="a.flow")
    head = format_diagnostic(d, "x\n", color=True).split("\n")[0]
    assert "\x1b[1;33mwarning[FD205]\x1b[0m" in head and "a.flow:1:1:" in head
    err = format_diagnostic(Diagnostic("FD101", "error", "m"), color=True)
    assert "\x1b[1;31merror[FD101]" in err


def test_case_formats_every_diagnostic_of_a_real_file():
    text = "chart c {\n  unit 采购部\n  document 采购订货单\n  采购部 -> 采购定货单\n  采购部 -> 供应商\n}\n"
    case = flowdsl.parse(text, name="订货.flow")
    out = case.format_diagnostics()
    assert out.split("\n") == [
        "订货.flow:4:10: error[FD101]: “采购定货单” is not declared in chart “c”",
        "    4 |   采购部 -> 采购定货单",
        "      |             ^^^^^^^^^^",
        "  = hint: did you mean “采购订货单”?",
        "订货.flow:5:10: error[FD101]: “供应商” is not declared in chart “c”",
        "    5 |   采购部 -> 供应商",
        "      |             ^^^^^^",
        "  = hint: declare it first, e.g. “单位 供应商” or “单据 供应商”",
    ]


def test_syntax_error_printed_with_caret_under_full_width_character():
    case = flowdsl.parse("chart c {\n  单位 甲\n  甲 －> 乙\n}\n", name="a.flow")
    (d,) = case.diagnostics
    lines = case.format_diagnostics().split("\n")
    assert lines[0] == "a.flow:3:5: error[FD002]: full-width character “－” is not allowed here"
    assert lines[2] == "      | " + " " * 5 + "^^"
    assert lines[3].startswith("  = hint: type the half-width “-”")


def test_to_dict_sort_key_and_helpers():
    d = Diagnostic("FD205", "warning", "m", Span(2, 3, 2, 5), "h", "f.flow")
    assert d.to_dict() == {"file": "f.flow", "line": 2, "column": 3, "end_line": 2, "end_column": 5,
                           "code": "FD205", "severity": "warning", "message": "m", "hint": "h",
                           "message_en": "m"}
    e = Diagnostic("FD101", "error", "m", Span(1, 9, 1, 10), None, "f.flow")
    assert sorted([d, e], key=sort_key) == [e, d]
    assert has_errors([d, e]) and not has_errors([d])
    assert d.with_severity("error").severity == "error" and d.with_file("g").file == "g"


# ---------------------------------------------------------------- syntax errors (parser diagnostics)

def one_error(text: str):
    diags = syntax_errors(text)
    assert len(diags) == 1
    return diags[0]


@pytest.mark.parametrize("ch,half", [("－", "-"), ("＞", ">"), ("［", "["), ("｛", "{"), ("。", ";"), ("＋", "+")])
def test_full_width_character_names_the_half_width_one(ch, half):
    text = f"chart c {{\n  甲 -> 乙\n  乙 {ch}\n}}"
    d = one_error(text)
    assert d.code == "FD002"
    assert (d.span.line, d.span.column, d.span.end_column) == (3, 5, 6)
    assert f"“{ch}”" in d.message
    assert f"half-width “{half}”" in d.hint


def test_full_width_minus_in_arrow():
    d = one_error("chart c {\n  单位 甲\n  甲 －> 乙\n}")
    assert d.code == "FD002" and (d.span.line, d.span.column) == (3, 5)
    assert "“-”" in d.hint


def test_unexpected_character():
    d = one_error("chart c {\n  甲 @ 乙\n}")
    assert d.code == "FD002" and (d.span.line, d.span.column) == (2, 5)
    assert "@" in d.message and "quotes" in d.hint


@pytest.mark.parametrize("quote", ['"', "“"])
def test_unclosed_string(quote):
    d = one_error(f'chart c {{\n  unit 甲\n  step s {quote}编制订单\n}}')
    assert d.code == "FD003"
    assert (d.span.line, d.span.column) == (3, 10)
    assert "closing quote" in d.hint


def test_unquoted_title():
    d = one_error("chart c {\n  unit 甲 乙\n}")
    assert d.code == "FD001"
    assert (d.span.line, d.span.column, d.span.end_column) == (2, 10, 11)
    assert "quotes" in d.message and "“乙”" in d.message


def test_dangling_arrow_points_at_line_end():
    d = one_error("chart c {\n  甲 ->\n}")
    assert d.code == "FD001"
    assert (d.span.line, d.span.column) == (2, 7)
    assert "arrow must point" in d.message and "a name" in d.hint


def test_missing_name_after_keyword():
    d = one_error("chart c {\n  单位\n}")
    assert d.code == "FD001" and (d.span.line, d.span.column) == (2, 5)
    assert "name is missing" in d.message


def test_chart_without_body():
    d = one_error("chart c\nunit 甲\n")
    assert d.code == "FD001" and (d.span.line, d.span.column) == (1, 8)
    assert "{" in d.message


def test_bare_name_is_not_a_statement():
    d = one_error("chart c {\n  甲\n}")
    assert d.code == "FD001" and d.span.line == 2
    assert "not a statement" in d.message and "arrow" in d.hint


def test_unexpected_end_of_file_points_at_the_last_line():
    d = one_error("chart c {\n  unit 甲\n")
    assert d.code == "FD001"
    assert "end of file" in d.message
    assert d.span.line == 2


def test_unclosed_chart_hint_mentions_closing_brace():
    d = one_error("chart c {\n  unit 甲\n")
    assert "'}'" in d.hint


def test_syntax_error_never_raises_on_garbage():
    from flowdsl.lang.parser import parse_text

    for text in ["}", "{{{", "->", "chart", '"', "chart c {\n a -[ -> b\n}", "\x00", "dfd d {\n process P1\n"]:
        ast, diags = parse_text(text)
        assert ast is None and len(diags) == 1
        assert diags[0].code in ("FD001", "FD002", "FD003")
        assert diags[0].span.line >= 1 and diags[0].span.column >= 1


@pytest.mark.parametrize("decl,name", [("账簿", "档案"), ("步骤", "处理")])
def test_keyword_as_name_at_the_start_of_a_flow(decl, name):
    from flowdsl.lang.parser import parse_text

    ast, diags = parse_text(f"chart c {{\n  单位 甲\n  {decl} {name}\n  {name} -> 甲\n}}")
    assert diags == []
    chain = ast.items[0].body[-1]
    assert [ep.name.text for ep in chain.endpoints] == [name, "甲"]
    assert (chain.endpoints[0].name.span.line, chain.endpoints[0].name.span.column) == (4, 3)


@pytest.mark.parametrize("text", [
    "chart c {\n  unit 甲 乙\n}",
    "业务流程图 c {\n  单位 甲 乙\n}",
    "案例 x\n业务图 c \"t\" {\n  单据 甲\n  外部单位 供应商 公司\n}",
    "dfd d {\n  数据存储 S1 甲 乙\n}",
])
def test_bare_second_word_says_the_title_needs_quotes_in_both_keyword_sets(text):
    d = one_error(text)
    assert d.code == "FD001"
    assert d.message.startswith("a title must be in quotes")
    assert d.message_zh.startswith("标题要放在引号中")


def test_missing_name_is_named_whatever_the_keyword_spelling():
    for kw in ("unit", "单位", "账簿", "台帐", "步骤", "处理"):
        d = one_error(f"chart c {{\n  {kw}\n}}")
        assert d.message.startswith("a name is missing after the keyword"), kw
