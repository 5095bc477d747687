"""Layout quality (issue 9): ``python benchmarks/layout.py [--cases] [--details] [FILES]``.

For every sample (``samples/*.flow``; with ``--cases`` the textbook exercises in
``tests/fixtures/cases/`` too) and every diagram, lays the diagram out as
``flowdsl render`` does and prints the figures of :mod:`flowdsl.render.measure`,
one table per sample and one with the totals. A business chart is the same in every
notation and is measured once; a DFD level once per notation (textbook, gane-sarson,
yourdon). ``--details`` lists what each counted figure is (edge ids e<N>, node ids).
``--edges orthogonal`` measures every diagram with right-angle arrows (``option edges``).

:func:`figures` returns the rows, for tests and for further columns: each row is
``(sample, diagram, notation, figures dict)``.
"""

from __future__ import annotations

import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

from flowdsl.render.measure import COLUMNS as MEASURED  # noqa: E402
from flowdsl.render.measure import format_table, measure  # noqa: E402

NOTATIONS = ("textbook", "gane-sarson", "yourdon")
#: g: the smallest text, in printed points, over the sheets the diagram prints on (A4)
COLUMNS = MEASURED + ("g",)
PAPER = "A4"
TARGETS = ("targets: a, b, d = 0 on every diagram; c <= 4 and e <= 2 in total; f = 0 on charts; "
           "g >= 8 pt (every sheet on A4, split where needed)")


def sample_files(cases: bool = False) -> list[str]:
    files = sorted(glob.glob(os.path.join(ROOT, "samples", "*.flow")))
    if cases:
        files += sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "cases", "*.flow")))
    return files


def diagram_figures(path: str, notations=NOTATIONS, edges: str | None = None):
    """(diagram name, notation, figures) of every diagram of one file."""
    import flowdsl
    from flowdsl.render import layout_view
    from flowdsl.render.sheets import smallest_text_pt

    rows = []
    for i, notation in enumerate(notations):
        case = flowdsl.load(path, notation=notation, **({"edges": edges} if edges else {}))
        for d in case.views:
            if d.view.kind == "business" and i > 0:
                continue
            fig = measure(d.view, layout_view(d.view))
            fig["g"] = round(smallest_text_pt(d.view, PAPER, "auto"), 1)
            rows.append((d.view.name, "-" if d.view.kind == "business" else notation,
                         d.view.kind, fig))
    return rows


def figures(files=None, notations=NOTATIONS, edges: str | None = None):
    out = []
    for path in files or sample_files():
        name = os.path.splitext(os.path.basename(path))[0]
        for diagram, notation, kind, fig in diagram_figures(path, notations, edges):
            out.append((name, diagram, notation, kind, fig))
    return out


def main(argv: list[str]) -> int:
    if "--help" in argv or "-h" in argv:
        print(__doc__)
        return 0
    details = "--details" in argv
    edges = None
    if "--edges" in argv:
        k = argv.index("--edges")
        if k + 1 >= len(argv) or argv[k + 1] not in ("curved", "orthogonal"):
            print("--edges expects curved or orthogonal", file=sys.stderr)
            return 2
        edges = argv[k + 1]
        argv = argv[:k] + argv[k + 2:]
    files = [a for a in argv if not a.startswith("--")] or sample_files("--cases" in argv)
    rows = figures(files, edges=edges)
    totals = []
    for sample in dict.fromkeys(r[0] for r in rows):
        mine = [r for r in rows if r[0] == sample]
        print(f"== {sample}")
        print(format_table([(f"{d} [{n}]" if n != "-" else d, fig) for _, d, n, _, fig in mine], COLUMNS))
        if details:
            for _, d, n, _, fig in mine:
                for item in fig["details"]:
                    print(f"   {d} [{n}]: " + " ".join(str(x) for x in item))
        print()
        total = {c: sum(fig[c] for *_, fig in mine) for c in MEASURED}
        total["g"] = min(fig["g"] for *_, fig in mine)
        total["f chart"] = sum(fig["f"] for *_, k, fig in mine if k == "business")
        totals.append((sample, total))
    print("== totals per sample (f chart: f of the business charts only)")
    print(format_table(totals, columns=COLUMNS + ("f chart",), title="sample"))
    print(TARGETS)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
