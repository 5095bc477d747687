"""flowdsl.render.quote and flowdsl.render.metrics: pure text helpers."""

import doctest

import pytest

from flowdsl.render import metrics, quote
from flowdsl.render.metrics import text_width, wrap
from flowdsl.render.quote import clean_text, dot_label, html_label_text, quote_id, svg_text, xml_escape


@pytest.mark.parametrize("module", [quote, metrics])
def test_doctests(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 5
    assert result.failed == 0


@pytest.mark.parametrize("raw", [
    'a"b', "a\\b", "x\\", "\\N", "\\l", "\\G\\E\\T\\H", 'say "\\"hi', "两行\n文字", "a\x00b\x1bc",
    "\\\"", "\"\\n\"",
])
def test_dot_label_roundtrip_is_literal(raw):
    esc = dot_label(raw)
    # no unescaped quote can end the string early
    i = 0
    while i < len(esc):
        if esc[i] == "\\":
            assert esc[i + 1] in '\\"n', esc
            i += 2
            continue
        assert esc[i] != '"'
        assert esc[i] != "\n"
        i += 1
    # decoding the DOT escapes gives back the cleaned input
    out, i = [], 0
    while i < len(esc):
        if esc[i] == "\\":
            out.append({"\\": "\\", '"': '"', "n": "\n"}[esc[i + 1]])
            i += 2
        else:
            out.append(esc[i])
            i += 1
    assert "".join(out) == clean_text(raw)


def test_quote_id():
    assert quote_id("n12") == "n12"
    assert quote_id("subgraph") == '"subgraph"'
    assert quote_id("Edge") == '"Edge"'
    assert quote_id("1.5") == "1.5"
    assert quote_id("a b") == '"a b"'
    assert quote_id('x"; evil [label="y') == '"x\\"; evil [label=\\"y"'
    assert quote_id("") == '""'


def test_xml_and_svg_escaping():
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> javascript:void(0) &amp;'
    for esc in (xml_escape(hostile), svg_text(hostile)):
        assert "<" not in esc and ">" not in esc and '"' not in esc
        assert "&amp;amp;" in esc
    s = svg_text(hostile)
    assert "onerror=" not in s and "javascript:" not in s
    assert "\x07" not in xml_escape("bell\x07")
    assert html_label_text("a&b\n<c>") == "a&amp;b<BR/>&lt;c&gt;"


def test_control_characters_stripped():
    assert clean_text("a\x00\x01\x08\x0b\x0c\x0e\x1f\x7f\x85\u202eb") == "ab"
    assert clean_text("x\r\ny\rz") == "x\ny\nz"


def test_text_width():
    assert text_width("采购部") == 3.0
    assert text_width("ＡＢ") == 2.0          # full-width Latin
    assert 0.5 <= text_width("a") <= 0.6
    assert 0.5 <= text_width("8") <= 0.6
    assert text_width("") == 0


def test_wrap_cjk_width_and_balance():
    for label in ["查询库存信息及用户需求", "根据销售订单生成发货单并通知仓库保管员备货出库",
                  "编制采购订货单", "审核"]:
        lines = wrap(label, 9)
        assert "".join(lines) == label
        assert all(text_width(line) <= 9 for line in lines)
    assert wrap("查询库存信息及用户需求", 9) == ["查询库存信息", "及用户需求"]   # balanced, not 9 + 2
    assert wrap("编制采购订货单", 9) == ["编制采购订货单"]


def test_wrap_keeps_explicit_breaks_and_words():
    assert wrap("第一行\n第二行", 9) == ["第一行", "第二行"]
    lines = wrap("Check the purchase order against stock", 9)
    assert " ".join(lines).split() == "Check the purchase order against stock".split()
    for line in lines:
        for word in line.split():
            assert word in "Check the purchase order against stock".split()


def test_wrap_no_punctuation_at_line_start():
    for label in ["一二三四五六七八九，十", "采购单（含明细）审核并登记入账。", "甲乙丙丁戊己庚辛、壬癸"]:
        for width in (3, 4, 5, 6, 8, 9):
            lines = wrap(label, width)
            assert "".join(lines) == label
            for line in lines[1:]:
                assert line[0] not in "，。、）；：！？", (label, width, lines)
            for line in lines[:-1]:
                assert line[-1] != "（", (label, width, lines)


def test_wrap_is_deterministic():
    assert wrap("查询库存信息及用户需求", 9) == wrap("查询库存信息及用户需求", 9)


# ---- natural break points (words of MIS texts are not cut, punctuation is preferred)

import pytest  # noqa: E402

from flowdsl.render.metrics import wrap as _wrap  # noqa: E402


@pytest.mark.parametrize("text,max_em,expected", [
    ("库房相关人员", 4, ["库房", "相关人员"]),                      # not 库房相/关人员
    ("库房管理员", 4, ["库房", "管理员"]),                          # not 库房管/理员
    ("报损处理（货品清除出库房）", 8, ["报损处理（货品", "清除出库房）"]),  # not （货/品
    ("根据报损清单登记流水帐，修改库存台帐", 9, ["根据报损清单", "登记流水帐，", "修改库存台帐"]),
])
def test_wrap_does_not_cut_words(text, max_em, expected):
    assert _wrap(text, max_em) == expected


def test_wrap_still_fits_and_keeps_every_character():
    text = "信息治理部门负责组织对项目建设的阶段验收，提出阶段验收报告"
    for max_em in (6, 8, 10):
        lines = _wrap(text, max_em)
        assert "".join(lines) == text
        assert all(len(line) <= max_em for line in lines)
