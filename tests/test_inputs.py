"""Input edge cases: encodings (UTF-8 with BOM, GB18030/GBK), line ends (CRLF, CR),
tabs, full-width punctuation, empty files, very large and very deep files.

Decision for empty files (and files of comments only): they are not an error. The
result is a case with no diagnostic and no diagram; ``flowdsl render`` prints
"note: nothing to draw" for the file, writes nothing and exits 0.
"""

from __future__ import annotations

import os
import tracemalloc

import pytest

import flowdsl
from flowdsl.lang.source import decode, read_source

from conftest import ROOT, needs_dot, strip_ast

SAMPLE = os.path.join(ROOT, "samples", "01-purchasing.flow")
TEXT = open(SAMPLE, encoding="utf-8").read()


def ast(text: str):
    from flowdsl.lang.parser import parse_text

    tree, diags = parse_text(text)
    assert diags == [], diags
    return strip_ast(tree)


def dots(case) -> list[bytes]:
    assert case.ok, case.format_diagnostics()
    return [v.render("dot") for v in case.views]


@pytest.fixture(scope="module")
def reference():
    return dots(flowdsl.parse(TEXT))


# ------------------------------------------------------------------ encodings

@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "gbk", "utf-8"])
def test_encodings_decode_to_the_same_diagrams(tmp_path, reference, encoding):
    path = tmp_path / f"{encoding}.flow"
    path.write_bytes(TEXT.encode(encoding))
    case = flowdsl.load(str(path))
    assert case.source == TEXT
    assert dots(case) == reference


@needs_dot
@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_gbk_file_svg_has_no_mojibake(tmp_path, encoding):
    path = tmp_path / "x.flow"
    path.write_bytes(TEXT.encode(encoding))
    svg = flowdsl.load(str(path)).views[0].render("svg").decode("utf-8")
    for word in ("采购部", "供应商", "库房管理员", "物资订货业务流程图"):
        assert word in svg
    # what GBK bytes look like when read as UTF-8 / Latin-1, and the replacement char
    for junk in ("\ufffd", "é‡‡", "²É¹º", "\ufeff"):
        assert junk not in svg


def test_gbk_without_a_byte_of_ascii_chinese_names(tmp_path):
    path = tmp_path / "x.flow"
    path.write_bytes("业务图 请假 {\n 单位 员工\n 步骤 申请 由 员工\n 开始 -> 申请 -> 结束\n}\n".encode("gbk"))
    case = flowdsl.load(str(path))
    assert case.ok and [e.key for e in case.model.charts[0].elements] == ["员工", "申请"]


def test_undecodable_file_points_at_the_first_bad_byte_in_characters(tmp_path):
    path = tmp_path / "bad.flow"
    path.write_bytes("chart 甲 {\n unit 采购部".encode() + b"\xff\xfe\x80\x80\xff\n}\n")
    case = flowdsl.load(str(path))
    (d,) = case.diagnostics
    assert (d.code, d.span.line, d.span.column, d.file) == ("FD000", 2, 10, str(path))
    assert "UTF-8" in d.message and d.hint


def test_bom_only_and_bom_inside_whitespace():
    assert decode(b"\xef\xbb\xbf") == ("", None)
    case = flowdsl.parse("\ufeffchart a {\n unit 甲\ufeff\n 甲 -> 甲\n}\n")
    assert case.ok and case.source.startswith("chart")


def test_unreadable_path_is_a_diagnostic(tmp_path):
    case = flowdsl.load(str(tmp_path / "missing.flow"))
    (d,) = case.diagnostics
    assert d.code == "FD000" and d.file.endswith("missing.flow") and "cannot read" in d.message
    text, problem = read_source(str(tmp_path))  # a folder
    assert text is None and problem.code == "FD000"


# ------------------------------------------------------------------ line ends, tabs, full width

@pytest.mark.parametrize("eol", ["\r\n", "\r"])
def test_line_ends_give_the_same_tree_and_positions(eol):
    assert ast(TEXT.replace("\n", eol)) == ast(TEXT)
    broken = TEXT.replace("采购订货单 -> 供应商", "采购定货单 -> 供应商")
    want = [(d.code, d.span) for d in flowdsl.parse(broken).diagnostics]
    got = flowdsl.parse(broken.replace("\n", eol))
    assert [(d.code, d.span) for d in got.diagnostics] == want
    assert want and want[0][0] == "FD101"
    assert "采购定货单 -> 供应商" in got.format_diagnostics().split("\n")[1]


def test_tabs_and_ideographic_spaces_are_blanks():
    spaced = TEXT.replace("  ", "\t").replace(" ", "\u3000\t")
    assert ast(spaced) == ast(TEXT)


