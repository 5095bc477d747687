"""Parse Graphviz ``-Tjson``/``-Tjson0`` output into a small layout structure.

All coordinates are in points with the origin at the top-left corner of the graph's
bounding box and y growing *downwards* (SVG convention); Graphviz's own y grows up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

__all__ = ["Layout", "NodeBox", "EdgePath", "BBox", "parse_layout"]


@dataclass(frozen=True)
class BBox:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class NodeBox:
    name: str
    x: float        #: centre
    y: float
    width: float    #: points
    height: float
    attrs: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def bbox(self) -> BBox:
        return BBox(self.x - self.width / 2, self.y - self.height / 2,
                    self.x + self.width / 2, self.y + self.height / 2)


@dataclass(frozen=True)
class EdgePath:
    id: str                                  #: our DOT ``id`` attribute ("e3") or ""
    tail: str                                #: node names
    head: str
    points: tuple[tuple[float, float], ...]  #: B-spline control points: p0 (c1 c2 p)*
    end: tuple[float, float] | None          #: arrowhead tip (``e,x,y``)
    start: tuple[float, float] | None        #: arrow at the tail (``s,x,y``)
    label_pos: tuple[float, float] | None    #: ``lp``
    invisible: bool = False


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    nodes: dict[str, NodeBox]
    edges: tuple[EdgePath, ...]
    clusters: dict[str, BBox]


def _floats(s: str) -> list[float]:
    return [float(v) for v in s.replace(",", " ").split()]


def parse_layout(data: bytes | str, transpose: bool = False) -> Layout:
    """Turn ``dot -Tjson`` output into a :class:`Layout` (y flipped to point down).

    With ``transpose`` the x and y axes are swapped after flipping (node widths and
    heights too): a top-down layout of transposed sizes becomes a left-to-right one.
    """
    doc = json.loads(data)
    bb = _floats(doc.get("bb", "0,0,0,0"))
    llx, lly, urx, ury = bb if len(bb) == 4 else (0.0, 0.0, 0.0, 0.0)

    def pt(x: float, y: float) -> tuple[float, float]:
        p = (round(x - llx, 3), round(ury - y, 3))
        return (p[1], p[0]) if transpose else p

    def box(s: str) -> BBox:
        x0, y0, x1, y1 = _floats(s)
        (ax, ay), (bx, by) = pt(x0, y1), pt(x1, y0)
        return BBox(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))

    nodes: dict[str, NodeBox] = {}
    clusters: dict[str, BBox] = {}
    gvid_to_name: dict[int, str] = {}
    for obj in doc.get("objects", []):
        name = str(obj.get("name", ""))
        if "nodes" in obj or "subgraphs" in obj or ("bb" in obj and "pos" not in obj):
            if name.startswith("cluster") and "bb" in obj:
                clusters[name] = box(obj["bb"])
            continue
        if "pos" not in obj:
            continue
        x, y = _floats(obj["pos"])[:2]
        cx, cy = pt(x, y)
        nw = round(float(obj.get("width", 0)) * 72, 3)
        nh = round(float(obj.get("height", 0)) * 72, 3)
        if transpose:
            nw, nh = nh, nw
        nodes[name] = NodeBox(
            name, cx, cy, nw, nh,
            {k: v for k, v in obj.items() if isinstance(v, str)},
        )
        if "_gvid" in obj:
            gvid_to_name[int(obj["_gvid"])] = name

    edges: list[EdgePath] = []
    for e in doc.get("edges", []):
        end = start = None
        points: list[tuple[float, float]] = []
        pos = str(e.get("pos", ""))
        # several splines are separated by ';' (rare: concentrate); keep the first
        for item in pos.split(";")[0].split():
            if item.startswith("e,"):
                x, y = _floats(item[2:])
                end = pt(x, y)
            elif item.startswith("s,"):
                x, y = _floats(item[2:])
                start = pt(x, y)
            else:
                x, y = _floats(item)
                points.append(pt(x, y))
        lp = None
        if "lp" in e:
            x, y = _floats(e["lp"])[:2]
            lp = pt(x, y)
        tail = gvid_to_name.get(int(e.get("tail", -1)), "")
        head = gvid_to_name.get(int(e.get("head", -1)), "")
        edges.append(EdgePath(str(e.get("id", "")), tail, head, tuple(points), end, start, lp,
                              "invis" in str(e.get("style", ""))))
    w, h = round(urx - llx, 3), round(ury - lly, 3)
    if transpose:
        w, h = h, w
    return Layout(w, h, nodes, tuple(edges), clusters)
