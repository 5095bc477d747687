"""Reading a .drawio file back (tests and the preview): absolute cell boxes, edge paths.

Not part of flowdsl: a small, independent reader of mxGraph XML, so that the tests check
what draw.io would see. ``python tests/drawio_read.py FILE.drawio OUT.svg [PAGE]`` draws
a page's geometry as SVG (boxes, circles, polylines, texts) to look at.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field


@dataclass
class Cell:
    id: str
    value: str
    style: dict
    parent: str | None
    vertex: bool
    edge: bool
    source: str | None
    target: str | None
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    points: list = field(default_factory=list)
    source_point: tuple | None = None
    target_point: tuple | None = None
    offset: tuple = (0.0, 0.0)


def parse_style(style: str) -> dict:
    out = {}
    for part in (style or "").split(";"):
        if not part:
            continue
        k, eq, v = part.partition("=")
        out[k] = v if eq else None
    return out


def read_pages(data: bytes) -> list[tuple[str, dict[str, Cell]]]:
    root = ET.fromstring(data)
    assert root.tag == "mxfile"
    pages = []
    for d in root.findall("diagram"):
        cells: dict[str, Cell] = {}
        for c in d.find("mxGraphModel").find("root").findall("mxCell"):
            cell = Cell(c.get("id"), c.get("value") or "", parse_style(c.get("style") or ""), c.get("parent"),
                        c.get("vertex") == "1", c.get("edge") == "1", c.get("source"), c.get("target"))
            g = c.find("mxGeometry")
            if g is not None:
                cell.x, cell.y = float(g.get("x", 0)), float(g.get("y", 0))
                cell.w, cell.h = float(g.get("width", 0)), float(g.get("height", 0))
                arr = g.find("Array")
                if arr is not None:
                    cell.points = [(float(p.get("x")), float(p.get("y"))) for p in arr.findall("mxPoint")]
                for p in g.findall("mxPoint"):
                    pt = (float(p.get("x", 0)), float(p.get("y", 0)))
                    if p.get("as") == "sourcePoint":
                        cell.source_point = pt
                    elif p.get("as") == "targetPoint":
                        cell.target_point = pt
                    elif p.get("as") == "offset":
                        cell.offset = pt
            assert cell.id not in cells, f"duplicate id {cell.id}"
            cells[cell.id] = cell
        pages.append((d.get("name"), cells))
    return pages


def absolute(cells: dict[str, Cell], cell: Cell) -> tuple[float, float, float, float]:
    x, y = cell.x, cell.y
    p = cells.get(cell.parent or "")
    while p is not None and p.vertex:
        x, y = x + p.x, y + p.y
        p = cells.get(p.parent or "")
    return (x, y, cell.w, cell.h)


def text(value: str) -> str:
    import html

    return html.unescape(value.replace("<br>", "\n"))


def to_svg(cells: dict[str, Cell]) -> str:
    from xml.sax.saxutils import escape

    els = []
    W = H = 0.0
    for c in cells.values():
        if c.vertex:
            x, y, w, h = absolute(cells, c)
            W, H = max(W, x + w), max(H, y + h)
            s = c.style
            stroke = "none" if "text" in s else "#000"
            if "ellipse" in s:
                els.append(f'<ellipse cx="{x + w / 2}" cy="{y + h / 2}" rx="{w / 2}" ry="{h / 2}" fill="#fff" stroke="{stroke}"/>')
                if s.get("shape") == "doubleEllipse":
                    els.append(f'<ellipse cx="{x + w / 2}" cy="{y + h / 2}" rx="{w / 2 - 4}" ry="{h / 2 - 4}" fill="none" stroke="#000"/>')
            elif s.get("shape") == "partialRectangle":
                d = ""
                if s.get("top", "1") != "0":
                    d += f"M{x},{y} H{x + w} "
                if s.get("bottom", "1") != "0":
                    d += f"M{x},{y + h} H{x + w} "
                if s.get("left", "1") != "0":
                    d += f"M{x},{y} V{y + h} "
                if s.get("right", "1") != "0":
                    d += f"M{x + w},{y} V{y + h} "
                if d:
                    els.append(f'<path d="{d}" fill="none" stroke="#000"/>')
            elif s.get("shape") == "document":
                els.append(f'<path d="M{x},{y} H{x + w} V{y + h * 0.85} C{x + w * 0.66},{y + h * 0.7} {x + w * 0.33},{y + h} {x},{y + h * 0.85} Z" fill="#fff" stroke="#000"/>')
            elif "swimlane" in s:
                els.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="none" stroke="#888"/>')
            else:
                rx = h / 2 if s.get("arcSize") == "50" else (6 if s.get("rounded") == "1" else 0)
                els.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}" fill="#fff" stroke="{stroke}"/>')
            ty = y + 14 if "swimlane" in s else y + h / 2
            for i, line in enumerate(text(c.value).split("\n")):
                els.append(f'<text x="{x + w / 2}" y="{ty + 5 + i * 16}" font-size="12" text-anchor="middle">{escape(line)}</text>')
    for c in cells.values():
        if c.edge:
            pts = [c.source_point] + c.points + [c.target_point]
            pts = [p for p in pts if p]
            d = " ".join(f"{x},{y}" for x, y in pts)
            els.append(f'<polyline points="{d}" fill="none" stroke="{"#06c" if c.style.get("shape") == "flexArrow" else "#000"}"/>')
            if pts:
                ex, ey = pts[-1]
                els.append(f'<circle cx="{ex}" cy="{ey}" r="3"/>')
            if c.value and len(pts) > 1:
                from flowdsl.export.drawio import _midpoint

                mx, my = _midpoint(pts)
                els.append(f'<text x="{mx + c.offset[0]}" y="{my + c.offset[1] + 4}" font-size="11" text-anchor="middle" fill="#c00">{escape(text(c.value))}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{W + 20}" height="{H + 20}" '
            f'font-family="Noto Sans CJK SC"><rect width="100%" height="100%" fill="#fff"/>' + "".join(els) + "</svg>")


if __name__ == "__main__":
    pages = read_pages(open(sys.argv[1], "rb").read())
    k = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    open(sys.argv[2], "w", encoding="utf-8").write(to_svg(pages[k][1]))
