"""Fuzzing (fast subset; ``scripts/fuzz`` runs 100,000 cases).

* Grammar-aware generated files (tests/strategies.py) are valid: no error, one
  view per chart, and a subset of them renders to SVG (well-formed XML) and DOT.
* Mutated samples and mutated generated files (byte flips, truncation, inserted
  tokens, random Unicode): ``flowdsl.parse`` and ``flowdsl.load`` never raise, and
  every diagnostic points inside the file.
"""

from __future__ import annotations

import glob
import os
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import flowdsl
from flowdsl.render import view_to_dot
from strategies import HAVE_DFD, case_problems, dfd_blocks, flow_files, mutations, span_problems, valid_dfds

from conftest import ROOT, needs_dot

SAMPLES = sorted(glob.glob(os.path.join(ROOT, "samples", "*.flow")))
SAMPLE_TEXTS = [open(p, encoding="utf-8").read() for p in SAMPLES]


def fast(n: int) -> settings:
    """``n`` examples, no deadline (the suite runs on slow CI machines)."""
    return settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck))


def assert_clean_result(text: str) -> flowdsl.Case:
    """parse() returns (never raises), diagnostics sit inside the text and print
    under the line they name."""
    case, problems = case_problems(text)
    assert not problems, (text, problems)
    return case


def errors(case) -> list[str]:
    return [f"{d.code} {d.span.line}:{d.span.column} {d.message}" for d in case.diagnostics if d.severity == "error"]


@fast(300)
@given(flow_files())
def test_generated_files_are_valid(text):
    case = assert_clean_result(text)
    assert errors(case) == [], text
    assert len(case.views) == len(case.model.charts) >= 1
    for view in case.views:   # the layout input DOT (pure; render("dot") lays out first)
        assert view_to_dot(view.view).startswith("digraph")


@needs_dot
@fast(25)
@given(flow_files(max_charts=1))
def test_generated_files_render(text):
    case = flowdsl.parse(text)
    assert errors(case) == [], text
    for diagram in case.views:
        svg = diagram.render("svg")
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert diagram.render("dot").decode("utf-8").rstrip().endswith("}")


@pytest.mark.skipif(not SAMPLES, reason="no samples")
@fast(700)
@given(st.sampled_from(SAMPLE_TEXTS).flatmap(mutations))
def test_mutated_samples_never_raise(text):
    assert_clean_result(text)


@fast(300)
@given(flow_files().flatmap(mutations))
def test_mutated_generated_files_never_raise(text):
    assert_clean_result(text)


SOUP = "chart unit step decision 单位 步骤 判断 start end a b 甲 P3.1 -> => -[ ]-> =[ ]=> { } \" “ ” ; ：【】 # //".split(" ") + [
    " ", "\n", "\r", "\r\n", "\t", "\x00", "\u2028", "\x0c", "\x85", "\u3000", "\ufeff", "\\"]


@fast(300)
@given(st.lists(st.sampled_from(SOUP), max_size=40).map("".join))
def test_token_soup_never_raises(text):
    assert_clean_result(text)


@fast(200)
@given(st.binary(max_size=200) | st.sampled_from(SAMPLE_TEXTS or [""]).map(lambda t: t.encode("gb18030")).flatmap(
    lambda b: st.integers(0, len(b)).map(lambda i: b[:i] + b"\xff\xfe\x80" + b[i:])))
def test_load_of_arbitrary_bytes_never_raises(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "x.flow"
    path.write_bytes(data)
    case = flowdsl.load(str(path))
    assert all(d.file == str(path) for d in case.diagnostics)
    text = case.source
    assert not span_problems(text, [d for d in case.diagnostics if d.code != "FD000"])
    for d in case.diagnostics:
        assert d.span.line >= 1 and d.span.column >= 1


@pytest.mark.skipif(not HAVE_DFD, reason="flowdsl/model/lower_dfd.py does not exist yet")
@fast(150)
@given(dfd_blocks(depth=3).flatmap(lambda t: st.one_of(st.just(t), mutations(t))))
def test_dfd_blocks_never_raise(text):
    case = assert_clean_result(text)
    if case.ok:
        for view in case.views:
            assert view.render("dot").startswith(b"digraph")


@pytest.mark.skipif(not HAVE_DFD, reason="flowdsl/model/lower_dfd.py does not exist yet")
@fast(150)
@given(valid_dfds())
def test_generated_dfds_are_valid(text):
    case, problems = case_problems(text, valid=True)
    assert not problems, (text, problems)
    assert case.views
    for view in case.views:
        assert view.render("dot").startswith(b"digraph")


@needs_dot
@pytest.mark.skipif(not HAVE_DFD, reason="flowdsl/model/lower_dfd.py does not exist yet")
@fast(15)
@given(valid_dfds())
def test_generated_dfds_render(text):
    case = flowdsl.parse(text)
    assert errors(case) == [], text
    for diagram in case.views:
        root = ET.fromstring(diagram.render("svg"))
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
