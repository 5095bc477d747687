"""PlantUML text: a description (component-style) diagram of every chart and DFD.

Faithful in content: every symbol with its text (IDs, locations, control points), every
flow with its label, lanes as frames in our order. Approximate in looks, laid out by
PlantUML: units as ellipses (``usecase``), documents as ``file``, ledgers as ``card``,
stores as ``database``, steps, processes and entities as rectangles (entities bold),
goods flows as bold arrows. A chart is not written as an activity diagram: PlantUML's
activity syntax cannot state an arbitrary graph (returns, documents passed between
units), so every arrow would not survive.
"""

from __future__ import annotations

from flowdsl.views.graph import View

ELEMENTS = {
    "unit": "usecase", "unit_ext": "usecase", "step": "rectangle", "decision": "rectangle",
    "document": "file", "ledger": "card", "collect": "card", "start": "usecase", "end": "usecase",
    "entity": "rectangle", "process": "rectangle", "store": "database", "connector": "label",
}


def text(s: str | None) -> str:
    """A quoted PlantUML string: no double quotes (turned into ”), line breaks as ``\\n``,
    backslashes doubled.

    >>> text('a"b\\nc')
    'a”b\\\\nc'
    """
    return (s or "").replace("\\", "\\\\").replace('"', "”").replace("\r", "").replace("\n", "\\n")


def to_plantuml(view: View) -> bytes:
    from flowdsl.render.specs import edge_text, is_flow_lr

    from .mermaid import node_text

    out = ["@startuml", "skinparam shadowing false", "skinparam defaultFontName \"Noto Sans CJK SC\"",
           "skinparam monochrome true", "skinparam rectangle {", "  RoundCorner<<process>> 18",
           "  BorderThickness<<entity>> 3", "}", "hide stereotype"]
    if is_flow_lr(view):
        out.append("left to right direction")
    if view.title:
        out.append(f"title {text(view.title)}")

    def element(n) -> str:
        kind = ELEMENTS.get(n.kind, "rectangle")
        stereo = {"process": " <<process>>", "entity": " <<entity>>", "unit_ext": " <<外部>>"}.get(n.kind, "")
        return f'{kind} "{text(node_text(view, n))}" as {n.id}{stereo}'

    lanes = list(dict.fromkeys(view.lanes))
    for k, lane in enumerate(lanes, 1):
        out.append(f'rectangle "{text(lane)}" as lane{k} {{')
        out += ["  " + element(n) for n in view.nodes if n.lane == lane]
        out.append("}")
    out += [element(n) for n in view.nodes if n.lane not in lanes]
    for e in view.edges:
        arrow = "-[bold]->" if e.style == "goods" else "-->"
        label = edge_text(e)
        out.append(f"{e.src} {arrow} {e.dst}" + (f' : "{text(label)}"' if label else ""))
    out.append("@enduml")
    return ("\n".join(out) + "\n").encode("utf-8")
