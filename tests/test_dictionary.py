"""The data dictionary (issue 13 §1): the block's syntax in both keyword sets, positions,
what the diagram fills in, the FD8xx checks and their invalid samples, the round trip and
the formatter, the outputs (Markdown, HTML, CSV) and ``flowdsl dict``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import flowdsl
from flowdsl.lang.format import format_text
from flowdsl.lang.unparse import strip_spans, to_text

from conftest import fixture_path, model_of

ROOT = Path(__file__).resolve().parent.parent
INVALID = sorted((ROOT / "samples" / "invalid").glob("FD8*.flow"))
FIXTURE = Path(fixture_path("dictionary.flow")).read_text(encoding="utf-8")


def codes(text: str, **kw) -> list[str]:
    return [d.code for d in flowdsl.parse(text, **kw).diagnostics]


# ---------------------------------------------------------------- invalid samples

def test_every_dictionary_code_has_an_invalid_sample():
    from flowdsl.diagnostics.codes import CODES

    assert {p.name[:5] for p in INVALID} == {c for c in CODES if c.startswith("FD8")}


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_sample_reports_only_its_code_at_its_place(path: Path):
    m = re.match(r"# expect: (FD\d{3}) (\d+):(\d+)", path.read_text(encoding="utf-8"))
    assert m and path.name.startswith(m.group(1))
    case = flowdsl.load(str(path))
    found = [(d.code, d.span.line, d.span.column) for d in case.diagnostics]
    assert (m.group(1), int(m.group(2)), int(m.group(3))) in found
    assert {c for c, _, _ in found} == {m.group(1)}, found
    assert all(d.message_zh and d.hint_zh for d in case.diagnostics)


# ---------------------------------------------------------------- syntax and model

def test_english_and_chinese_keywords_give_the_same_dictionary():
    model = model_of(FIXTURE)
    en, zh = model_of(to_text(model, "en")), model_of(to_text(model, "zh"))
    assert strip_spans(en) == strip_spans(zh) == strip_spans(model)


def test_entries_fields_and_positions_are_kept():
    model = model_of(FIXTURE)
    d = model.dictionary
    assert d.declared and d.title == "inside"
    e = d.entry("订单号")
    assert (e.kind, e.ident, e.alias, e.description, e.type, e.length, e.range) == (
        "item", "I1", "单号", "the order's number", "char", "10", "D0000-D9999")
    assert d.entry("订单存档").key == ["订单号", "商品"]
    assert d.entry("订货单").volume == "每天 30 张"          # bare words joined as written
    assert d.entry("订单记录").dfd == "订货" and d.entry("订单记录").short
    comp = d.entry("订货单").composition
    assert comp.text_form() == '1{订货项}20 + [现金 | 支票] + ("备注")'
    assert [p.kind for p in comp.parts] == ["repeat", "choice", "optional"]
    lines = FIXTURE.splitlines()
    ref = comp.refs()[0]          # 订货项 inside 1{…}20: its span points at the name
    assert lines[ref.span.line - 1][ref.span.column - 1:ref.span.end_column - 1] == "订货项"
    assert model.definitions[0].name == "备用"        # define inside the block stays a define


def test_keywords_are_names_inside_the_dictionary():
    # 单位 and 标题 are keywords elsewhere; as entry names and in compositions they are names
    text = "dictionary {\n  item 单位\n  item 标题\n  structure 计量 = 单位 + 标题\n}\n"
    assert codes(text) == []
    assert model_of(text).dictionary.entry("计量").parts == ["单位", "标题"]


def test_full_width_punctuation_is_accepted():
    text = "数据字典 {\n  数据项 甲：“说明”\n  数据结构 乙 ＝ 甲 + 甲\n  数据存储 丙 {\n    组成：{甲}\n    关键字：甲、甲\n  }\n}\n"
    d = model_of(text).dictionary
    assert d.entry("甲").description == "说明" and d.entry("乙").parts == ["甲", "甲"]


# ---------------------------------------------------------------- filled in from the diagram

def test_the_diagram_fills_in_sources_destinations_flows_and_ids():
    dd = flowdsl.load(str(ROOT / "samples" / "03-bookstore.flow")).dictionary
    e = dd.entry("入库单")
    assert (e.ids, e.sources, e.destinations) == (["F10"], ["P3.2 编目处理"], ["P3.3 入库单处理"])
    f = dd.entry("采购单")            # drawn on both levels: the card names the bottom-level process
    assert f.destinations == ["P3.1 采购单审核"]
    s = dd.entry("图书库存情况存档")
    assert s.ids == ["S2", "S02"]
    assert "F3.5 合格入库清单" in s.inputs and "F4 销售清单" in s.inputs
    assert s.outputs == ["图书库存情况"]
    p = dd.entry("收费处理")
    assert p.ids == ["P1.1"] and "F6 购书单" in p.inputs and "F5 顾客需求图书清单" in p.outputs
    c = dd.entry("顾客")
    assert c.outputs == ["F6 购书单"] and c.inputs == ["F1.1 收费单"]
    assert dd.entry("书号").ids == [] and dd.entry("书号").shown_id == "I01"


@pytest.mark.parametrize("name", ["01-purchasing", "02-stocktake", "03-bookstore"])
def test_samples_have_an_entry_for_every_element(name):
    case = flowdsl.load(str(ROOT / "samples" / f"{name}.flow"))
    assert case.diagnostics == []
    dd = case.dictionary
    names = {e.name for e in dd.entries}
    for dfd in case.model.dfds:
        assert {n.name for n in dfd.nodes} <= names
        assert {f.name for f in dfd.flows if f.name} <= names
    assert {e.kind for e in dd.entries} >= {"item", "flow", "store", "process", "entity"}
    # every entry drawn is filled in; no entry is left out of the cards
    assert all(e.on_diagram for e in dd.entries if e.kind in ("flow", "store", "process", "entity"))


def test_bookstore_compositions_use_the_seed_fields():
    dd = flowdsl.load(str(ROOT / "samples" / "03-bookstore.flow")).dictionary
    assert dd.entry("图书信息").parts == ["书名", "书号", "作者", "出版社"]
    assert "图书信息" in dd.entry("入库单").parts


# ---------------------------------------------------------------- checks

def test_fd803_only_with_a_dictionary_and_its_severity_is_configurable():
    dfd = "dfd a {\n  entity 甲\n  process 乙\n  甲 -[单]-> 乙 -[果]-> 甲\n}\n"
    assert codes(dfd) == []                                   # no dictionary: not asked for one
    text = dfd + "dictionary {\n  entity 甲\n}\n"
    assert codes(text) == ["FD803"] * 3
    case = flowdsl.parse("severity FD803 error\n" + text)
    assert {d.severity for d in case.diagnostics} == {"error"}
    assert codes("级别 FD803 关闭\n" + text) == []


def test_gray_hole_names_the_items_and_creates_suppresses_it():
    base = ("dfd a {\n  entity 甲\n  process 乙\n  甲 -[单]-> 乙 -[果]-> 甲\n}\n"
            "dictionary {\n  item x\n  item y\n  flow 单 = x\n  flow 果 = x + y\n  entity 甲\n  process 乙%s\n}\n")
    case = flowdsl.parse(base % "")
    (d,) = case.diagnostics
    assert d.code == "FD805" and "y" in d.message and (d.span.line, d.span.column) == (4, 14)
    assert codes(base % " {\n    creates: y\n  }") == []
    # an input whose composition is unknown may carry anything: not judged
    assert "FD805" not in codes((base % "").replace("  flow 单 = x\n", ""))


def test_balancing_reads_dictionary_entries_and_fd816_checks_the_split():
    text = Path(ROOT / "samples" / "invalid" / "FD816-split-parts-missing.flow").read_text(encoding="utf-8")
    assert "FD501" not in codes(text)                         # 回执 split by its entry: balanced by name
    fixed = (text.replace("    顾客 -[订货单]-> 接单", "    复核 -[发票]-> 顾客\n    顾客 -[订货单]-> 接单")
             .replace("数据结构 发票", "数据流 发票").replace("  处理逻辑 复核\n", "  处理逻辑 复核 {\n    生成: 金额\n  }\n"))
    assert codes(fixed) == []
    assert "FD501" in codes(text.replace("  数据流 回执 = 确认单 + 发票\n", "  数据流 回执\n"))


def test_recursion_through_two_names_is_one_message():
    text = "dictionary {\n  item z\n  structure a = b + z\n  structure b = a\n}\n"
    case = flowdsl.parse(text)
    assert [d.code for d in case.diagnostics] == ["FD802"]
    assert "a → b → a" in case.diagnostics[0].message


# ---------------------------------------------------------------- round trip and formatter

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_dictionary_round_trips(lang):
    model = model_of(FIXTURE)
    text = to_text(model, lang)
    again = model_of(text)
    assert strip_spans(again) == strip_spans(model)
    assert to_text(again, lang) == text
    assert ("数据字典" in text) == (lang == "zh")


def test_formatter_keeps_keywords_separators_and_comments():
    messy = ("数据字典 \"书\"{\n  数据项 I1 书号{\n别名:ISBN   # 国际\n    类型: 字符；长度: 13\n  }\n"
             "  数据存储 S1 库存 : \"d\" {\n    关键字: 书号、书名,作者\n    组成 ：{书号+书名}\n  }\n}\n")
    out = format_text(messy)
    assert out == ("数据字典 \"书\" {\n  数据项 I1 书号 {\n    别名: ISBN  # 国际\n    类型: 字符\n    长度: 13\n  }\n"
                   "  数据存储 S1 库存: \"d\" {\n    关键字: 书号、书名, 作者\n    组成: {书号 + 书名}\n  }\n}\n")
    assert format_text(out) == out
    assert format_text(FIXTURE) == format_text(format_text(FIXTURE))


# ---------------------------------------------------------------- outputs

def _evil():
    return flowdsl.parse('dfd a {\n  entity 甲\n  process 乙\n  甲 -[单]-> 乙 -[果]-> 甲\n}\n'
                         'dictionary "<b>x</b>" {\n  item x: "<script>alert(1)</script>"\n  flow 单 = x\n'
                         '  flow 果 {\n    组成: x\n    简述: "=1+2 | a"\n  }\n  entity 甲\n  process 乙\n}\n')


def test_html_is_escaped_and_printable():
    dd = _evil().dictionary
    page = dd.to_html()
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;x&lt;/b&gt;" in page
    assert "@page { size: A4" in page and "break-inside: avoid" in page
    assert page.count('<table class="card"') == len(dd.entries) == 5
    assert dd.lang == "en" and "<th>source</th>" in page      # English keywords: English card labels
    assert "<th>数据流来源</th>" in dd.to_html("zh")
    assert "<table" in dd._repr_html_()


def test_logic_fragment_goes_into_the_process_card():
    from flowdsl.export.dict_html import card_html

    dd = _evil().dictionary
    html = card_html(dd.entry("乙"), "zh", logic_html="<ol><li>判定表</li></ol>")
    assert "<ol><li>判定表</li></ol>" in html and "<th>处理逻辑</th>" in html


def test_markdown_and_csv():
    dd = _evil().dictionary
    md = dd.to_markdown("zh")
    assert md.startswith("# &lt;b&gt;x&lt;/b&gt;\n") and "&lt;script&gt;" in md and "\\| a" in md
    assert "## 数据流条目" in md and "| 数据流来源 | E1 甲 |" in md
    raw = dd.to_csv("zh")
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    rows = raw.decode("utf-8-sig").splitlines()
    assert len(rows) == 1 + len(dd.entries) and rows[0].startswith("类别,编号,名称")
    assert any(",'=1+2 | a," in r for r in rows)             # no formula for the spreadsheet


def test_dict_command_writes_every_format(tmp_path):
    run = subprocess.run([sys.executable, "-m", "flowdsl", "dict", str(ROOT / "samples" / "03-bookstore.flow"),
                          "-o", str(tmp_path), "-f", "md,html,csv"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert sorted(os.listdir(tmp_path)) == [f"03-bookstore-dictionary.{x}" for x in ("csv", "html", "md")]
    html = (tmp_path / "03-bookstore-dictionary.html").read_text(encoding="utf-8")
    assert "书店进书与售书数据字典" in html and "入库单 = 入库单号 + 入库日期" in html
    again = tmp_path / "again"
    subprocess.run([sys.executable, "-m", "flowdsl", "dict", str(ROOT / "samples" / "03-bookstore.flow"),
                    "-o", str(again), "-f", "html"], check=True, capture_output=True, timeout=120)
    assert (again / "03-bookstore-dictionary.html").read_bytes() == html.encode("utf-8")   # deterministic


@pytest.mark.parametrize("args,code", [(["missing.flow"], 2), (["-f", "pdf"], 2)])
def test_dict_command_usage_errors(args, code, tmp_path):
    argv = args if args[0] == "missing.flow" else [str(ROOT / "samples" / "03-bookstore.flow")] + args
    run = subprocess.run([sys.executable, "-m", "flowdsl", "dict", *argv, "-o", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == code and "Traceback" not in run.stderr


def test_dict_command_refuses_a_file_with_errors(tmp_path):
    bad = ROOT / "samples" / "invalid" / "FD806-entry-twice.flow"
    run = subprocess.run([sys.executable, "-m", "flowdsl", "dict", str(bad), "-o", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and "[FD806]" in run.stderr and os.listdir(tmp_path) == []


def test_the_examples_of_docs_dictionary_md_hold(tmp_path, monkeypatch):
    text = (ROOT / "docs" / "dictionary.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```flowdsl\n(.*?)```", text, re.S)
    assert blocks
    for b in blocks:            # the syntax example parses and has no mistake of the dictionary itself
        found = codes(b)
        assert not [c for c in found if c < "FD8"], found
        assert set(found) <= {"FD801"}, found      # only its parts left undefined, as an excerpt
    monkeypatch.chdir(ROOT)
    for b in re.findall(r"```python\n(.*?)```", text, re.S):
        exec(compile(b, "docs/dictionary.md", "exec"), {})      # the doc's own example, not a user file


# ---------------------------------------------------------------- generated dictionaries

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from strategies_dict import dictionary_blocks  # noqa: E402

PROP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROP
@given(dictionary_blocks(), st.sampled_from(["en", "zh"]))
def test_generated_dictionaries_round_trip_and_format(text, lang):
    case = flowdsl.parse(text)
    assert case.model is not None, case.diagnostics
    assert not [d for d in case.diagnostics if d.code < "FD2"], case.diagnostics
    again = model_of(to_text(case.model, lang))
    assert strip_spans(again) == strip_spans(case.model)
    out = format_text(text)
    assert format_text(out) == out
    assert strip_spans(model_of(out)) == strip_spans(case.model)
