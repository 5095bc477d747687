"""Issue 16: the language server re-parses only the statements an edit changed (one
``Reparser`` per open document); what it publishes after a few edits of every sample is
what a whole ``flowdsl.parse`` of the same text gives (codes, ranges, messages)."""

from __future__ import annotations

import glob
import os

import pytest

pytest.importorskip("pygls")

from conftest import ROOT  # noqa: E402
from flowdsl.app.lsp import Units  # noqa: E402
from flowdsl.api import _parse  # noqa: E402
from lsp_session import Session  # noqa: E402

SAMPLES = sorted(glob.glob(os.path.join(ROOT, "samples", "*.flow")))
#: appended: an undefined name (FD101) in a chart of its own
BAD_CHART = "\nchart zz_extra {\n  unit a\n  a -> zz_nowhere\n}\n"


def edits(text: str) -> list[str]:
    lines = text.split("\n")
    mid = len(lines) // 2
    spaced = "\n".join(l + " " if i == mid else l for i, l in enumerate(lines))
    blank = "\n".join(lines[:mid] + [""] + lines[mid:])              # every statement below moves down
    broken = "\n".join(lines[:mid] + ["{"] + lines[mid:])            # does not parse
    return [spaced, blank, broken, blank, blank + BAD_CHART, spaced + BAD_CHART, text]


def expected(text: str, path: str) -> list[tuple]:
    units = Units(text)
    case = _parse(text, path, False, None, {})   # the whole text parsed (flowdsl.parse may reuse pieces)
    return [(d.code, units.range(d.span), d.text("en")) for d in case.diagnostics]


def published(p) -> list[tuple]:
    return [(d.code, d.range, d.message.split("\n")[0]) for d in p.diagnostics]


@pytest.fixture(scope="module")
def session():
    s = Session({"debounceMs": 0, "lang": "en"})
    yield s
    s.close()


@pytest.mark.parametrize("path", SAMPLES, ids=os.path.basename)
def test_published_diagnostics_equal_a_whole_parse_after_edits(session, path):
    text = open(path, encoding="utf-8").read()
    uri = "file://" + path
    session.open(uri, text)
    assert published(session.diagnostics(uri, 1)) == expected(text, path)
    seen = set()
    for new in edits(text):
        version = session.change(uri, new)
        got = published(session.diagnostics(uri, version))
        assert got == expected(new, path)
        seen.update(code for code, _, _ in got)
    assert "FD101" in seen and any(c.startswith("FD0") for c in seen)   # the edits were seen, not ignored
