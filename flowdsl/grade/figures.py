"""The student's diagram, marked: what is missing drawn dashed in blue (from the answer),
what is wrong in red, what the exercise does not ask for in amber.

The marked diagram goes through the ordinary pipeline (model → views → render): the
student's chart or DFD gets ghost elements and arrows taken from the answer, is turned
into views by flowdsl.views, laid out and drawn by flowdsl.render, and a ``<style>``
inserted into the SVG restyles the ghost and wrong groups by their ids. The renderer
needs no change, and PNG/PDF (rsvg-convert reads the same stylesheet) look the same.
"""

from __future__ import annotations

from dataclasses import replace

from ..model.types import END, START, Chart, DfdFlow, DfdNode, Edge, Element
from ..render.dot import dot_node_names
from ..views.graph import View
from .score import PartResult

COLORS = {"missing": "#1565c0", "wrong": "#d32f2f", "extra": "#ef6c00"}
GHOST = "~g"


def _ghost_keys(res: PartResult) -> tuple[dict[str, str], dict[str, str]]:
    """answer key -> student key (matched) or a ghost key (missing), and ghost -> answer key."""
    to_student = {a: s for a, (s, _) in res.nodes.items()}
    ghosts: dict[str, str] = {}
    for i, key in enumerate(k for k in res.answer.nodes if k not in to_student and k not in (START, END)):
        ghosts[f"{GHOST}{i}"] = key
        to_student[key] = f"{GHOST}{i}"
    for k in (START, END):
        to_student.setdefault(k, k)
    return to_student, ghosts


def _chart_views(res: PartResult) -> list[tuple[View, dict[str, str], dict[int, str]]]:
    from ..views.business import chart_view

    stu: Chart = res.student.source  # type: ignore[assignment, union-attr]
    ans: Chart = res.answer.source  # type: ignore[assignment]
    m, ghosts = _ghost_keys(res)
    elements = list(stu.elements)
    for g, akey in ghosts.items():
        el = ans.element(akey)
        assert el is not None
        elements.append(Element(key=g, kind=el.kind, label=el.text,
                                unit=m.get(el.unit) if el.unit else None))
    edges = list(stu.edges)
    edge_mark: dict[int, str] = {}
    extra_idx = {lk.index for lk in res.extra_links}
    for lm in res.links:
        if lm.status != "ok" and lm.student is not None:
            edge_mark[lm.student.index] = "wrong"
    for i in extra_idx:
        edge_mark[i] = "wrong"
    for lm in res.links:
        if lm.status != "ok":
            lk = lm.link
            edge_mark[len(edges)] = "missing"
            edges.append(Edge(src=m[lk.src], dst=m[lk.dst], style="goods" if lk.goods else "info", label=lk.label))
    chart = stu.model_copy(update={"elements": elements, "edges": edges,
                                   "lanes": list(stu.lanes) + [m[u] for u in ghosts.values()
                                                               if ans.element(u).kind in ("unit", "ext_unit")]
                                   if stu.lanes is not None else None})
    view = chart_view(chart)
    present = {n.id for n in view.nodes}
    ids = {el.key: f"n{i}" for i, el in enumerate(chart.elements, 1) if f"n{i}" in present}
    ids.update({START: "start", END: "end"})
    names = dot_node_names(view)
    node_mark = {names[ids[g]]: "missing" for g in ghosts if g in ids}
    extra_keys = {n.key for n in res.extra_nodes}
    node_mark.update({names[ids[k]]: "extra" for k in extra_keys if k in ids})
    kept = [i for i, e in enumerate(chart.edges) if e.src in ids and e.dst in ids]
    emark = {pos: edge_mark[i] for pos, i in enumerate(kept, 1) if i in edge_mark}
    return [(view, node_mark, emark)]


