"""The Python API: parse/load, views, render/save, Jupyter display, to_text."""

from __future__ import annotations

import doctest
import os

import pytest

import flowdsl
from conftest import ROOT, needs_dot

PURCHASING = os.path.join(ROOT, "samples", "01-purchasing.flow")
BAD = "chart 请假 {\n  unit 员工\n  unit 主管\n  员工 -> 主官\n}\n"


def test_public_names():
    for name in ("parse", "load", "Case", "Diagram", "FlowdslError", "load_ipython_extension"):
        assert name in flowdsl.__all__ and getattr(flowdsl, name)
    from flowdsl import api

    assert set(api.__all__) >= {"parse", "load", "Case", "Diagram", "FlowdslError"}


@pytest.mark.parametrize("module", ["flowdsl.api", "flowdsl.model.builder", "flowdsl.lang.format", "flowdsl.app.magic",
                                    "flowdsl.diagnostics.explain", "flowdsl.app.watch", "flowdsl"])
def test_doctests(module):
    import importlib

    res = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert res.attempted > 0 and res.failed == 0


def test_load_purchasing_sample():
    case = flowdsl.load(PURCHASING)
    assert case.ok and case.diagnostics == []
    names = [v.name for v in case.views]
    assert names[0] == "物资订货" and case.views[0].view.kind == "business"
    kinds = [v.view.kind for v in case.views]
    assert kinds == sorted(kinds, key=lambda k: k != "business")   # charts first, then DFD levels
    assert case.view("物资订货").title.startswith("物资订货")
    with pytest.raises(KeyError):
        case.view("nope")
    assert "<Case '" in repr(case) and f"{len(names)} diagram(s), 0 error(s)" in repr(case)


@needs_dot
def test_render_and_save(tmp_path):
    d = flowdsl.load(PURCHASING).views[0]
    svg = d.render("svg")
    assert svg.startswith(b"<?xml") or svg.startswith(b"<svg")
    assert "采购订货单".encode() in svg
    p = d.save(str(tmp_path / "x.png"))
    assert open(p, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    paths = flowdsl.load(PURCHASING).save(str(tmp_path / "all"), "svg,dot")
    assert {"物资订货.dot", "物资订货.svg"} <= {os.path.basename(p) for p in paths}
    assert len(paths) == 2 * len(flowdsl.load(PURCHASING).views)


@needs_dot
def test_jupyter_display_of_diagram_and_case():
    case = flowdsl.load(PURCHASING)
    bundle = case.views[0]._repr_mimebundle_()
    assert "<svg" in bundle["image/svg+xml"] and "检验人员" in bundle["image/svg+xml"]
    cb = case._repr_mimebundle_()
    trees = sum(d.kind == "tree" for d in case.logic)   # decision trees are drawn too (issue 13)
    assert trees and cb["text/html"].count("<svg") == len(case.diagrams) + trees and "flowdsl-diagram" in cb["text/html"]
    one = flowdsl.parse("chart a {\n unit 甲\n unit 乙\n 甲 -> 乙\n}")._repr_mimebundle_()
    assert "<svg" in one["image/svg+xml"] and one["text/html"].count("<svg") == 1


def test_case_with_errors_displays_its_diagnostics_with_the_caret():
    case = flowdsl.parse(BAD, name="请假.flow")
    assert not case.ok and case.views == []
    html = case._repr_mimebundle_()["text/html"]
    assert "请假.flow:4:9: error[FD101]" in html
    assert "4 |   员工 -&gt; 主官" in html
    assert "|           ^^^^" in html            # caret under 主官 (two wide characters)
    assert "did you mean “主管”?" in html and "名称未定义" in html
    assert "color:#c62828" in html
    assert "<svg" not in html
    with pytest.raises(flowdsl.FlowdslError) as e:
        case.raise_for_errors()
    assert "error[FD101]" in str(e.value)


def test_to_text_round_trip_in_both_languages():
    from flowdsl.lang.unparse import strip_spans

    case = flowdsl.load(PURCHASING)
    for lang, keyword in (("en", "chart 物资订货"), ("zh", "业务流程图 物资订货")):
        text = case.to_text(lang)
        assert keyword in text
        assert strip_spans(flowdsl.parse(text).model) == strip_spans(case.model)
    with pytest.raises(flowdsl.FlowdslError):
        flowdsl.parse("chart {").to_text()


def test_magic_registers_and_renders(monkeypatch):
    pytest.importorskip("IPython")
    from flowdsl.app import magic

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda x: shown.append(x))

    class Shell:
        user_ns: dict = {}
        registered = {}

        def register_magic_function(self, f, magic_kind, magic_name):
            self.registered[(magic_kind, magic_name)] = f

    sh = Shell()
    flowdsl.load_ipython_extension(sh)
    cell = sh.registered[("line_cell", "flowdsl")]   # a line and a cell magic (issue 10)
    cell("--name 请假 --var c", BAD)
    assert len(shown) == 1 and "error[FD101]" in shown[0].data
    assert sh.user_ns["c"].diagnostics[0].code == "FD101"
    shown.clear()
    magic.flowdsl_cell("", BAD.replace("主官", "主管"))
    assert [type(x).__name__ for x in shown] == ["Diagram"]


# ---------------------------------------------------------------- explanations and docs

def test_every_code_has_an_explanation_whose_examples_hold():
    from flowdsl.diagnostics.codes import CODES
    from flowdsl.diagnostics.explain import EXPLANATIONS

    assert set(EXPLANATIONS) == set(CODES)
    for code, e in EXPLANATIONS.items():
        assert flowdsl.parse(e.right).diagnostics == [], code
        if code not in ("FD000", "FD701"):  # unreadable / too large to draw: see test_untrusted.py
            assert code in [d.code for d in flowdsl.parse(e.wrong).diagnostics], code


def test_docs_codes_md_is_generated_from_explain():
    from flowdsl.diagnostics.explain import markdown

    with open(os.path.join(ROOT, "docs", "codes.md"), encoding="utf-8") as f:
        assert f.read() == markdown(), "run: python -m flowdsl.diagnostics.explain > docs/codes.md"


@pytest.mark.parametrize("doc", ["tutorial.zh.md", "tutorial.en.md", "reference.md", "codes.md"])
def test_flowdsl_examples_in_docs_parse(doc):
    import re

    with open(os.path.join(ROOT, "docs", doc), encoding="utf-8") as f:
        blocks = re.findall(r"```flowdsl\n(.*?)```", f.read(), re.S)
    assert blocks
    for b in blocks:
        case = flowdsl.parse(b)
        codes = [d.code for d in case.diagnostics if d.code.startswith(("FD0", "FD1"))]
        if doc == "codes.md":   # wrong examples are wrong on purpose, but never unparsable by accident
            assert codes in ([], ["FD001"], ["FD002"], ["FD003"], ["FD101"], ["FD102"], ["FD103"],
                             ["FD104"], ["FD105"], ["FD106"]), b
        else:
            assert case.ok, (b, case.format_diagnostics())
