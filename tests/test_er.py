"""ER diagrams (issue 14): language, model, checks, views, rendering, derive."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import flowdsl
from flowdsl.lang.unparse import strip_spans, to_text
from flowdsl.model.er import card_max_many, ratio

from conftest import ROOT, fixture_path, model_of, needs_dot, needs_rsvg

SAMPLES = Path(ROOT) / "samples"
ER_SAMPLES = [SAMPLES / "02-stocktake.flow", SAMPLES / "03-bookstore.flow"]
INVALID = sorted((SAMPLES / "invalid").glob("FD9*.flow"))
EXPECT = re.compile(r"^#\s*expect:\s*(FD\d{3})\s+(\d+):(\d+)\s*$")


def er_of(text: str):
    case = flowdsl.parse(text)
    assert case.model is not None, case.format_diagnostics()
    return case, case.model.ers[0]


# ---------------------------------------------------------------- language and model

def test_both_keyword_sets_and_fullwidth_punctuation_give_the_same_model():
    zh = ("ER图 选课 “选课” {\n  实体 学生 （学号*：文本(10)，姓名）\n  弱实体 成绩 (学期*)\n"
          "  联系 选修：学生 m -- 课程 n （成绩）\n  标识联系 记：学生 1 -- 成绩 n\n  泛化 人员：学生、教师\n}\n")
    en = ('er 选课 "选课" {\n  entity 学生 (学号*: 文本(10), 姓名)\n  weak 成绩 (学期*)\n'
          "  relationship 选修: 学生 m -- 课程 n (成绩)\n  identifying 记: 学生 1 -- 成绩 n\n  isa 人员: 学生, 教师\n}\n")
    assert strip_spans(model_of(zh)) == strip_spans(model_of(en))
    er = model_of(zh).ers[0]
    assert [(a.name, a.key, a.type) for a in er.entities[0].attrs] == [("学号", True, "文本(10)"), ("姓名", False, None)]
    assert er.entities[1].weak and er.relationships[1].identifying
    assert er.isas[0].parent == "人员" and er.isas[0].children == ["学生", "教师"]


def test_key_clause_and_star_give_the_same_model():
    a = model_of("er x {\n  entity 学生 (学号*, 姓名)\n}\n")
    b = model_of("er x {\n  entity 学生 (学号, 姓名) key 学号\n}\n")
    assert strip_spans(a) == strip_spans(b)


def test_every_element_keeps_its_position():
    case, er = er_of(Path(fixture_path("er.flow")).read_text(encoding="utf-8"))
    lines = Path(fixture_path("er.flow")).read_text(encoding="utf-8").splitlines()
    for e in er.entities:
        assert lines[e.name_span.line - 1][e.name_span.column - 1:].startswith(e.name)
        for a in e.attrs:
            assert lines[a.span.line - 1][a.span.column - 1:].startswith(a.name)
    for r in er.relationships:
        for end in r.ends:
            assert lines[end.span.line - 1][end.span.column - 1:].startswith(end.entity)
            if end.card:
                cs = end.card_span
                assert lines[cs.line - 1][cs.column - 1:cs.end_column - 1] == end.card


def test_cardinalities_and_ratios():
    case, er = er_of(Path(fixture_path("er.flow")).read_text(encoding="utf-8"))
    rel = {r.name: r for r in er.relationships}
    assert [x.card for x in rel["讲授"].ends] == ["1..*", "0..*"]
    assert ratio(rel["选修"]) == "m:n" and ratio(rel["属于"]) == "n:1" and ratio(rel["指导"]) == "1:n"
    assert [x.entity for x in rel["授课安排"].ends] == ["教师", "课程", "班级"]
    assert [card_max_many(c) for c in ("1", "0..1", "1..1", "n", "1..*", "2..5")] == [False] * 3 + [True] * 3


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_er_construct_round_trips(lang):
    text = Path(fixture_path("er.flow")).read_text(encoding="utf-8")
    model = model_of(text)
    er = model.ers[0]
    # the fixture really has every construct
    assert {e.weak for e in er.entities} == {True, False} and er.isas and er.options and er.severities
    assert any(r.identifying for r in er.relationships) and any(len(r.ends) > 2 for r in er.relationships)
    assert any(r.attrs for r in er.relationships) and any(a.type for e in er.entities for a in e.attrs)
    out = to_text(model, lang)
    again = model_of(out)
    assert strip_spans(again) == strip_spans(model), out
    assert to_text(again, lang) == out
    assert ("ER图 教学" if lang == "zh" else "er 教学") in out


def test_formatter_keeps_keywords_and_meaning():
    from flowdsl.lang.format import format_text

    text = "E-R图 x {实体 甲 (a*)  主键 a;联系 r：甲 1 , 乙 n # c\n 弱实体 乙 （b*）}"
    out = format_text(text)
    assert out == ("E-R图 x {\n  实体 甲 (a*) 主键 a\n  联系 r: 甲 1 -- 乙 n  # c\n  弱实体 乙 (b*)\n}\n")
    assert format_text(out) == out
    fixture = Path(fixture_path("er.flow")).read_text(encoding="utf-8")
    assert format_text(format_text(fixture)) == format_text(fixture)


# ---------------------------------------------------------------- checks

@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_er_sample_reports_its_code_at_its_position(path: Path):
    code, line, col = EXPECT.match(path.read_text(encoding="utf-8").splitlines()[0]).groups()
    case = flowdsl.load(str(path))
    found = [(d.code, d.span.line, d.span.column) for d in case.diagnostics]
    assert (code, int(line), int(col)) in found, found
    assert {c for c, _, _ in found} == {code}, found
    assert all(d.message_zh and d.hint_zh for d in case.diagnostics)
    assert path.name.startswith(code + "-")


def test_every_er_code_has_an_invalid_sample():
    from flowdsl.diagnostics.codes import CODES

    assert {c for c in CODES if c.startswith("FD9")} == {p.name[:5] for p in INVALID}


def test_undefined_entity_suggests_the_nearest_one():
    case = flowdsl.parse("ER图 x {\n  实体 学生 (学号*)\n  实体 课程 (课号*)\n  联系 选: 学生 m -- 课城 n\n}\n")
    (d,) = case.diagnostics
    assert d.code == "FD905" and "课程" in d.hint and "课程" in d.hint_zh


def test_undeclared_entity_hint_uses_the_er_keyword():
    # a file in Chinese keywords: the example declares an ER 实体, not the DFD's 外部实体
    (d,) = flowdsl.parse("ER图 x {\n  实体 学生 (学号*)\n  泛化 人员: 学生\n}\n").diagnostics
    assert d.code == "FD905" and "“实体 人员" in d.hint and "外部实体" not in d.hint
    assert "“实体 人员" in d.hint_zh
    (e,) = flowdsl.parse("er x {\n  entity 学生 (学号*)\n  isa 人员: 学生\n}\n").diagnostics
    assert e.code == "FD905" and "“entity 人员" in e.hint


def test_weak_entity_hint_names_the_plain_relationship_to_change():
    case = flowdsl.load(str(SAMPLES / "invalid" / "FD907-weak-without-identifying.flow"))
    assert "标识联系 包含" in case.diagnostics[0].hint_zh


def test_er_severity_inside_the_block_applies_to_it():
    text = "ER图 x {\n  级别 FD904 关闭\n  实体 a (k*)\n  实体 b (k*)\n  实体 c (k*)\n  联系 r: a 1 -- b n\n}\n"
    assert flowdsl.parse(text).diagnostics == []
    assert [d.code for d in flowdsl.parse(text.replace("  级别 FD904 关闭\n", "")).diagnostics] == ["FD904"]


def test_check_command_on_an_er_error(tmp_path):
    run = subprocess.run([sys.executable, "-m", "flowdsl", "check", str(SAMPLES / "invalid" / "FD901-entity-without-key.flow")],
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 1 and "[FD901]" in run.stdout + run.stderr and "Traceback" not in run.stderr


# ---------------------------------------------------------------- views

def test_chen_view_has_every_symbol_and_the_cardinalities_by_the_entity_ends():
    case = flowdsl.load(str(SAMPLES / "03-bookstore.flow"))
    (v,) = [d.view for d in case.er_diagrams]
    kinds = [n.kind for n in v.nodes]
    assert kinds.count("entity") == 5 and kinds.count("weak") == 1 and "ident_rel" in kinds
    by_id = {n.id: n for n in v.nodes}
    ends = {(by_id[e.src].label, by_id[e.dst].label): e.card for e in v.edges if e.kind == "end"}
    assert ends[("供货", "书商")] == "1" and ends[("供货", "采购单")] == "n"
    assert ends[("购买", "顾客")] == "m" and ends[("购买", "图书")] == "n"
    keys = {n.label for n in v.nodes if n.kind == "attr" and n.key}
    assert {"书号", "联系电话", "行号"} <= keys
    assert [n.partial for n in v.nodes if n.label == "行号"] == [True]
    assert any(e.double for e in v.edges)   # the weak entity's line to its identifying relationship


def test_options_choose_the_notation_and_hide_attributes():
    from flowdsl.views.er import er_view

    case = flowdsl.load(str(SAMPLES / "03-bookstore.flow"))
    er = case.model.ers[0]
    crow = er_view(er, case.model, er_notation="crowsfoot")
    assert crow.notation == "crowsfoot" and not [n for n in crow.nodes if n.kind == "attr"]
    table = next(n for n in crow.nodes if n.label == "图书")
    assert table.rows[0] == ("书号: 字符(13)", "PK") and ("单价: 数值(8,2)", "") in table.rows
    hidden = er_view(er, case.model, er_attributes="hide")
    assert not [n for n in hidden.nodes if n.kind == "attr"]
    text = Path(SAMPLES / "03-bookstore.flow").read_text(encoding="utf-8")
    opt = flowdsl.parse(text.replace('ER图 书店ER "书店E-R图" {', 'ER图 书店ER "书店E-R图" {\n  选项 ER表示法 = 鸦脚'))
    assert [d.view.notation for d in opt.er_diagrams] == ["crowsfoot"]


# ---------------------------------------------------------------- rendering

def _er_diagram(path):
    case = flowdsl.load(str(path))
    return case.er_diagrams[0]


@needs_dot
@pytest.mark.parametrize("notation", ["chen", "crowsfoot"])
@pytest.mark.parametrize("attrs", ["show", "hide"])
@pytest.mark.parametrize("path", ER_SAMPLES, ids=lambda p: p.stem)
def test_layout_measure_no_ambiguous_label_no_overlap(path, notation, attrs):
    from flowdsl.render.er_fit import measure_er
    from flowdsl.views.er import er_view

    case = flowdsl.load(str(path))
    v = er_view(case.model.ers[0], case.model, er_notation=notation, er_attributes=attrs)
    m = measure_er(v)
    assert m["labels"] > 0
    assert (m["a"], m["b"], m["d"], m["g"]) == (0, 0, 0, 0), m["details"]


@needs_dot
def test_chen_svg_draws_the_textbook_symbols_and_is_deterministic():
    d = _er_diagram(SAMPLES / "03-bookstore.flow")
    svg = d.render("svg").decode("utf-8")
    assert svg == d.render("svg").decode("utf-8")
    assert 'class="flowdsl er" data-notation="chen"' in svg
    assert svg.count("<ellipse") == sum(1 for n in d.view.nodes if n.kind == "attr")
    assert svg.count('class="er-weak"') == 1 and svg.count('class="er-ident_rel"') == 1
    assert 'stroke-dasharray="3,2"' in svg                # the weak entity's partial key
    cards = re.findall(r'class="card" fill="[^"]+">([^<]+)</text>', svg)
    assert sorted(cards) == sorted(e.card for e in d.view.edges if e.kind == "end")
    assert d.render("dot").decode("utf-8").startswith("graph er {")


@needs_dot
def test_er_text_is_escaped():
    case = flowdsl.parse('er x {\n  entity a "<b>&\\"x" (k*)\n  entity b (k*)\n  relationship r "a<b": a 1 -- b n\n}\n')
    svg = case.er_diagrams[0].render("svg").decode("utf-8")
    assert "<b>" not in svg and "&lt;b&gt;&amp;&quot;x" in svg and "a&lt;b" in svg


@needs_rsvg
def test_png_and_pdf_on_paper():
    d = _er_diagram(SAMPLES / "02-stocktake.flow")
    assert d.render("png")[:8] == b"\x89PNG\r\n\x1a\n"
    assert d.render("pdf", paper="A4")[:5] == b"%PDF-"
    sheet = d.render("svg", paper="A4").decode("utf-8")
    assert 'data-paper="A4"' in sheet


@needs_rsvg
def test_render_command_emits_the_er_diagrams(tmp_path):
    from flowdsl.app.cli import main

    assert main(["render", str(SAMPLES / "02-stocktake.flow"), "-o", str(tmp_path), "-f", "svg"]) == 0
    assert (tmp_path / "02-stocktake" / "盘点ER.svg").is_file()


# ---------------------------------------------------------------- derive

@pytest.mark.parametrize("path", ER_SAMPLES, ids=lambda p: p.stem)
def test_derive_er_proposes_entities_keys_and_relationships(path):
    case = flowdsl.load(str(path))
    text = case.derive_er()
    draft = flowdsl.parse(text)
    assert draft.ok, draft.format_diagnostics()
    er = draft.model.ers[0]
    assert all(e.keys for e in er.entities)
    assert er.relationships and all(ratio(r) == "1:n" for r in er.relationships)
    from flowdsl.lang.format import format_source
    assert format_source(text) == text


def test_derive_er_bookstore_keys_from_the_dictionary():
    er = flowdsl.parse(flowdsl.load(str(SAMPLES / "03-bookstore.flow")).derive_er()).model.ers[0]
    keys = {e.name: [a.name for a in e.keys] for e in er.entities}
    assert keys["图书库存情况存档"] == ["书号"] and keys["顾客基本情况存档"] == ["联系电话"]
    assert keys["图书销售存档"] == ["收费单号", "书号"]      # the store's 关键字, both
    assert "入库台帐" not in keys          # the store's alias, not a second entity
    assert {(r.ends[0].entity, r.ends[1].entity) for r in er.relationships} >= {
        ("顾客基本情况存档", "顾客需求图书情况存档"), ("图书库存情况存档", "图书销售存档")}


def test_derive_er_cli(tmp_path):
    out = tmp_path / "er.flow"
    run = subprocess.run([sys.executable, "-m", "flowdsl", "derive", "--er", str(SAMPLES / "02-stocktake.flow"),
                          "-o", str(out)], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 0, run.stderr
    assert "实体 库存清单 (商品编号*, 商品名称, 账面数量)" in out.read_text(encoding="utf-8")
    bare = tmp_path / "none.flow"
    bare.write_text("chart a {\n  unit 甲\n  unit 乙\n  甲 -> 乙\n}\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "flowdsl", "derive", "--er", str(bare)],
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 1 and "Traceback" not in run.stderr


@needs_dot
def test_long_names_wrap_inside_their_symbols():
    case = flowdsl.parse("er x {\n  entity 顾客需求图书情况登记存档 (顾客需求图书登记编号*, 登记日期)\n"
                         "  entity 图书 (书号*)\n  relationship 顾客登记需要购买的图书: 顾客需求图书情况登记存档 n -- 图书 1\n}\n")
    from flowdsl.render.er_layout import layout_er

    v = case.er_diagrams[0].view
    lay = layout_er(v)
    for p in lay.nodes.values():
        assert len(p.lines) >= (2 if len(v.node(p.id).label) > 8 else 1)
    svg = case.er_diagrams[0].render("svg").decode("utf-8")
    assert ">顾客需求图书</text>" in svg and ">情况登记存档</text>" in svg and "顾客需求图书情况登记存档" not in svg


@needs_dot
def test_two_relationships_of_the_same_tables_are_drawn_apart():
    from flowdsl.render.er_layout import layout_er
    from flowdsl.render.er_svg import segments
    from flowdsl.views.er import er_view

    case = flowdsl.load(str(SAMPLES / "03-bookstore.flow"))
    v = er_view(case.model.ers[0], case.model, er_notation="crowsfoot", er_attributes="hide")
    segs = [(p0, p1) for e, p0, p1 in segments(v, layout_er(v)) if e.label in ("购买", "需求")]
    assert len(segs) == 2
    (a0, a1), (b0, b1) = segs
    mid = lambda p, q: ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)  # noqa: E731
    ma, mb = mid(a0, a1), mid(b0, b1)
    assert ((ma[0] - mb[0]) ** 2 + (ma[1] - mb[1]) ** 2) ** 0.5 > 20


@needs_dot
@pytest.mark.parametrize("sample", ["02-stocktake.flow", "03-bookstore.flow"])
def test_the_sample_er_diagrams_print_at_8pt_on_a4(sample):
    """Graphviz's spring layout of 书店E-R图 is 1,153 x 967 pt (7.4 pt text on A4 even
    squeezed), 盘点E-R图's 1,081 x 538 with a 10 pt "ISA" (6.6 pt). Turned so that their
    long axes lie along the sheet, then squeezed, both print at 8 pt or more, the
    measure still 0; what is drawn is that layout."""
    from flowdsl.render.er_fit import _sheet, laid_out_er, measure_er
    from flowdsl.render.er_layout import layout_er
    from flowdsl.render.paper import fit
    from flowdsl.render.sheets import smallest_text_pt

    diagram = _er_diagram(SAMPLES / sample)
    v = diagram.view
    raw, fitted = layout_er(v), laid_out_er(v)
    before, after = fit(*_sheet(v, raw), "A4")[0], fit(*_sheet(v, fitted), "A4")[0]
    assert after > before * 1.05, (before, after)
    m = measure_er(v)
    assert (m["a"], m["b"], m["c"], m["d"], m["g"]) == (0, 0, 0, 0, 0)
    svg = diagram.render("svg").decode("utf-8")
    w, h = _sheet(v, fitted)
    assert f'viewBox="0 0 {w:.2f} {h:.2f}"' in svg          # what is drawn is the fitted layout
    assert smallest_text_pt(svg) >= 8.0
    assert smallest_text_pt(diagram) == pytest.approx(smallest_text_pt(svg))   # the Diagram too
    assert min(float(x) for x in re.findall(r'font-size="([0-9.]+)"', svg)) >= 13   # "ISA" too


@needs_dot
def test_lines_meet_the_isa_triangle_on_its_outline():
    """The lines to an is-a triangle end on the triangle drawn (they stopped short of its
    sides, on a diamond of the box's size)."""
    from flowdsl.render.er_fit import laid_out_er
    from flowdsl.render.er_lines import parents, segments, triangle

    v = _er_diagram(SAMPLES / "02-stocktake.flow").view
    lay = laid_out_er(v)
    apex = parents(v, lay)
    ends = 0
    for e, p0, p1 in segments(v, lay):
        for nid, pt in ((e.src, p0), (e.dst, p1)):
            node = lay.nodes[nid]
            if node.kind != "isa":
                continue
            corners = triangle(node, apex.get(nid))
            gap = min(_seg_dist(pt, a, b) for a, b in zip(corners, corners[1:] + corners[:1]))
            assert gap < 0.05, (e, pt, corners)
            ends += 1
    assert ends == 3                                        # 员工 and its two kinds


def _seg_dist(p, a, b):
    ax, ay, bx, by = *a, *b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy)))
    return ((p[0] - ax - t * dx) ** 2 + (p[1] - ay - t * dy) ** 2) ** 0.5


def test_an_er_diagram_exports_as_dot_and_says_so_for_the_flow_formats():
    case = flowdsl.load(str(SAMPLES / "03-bookstore.flow"))
    (er,) = [d for d in case.diagrams if d.view.kind == "er"]
    dot = er.export("dot").decode("utf-8")
    assert dot.startswith("graph er {") and "layout=neato" in dot
    for to in ("mermaid", "plantuml", "drawio", "graphml", "bpmn"):
        with pytest.raises(ValueError, match="is an ER diagram"):
            er.export(to)
    with pytest.raises(ValueError, match="is an ER diagram"):
        er.to_networkx()
    assert case.to_networkx().number_of_nodes() > 0       # the case's flow diagrams still go