def _dfd_views(res: PartResult) -> list[tuple[View, dict[str, str], dict[int, str]]]:
    from ..views.dfd import dfd_views

    stu = res.student.source  # type: ignore[union-attr]
    ans = res.answer.source
    m, ghosts = _ghost_keys(res)
    nodes = list(stu.nodes)
    taken = {n.ident for n in stu.nodes}
    for g, akey in ghosts.items():
        n = ans.node(akey)
        ident = n.ident if n.ident not in taken else ""   # the answer's ID unless the student uses it
        nodes.append(DfdNode(key=g, kind=n.kind, name=n.text, ident=ident, ident_given=False,
                             parent=m.get(n.parent) if n.parent else None, has_child=n.has_child))
    parents = {n.parent for n in nodes if n.parent}
    nodes = [n.model_copy(update={"has_child": True}) if n.key in parents and not n.has_child else n for n in nodes]
    flows = list(stu.flows)
    wrong = {lm.student.index for lm in res.links if lm.status != "ok" and lm.student is not None}
    wrong |= {lk.index for lk in res.extra_links}
    wrong_keys = {stu.flows[i].key for i in wrong}
    for j, lm in enumerate(lm for lm in res.links if lm.status != "ok"):
        fl = ans.flows[lm.link.index]
        flows.append(DfdFlow(key=f"{GHOST}{j}", name=fl.name, ident_given=False, src=m[fl.src], dst=m[fl.dst],
                             diagram=m.get(fl.diagram) if fl.diagram else None))
    dfd = stu.model_copy(update={"nodes": nodes, "flows": flows})
    extra_vids = {f"n{i}" for i, n in enumerate(dfd.nodes, 1) if n.key in {x.key for x in res.extra_nodes}}
    ghost_vids = {f"n{i}" for i, n in enumerate(dfd.nodes, 1) if n.key.startswith(GHOST)}
    out = []
    for view in dfd_views(dfd):
        names = dot_node_names(view)
        node_mark = {names[n.id]: "missing" for n in view.nodes if n.id.rstrip("r") in ghost_vids}
        node_mark.update({names[n.id]: "extra" for n in view.nodes if n.id.rstrip("r") in extra_vids})
        if not stu.nodes:  # nothing drawn by the student: the context's system is missing too
            node_mark = {names[n.id]: "missing" for n in view.nodes}
        emark: dict[int, str] = {}
        edges = []
        for pos, e in enumerate(view.edges, 1):
            if e.ident and e.ident.startswith(GHOST):
                emark[pos] = "missing"
                e = replace(e, ident=None)
            elif e.ident in wrong_keys:
                emark[pos] = "wrong"
            edges.append(e)
        out.append((replace(view, edges=tuple(edges)), node_mark, emark))
    return out


def marked_views(res: PartResult) -> list[tuple[View, dict[str, str], dict[int, str]]]:
    """(view, node marks by DOT name, edge marks by 1-based edge position) to draw."""
    if res.student is None:  # the whole diagram is missing: the answer's, all dashed
        from ..model.types import Chart, Dfd
        from .match import LinkMatch, chart_part, dfd_part

        kind = res.answer.kind
        empty = Chart(name=res.answer.name) if kind == "chart" else Dfd(name=res.answer.name)
        res = PartResult(res.answer, chart_part(empty) if kind == "chart" else dfd_part(empty),
                         links=[LinkMatch(lk, "missing") for lk in res.answer.links])
    return _chart_views(res) if res.answer.kind == "chart" else _dfd_views(res)


#: every element our symbols are drawn with, other than text
SHAPES = ("path", "rect", "circle", "ellipse", "line", "polyline", "polygon")


def mark_css(node_mark: dict[str, str], edge_mark: dict[int, str]) -> str:
    rules = []
    for name, how in sorted(node_mark.items()):
        c = COLORS[how]
        dash = "stroke-dasharray:6 4;" if how == "missing" else "stroke-width:2.4;"
        # the shapes by name, not `:not(text)`: the in-process converter's CSS has no :not()
        shapes = ",".join(f"#flowdsl-{name} {k}" for k in SHAPES)
        rules.append(f"{shapes}{{stroke:{c};{dash}}}"
                     f"#flowdsl-{name} text,#flowdsl-{name} tspan{{fill:{c};stroke:none}}")
    for pos, how in sorted(edge_mark.items()):
        c, e = COLORS[how], f"#flowdsl-e{pos}"
        rules.append(f"{e} .line{{stroke:{c}}}{e} .arrowhead{{stroke:{c};fill:{c}}}{e}.goods .arrowhead{{fill:#ffffff}}"
                     f"{e}-label text,{e}-label tspan{{fill:{c}}}")
        if how == "missing":
            rules.append(f"{e} .line,{e} .arrowhead{{stroke-dasharray:7 4}}{e} .arrowhead{{stroke-dasharray:none}}")
        else:  # goods arrows keep their width (a double line); others get thicker
            rules.append(f"{e}.info .line,{e}.data .line{{stroke-width:2.6}}")
    return "".join(rules)


def render_marked(view: View, node_mark: dict[str, str], edge_mark: dict[int, str], fmt: str = "svg") -> bytes:
    """The view drawn by flowdsl.render with the marks' stylesheet inside the SVG."""
    from ..render import render_svg
    from ..render.backend import run_rsvg

    svg = render_svg(view)
    head_end = svg.index(">", svg.index("<svg")) + 1
    css = mark_css(node_mark, edge_mark)
    svg = svg[:head_end] + (f"\n<style>{css}</style>" if css else "") + svg[head_end:]
    data = svg.encode("utf-8")
    if fmt == "svg":
        return data
    from ..render import PNG_ZOOM
    return run_rsvg(data, fmt, zoom=PNG_ZOOM if fmt == "png" else 1.0)
