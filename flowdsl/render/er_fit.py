"""An ER diagram squeezed to print larger, and its layout measure.

Graphviz's spring model gives a roughly square drawing; a sheet of A4 is not square,
and an ER figure prints on one sheet (the bookstore's E-R 图: 1,153 × 967 pt, so 6.9 pt
attribute text on A4 landscape). :func:`laid_out_er` moves the entities and
relationships closer along the axis that limits the print scale (the ring of attribute
ellipses around each owner is placed again), step by step, and keeps a step only when
the drawing prints larger on A4 and nothing gets worse: no symbols overlapping, and no
more ambiguous labels, labels on symbols, crossings or lines through symbols than before
(:func:`measure_er`, the figures of :mod:`flowdsl.render.measure`). Deterministic: the
same steps in the same order.
"""

from __future__ import annotations

from flowdsl.render.er_layout import ErLayout, Placed, layout_er_state, repositioned
from flowdsl.views.er import ErView

#: each step moves the symbols to this fraction of their distance along the axis
STEP = 0.9
#: at most this many steps
MAX_STEPS = 6


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
    best, best_scale = lay, _print_scale(view, lay)
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
        if (scale <= best_scale + 1e-6 or fig["g"] > base["g"]
                or any(fig[k] > base[k] for k in ("a", "b", "c", "d"))):
            break
        best, best_scale = cand, scale
    return best


def _squeezed(lay: ErLayout, axis: str) -> dict[str, Placed]:
    """The entities, relationships and is-a symbols of ``lay`` moved to ``STEP`` of their
    distance from the centre along ``axis`` (attribute ellipses are placed again)."""
    core = [p for p in lay.nodes.values() if p.kind != "attr"]
    cx = sum(p.x for p in core) / len(core)
    cy = sum(p.y for p in core) / len(core)
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
