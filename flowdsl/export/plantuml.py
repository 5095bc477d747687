"""PlantUML text: business charts as activity diagrams with swimlanes
(:mod:`flowdsl.export.plantuml_activity`), DFDs as description (component-style) diagrams.

DFDs are faithful in content: every symbol with its text (IDs, locations), every flow
with its label. Approximate in looks, laid out by PlantUML: entities as bold rectangles,
processes rounded, stores as ``database``, outside units as ellipses (``usecase``).
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
    from flowdsl.render.quote import clean_text

    return clean_text(s).replace("\\", "\\\\").replace('"', "”").replace("\n", "\\n")


def to_plantuml(view: View) -> bytes:
    from flowdsl.render.specs import edge_text, is_flow_lr

    from .mermaid import node_text

    out = ["@startuml", "skinparam shadowing false", "skinparam defaultFontName \"Noto Sans CJK SC\"",
           "skinparam monochrome true", "skinparam rectangle {", "  RoundCorner<<process>> 18",
           "  BorderThickness<<entity>> 3", "}", "hide stereotype"]
    if view.kind == "business":
        from .plantuml_activity import creole, to_activity

        out = out[:4] + ["skinparam swimlaneWidth same"]
        if view.title:
            out.append(f"title {creole(view.title)}")
        return ("\n".join(out + to_activity(view) + ["@enduml"]) + "\n").encode("utf-8")
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
