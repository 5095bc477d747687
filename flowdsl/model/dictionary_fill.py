"""The dictionary as the student reads it: what the file writes, the ``define`` lines as
short entries, and every field the diagram already says filled in from the DFDs (a
flow's source and destination, a store's flows in and out, a process's inputs and
outputs, an entity's flows, the IDs). Nothing filled in here is ever typed."""

from __future__ import annotations

from .dictionary import DictEntry, Dictionary


def node_text(n) -> str:
    """``P3.2 编目处理`` (ID and name, as cards and messages name a DFD element)."""
    return f"{n.ident} {n.name}" if n.ident else n.name


def flow_text(f, nodes) -> str:
    """``F4 销售清单``; an unnamed flow by its other end (``（读 S02 图书库存情况存档）``)."""
    if f.name:
        return f"{f.key} {f.name}" if f.ident_given else f.name
    return f"（{node_text(nodes[f.src])} → {node_text(nodes[f.dst])}）"


def _add(out: list[str], text: str) -> None:
    if text not in out:
        out.append(text)


def _lowest(dfd, keys: list[str]) -> list[str]:
    """Drop a process whose child diagram draws another of ``keys`` (P3 beside P3.1: the
    card names the bottom-level process)."""
    parents: set[str] = set()
    nodes = {n.key: n for n in dfd.nodes}
    for k in keys:
        p = nodes[k].parent
        while p is not None:
            parents.add(p)
            p = nodes[p].parent
    return [k for k in keys if k not in parents]


def kind_on_diagram(case, name: str, dfd_name: str | None = None) -> str | None:
    """What ``name`` is on the DFDs (``flow``, ``store``, ``process``, ``entity``), or None."""
    for d in case.dfds:
        if dfd_name is not None and d.name != dfd_name:
            continue
        for n in d.nodes:
            if n.name == name:
                return n.kind
        if any(f.name == name and not f.goods for f in d.flows):
            return "flow"
    return None


#: the fields ``fill`` adds to (lists, each copied)
_FILLED = ("ids", "sources", "destinations", "inputs", "outputs")


def fill(entry: DictEntry, case) -> DictEntry:
    """A copy of ``entry`` with the diagram's fields filled in."""
    # a copy with its own lists of what is filled in (a deep copy of the whole entry,
    # composition tree and spans included, was half the time of checking a case)
    e = entry.model_copy(update={k: list(getattr(entry, k)) for k in _FILLED})
    for d in case.dfds:
        if e.dfd is not None and d.name != e.dfd:
            continue
        nodes = {n.key: n for n in d.nodes}
        if e.kind == "flow":
            flows = [f for f in d.flows if f.name == e.name and not f.goods]
            srcs = _lowest(d, list(dict.fromkeys(f.src for f in flows)))
            dsts = _lowest(d, list(dict.fromkeys(f.dst for f in flows)))
            for f in flows:
                e.on_diagram = True
                if f.ident_given:
                    _add(e.ids, f.key)
            for k in srcs:
                _add(e.sources, node_text(nodes[k]))
            for k in dsts:
                _add(e.destinations, node_text(nodes[k]))
        elif e.kind in ("store", "process", "entity"):
            for n in d.nodes:
                if n.name != e.name or n.kind != e.kind:
                    continue
                e.on_diagram = True
                if n.ident:   # the diagram draws it, numbered automatically or not
                    _add(e.ids, n.ident)
                for f in d.flows:
                    if f.goods:
                        continue
                    if f.dst == n.key:
                        _add(e.inputs, flow_text(f, nodes))
                    if f.src == n.key:
                        _add(e.outputs, flow_text(f, nodes))
    return e


def complete(case) -> Dictionary:
    """The whole dictionary of ``case``: written entries filled in from the diagram, then
    each ``define`` as a short entry of the kind its name has on the diagram (a flow, a
    store) or a data structure."""
    d = case.dictionary
    entries = [fill(e, case) for e in d.entries]
    named = {e.name for e in entries}
    for df in case.definitions:
        if df.name in named:
            continue
        named.add(df.name)
        kind = kind_on_diagram(case, df.name)
        kind = kind if kind in ("flow", "store") else "structure"
        e = DictEntry.model_construct(kind=kind, name=df.name, description=df.description,
                                      composition=df.comp, short=True, origin="define",
                                      span=df.span, name_span=df.span)
        e.field_spans = {"composition": df.span}
        entries.append(fill(e, case))
    return Dictionary.model_construct(title=d.title, declared=d.declared, entries=entries)


def all_parts(case) -> dict[str, list[str]]:
    """Name -> the names its composition mentions, from ``define`` lines and entries (the
    balancing check and the chart ↔ DFD comparison read the dictionary through this)."""
    out: dict[str, list[str]] = {}
    for df in case.definitions:
        out.setdefault(df.name, []).extend(df.parts)
    dictionary = getattr(case, "dictionary", None)
    for e in (dictionary.entries if dictionary is not None else ()):
        parts = out.setdefault(e.name, [])
        parts.extend(e.parts)
        if e.alias:
            parts.append(e.alias)
    return out
