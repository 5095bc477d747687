"""Model → text → model: ``lower(parse(to_text(m)))`` equals ``m`` (spans ignored)."""

from __future__ import annotations

import pytest

import flowdsl
from flowdsl.model.types import CaseModel, Chart, Edge, Element
from flowdsl.lang.unparse import is_plain, quote, strip_spans, to_text

from conftest import SAMPLES, ast_of, fixture_path, model_of, sample_id

LANGS = ["en", "zh"]


def read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def model_from_file(path: str) -> CaseModel:
    return model_of(read(path))


def assert_round_trip(model: CaseModel, lang: str) -> str:
    text = to_text(model, lang)
    again = model_of(text)
    assert strip_spans(again) == strip_spans(model), text
    assert to_text(again, lang) == text          # idempotent
    return text


# ---------------------------------------------------------------- every sample, both languages

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", SAMPLES, ids=sample_id)
def test_sample_round_trip(path, lang):
    assert_round_trip(model_from_file(path), lang)


@pytest.mark.parametrize("path", SAMPLES, ids=sample_id)
def test_sample_languages_give_the_same_model(path):
    model = model_from_file(path)
    en, zh = model_of(to_text(model, "en")), model_of(to_text(model, "zh"))
    assert strip_spans(en) == strip_spans(zh)


@pytest.mark.parametrize("path", SAMPLES, ids=sample_id)
def test_sample_rewritten_has_the_same_diagnostics(path):
    """The canonical text draws the same diagrams and gets the same check results."""
    original = flowdsl.parse(read(path))
    rewritten = flowdsl.parse(to_text(original.model))
    assert [(d.code, d.message) for d in rewritten.diagnostics] == [(d.code, d.message) for d in original.diagnostics]
    assert [v.name for v in rewritten.views] == [v.name for v in original.views]
    for a, b in zip(original.views, rewritten.views):
        assert a.view == b.view


# ---------------------------------------------------------------- constructs the samples may not use

@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_construct_round_trips(lang):
    model = model_from_file(fixture_path("constructs.flow"))
    chart = model.charts[0]
    # the fixture really has what it claims, so the round trip covers it
    assert chart.lanes == ["供应商", "采购部"] and chart.lane_direction == "horizontal"
    assert {e.origin for e in chart.edges} == {"arrow", "makes", "reads", "writes"}
    assert any(e.style == "goods" and e.label for e in chart.edges)
    assert chart.element("订货单").label == "采购\n订货单"
    assert model.charts[1].lanes == []
    text = assert_round_trip(model, lang)
    assert ("step 编制" if lang == "en" else "步骤 编制") in text


@pytest.mark.parametrize("lang", LANGS)
def test_dfd_round_trips(lang):
    pytest.importorskip("flowdsl.model.lower_dfd")
    model = model_from_file(fixture_path("dfd.flow"))
    (dfd,) = model.dfds
    assert [(n.key, n.ident_given, n.parent) for n in dfd.nodes] == [
        ("E1", True, None), ("E2", False, None), ("S2", True, None), ("S1", False, None),
        ("P3", True, None), ("P3.1", True, "P3"), ("P3.2", False, "P3"), ("P1", False, None)]
    assert any(f.diagram is not None for f in dfd.flows)
    assert any(not f.ident_given for f in dfd.flows) and any(f.ident_given for f in dfd.flows)
    text = assert_round_trip(model, lang)
    assert ("process P3 进书处理" if lang == "en" else "加工 P3 进书处理") in text


def test_case_title_without_name():
    model = model_of('title "只有标题"\nchart c {\n  unit 甲\n}')
    assert model.name is None and model.title == "只有标题"
    text = assert_round_trip(model, "en")
    assert text.startswith('title "只有标题"\n')


def test_empty_model():
    assert to_text(CaseModel()) == "\n"
    assert strip_spans(model_of(to_text(CaseModel()))) == strip_spans(CaseModel())


