"""Printed text size (issue 9, column g): ``python benchmarks/paper.py [--paper A4] [FILES]``.

For every diagram of the samples (a business chart once, a DFD level once per
notation) prints its natural size, the smallest text when the whole diagram is
fitted on one sheet of the paper (15 mm margins; what a PDF was before sheets), and
the sheets ``flowdsl render -f pdf`` prints it on: their number, orientation and the
smallest text over them (:func:`flowdsl.render.sheets.smallest_text_pt`).
"""

from __future__ import annotations

import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

NOTATIONS = ("textbook", "gane-sarson", "yourdon")


def rows(files: list[str], paper: str = "A4"):
    import flowdsl
    from flowdsl.render import render_svg
    from flowdsl.render.paper import svg_size
    from flowdsl.render.sheets import smallest_text_pt
    from flowdsl.render.sheets import split_view

    out = []
    for path in files:
        for i, notation in enumerate(NOTATIONS):
            for d in flowdsl.load(path, notation=notation).views:
                if d.view.kind == "business" and i > 0:
                    continue
                svg = render_svg(d.view)
                w, h = svg_size(svg)
                sheets = split_view(d.view, paper, "auto")
                out.append((os.path.basename(path), d.name, "-" if d.view.kind == "business" else notation,
                            w, h, smallest_text_pt(svg, paper, "auto"), len(sheets),
                            "/".join(dict.fromkeys(s.orientation[0] for s in sheets)),
                            min(s.text_pt for s in sheets)))
    return out


def main(argv: list[str]) -> int:
    paper = "A4"
    if "--paper" in argv:
        paper = argv[argv.index("--paper") + 1]
        argv = [a for a in argv if a not in ("--paper", paper)]
    files = [a for a in argv if not a.startswith("--")] or sorted(glob.glob(os.path.join(ROOT, "samples", "*.flow")))
    table = rows(files, paper)
    print(f"{'file':<24} {'diagram':<18} {'notation':<11} {'natural':>11} {'whole':>6} "
          f"{'sheets':>6} {'or.':>3} {'g':>5}")
    for f, name, nota, w, h, whole, n, o, g in table:
        print(f"{f:<24} {name:<18} {nota:<11} {w:>5.0f}×{h:<5.0f} {whole:>6.1f} {n:>6} {o:>3} {g:>5.1f}")
    under = lambda col, x: sum(r[col] < x for r in table)  # noqa: E731
    print(f"{len(table)} diagrams; whole diagram on one {paper} sheet: {under(5, 7)} under 7 pt, "
          f"{under(5, 8)} under 8 pt; on their sheets ({sum(r[6] for r in table)} sheets): "
          f"{under(8, 7)} under 7 pt, {under(8, 8)} under 8 pt; smallest {min(r[8] for r in table):.1f} pt")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
