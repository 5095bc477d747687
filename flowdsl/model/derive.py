"""A first DFD drafted from a business flow chart (``flowdsl derive``, ``Case.derive_dfd``).

Follows the textbook steps (notation.md §5), on the model, never the drawing:

- outside units (``外部单位``) become external entities; the steps an outside unit does
  happen outside the system and are folded into its entity;
- the other steps and decisions become processes; the unit that does one survives as
  its location band (``位于``);
- documents and reports carried between two of those become data flows named after the
  document; ledgers become data stores, ``读取`` / ``写入`` their read / write flows;
- units inside the system, documents, start and end are passed through: a hand-off
  between units with no processing between them disappears, as do entity→entity,
  entity↔store and store→store connections (each noted in a comment);
- goods arrows are dropped, except where a process would otherwise get no input or no
  output: then the goods path becomes a data flow named after the documents that travel
  with the goods (commented, for the student to check);
- a process still without an input or an output is connected to its own unit, drawn as
  an external entity; a document that ends the chart (``→ 结束``) is filed: a data store.

IDs are numbered (P1…, E1…, S1…, F1…). The text is written in the keyword language of
the source, formatted, with a comment on each choice the student may want to revisit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .types import END, START, CaseModel, Chart, Dfd, DfdFlow, DfdNode

__all__ = ["derive_case", "DeriveError"]  # from text: flowdsl.parse(text).derive_dfd(chart)

_MSG = {
    "zh": {
        "header": "# 由业务流程图 {0} 导出的数据流程图初稿（flowdsl derive）：请检查注释处的取舍并细化",
        "absorb": "# 步骤 {0} 由外部单位 {1} 完成，在系统之外，并入外部实体 {1}",
        "merged": "# 由 {0} 合并：{0} 与 {1} 标注相同，是同一外部单位",
        "starts": "# {0} 是系统内的单位，但业务由它发起：画作外部实体（数据的来源）",
        "initiator": "# {0} 是系统内的单位，这里画作外部实体：{1} 没有{2}，由它{3}",
        "in": "输入", "out": "输出", "give": "提供", "take": "接收",
        "goods": "# 原为物流箭头（{0}），以随货单据命名为数据流：请确认",
        "named": "# 数据流名由 flowdsl 拟定：请改为实际传递的内容",
        "filed": "# {0} 在业务流程图中到此为止（归档），画作数据存储",
        "dropped": "# 省去：{0} → {1}（{2}）",
        "handoff": "单位之间的交接", "ent_store": "外部实体不能直接读写数据存储",
        "store_store": "数据存储之间不能直接传递",
        "unused": "# 外部单位 {0} 与系统没有数据往来，省去",
        "result": "{0}结果", "data_of": "{0}提供的数据", "label": "{0}（{1}）",
    },
    "en": {
        "header": "# DFD drafted from the business chart {0} (flowdsl derive): check the commented choices and refine",
        "absorb": "# step {0} is done by the outside unit {1}, outside the system: folded into entity {1}",
        "merged": "# merged with {0}: {0} and {1} have the same text, one outside unit",
        "starts": "# {0} is a unit inside the system that starts the business: drawn as an entity (where the data comes from)",
        "initiator": "# {0} is a unit inside the system, drawn here as an entity: {1} has no {2}, it {3} it",
        "in": "input", "out": "output", "give": "gives", "take": "receives",
        "goods": "# was a goods arrow ({0}): named after the documents that travel with it; check",
        "named": "# flow name made up by flowdsl: rename it after what it carries",
        "filed": "# {0} ends the chart here (filed): drawn as a data store",
        "dropped": "# left out: {0} -> {1} ({2})",
        "handoff": "a hand-off between units", "ent_store": "an entity cannot read or write a store",
        "store_store": "stores do not pass data to each other",
        "unused": "# outside unit {0} exchanges no data with the system: left out",
        "result": "{0} result", "data_of": "data from {0}", "label": "{0} ({1})",
    },
}


class DeriveError(ValueError):
    """Nothing to derive from: the file has errors, no business chart, or no chart of that name."""


@dataclass
class _Path:
    src: str
    dst: str
    docs: list[str]
    labels: list[str]
    goods: bool
    goods_label: str | None = None


@dataclass
class _Draft:
    chart: Chart
    lang: str
    nodes: dict[str, DfdNode] = field(default_factory=dict)     #: name -> node, in order
    alias: dict[str, str] = field(default_factory=dict)         #: chart key -> node name
    flows: list[tuple[str, str, str]] = field(default_factory=list)  #: (src, dst, name)
    comments: dict[tuple, list[str]] = field(default_factory=dict)   #: ("node", name) / ("flow", i) -> lines
    head: list[str] = field(default_factory=list)
    doc_flows: set[str] = field(default_factory=set)            #: flow names that are documents

    def m(self, key: str, *a) -> str:
        return _MSG[self.lang][key].format(*a)

    def add_node(self, name: str, kind: str, label=None, location=None, note: str | None = None) -> str:
        if name not in self.nodes:
            self.nodes[name] = DfdNode(key=name, kind=kind, name=name, label=label, location=location)
        if note:
            self.comments.setdefault(("node", name), []).append(note)
        return name

    def add_flow(self, src: str, dst: str, name: str, note: str | None = None) -> None:
        if (src, dst, name) in self.flows:
            return
        self.flows.append((src, dst, name))
        if note:
            self.comments.setdefault(("flow", len(self.flows) - 1), []).append(note)


def _terminals(d: _Draft) -> None:
    c = d.chart
    by_text: dict[str, str] = {}
    for el in c.elements:
        if el.kind == "ext_unit" and el.text in by_text:   # the same outside unit drawn twice
            d.alias[el.key] = by_text[el.text]
            d.comments.setdefault(("node", by_text[el.text]), []).append(d.m("merged", el.key, by_text[el.text]))
        elif el.kind == "ext_unit":
            d.alias[el.key] = by_text[el.text] = d.add_node(el.key, "entity", el.label)
        elif el.kind == "ledger":
            d.alias[el.key] = d.add_node(el.key, "store", el.label)
    for el in c.elements:
        if el.kind not in ("step", "decision"):
            continue
        unit = c.element(el.unit) if el.unit else None
        if unit is not None and unit.kind == "ext_unit":
            d.alias[el.key] = d.alias[unit.key]
            d.comments.setdefault(("node", d.alias[unit.key]), []).append(d.m("absorb", el.key, unit.text))
            continue
        loc = unit.text if unit is not None else el.unit
        d.alias[el.key] = d.add_node(el.key, "process", el.label, loc)
    # a unit inside the system that starts the business (nothing comes to it, or the chart's
    # first arrow leaves it) gives its data
    fed = {e.dst for e in c.edges} - {next((e.src for e in c.edges if e.origin == "arrow"), None)}
    for el in c.elements:
        if el.kind == "unit" and el.key not in fed and el.key not in d.nodes and any(e.src == el.key for e in c.edges):
            d.alias[el.key] = d.add_node(el.key, "entity", el.label, None, d.m("starts", el.key))


def _paths(d: _Draft) -> list[_Path]:
    """Every way from one DFD element to another through pass-through elements."""
    c = d.chart
    out: dict[str, list] = {}
    for e in c.edges:
        out.setdefault(e.src, []).append(e)
    doc_text = {el.key: el.text for el in c.elements if el.kind in ("document", "report")}
    found: list[_Path] = []
    for start in [el.key for el in c.elements if el.key in d.alias]:
        stack = [(start, [], [], False, None, frozenset([start]))]
        while stack:
            at, docs, labels, goods, glabel, seen = stack.pop()
            for e in reversed(out.get(at, [])):
                nd, nl = list(docs), list(labels)
                if e.dst in doc_text:
                    nd.append(doc_text[e.dst])
                is_goods = e.style == "goods"
                if e.label and labels and at not in d.alias and e.label not in labels:
                    continue  # a branch that contradicts the one taken earlier on this path
                if e.label and not is_goods:
                    nl.append(e.label)
                g, gl = goods or is_goods, glabel or (e.label if is_goods else None)
                if e.dst in d.alias:
                    found.append(_Path(d.alias[start], d.alias[e.dst], nd, nl, g, gl))
                elif e.dst == END and nd and not g:
                    found.append(_Path(d.alias[start], END, nd, nl, g, gl))
                elif e.dst not in seen and e.dst not in (START, END):
                    stack.append((e.dst, nd, nl, g, gl, seen | {e.dst}))
    return found


def _flow_name(d: _Draft, p: _Path) -> tuple[str, str | None]:
    if p.docs:
        return "、".join(dict.fromkeys(p.docs)) if d.lang == "zh" else ", ".join(dict.fromkeys(p.docs)), None
    if d.nodes[p.src].kind == "store":
        return d.nodes[p.src].text, None
    if d.nodes[p.dst].kind == "store":
        return d.nodes[p.dst].text, None
    name = d.m("data_of", d.nodes[p.src].text) if d.nodes[p.src].kind == "entity" else d.m("result", p.src)
    if p.labels:
        name = d.m("label", name, "、".join(p.labels) if d.lang == "zh" else ", ".join(p.labels))
    return name, d.m("named")


def _connect(d: _Draft, paths: list[_Path]) -> None:
    kinds = {n: d.nodes[n].kind for n in d.nodes}
    for p in paths:
        if p.goods:
            continue
        if p.dst == END:  # the key of the document is a name; its text may not be
            doc = next(el for el in d.chart.elements if el.kind in ("document", "report") and el.text == p.docs[-1])
            store = d.add_node(doc.key, "store", doc.label, None, d.m("filed", p.docs[-1]))
            d.add_flow(p.src, store, p.docs[-1])
            continue
        ks, kd = kinds[p.src], kinds[p.dst]
        if p.src == p.dst:
            continue
        if "process" not in (ks, kd):
            why = "handoff" if ks == kd == "entity" else "store_store" if ks == kd == "store" else "ent_store"
            d.head.append(d.m("dropped", p.src, p.dst, d.m(why)))
            continue
        name, note = _flow_name(d, p)
        d.add_flow(p.src, p.dst, name, note)
        if p.docs:
            d.doc_flows.add(name)
    # goods paths where a process would otherwise lack an input or an output; in story
    # order, again until nothing changes (documents travel on with the goods)
    goods = [p for p in paths if p.goods and p.src != p.dst and p.dst != END
             and "process" in (kinds[p.src], kinds[p.dst]) and "store" not in (kinds[p.src], kinds[p.dst])]
    def lacks(node: str, end: int) -> bool:
        """A process (or an entity) with no flow at this end: 0 out of it, 1 into it."""
        return not any(f[end] == node for f in d.flows)

    done: set[int] = set()
    changed = True
    while changed:
        changed = False
        for i, p in enumerate(goods):
            lacks_out, lacks_in = lacks(p.src, 0), lacks(p.dst, 1)
            if i in done or not (lacks_out or lacks_in):
                continue
            if kinds[p.src] == "process" and not any(f[1] == p.src for f in d.flows):
                continue  # wait until the source has its own input
            carried = p.docs or ([] if kinds[p.dst] == "entity" else
                                 [f[2] for f in d.flows if f[1] == p.src and f[2] in d.doc_flows and f[0] != p.dst])
            name = "、".join(dict.fromkeys(carried)) if carried else (p.goods_label or d.m("result", p.src))
            if carried:
                d.doc_flows.add(name)
            d.add_flow(p.src, p.dst, name, d.m("goods", p.goods_label or "=>"))
            done.add(i)
            changed = True
    for i, p in enumerate(goods):  # the rest, as they come
        if i not in done and (lacks(p.src, 0) or lacks(p.dst, 1)):
            d.add_flow(p.src, p.dst, p.goods_label or d.m("result", p.src), d.m("goods", p.goods_label or "=>"))


def _close(d: _Draft) -> None:
    """A process with no input or no output gets its own unit as an external entity."""
    units = {el.key: el for el in d.chart.elements if el.kind == "unit"}
    for name, n in list(d.nodes.items()):
        if n.kind != "process":
            continue
        has_in = any(f[1] == name for f in d.flows)
        has_out = any(f[0] == name for f in d.flows)
        if has_in and has_out:
            continue
        step = d.chart.element(name)
        unit = units.get(step.unit) if step is not None and step.unit else None
        ent_name = unit.key if unit is not None else (n.location or name + "_")
        if ent_name in d.nodes and d.nodes[ent_name].kind != "entity":
            ent_name += "_"
        label = unit.label if unit is not None else None
        if not has_in:
            d.add_node(ent_name, "entity", label, None, d.m("initiator", ent_name, name, d.m("in"), d.m("give")))
            d.add_flow(ent_name, name, d.m("data_of", d.nodes[ent_name].text), d.m("named"))
        if not has_out:
            d.add_node(ent_name, "entity", label, None, d.m("initiator", ent_name, name, d.m("out"), d.m("take")))
            d.add_flow(name, ent_name, d.m("result", name), d.m("named"))
    for name, n in list(d.nodes.items()):
        if not any(name in (f[0], f[1]) for f in d.flows):
            if n.kind == "entity":
                d.head.append(d.m("unused", name))
                del d.nodes[name]


def derive_dfd_model(chart: Chart, lang: str) -> tuple[Dfd, _Draft]:
    d = _Draft(chart, lang)
    _terminals(d)
    _connect(d, _paths(d))
    _close(d)
    counters: dict[str, int] = {}
    prefix = {"process": "P", "entity": "E", "store": "S"}
    by_name: dict[str, str] = {}
    nodes = []
    for kind in ("entity", "store", "process"):
        for n in d.nodes.values():
            if n.kind == kind:
                counters[kind] = counters.get(kind, 0) + 1
                ident = f"{prefix[kind]}{counters[kind]}"
                by_name[n.name] = ident
                nodes.append(n.model_copy(update={"key": ident, "ident": ident, "ident_given": True}))
    flows = [DfdFlow(key=f"F{i}", name=name, src=by_name[s], dst=by_name[t])
             for i, (s, t, name) in enumerate(d.flows, 1)]
    return Dfd(name=chart.name, title=_title(chart, lang), nodes=nodes, flows=flows), d


def _title(chart: Chart, lang: str) -> str:
    base = chart.title or chart.name
    if lang == "zh":
        for old in ("业务流程图", "业务流程", "流程图"):
            if old in base:
                return base.replace(old, "数据流程图", 1)
        return base + " 数据流程图"
    return base + " (DFD)"


def _comment_text(dfd: Dfd, d: _Draft, lang: str) -> str:
    """The DFD as text with the draft's comments above the statements they concern."""
    from ..lang.unparse import _Writer

    w = _Writer(lang)
    w.dfd(dfd)
    notes: dict[str, list[str]] = {}
    nodes = {n.key: n for n in dfd.nodes}
    kw = w.kw
    for n in dfd.nodes:
        head = f"{kw[n.kind]} {n.ident} {n.name}"
        notes.setdefault(head, []).extend(d.comments.get(("node", n.name), []))
    for i, f in enumerate(dfd.flows):
        notes.setdefault(w.dfd_flow(f, nodes), []).extend(d.comments.get(("flow", i), []))
    out = [d.m("header", d.chart.name)] + d.head
    for line in w.lines:
        s = line.strip()
        key = s if s in notes else next((k for k in notes if s.startswith(k + " ") or s == k), None)
        indent = line[: len(line) - len(line.lstrip())]
        for c in dict.fromkeys(notes.get(key, [])) if key else ():
            out.append(indent + c)
        out.append(line)
    return "\n".join(out) + "\n"


def derive_case(model: CaseModel, chart: str | None = None, lang: str = "zh") -> str:
    """Flowdsl text: the case line, then one drafted DFD per chart (or for ``chart``)."""
    from ..lang.format import format_source
    from ..lang.unparse import _Writer

    charts = model.charts if chart is None else [c for c in model.charts if c.name == chart]
    if not model.charts:
        raise DeriveError("the file has no business chart to derive a DFD from" if lang == "en"
                          else "文件中没有可导出数据流程图的业务流程图")
    if not charts:
        known = "、".join(c.name for c in model.charts)
        raise DeriveError(f"no business chart named {chart!r} (charts: {known})" if lang == "en"
                          else f"没有名为 {chart} 的业务流程图（已有：{known}）")
    w = _Writer(lang)
    head = w.case(CaseModel(name=model.name, title=model.title)) if (model.name or model.title) else ""
    parts = [head] if head else []
    for c in charts:
        dfd, draft = derive_dfd_model(c, lang)
        parts.append(_comment_text(dfd, draft, lang))
    return format_source("\n".join(parts))
