"""The one-pass parser (flowdsl/lang/fastparse.py) gives the AST of Lark's path.

Lark's path is the reference: ``Transformer().transform(parser.parse(text))``. The fast
one must give an equal AST (same ``repr`` too: spans, names, kinds) on every sample
and fixture, on generated files (hypothesis and benchmarks/gen.py), on damaged
variants of them, and must refuse (``Fallback``) exactly the texts Lark rejects, so
that ``parse_text`` reports the same diagnostic.
"""

from __future__ import annotations

import glob
import os
import random
import sys

import pytest
from hypothesis import HealthCheck, given, settings

from flowdsl.lang import parser as parser_mod
from flowdsl.lang.fastparse import Fallback, fast_parser
from flowdsl.lang.larkbase import kit
from flowdsl.lang.transform import build_transformer
from strategies import dfd_blocks, flow_files, mutations

from conftest import ROOT

sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
import gen  # noqa: E402


def _texts() -> list[str]:
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "**", "*.flow"), recursive=True)):
        with open(path, encoding="utf-8", errors="replace") as fh:
            out.append(fh.read().replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))
    out += [gen.purchasing_case(i) for i in range(0, 60, 3)]
    out += [gen.synthetic_model(300), "", "\n", "# only a comment\n", "chart a {\n}", "chart a {\n unit b\n}"]
    return out


TEXTS = _texts()


def _damaged(texts: list[str], n: int, seed: int = 17) -> list[str]:
    rnd = random.Random(seed)
    out = []
    pieces = ["->", "=>", " ", "\n", "{", "}", "[x]", '"', "(", ")", "+", "|", ":", ",", "、", "unit", "步骤",
              "end", "start", "by", "=", "{0}", "*"]
    for _ in range(n):
        t = rnd.choice([t for t in texts if t])
        i = rnd.randrange(len(t))
        op = rnd.randrange(4)
        if op == 0:
            t = t[:i] + t[i + 1:]
        elif op == 1:
            t = t[:i] + rnd.choice(pieces) + t[i:]
        elif op == 2:
            lines = t.split("\n")
            del lines[rnd.randrange(len(lines))]
            t = "\n".join(lines)
        else:
            t = t[:i]
        out.append(t)
    return out


def _lark_path(text: str):
    k = kit()
    try:
        return build_transformer(k.name)().transform(parser_mod.get_parser().parse(text)), None
    except Exception as e:  # noqa: BLE001 - the reference's own error
        return None, e


def _fast_path(text: str):
    fast = fast_parser(parser_mod.get_parser(), build_transformer(kit().name))
    assert fast is not None, "the one-pass parser refused the shipped parser"
    try:
        return fast.parse(text), None
    except Fallback as e:
        return None, e


def _same(text: str) -> None:
    ref, ref_err = _lark_path(text)
    got, got_err = _fast_path(text)
    if ref_err is not None:
        assert got_err is not None, f"Lark rejects ({ref_err!r}) what the fast parser accepts: {text[:120]!r}"
        return
    assert got_err is None, f"the fast parser refused a text Lark parses: {text[:120]!r}"
    assert got == ref
    assert repr(got) == repr(ref)


@pytest.mark.parametrize("i", range(len(TEXTS)))
def test_same_ast_as_lark(i):
    _same(TEXTS[i])


def test_same_verdict_on_damaged_texts():
    damaged = _damaged(TEXTS, 600)
    for t in damaged:
        _same(t)
    rejected = sum(_lark_path(t)[1] is not None for t in damaged)
    assert 100 < rejected < len(damaged)   # both kinds were tried


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(flow_files())
def test_same_ast_on_generated_files(text):
    _same(text)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(dfd_blocks())
def test_same_ast_on_generated_dfds(text):
    _same(text)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutations(TEXTS[0]))
def test_same_verdict_on_mutations(text):
    _same(text)


def test_parse_text_uses_it_and_can_be_switched_off(monkeypatch):
    text = gen.synthetic_model(200)
    fast_ast, diags = parser_mod.parse_text(text)
    assert diags == []
    monkeypatch.setenv("FLOWDSL_FAST_PARSE", "0")
    assert parser_mod._fast_parser(parser_mod.get_parser(), build_transformer(kit().name)) is None
    slow_ast, slow_diags = parser_mod.parse_text(text)
    assert (slow_ast, slow_diags) == (fast_ast, diags)


def test_a_mistake_gives_lark_s_diagnostic(monkeypatch):
    text = "chart a {\n  unit 甲\n  甲 -> \n}\n"
    fast = parser_mod.parse_text(text)
    monkeypatch.setenv("FLOWDSL_FAST_PARSE", "0")
    slow = parser_mod.parse_text(text)
    assert fast == slow and fast[0] is None and fast[1][0].code == "FD001"


def test_refuses_a_parser_it_does_not_know():
    class Other:
        options = None
    assert fast_parser(Other(), build_transformer(kit().name)) is None
