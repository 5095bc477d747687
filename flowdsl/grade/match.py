"""Matching a student's diagram to the answer's: what corresponds to what.

A diagram becomes a :class:`Part`: its nodes (kind group, texts, unit) and its links
(src, dst, label, goods). Nodes are matched, in this order of strength: the same kind
and the same text; the rubric's synonyms; similar text (character-level, works for
Chinese, 帐/账 and 定/订 folded); then structure (the same neighbours, the same unit).
Each round is an optimal assignment (networkx ``max_weight_matching``) where text
outweighs structure ten to one, so names decide first and structure settles the rest
(two units both called 库管员, a step worded differently). Links are then matched
through the node mapping: present, reversed, or sent to the wrong place.

networkx is imported here only, so ``flowdsl check`` and ``render`` never load it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..model.types import END, START, Chart, Dfd

#: characters students write for one another (帐/账, 定/订 as in 订货/定货) and full-width forms
FOLD = str.maketrans({"帐": "账", "定": "订", "臺": "台", "檯": "台"})
_DROP = set(" \t\n\"'“”‘’、，,。.:：;；()（）[]【】-_/\\|·～~")

#: model kind -> the group in which nodes are matched (and counted by the rubric)
CHART_GROUP = {"unit": "units", "ext_unit": "units", "document": "documents", "report": "documents",
               "collect": "documents", "ledger": "ledgers", "step": "steps", "decision": "steps"}
DFD_GROUP = {"entity": "entities", "process": "processes", "store": "stores"}
SIMILAR = 0.6      #: character similarity from which two texts name the same thing
STEP_SIMILAR = 0.5  #: steps are worded freely: a lower bar, structure decides the rest


def norm(text: str | None) -> str:
    """Text compared: NFKC, lower case, 帐→账 定→订, no spaces or punctuation.

    >>> norm(" 库存帐（目）"), norm("定货单")
    ('库存账目', '订货单')
    """
    t = unicodedata.normalize("NFKC", text or "").lower().translate(FOLD)
    return "".join(c for c in t if c not in _DROP)


def similarity(a: str, b: str) -> float:
    """Character-level similarity of two normalised texts, 0..1 (2·matched / total).

    >>> round(similarity(norm("订货单"), norm("采购订货单")), 2), similarity(norm("库存台账"), norm("库存帐")) > 0.8
    (0.75, True)
    """
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass
class Node:
    key: str
    group: str
    kind: str
    texts: tuple[str, ...]       #: normalised texts (label, then name)
    shown: str                   #: the text as drawn
    unit: str | None = None      #: chart step: its unit's key; DFD node: its parent process
    span: tuple[int, int] | None = None
    order: int = 0


@dataclass
class Link:
    src: str
    dst: str
    label: str | None
    goods: bool
    origin: str = "arrow"
    span: tuple[int, int] | None = None
    index: int = 0

    @property
    def nlabel(self) -> str:
        return norm(self.label)


@dataclass
class Part:
    kind: str                    #: "chart" | "dfd"
    name: str
    nodes: dict[str, Node] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    source: Chart | Dfd | None = None
    file: str | None = None      #: the file it came from (a student folder holds several)

    def out(self, key: str) -> set[str]:
        return {lk.dst for lk in self.links if lk.src == key}

    def into(self, key: str) -> set[str]:
        return {lk.src for lk in self.links if lk.dst == key}


def _span(span) -> tuple[int, int] | None:
    return (span.line, span.column) if span is not None and span.line else None


def _node(key: str, group: str, kind: str, label: str | None, name: str, shown: str, unit: str | None,
          span, order: int) -> Node:
    texts = tuple(dict.fromkeys(t for t in (norm(label), norm(name)) if t))
    return Node(key, group, kind, texts, shown, unit, _span(span), order)


def chart_part(chart: Chart, file: str | None = None) -> Part:
    part = Part("chart", chart.name, source=chart, file=file)
    for i, el in enumerate(chart.elements):
        part.nodes[el.key] = _node(el.key, CHART_GROUP[el.kind], el.kind, el.label, el.key, el.text, el.unit,
                                   el.span, i)
    for key, text in ((START, "开始"), (END, "结束")):
        part.nodes[key] = Node(key, "terminal", key, (key,), text, order=-1)
    for i, e in enumerate(chart.edges):
        part.links.append(Link(e.src, e.dst, e.label, e.style == "goods", e.origin, _span(e.span), i))
    return part


def dfd_part(dfd: Dfd, file: str | None = None) -> Part:
    part = Part("dfd", dfd.name, source=dfd, file=file)
    for i, n in enumerate(dfd.nodes):
        part.nodes[n.key] = _node(n.key, DFD_GROUP[n.kind], n.kind, n.label, n.name, n.text, n.parent, n.span, i)
    for i, fl in enumerate(dfd.flows):
        part.links.append(Link(fl.src, fl.dst, fl.name, fl.goods, "flow", _span(fl.span), i))
    return part


class Synonyms:
    """The rubric's synonyms: every spelling of a group maps to the group's first name."""

    def __init__(self, groups: dict[str, list[str]] | None = None) -> None:
        self.canon: dict[str, str] = {}
        for head, others in (groups or {}).items():
            for t in (head, *others):
                self.canon[norm(t)] = norm(head)

    def same(self, a: str, b: str) -> bool:
        ca, cb = self.canon.get(a), self.canon.get(b)
        return ca is not None and ca == cb

    def text_score(self, a: tuple[str, ...], b: tuple[str, ...], bar: float = SIMILAR) -> tuple[float, str]:
        """(score, how): 1 same text, 0.95 synonyms, 0.9·similarity above ``bar``, else 0."""
        best = (0.0, "")
        for x in a:
            for y in b:
                if x == y:
                    return 1.0, "exact"
                if self.same(x, y):
                    best = max(best, (0.95, "synonym"))
                else:
                    s = similarity(x, y)
                    if s >= bar:
                        best = max(best, (0.9 * s, "similar"))
        return best


def _struct(ans: Part, stu: Part, a: Node, s: Node, mapping: dict[str, str]) -> float:
    """Share of ``a``'s neighbours (and unit) whose counterparts are ``s``'s neighbours."""
    a_out, a_in = ans.out(a.key), ans.into(a.key)
    s_out, s_in = stu.out(s.key), stu.into(s.key)
    hits = sum(1 for n in a_out if mapping.get(n) in s_out) + sum(1 for n in a_in if mapping.get(n) in s_in)
    total = len(a_out) + len(a_in)
    if a.unit is not None:
        total += 1
        hits += mapping.get(a.unit) == s.unit
    return hits / total if total else 0.0


def match_nodes(ans: Part, stu: Part, synonyms: Synonyms) -> dict[str, tuple[str, str]]:
    """answer key -> (student key, how) with how in exact / synonym / similar / structure."""
    import networkx as nx

    mapping: dict[str, str] = {k: k for k in (START, END) if k in stu.nodes}
    how: dict[str, str] = {k: "exact" for k in mapping}
    texts: dict[tuple[str, str], tuple[float, str]] = {}
    pairs = [(a, s) for a in ans.nodes.values() if a.group != "terminal"
             for s in stu.nodes.values() if s.group == a.group]
    for a, s in pairs:
        texts[a.key, s.key] = synonyms.text_score(a.texts, s.texts, STEP_SIMILAR if a.group == "steps" else SIMILAR)
    for _ in range(4):
        g = nx.Graph()
        for a, s in pairs:
            t, _how = texts[a.key, s.key]
            st = _struct(ans, stu, a, s, mapping)
            if t > 0 or st >= 0.5:
                # text first (×10), then structure, then declaration order as the last tie-break
                g.add_edge(("a", a.key), ("s", s.key), weight=10 * t + st + 0.001 / (1 + abs(a.order - s.order)))
        new = dict((k, mapping[k]) for k in (START, END) if k in mapping)
        new_how = {k: "exact" for k in new}
        for x, y in nx.max_weight_matching(g):
            (_, ak), (_, sk) = (x, y) if x[0] == "a" else (y, x)
            new[ak] = sk
            new_how[ak] = texts[ak, sk][1] or "structure"
        if new == mapping:
            break
        mapping, how = new, new_how
    return {a: (s, how[a]) for a, s in mapping.items()}


@dataclass
class LinkMatch:
    link: Link                   #: the answer's link
    status: str                  #: ok / missing / reversed / misdirected
    student: Link | None = None  #: the student's corresponding link (reversed: the reversed one)


def match_links(ans: Part, stu: Part, nodes: dict[str, tuple[str, str]]) -> tuple[list[LinkMatch], list[Link]]:
    """Each answer link with its status, and the student's links that match none
    (only those between matched nodes: links of invented nodes belong to the invention)."""
    m = {a: s for a, (s, _) in nodes.items()}
    used: set[int] = set()
    by_ends: dict[tuple[str, str], list[Link]] = {}
    for lk in stu.links:
        by_ends.setdefault((lk.src, lk.dst), []).append(lk)
    result: list[LinkMatch | None] = [None] * len(ans.links)

    def take(cands: list[Link], want: Link) -> Link | None:
        free = [c for c in cands if c.index not in used]
        if not free:
            return None
        best = max(free, key=lambda c: (c.nlabel == want.nlabel, c.goods == want.goods, -c.index))
        used.add(best.index)
        return best

    for i, lk in enumerate(ans.links):   # exact ends first
        su, sv = m.get(lk.src), m.get(lk.dst)
        if su is not None and sv is not None:
            got = take(by_ends.get((su, sv), []), lk)
            if got is not None:
                result[i] = LinkMatch(lk, "ok", got)
    for i, lk in enumerate(ans.links):   # then reversed, then the same arrow to the wrong place
        if result[i] is not None:
            continue
        su, sv = m.get(lk.src), m.get(lk.dst)
        got = take(by_ends.get((sv, su), []), lk) if su is not None and sv is not None else None
        if got is not None:
            result[i] = LinkMatch(lk, "reversed", got)
            continue
        if su is not None and lk.label:
            cands = [c for c in stu.links if c.src == su and c.index not in used and c.nlabel == lk.nlabel
                     and c.goods == lk.goods and c.dst != sv]
            if cands:
                used.add(cands[0].index)
                result[i] = LinkMatch(lk, "misdirected", cands[0])
                continue
        result[i] = LinkMatch(lk, "missing")
    matched_students = set(m.values())
    extra = [lk for lk in stu.links if lk.index not in used
             and lk.src in matched_students and lk.dst in matched_students]
    return [r for r in result if r is not None], extra


def return_links(part: Part) -> set[int]:
    """Indexes of the links that go back (退回, 重新盘点): close a loop in story order."""
    from ..views.loops import back_edges

    story = [k for lk in sorted(part.links, key=lambda lk: lk.origin not in ("arrow", "flow"))
             for k in (lk.src, lk.dst)]
    back = back_edges([(lk.src, lk.dst) for lk in part.links], story)
    return {i for i in back if part.links[i].origin in ("arrow", "flow")}
