"""An ER diagram squeezed to print larger, and its layout measure.

Graphviz's spring model gives a roughly square drawing; a sheet of A4 is not square,
and an ER figure prints on one sheet (the bookstore's E-R 图: 1,153 × 967 pt, so 6.9 pt
attribute text on A4 landscape). :func:`laid_out_er` moves the entities and
relationships closer along the axis that limits the print scale (the ring of attribute
ellipses around each owner is placed again), step by step, and keeps a step only when
the drawing prints larger on A4 and nothing gets worse: no symbols overlapping, and no
more ambiguous labels, labels on symbols, crossings or lines through symbols than before
(:func:`measure_er`, the figures of :mod:`flowdsl.render.measure`). Before squeezing,
the spring layout is turned: it has no up or down, and a drawing whose long axis runs
diagonally (the bookstore's: 购买 at the bottom left, 采购员 at the top right) fits the
sheet better turned until that axis lies along it. Every turn of :data:`TURNS` is tried
(the rings placed again), and the one that prints largest is kept when it prints at
least :data:`TURN_GAIN` larger and no figure gets worse. Deterministic: the same turns
and steps in the same order.
"""

from __future__ import annotations

import math

from flowdsl.render.er_layout import ErLayout, Placed, layout_er_state, repositioned
from flowdsl.views.er import ErView

#: each step moves the symbols to this fraction of their distance along the axis
STEP = 0.9
#: at most this many steps
MAX_STEPS = 6
#: the turns tried (degrees, counter-clockwise on the page; 180° and beyond give the
#: same sheet as a turn of less)
TURNS = tuple(range(15, 180, 15))
#: a turned layout is kept when it prints at least this much larger (else the drawing
#: stays as Graphviz placed it)
TURN_GAIN = 1.03


def _figures(view: ErView, lay: ErLayout) -> dict:
    from flowdsl.render.er_place import drawn_er, node_overlaps
    from flowdsl.render.measure import measure_drawn

    out = measure_drawn(drawn_er(view, lay))
    overlaps = node_overlaps(lay)
    out["g"] = len(overlaps)
    out["details"] += [("g", a, b) for a, b in overlaps]
    return out


def _sheet(view: ErView, lay: ErLayout) -> tuple[float, float]:
    from flowdsl.render.er_svg import sheet_frame
    return sheet_frame(view, lay)[:2]


def _print_scale(view: ErView, lay: ErLayout) -> float:
    from flowdsl.render.paper import fit
    return fit(*_sheet(view, lay), "A4")[0]


def laid_out_er(view: ErView, timeout: float = 30.0) -> ErLayout:
    """:func:`flowdsl.render.er_layout.layout_er`, squeezed while that prints it larger."""
    from flowdsl.render.paper import MARGIN, fit, paper_size

    lay, state = layout_er_state(view, timeout)
    if len(lay.nodes) < 2:
        return lay
    base = _figures(view, lay)
    best, best_scale = _turned_best(view, state, lay, base)
    for _ in range(MAX_STEPS):
        # squeeze along the side that limits the scale: on landscape A4 (757 × 510 pt
        # inside the margins) a drawing wider than 1.48 : 1 is limited by its width
        w, h = _sheet(view, best)
        pw, ph = paper_size("A4", fit(w, h, "A4")[1])
        axis = "x" if w / max(h, 1.0) > (pw - 2 * MARGIN) / (ph - 2 * MARGIN) else "y"
        cand = repositioned(view, state, _squeezed(best, axis))
        if cand is None:
            break
        fig = _figures(view, cand)
        scale = _print_scale(view, cand)
        if scale <= best_scale + 1e-6 or _worse(fig, base):
            break
        best, best_scale = cand, scale
    return best


def _worse(fig: dict, base: dict) -> bool:
    return fig["g"] > base["g"] or any(fig[k] > base[k] for k in ("a", "b", "c", "d"))


def _turned_best(view: ErView, state, lay: ErLayout, base: dict) -> tuple[ErLayout, float]:
    """``lay`` or, where one prints :data:`TURN_GAIN` larger with no figure worse, the
    largest-printing of its turns (:data:`TURNS`), with its print scale."""
    scale = _print_scale(view, lay)
    turns = []
    for deg in TURNS:
        cand = repositioned(view, state, _turned(lay, deg))
        if cand is not None:
            s = _print_scale(view, cand)
            if s >= scale * TURN_GAIN:
                turns.append((-s, deg, cand))
    for neg, _deg, cand in sorted(turns, key=lambda t: t[:2]):
        if not _worse(_figures(view, cand), base):
            return cand, -neg
    return lay, scale


def _core(lay: ErLayout) -> tuple[list[Placed], float, float]:
    """The entities, relationships and is-a symbols of ``lay`` (what Graphviz placed; the
    attribute rings are placed around them) and their centre."""
    core = [p for p in lay.nodes.values() if p.kind != "attr"]
    return core, sum(p.x for p in core) / len(core), sum(p.y for p in core) / len(core)


def _turned(lay: ErLayout, deg: float) -> dict[str, Placed]:
    """The entities, relationships and is-a symbols of ``lay`` turned by ``deg`` degrees
    about their centre (the symbols themselves stay upright; rings are placed again)."""
    core, cx, cy = _core(lay)
    c, s = math.cos(math.radians(-deg)), math.sin(math.radians(-deg))   # y runs down
    return {p.id: Placed(p.id, p.kind, cx + (p.x - cx) * c - (p.y - cy) * s,
                         cy + (p.x - cx) * s + (p.y - cy) * c, p.w, p.h, p.lines) for p in core}


def _squeezed(lay: ErLayout, axis: str) -> dict[str, Placed]:
    """The entities, relationships and is-a symbols of ``lay`` moved to ``STEP`` of their
    distance from the centre along ``axis`` (attribute ellipses are placed again)."""
    core, cx, cy = _core(lay)
    out = {}
    for p in core:
        x = cx + (p.x - cx) * STEP if axis == "x" else p.x
        y = cy + (p.y - cy) * STEP if axis == "y" else p.y
        out[p.id] = Placed(p.id, p.kind, x, y, p.w, p.h, p.lines)
    return out


def measure_er(view: ErView, timeout: float = 30.0) -> dict:
    """The layout measure's figures for an ER view as it is drawn (issue 14), plus ``g``:
    pairs of symbols (attribute ellipses included) whose boxes overlap."""
    return _figures(view, laid_out_er(view, timeout))


__all__ = ["laid_out_er", "measure_er"]
