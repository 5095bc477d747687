"""networkx graphs and GraphML (yEd, Gephi, networkx) of our diagrams.

``to_networkx(views)`` needs no Graphviz: a ``DiGraph`` whose nodes carry ``kind``,
``label``, ``ident``, ``lane``, ``location``, ``control``, ``diagram``, ``diagram_kind``
and ``level`` (DFD level: 0 context, 1 first breakdown, 2 a child of it …; -1 for a
business chart), edges ``label``, ``ident``, ``style``, ``back``. With one view the
node names are our IDs (``n1`` …); with several, ``DIAGRAM/ID``. Attributes that do not
apply are left out (GraphML has no null). ``to_graphml(view)`` adds our layout: ``x``,
``y`` (centre), ``width``, ``height`` of every node and the ``points`` of every edge.
networkx is imported here only, never by ``check`` or ``render``.
"""

from __future__ import annotations

from flowdsl.views.graph import View


def dfd_level(view: View) -> int:
    """0 for a context diagram, 1 for the first breakdown, 2+ for child diagrams
    (one more per part of the parent's ID: P3 → 2, P3.1 → 3); -1 for a business chart."""
    if view.kind != "dfd":
        return -1
    suffix = view.name.rsplit("-", 1)[-1] if "-" in view.name else "0"
    if suffix == "context":
        return 0
    if suffix == "0":
        return 1
    return 1 + len(suffix.split("."))


def _node_attrs(view: View, n) -> dict:
    out = {"kind": n.kind, "label": n.label, "diagram": view.name, "diagram_kind": view.kind,
           "level": dfd_level(view)}
    for key in ("ident", "lane", "location", "control"):
        v = getattr(n, key)
        if v:
            out[key] = v
    if n.repeat:
        out["repeat"] = True
    return out


def _edge_attrs(e) -> dict:
    out = {"style": e.style, "back": bool(e.back)}
    if e.label:
        out["label"] = e.label
    if e.ident:
        out["ident"] = e.ident
    return out


def to_networkx(views: list[View]):
    import networkx as nx

    g = nx.DiGraph()
    single = len(views) == 1

    def name(view: View, vid: str) -> str:
        return vid if single else f"{view.name}/{vid}"

    for view in views:
        for n in view.nodes:
            g.add_node(name(view, n.id), **_node_attrs(view, n))
        for e in view.edges:
            a, b = name(view, e.src), name(view, e.dst)
            if g.has_edge(a, b):  # two flows between the same pair: keep both labels
                old = g.edges[a, b]
                for key, v in _edge_attrs(e).items():
                    if key in ("label", "ident") and key in old:
                        old[key] = f"{old[key]}; {v}"
                    else:
                        old.setdefault(key, v)
                continue
            g.add_edge(a, b, **_edge_attrs(e))
    if single:
        g.graph.update(name=views[0].name, title=views[0].title, kind=views[0].kind)
    return g


def to_graphml(view: View, placed=None) -> bytes:
    import io

    import networkx as nx

    from .geometry import place

    p = placed or place(view)
    g = to_networkx([view])
    for pn in p.nodes:
        g.nodes[pn.node.id].update(x=pn.cx, y=pn.cy, width=pn.w, height=pn.h)
    for pe in p.edges:
        attrs = g.edges[pe.edge.src, pe.edge.dst]
        attrs.setdefault("points", " ".join(f"{x:g},{y:g}" for x, y in pe.points))
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()
