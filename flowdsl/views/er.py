"""ER diagram → the view the renderer draws (issue 14).

An :class:`ErView` is plain data like :class:`flowdsl.views.graph.View`: symbols (entities,
relationships, attributes, is-a triangles) with ASCII ids in source order, and lines with
the cardinality written at each entity's end. ``notation`` is Chen's (default) or crow's
foot; ``show_attrs=False`` (``option er_attributes = hide``) draws entities and
relationships only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model.er import ErDiagram

ErNodeKind = Literal["entity", "weak", "rel", "ident_rel", "attr", "isa", "assoc"]


@dataclass(frozen=True)
class ErVNode:
    id: str                          #: e1, r1, a1, i1 … in source order
    kind: ErNodeKind
    label: str
    key: bool = False                #: attr: part of the key (underlined; dashed for a weak entity's)
    partial: bool = False            #: attr: a weak entity's partial key
    owner: str | None = None         #: attr: the entity / relationship it belongs to
    rows: tuple[tuple[str, str], ...] = ()  #: crow's foot table rows: (text, mark "PK" / "FK" / "")


@dataclass(frozen=True)
class ErVEdge:
    src: str                         #: relationship / is-a / owner id
    dst: str                         #: entity / attribute id
    kind: Literal["end", "attr", "isa_parent", "isa_child", "link"] = "end"
    card: str | None = None          #: cardinality written by the dst (entity) end
    label: str | None = None         #: crow's foot: the relationship's name on its line
    src_card: str | None = None      #: crow's foot direct line: cardinality by the src end
    double: bool = False             #: a weak entity's total participation in its identifying relationship


@dataclass(frozen=True)
class ErView:
    name: str
    title: str
    nodes: tuple[ErVNode, ...]
    edges: tuple[ErVEdge, ...]
    notation: Literal["chen", "crowsfoot"] = "chen"
    show_attrs: bool = True
    kind: Literal["er"] = "er"
    lanes: tuple[str, ...] = ()      #: never lanes (the shared budget and paper code read it)
    title_block: tuple[tuple[str, str], ...] = ()

    def node(self, ident: str) -> ErVNode | None:
        for n in self.nodes:
            if n.id == ident:
                return n
        return None


def er_view(er: ErDiagram, case=None, **options) -> ErView:
    """The view of one ER diagram; its options, else the case's, choose the notation."""
    opts = {**(getattr(case, "options", None) or {}), **er.options}
    notation = options.get("er_notation") or opts.get("er_notation", "chen")
    show = (options.get("er_attributes") or opts.get("er_attributes", "show")) != "hide"
    title = er.title or er.name
    if notation == "crowsfoot":
        return _crowsfoot(er, title, show)
    return _chen(er, title, show)


def _chen(er: ErDiagram, title: str, show: bool) -> ErView:
    nodes: list[ErVNode] = []
    edges: list[ErVEdge] = []
    ids: dict[str, str] = {}
    attr_n = 0
    for k, e in enumerate(er.entities, 1):
        ids[e.name] = f"e{k}"
        nodes.append(ErVNode(f"e{k}", "weak" if e.weak else "entity", e.text))
    weak = {e.name for e in er.entities if e.weak}

    def attrs(owner: str, items, partial: bool) -> None:
        nonlocal attr_n
        if not show:
            return
        for a in items:
            attr_n += 1
            nodes.append(ErVNode(f"a{attr_n}", "attr", a.name, key=a.key, partial=partial and a.key, owner=owner))
            edges.append(ErVEdge(owner, f"a{attr_n}", "attr"))

    for e in er.entities:
        attrs(ids[e.name], e.attrs, e.weak)
    for k, r in enumerate(er.relationships, 1):
        rid = f"r{k}"
        nodes.append(ErVNode(rid, "ident_rel" if r.identifying else "rel", r.text))
        for end in r.ends:
            if end.entity in ids:
                edges.append(ErVEdge(rid, ids[end.entity], "end", end.card,
                                     double=r.identifying and end.entity in weak))
        attrs(rid, r.attrs, False)
    _isas(er, ids, nodes, edges)
    return ErView(er.name, title, tuple(nodes), tuple(edges), "chen", show)


def _isas(er: ErDiagram, ids: dict[str, str], nodes: list, edges: list) -> None:
    for k, i in enumerate(er.isas, 1):
        iid = f"i{k}"
        nodes.append(ErVNode(iid, "isa", "ISA"))
        if i.parent in ids:
            edges.append(ErVEdge(iid, ids[i.parent], "isa_parent"))
        for c in i.children:
            if c in ids:
                edges.append(ErVEdge(iid, ids[c], "isa_child"))


def _crowsfoot(er: ErDiagram, title: str, show: bool) -> ErView:
    """Entities as tables (name, then a row per attribute, PK marked); a binary relationship
    without attributes is one line with the cardinalities at its ends, any other one a
    small associative table joined to each entity."""
    nodes: list[ErVNode] = []
    edges: list[ErVEdge] = []
    ids: dict[str, str] = {}
    for k, e in enumerate(er.entities, 1):
        ids[e.name] = f"e{k}"
        rows = tuple((a.name + (f": {a.type}" if a.type else ""), "PK" if a.key else "") for a in e.attrs) if show else ()
        nodes.append(ErVNode(f"e{k}", "weak" if e.weak else "entity", e.text, rows=rows))
    for k, r in enumerate(er.relationships, 1):
        ends = [x for x in r.ends if x.entity in ids]
        if len(r.ends) == 2 and not (r.attrs and show) and len(ends) == 2:
            a, b = ends
            edges.append(ErVEdge(ids[a.entity], ids[b.entity], "link", b.card, r.text, a.card,
                                 double=r.identifying))
            continue
        rid = f"r{k}"
        rows = tuple((a.name + (f": {a.type}" if a.type else ""), "") for a in r.attrs) if show else ()
        nodes.append(ErVNode(rid, "assoc", r.text, rows=rows))
        for end in ends:
            edges.append(ErVEdge(rid, ids[end.entity], "end", end.card))
    _isas(er, ids, nodes, edges)
    return ErView(er.name, title, tuple(nodes), tuple(edges), "crowsfoot", show)
