"""Issue 9 targets on every sample, in all three DFD notations: no ambiguous label (a),
no label on a symbol or another label (b), no edge through a symbol (d)."""

from __future__ import annotations

from pathlib import Path

import pytest

import flowdsl
from flowdsl.render import layout_view
from flowdsl.render.measure import measure

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "samples").glob("*.flow"))
CASES = sorted((ROOT / "tests" / "fixtures" / "cases").glob("*.flow"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_exercise_cases_are_clean_and_draw_every_diagram(path):
    case = flowdsl.load(str(path))
    assert case.ok and not [d for d in case.diagnostics if d.severity != "off"], case.format_diagnostics()
    kinds = [d.view.kind for d in case.views]
    assert kinds.count("business") == 1 and kinds.count("dfd") >= 3   # context, 0, a child



@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_labels_clear_and_edges_around_symbols(path):
    bad = []
    for notation in ("textbook", "gane-sarson", "yourdon"):
        case = flowdsl.load(str(path), notation=notation)
        assert case.ok, case.format_diagnostics()
        for d in case.views:
            if d.view.kind == "business" and notation != "textbook":
                continue
            fig = measure(d.view, layout_view(d.view))
            assert fig["labels"] > 0 or not any(e.label for e in d.view.edges)
            for item in fig["details"]:
                if item[0] in ("a", "b", "d"):
                    bad.append((d.view.name, notation, item))
    assert bad == []