def test_hand_built_model_round_trips():
    chart = Chart(name="c", elements=[Element(key="甲", kind="unit"), Element(key="乙", kind="unit"),
                                      Element(key="单", kind="document", label='带"引号"的\\单据')],
                  edges=[Edge(src="甲", dst="单"), Edge(src="单", dst="乙", style="goods", label="a b")])
    model = CaseModel(name="x", charts=[chart])
    text = assert_round_trip(model, "en")
    assert 'document 单 "带\\"引号\\"的\\\\单据"' in text
    assert '单 =["a b"]=> 乙' in text


# ---------------------------------------------------------------- canonical form

def test_canonical_text_of_a_small_chart():
    model = model_of('案例 请假\n业务图 请假 {\n  单位 员工\n  单据 请假单 "请假 单"\n  步骤 填写 由 员工 产生 请假单\n'
                     '  员工 -> 填写 -[提交]-> 请假单\n}')
    assert to_text(model) == (
        "case 请假\n"
        "\n"
        "chart 请假 {\n"
        "  unit 员工\n"
        '  document 请假单 "请假 单"\n'
        "  step 填写 by 员工 makes 请假单\n"
        "  员工 -> 填写\n"
        "  填写 -[提交]-> 请假单\n"
        "}\n"
    )
    assert to_text(model, "zh") == (
        "案例 请假\n"
        "\n"
        "业务流程图 请假 {\n"
        "  单位 员工\n"
        '  单据 请假单 "请假 单"\n'
        "  步骤 填写 由 员工 产生 请假单\n"
        "  员工 -> 填写\n"
        "  填写 -[提交]-> 请假单\n"
        "}\n"
    )


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        to_text(CaseModel(), "fr")


@pytest.mark.parametrize("text,expected", [
    ("采购单", '"采购单"'),
    ('说"好"', '"说\\"好\\""'),
    ("a\\b", '"a\\\\b"'),
    ("两\n行", '"两\\n行"'),
    ("tab\there", '"tab\\there"'),
])
def test_quote(text, expected):
    assert quote(text) == expected
    # and the parser reads it back as the same text
    (decl,) = ast_of(f"chart c {{\n  unit 甲 {quote(text)}\n}}").items[0].body
    assert decl.label == text


@pytest.mark.parametrize("text,plain", [
    ("合格", True), ("P3.1", True), ("a_b", True), ("带 空格", False), ("end", False),
    ("结束", False), ("gane-sarson", False), ("", False), ('"', False),
])
def test_is_plain(text, plain):
    assert is_plain(text) is plain


def test_strip_spans_removes_every_span_field():
    model = model_from_file(fixture_path("constructs.flow"))
    data = strip_spans(model)

    def keys(x):
        if isinstance(x, dict):
            for k, v in x.items():
                yield k
                yield from keys(v)
        elif isinstance(x, list):
            for v in x:
                yield from keys(v)

    assert not [k for k in keys(data) if k == "span" or k.endswith("_span")]
    assert data["charts"][0]["elements"][0]["key"] == "采购部"


@pytest.mark.parametrize("lang", LANGS)
def test_every_er_construct_round_trips(lang):
    """The ER block (issue 14): entities with keys and types, a key clause, weak entities,
    relationships of two and three entities with attributes and min..max ends, an identifying
    relationship, is-a, options and severities inside the block (tests/fixtures/er.flow)."""
    model = model_from_file(fixture_path("er.flow"))
    (er,) = model.ers
    assert er.isas and er.severities and any(e.weak for e in er.entities)
    assert any(r.identifying for r in er.relationships) and any(len(r.ends) == 3 for r in er.relationships)
    assert {x.card for r in er.relationships for x in r.ends} >= {"1", "n", "m", "1..*", "0..*", "0..1"}
    text = assert_round_trip(model, lang)
    assert ("标识联系 记录" if lang == "zh" else "identifying 记录") in text