def test_full_width_punctuation_means_the_same():
    half = 'chart a "标题" {\n unit 甲, 乙\n lanes: 甲, 乙\n block { 制图: "x" }\n unit 丙; 步骤 s 由 甲\n 甲 -[F1 "单"]-> s\n}\n'
    half = half.replace("unit 甲, 乙", "unit 甲\n unit 乙")
    full = (half.replace('"标题"', "“标题”").replace(":", "：").replace(", ", "，").replace(";", "；")
            .replace("[", "【").replace("]", "】").replace("->", "→").replace('"单"', "“单”").replace('"x"', "“x”"))
    assert full != half
    assert ast(full) == ast(half)


def test_full_width_character_the_grammar_refuses_gets_a_hint():
    case = flowdsl.parse("chart a {\n unit 甲\n unit 乙\n 甲 －＞ 乙\n}\n")
    (d,) = case.diagnostics
    assert (d.code, d.span.line, d.span.column) == ("FD002", 4, 4)
    assert "half-width" in d.hint


# ------------------------------------------------------------------ empty files

@pytest.mark.parametrize("text", ["", "\n\n", "\ufeff", "   \t\u3000", "# 只有注释\n// comment only\n", ";；\n"])
def test_empty_file_is_no_diagram_and_no_error(text):
    case = flowdsl.parse(text)
    assert case.ok and case.diagnostics == [] and case.views == []


def test_empty_file_on_the_command_line(tmp_path, capsys):
    from flowdsl.app.cli import main

    (tmp_path / "empty.flow").write_bytes(b"")
    code = main(["render", str(tmp_path / "empty.flow"), "-o", str(tmp_path / "out"), "-j", "1",
                 "--lang", "en", "--color", "never"])
    err = capsys.readouterr().err
    assert code == 0 and "0 diagrams" in err
    assert f"{tmp_path / 'empty.flow'}: note: nothing to draw (the file has no chart or dfd)" in err
    out = tmp_path / "out"
    assert not out.exists() or [n for n in os.listdir(out) if not n.endswith("cache.json")] == []


# ------------------------------------------------------------------ large and deep

def chain_file(n: int) -> str:
    return ("chart 大 {\n unit 甲\n" + "".join(f" step s{i} by 甲\n" for i in range(n))
            + " start -> " + " -> ".join(f"s{i}" for i in range(n)) + " -> end\n}\n")


def peak_bytes(text: str):
    tracemalloc.start()
    try:
        case = flowdsl.parse(text)
        return case, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_long_chain_memory_is_proportional():
    """1,500 and 4,500 steps (scripts/fuzz measures 100,000): no error, and the
    peak memory grows with the file, not faster."""
    small, p1 = peak_bytes(chain_file(1500))
    big, p3 = peak_bytes(chain_file(4500))
    assert small.ok and big.ok
    assert len(big.model.charts[0].elements) == 4501
    assert len(big.model.charts[0].edges) == 4501
    assert p3 < 4.5 * p1, (p1, p3)
    assert p3 < 1000 * len(chain_file(4500)), "more than 1 kB per source byte"


def test_many_declarations_and_a_long_line():
    n = 3000
    text = "chart 宽 {\n" + "".join(f" unit u{i}\n" for i in range(n)) + " " + " -> ".join(
        f"u{i}" for i in range(n)) + "\n}\n"
    case = flowdsl.parse(text)
    assert case.ok, case.format_diagnostics()[:500]
    assert len(case.views[0].view.nodes) >= n


def nested_dfd(depth: int) -> str:
    return ("dfd 深 {\n entity E1 用户\n" + "".join(f"process P{i} 处理{i} {{\n" for i in range(depth))
            + f" E1 -[F1 数据]-> P{depth - 1}\n" + "}\n" * depth + "}\n")


def test_dfd_nested_200_deep_has_no_recursion_error():
    case = flowdsl.parse(nested_dfd(200))
    assert not any(d.code == "FD001" for d in case.diagnostics)
    assert case.model is not None and len(case.model.dfds) == 1
    case.views  # building the views does not recurse out either


@pytest.mark.parametrize("text", [
    "define x = " + "(" * 1000 + "a" + ")" * 1000,
    "define x = " + "[a|" * 600 + "b" + "]" * 600,
    nested_dfd(1000),
])
def test_absurd_nesting_is_a_diagnostic_not_a_crash(text):
    case = flowdsl.parse(text)
    assert not case.ok
    assert case.diagnostics[0].code == "FD001"


def test_deeply_nested_blocks_of_the_lexer_are_syntax_errors():
    case = flowdsl.parse("chart a {" + "{" * 5000 + "}" * 5000 + "}")
    assert [d.code for d in case.diagnostics] == ["FD001"]
