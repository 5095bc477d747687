"""Shared helpers for the flowdsl test suite."""

from __future__ import annotations

import glob
import os
import shutil

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = sorted(glob.glob(os.path.join(ROOT, "samples", "*.flow")))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
GOLDEN = os.path.join(ROOT, "tests", "golden")

HAVE_DOT = shutil.which("dot") is not None
HAVE_RSVG = shutil.which("rsvg-convert") is not None
needs_dot = pytest.mark.skipif(not HAVE_DOT, reason="Graphviz 'dot' not installed")
HAVE_TYPST = __import__("importlib.util").util.find_spec("typst") is not None
#: PNG and PDF can be made: in-process (the typst wheel) or by rsvg-convert
needs_rsvg = pytest.mark.skipif(not (HAVE_DOT and (HAVE_RSVG or HAVE_TYPST)),
                                reason="dot, or both typst and rsvg-convert, not installed")


def sample_id(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


def fixture_path(name: str) -> str:
    return os.path.join(FIXTURES, name)


def ast_of(text: str):
    """Parse ``text``; fail the test if the parser reports anything."""
    from flowdsl.lang.parser import parse_text

    ast, diags = parse_text(text)
    assert diags == [], [str(d) for d in diags]
    assert ast is not None
    return ast


def syntax_errors(text: str):
    from flowdsl.lang.parser import parse_text

    ast, diags = parse_text(text)
    assert ast is None
    return diags


def lowered(text: str):
    """(model, lowering diagnostics) of ``text``, which must parse."""
    from flowdsl.model.lower import lower

    return lower(ast_of(text))


def model_of(text: str):
    """The model of ``text``; fail if parsing or lowering reports anything."""
    model, diags = lowered(text)
    assert diags == [], [f"{d.code} {d.message}" for d in diags]
    return model


def chart_of(text: str):
    return model_of(text).charts[0]


def codes(diags) -> list[str]:
    return [d.code for d in diags]


def strip_ast(node):
    """An AST as plain data without spans (to compare two spellings of one text)."""
    import dataclasses

    from flowdsl.diagnostics import Span

    if dataclasses.is_dataclass(node) and not isinstance(node, Span):
        return {f.name: strip_ast(getattr(node, f.name)) for f in dataclasses.fields(node)
                if f.name not in ("span", "key_span", "value_span")}
    if isinstance(node, (list, tuple)):
        return [strip_ast(x) for x in node]
    if isinstance(node, Span):
        return None
    return node


@pytest.fixture(params=SAMPLES, ids=sample_id)
def sample(request) -> str:
    return request.param


def files_below(folder, skip=()) -> dict[str, bytes]:
    """Every file below ``folder`` (names in ``skip`` left out): relative path with
    ``/`` -> bytes."""
    out = {}
    for root, _, names in os.walk(folder):
        for n in names:
            if n not in skip:
                p = os.path.join(root, n)
                out[os.path.relpath(p, folder).replace(os.sep, "/")] = open(p, "rb").read()
    return out


def flow_texts() -> list[tuple[str, str]]:
    """(path relative to the repository, text) of every sample and fixture ``.flow`` file
    that is UTF-8 (the GB18030 and broken-encoding samples left out)."""
    import glob

    files = sorted(glob.glob(os.path.join(ROOT, "samples", "**", "*.flow"), recursive=True)
                   + glob.glob(os.path.join(FIXTURES, "**", "*.flow"), recursive=True))
    out = []
    for path in files:
        try:
            with open(path, encoding="utf-8") as fh:
                out.append((os.path.relpath(path, ROOT), fh.read()))
        except UnicodeDecodeError:
            continue
    return out
