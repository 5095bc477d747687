"""The render-side view of one diagram: a plain, immutable graph.

A *view* is what the renderer draws. It is derived from the semantic model by
``flowdsl.views.business`` (business flow charts) or ``flowdsl.views.dfd`` (data
flow diagrams) and never refers back to the source text, so the renderer has no
knowledge of the language. Everything here is deterministic: nodes and edges are
kept in the order the view builder emits them, which is source order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: Node kinds understood by the renderer.
#: business charts: unit, unit_ext, step, decision, document, ledger, collect, start, end
#: data flow diagrams: entity, process, store
#: both, when a diagram is split into sheets: connector (off-page connector; label =
#: its letter, location = "至第2张" / "接第1张", see flowdsl/render/sheets.py)
NodeKind = Literal[
    "unit", "unit_ext", "step", "decision", "document", "ledger", "collect",
    "start", "end", "entity", "process", "store", "connector",
]

EdgeStyle = Literal["info", "goods", "data"]


@dataclass(frozen=True)
class VNode:
    id: str                      #: stable DOT/SVG id, ASCII only (n1, n2 ... in source order)
    kind: NodeKind
    label: str                   #: text shown in the symbol (may contain "\n")
    lane: str | None = None      #: lane name (swimlane charts only)
    ident: str | None = None     #: printed ID: "P3.1", "D1", "E1" (DFD) or None
    location: str | None = None  #: DFD process bottom band / business step module band
    control: str | None = None   #: control point mark, e.g. "C1" (internal control charts)
    repeat: bool = False         #: repeated copy of an entity/store (draw the repeat mark)


@dataclass(frozen=True)
class VEdge:
    src: str                     #: VNode.id
    dst: str                     #: VNode.id
    label: str | None = None     #: outcome ("合格") or data flow name
    ident: str | None = None     #: data flow ID, "F3.1"
    style: EdgeStyle = "info"    #: info = document/information, goods = material flow, data = DFD flow
    back: bool = False           #: a loop back / return (layout hint: does not constrain ranks)


@dataclass(frozen=True)
class View:
    name: str                                   #: file-safe name: "物资订货", "进书-0", "进书-P3"
    title: str                                  #: heading drawn above the diagram
    kind: Literal["business", "dfd"]
    nodes: tuple[VNode, ...]
    edges: tuple[VEdge, ...]
    lanes: tuple[str, ...] = ()                 #: swimlane order; empty = no lanes
    lane_direction: Literal["vertical", "horizontal"] = "vertical"
    lane_header: str | None = None              #: optional second header row title ("模块")
    direction: Literal["TB", "LR"] = "TB"       #: main flow direction when there are no lanes
    unit_shape: Literal["circle", "box"] = "circle"
    decision_shape: Literal["arrow", "diamond"] = "arrow"
    notation: Literal["textbook", "gane-sarson", "yourdon"] = "textbook"
    title_block: tuple[tuple[str, str], ...] = ()  #: (field, value) pairs: 业务名称, 制图, 审核, 日期 ...
    page: tuple[int, int] | None = None         #: (第x张, 共y张) when known
    extra: tuple[tuple[str, str], ...] = field(default=())  #: free notes (legend lines)
    #: control-point table under the chart: (number, step, what is controlled, who) per control point
    controls: tuple[tuple[str, str, str, str], ...] = ()
    #: (node id, anchor id): lay the node out on the anchor's rank, beside it (a ledger
    #: beside its step, a repeated copy beside the step that returns to it)
    beside: tuple[tuple[str, str], ...] = ()
    #: (before, after): an invisible constraint drawing ``after`` below ``before``
    #: (numbered steps in numeric order)
    after: tuple[tuple[str, str], ...] = ()
    #: how arrows are drawn: Graphviz's curves, or right-angle routes (``option edges``)
    edges_style: Literal["curved", "orthogonal"] = "curved"
