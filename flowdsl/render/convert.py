"""SVG to PNG and PDF in-process, through the ``typst`` wheel (no program to install).

Typst places each of our SVGs as an image on a page of exactly its size and writes the
PDF (every sheet a page, fonts embedded once for the whole document, subset, text kept
as text) or the PNG (rasterised with resvg, the page filled white as ``rsvg-convert -b
white`` does). Fonts come from the system (fontconfig's folders, Windows' and macOS'
font folders), so Chinese text uses the same Noto Sans CJK / Microsoft YaHei / PingFang
face the SVG's ``font-family`` list names. Sizes follow ``rsvg-convert``: at zoom 1 a
PNG has 96 pixels per inch, a PDF page is the SVG's size.

One compiler per thread (its font scan costs ~80 ms once); a forked worker makes its
own. The output does not depend on the time: the PDF is dated ``SOURCE_DATE_EPOCH``
(default 2000-01-01). :mod:`flowdsl.render.backend` falls back to ``rsvg-convert``
when the wheel is missing or an SVG has a size this module does not read
(:class:`Unsupported`).
"""

from __future__ import annotations

import os
import re
import threading

from flowdsl.render.children import FIXED_DATE, RenderError

__all__ = ["Unsupported", "available", "convert", "svg_size_pt"]


class Unsupported(Exception):
    """This SVG cannot be converted here (no readable size): use rsvg-convert."""


_AVAILABLE: list[bool] = []


def available() -> bool:
    """True when the ``typst`` wheel can be imported (looked up once, not imported)."""
    if not _AVAILABLE:
        import importlib.util

        _AVAILABLE.append(importlib.util.find_spec("typst") is not None)
    return _AVAILABLE[0]


#: points per unit (CSS: 96 px to the inch)
_UNITS = {"pt": 1.0, "px": 0.75, "": 0.75, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "pc": 12.0}
_ROOT = re.compile(rb"<svg\b[^>]*>", re.S)
_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([a-z]*)\s*$")


def svg_size_pt(svg: bytes) -> tuple[float, float]:
    """The width and height of an SVG in points, from its root element's attributes."""
    m = _ROOT.search(svg[:4096])
    if not m:
        raise Unsupported("no <svg> element at the start")
    tag = m.group(0).decode("utf-8", "replace")
    size = []
    for attr in ("width", "height"):
        a = re.search(rf"\s{attr}\s*=\s*[\"']([^\"']*)[\"']", tag)
        length = _LENGTH.match(a.group(1)) if a else None
        if not length or length.group(2) not in _UNITS:
            raise Unsupported(f"no absolute {attr} on the <svg> element")
        size.append(float(length.group(1)) * _UNITS[length.group(2)])
    if not (size[0] > 0 and size[1] > 0):
        raise Unsupported("an empty SVG")
    return size[0], size[1]


# Every sheet is one page of its own size, the SVG filling it; `fill` is the page's
# background (white for PNG, none for PDF: our SVGs draw their own background).
_DOCUMENT = b"""#set page(margin: 0pt)
#let n = int(sys.inputs.n)
#for i in range(n) {
  let w = float(sys.inputs.at("w" + str(i))) * 1pt
  let h = float(sys.inputs.at("h" + str(i))) * 1pt
  page(width: w, height: h, fill: if sys.inputs.fill == "white" { white } else { none },
       image(bytes(sys.inputs.at("p" + str(i))), format: "svg", width: w, height: h))
}
"""

_local = threading.local()   # .compiler: (pid, typst.Compiler) of this thread


def _get_compiler():
    """This thread's compiler (made on its first conversion; a forked process makes its
    own). Compilers are not shared between threads, so conversions on several threads
    run at once: typst releases the GIL while it works."""
    pid = os.getpid()
    mine = getattr(_local, "compiler", None)
    if mine is None or mine[0] != pid:
        import typst

        mine = _local.compiler = (pid, typst.Compiler())
    return mine[1]


def convert(pages: list[bytes], fmt: str, zoom: float = 1.0) -> bytes:
    """``pages`` (SVG documents) as one PDF, or the single page as a PNG.

    ``zoom`` scales the PNG's resolution (1: 96 pixels per inch) and the PDF's pages."""
    if fmt not in ("png", "pdf"):
        raise ValueError(f"output format must be 'png' or 'pdf', not {fmt!r}")
    if fmt == "png" and len(pages) != 1:
        raise ValueError("a PNG holds one SVG")
    inputs = {"n": str(len(pages)), "fill": "white" if fmt == "png" else "none"}
    for i, page in enumerate(pages):
        page = bytes(page)
        w, h = svg_size_pt(page)
        if fmt == "pdf":
            w, h = w * zoom, h * zoom
        inputs[f"w{i}"], inputs[f"h{i}"] = repr(w), repr(h)
        try:
            inputs[f"p{i}"] = page.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Unsupported("an SVG that is not UTF-8") from exc
    try:
        stamp = int(os.environ.get("SOURCE_DATE_EPOCH", "").strip() or FIXED_DATE)
    except ValueError:
        stamp = int(FIXED_DATE)
    compiler = _get_compiler()
    try:
        if fmt == "png":
            out = compiler.compile(format="png", input=_DOCUMENT, ppi=96.0 * zoom, sys_inputs=inputs)
        else:
            out = compiler.compile(format="pdf", input=_DOCUMENT, sys_inputs=inputs, timestamp=stamp)
    except Exception as exc:   # typst.TypstError, or a panic surfacing as an exception
        message = getattr(exc, "message", None) or str(exc)
        raise RenderError(f"converting the SVG to {fmt.upper()} failed: {message}") from exc
    if isinstance(out, list):   # a PNG of one page can come back as a list of one
        out = out[0]
    if not out:
        raise RenderError(f"converting the SVG to {fmt.upper()} gave nothing")
    return bytes(out)
