"""Paper sizes, fitting a drawing onto a sheet of paper, and the smallest printed text.

A drawing is placed on its paper inside 15 mm margins, scaled down to fit (never up:
a small diagram keeps its natural size) and centred. ``orientation="auto"`` takes the
orientation in which the drawing comes out larger. Everything here works on the
SVG we write ourselves (its ``viewBox`` and its ``font-size`` attributes), so the
figures are the same on every machine.

    >>> paper_size("A4", "portrait")
    (595.276, 841.89)
    >>> fit(1000.0, 500.0, "A4", "auto")[1]
    'landscape'
    >>> round(fit(1000.0, 500.0, "A4", "auto")[0], 3)
    0.757
    >>> fit(100.0, 100.0, "A4", "portrait")
    (1.0, 'portrait')
"""

from __future__ import annotations

import re

__all__ = [
    "PAPERS", "MARGIN_MM", "MARGIN", "MIN_TEXT_PT", "ORIENTATIONS", "canonical_paper",
    "paper_size", "fit", "svg_size", "svg_min_font", "place_on_paper",
]

#: paper name -> (width, height) in points, portrait
PAPERS: dict[str, tuple[float, float]] = {
    "A4": (595.276, 841.89),
    "A3": (841.89, 1190.551),
    "letter": (612.0, 792.0),
}
ORIENTATIONS = ("portrait", "landscape", "auto")
MARGIN_MM = 15.0
MARGIN = MARGIN_MM / 25.4 * 72.0    #: 42.52 pt on every side
MIN_TEXT_PT = 8.0                   #: a sheet whose smallest text prints smaller is split


def canonical_paper(name: str | None) -> str | None:
    """ "a4" -> "A4", "Letter" -> "letter", "none" -> "none"; None for an unknown name."""
    if name is None:
        return None
    key = name.strip().lower()
    if key in ("none", "natural", "无", "自然"):
        return "none"
    for paper in PAPERS:
        if paper.lower() == key:
            return paper
    return None


def paper_size(paper: str, orientation: str) -> tuple[float, float]:
    """(width, height) in points of ``paper`` in ``orientation`` (portrait / landscape)."""
    w, h = PAPERS[canonical_paper(paper) or paper]
    return (h, w) if orientation == "landscape" else (w, h)


def _scale(w: float, h: float, pw: float, ph: float) -> float:
    return min(1.0, (pw - 2 * MARGIN) / max(w, 1e-9), (ph - 2 * MARGIN) / max(h, 1e-9))


def fit(width: float, height: float, paper: str, orientation: str = "auto") -> tuple[float, str]:
    """(scale, orientation) of a ``width`` × ``height`` drawing placed on ``paper``:
    the largest scale ≤ 1 at which it fits inside the margins; ``auto`` picks the
    orientation with the larger scale (portrait on a tie)."""
    if canonical_paper(paper) == "none":
        return (1.0, "portrait")
    cands = ("portrait", "landscape") if orientation == "auto" else (orientation,)
    best = None
    for o in cands:
        s = _scale(width, height, *paper_size(paper, o))
        if best is None or s > best[0] + 1e-9:
            best = (s, o)
    assert best is not None
    return best


_VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')
_FONT = re.compile(r'font-size="([0-9.]+)"')


def _text(svg: str | bytes) -> str:
    return svg.decode("utf-8") if isinstance(svg, (bytes, bytearray)) else svg


def svg_size(svg: str | bytes) -> tuple[float, float]:
    """The drawing's natural size: the root ``viewBox`` of one of our SVGs."""
    m = _VIEWBOX.search(_text(svg))
    if m is None:
        raise ValueError("not a flowdsl SVG (no viewBox)")
    return float(m.group(1)), float(m.group(2))


def svg_min_font(svg: str | bytes) -> float:
    """The smallest ``font-size`` in the SVG, in its own units (0 when it has no text)."""
    sizes = [float(x) for x in _FONT.findall(_text(svg))]
    return min(sizes) if sizes else 0.0


def place_on_paper(svg: str | bytes, paper: str, orientation: str = "auto") -> str:
    """The SVG as one sheet of ``paper``: a white page of that size with the drawing
    scaled to fit inside the margins and centred. ``paper="none"``: unchanged."""
    text = _text(svg)
    if canonical_paper(paper) == "none":
        return text
    w, h = svg_size(text)
    s, o = fit(w, h, paper, orientation)
    pw, ph = paper_size(paper, o)
    ox, oy = (pw - w * s) / 2, (ph - h * s) / 2
    start = text.index("<svg")
    end = text.index(">", start) + 1
    root = text[start:end]
    new_root = re.sub(r'width="[0-9.]+pt" height="[0-9.]+pt" viewBox="0 0 [0-9.]+ [0-9.]+"',
                      f'width="{_num(pw)}pt" height="{_num(ph)}pt" viewBox="0 0 {_num(pw)} {_num(ph)}"',
                      root, count=1)
    new_root = new_root[:-1] + f' data-paper="{canonical_paper(paper)}" data-orientation="{o}" data-scale="{s:.4f}">'
    close = text.rindex("</svg>")
    return (text[:start] + new_root
            + f'\n<rect class="paper" x="0" y="0" width="{_num(pw)}" height="{_num(ph)}" fill="#ffffff"/>'
            + f'\n<g class="sheet" transform="translate({_num(ox)},{_num(oy)}) scale({s:.6f})">'
            + text[end:close] + "</g>\n" + text[close:])


def _num(x: float) -> str:
    return f"{x:.2f}"


def one_sheet(svg: str, fmt: str, paper: str, orientation: str = "auto", zoom: float | None = None,
              timeout: float = 30.0) -> bytes:
    """A drawing that is always one sheet (an ER diagram, a decision table or tree) as
    ``fmt``: placed on ``paper`` ("none": its natural size), then PNG / PDF by rsvg-convert
    (``zoom``: PNG pixels per point beyond 96 dpi, default ``PNG_ZOOM``; a PDF at ``zoom``)."""
    from .backend import run_rsvg
    from .formats import PNG_ZOOM

    if canonical_paper(paper) != "none":
        svg = place_on_paper(svg, paper, orientation)
    data = svg.encode("utf-8")
    if fmt == "svg":
        return data
    if fmt == "pdf":
        return run_rsvg([data], "pdf", timeout=timeout) if zoom is None else run_rsvg(data, "pdf", timeout=timeout, zoom=zoom)
    return run_rsvg(data, "png", timeout=timeout, zoom=PNG_ZOOM if zoom is None else zoom)
