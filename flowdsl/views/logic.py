"""Process logic (处理逻辑说明) → the views that are drawn: a decision tree as a tree of
nodes with labelled branches, a decision table as its four quadrants (condition stub,
condition entries, action stub, action entries), structured English as indented lines.

A table may also be drawn as its equivalent tree and a tree as its equivalent table
(``convert=True``; :func:`flowdsl.model.logic.table_to_tree`, ``tree_to_table``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model.logic import (
    DecisionTable, DecisionTree, ProcessLogic, StructuredEnglish, action_marked, cond_value,
    table_to_tree, tree_to_table,
)
from ..model.types import CaseModel

WORDS = {
    "zh": {"table": "判定表", "tree": "判定树", "english": "结构化语言", "from_table": "由判定表",
           "from_tree": "由判定树", "rule": "规则", "conditions": "条件", "actions": "动作", "yes": "是", "no": "否",
           "if": "如果", "then": "则", "elif": "否则如果", "else": "否则", "for": "对每个", "do": "执行",
           "repeat": "重复", "until": "直到"},
    "en": {"table": "decision-table", "tree": "decision-tree", "english": "structured-english",
           "from_table": "from-table", "from_tree": "from-tree", "rule": "rule", "conditions": "conditions",
           "actions": "actions", "yes": "yes", "no": "no", "if": "IF", "then": "THEN", "elif": "ELSE IF",
           "else": "ELSE", "for": "FOR EACH", "do": "DO", "repeat": "REPEAT", "until": "UNTIL"},
}
TITLES = {"zh": {"table": "判定表", "tree": "判定树", "english": "结构化语言"},
          "en": {"table": "Decision table", "tree": "Decision tree", "english": "Structured English"}}


@dataclass(frozen=True)
class TNode:
    id: str                              #: t1, t2 … in source order
    kind: Literal["root", "node", "leaf"]
    text: str                            #: root: the decision; node: the condition tested ("" if none); leaf: the actions
    label: str | None                    #: the condition value on the branch into it (None: root, or unlabelled)
    parent: str | None


@dataclass(frozen=True)
class SeLine:
    depth: int
    keyword: str                         #: 如果 / IF … ("" for a plain sentence)
    text: str
    tail: str = ""                       #: 则 / THEN, 执行 / DO


@dataclass(frozen=True)
class LogicView:
    name: str                            #: file-safe stem: "进书-P3.1-判定表"
    title: str                           #: "P3.1 采购单审核 判定表：订货折扣"
    kind: Literal["tree", "table", "english"]
    lang: str = "zh"
    nodes: tuple[TNode, ...] = ()
    conditions: tuple[tuple[str, tuple[str, ...]], ...] = ()   #: (condition, entries Y/N/—/value per rule)
    actions: tuple[tuple[str, tuple[bool, ...]], ...] = ()     #: (action, taken per rule)
    lines: tuple[SeLine, ...] = ()

    @property
    def words(self) -> dict[str, str]:
        return WORDS[self.lang]


def tree_view(t: DecisionTree, name: str, title: str, root_text: str, lang: str = "zh") -> LogicView:
    nodes: list[TNode] = []

    def walk(n, parent: str | None) -> None:
        nid = f"t{len(nodes) + 1}"
        if parent is None:
            nodes.append(TNode(nid, "root", t.title or t.name or root_text, None, None))
            if n.condition:  # what the first branches test: a node of its own after the decision
                parent, nid = nid, f"t{len(nodes) + 1}"
                nodes.append(TNode(nid, "node", n.condition, None, parent))
        elif n.is_leaf:
            nodes.append(TNode(nid, "leaf", "\n".join(n.actions or []), n.label, parent))  # an action a line
        else:
            nodes.append(TNode(nid, "node", n.condition or "", n.label, parent))
        for ch in n.children:
            walk(ch, nid)

    walk(t.root, None)
    return LogicView(name, title, "tree", lang, nodes=tuple(nodes))


def table_view(t: DecisionTable, name: str, title: str, lang: str = "zh") -> LogicView:
    n = t.rule_count
    conds = tuple((r.text, tuple(cond_value(e) for e in r.entries) + ("",) * (n - len(r.entries)))
                  for r in t.conditions)
    acts = tuple((r.text, tuple(bool(action_marked(e)) for e in r.entries) + (False,) * (n - len(r.entries)))
                 for r in t.actions)
    return LogicView(name, title, "table", lang, conditions=conds, actions=acts)


def english_view(se: StructuredEnglish, name: str, title: str, lang: str = "zh") -> LogicView:
    w = WORDS[lang]
    lines: list[SeLine] = []

    def walk(body, depth: int) -> None:
        for s in body:
            kw = "" if s.kind == "do" else w[s.kind]
            tail = w["then"] if s.kind in ("if", "elif") else w["do"] if s.kind == "for" else ""
            lines.append(SeLine(depth, kw, s.text, tail))
            walk(s.body or [], depth + 1)

    walk(se.body, 0)
    return LogicView(name, title, "english", lang, lines=tuple(lines))


def process_text(pl: ProcessLogic) -> str:
    name = pl.process_name or pl.process
    return name if pl.key in (None, name) else f"{pl.key} {name}"


def converted(part, view: LogicView, proc: str, sub: str | None):
    """The equivalent tree of a table (or table of a tree): (model, view), named and
    titled after ``view`` (“进书-P3.1-判定树-由判定表”, “… 判定树（由判定表）”)."""
    lang = view.lang
    w, tt = WORDS[lang], TITLES[lang]
    base = view.name[: -len(w[part.kind])].rstrip("-") if view.name.endswith(w[part.kind]) else view.name
    kind, origin = ("tree", "from_table") if isinstance(part, DecisionTable) else ("table", "from_tree")
    name = f"{base}-{w[kind]}-{w[origin]}"
    title = f"{proc} {tt[kind]}（{w[origin]}）" if lang == "zh" else f"{proc} {tt[kind]} ({w[origin]})"
    if kind == "tree":
        tree = table_to_tree(part, w["yes"], w["no"])
        return tree, tree_view(tree, name, title, sub or proc, lang)
    table = tree_to_table(part, w["yes"], w["no"])
    return table, table_view(table, name, title, lang)


def logic_views(case: CaseModel, lang: str = "zh", convert: bool = False) -> list[LogicView]:
    """Every logic part of every process, in source order (and, with ``convert``, each
    table as a tree and each tree as a table right after it)."""
    return [v for _, v in logic_parts(case, lang, convert)]


def logic_parts(case: CaseModel, lang: str = "zh", convert: bool = False) -> list[tuple[ProcessLogic, object, LogicView]]:
    """(process logic, model part, view) of every part, as :func:`logic_views`."""
    w, tt = WORDS[lang], TITLES[lang]
    out: list = []
    for pl in case.logic:
        head = f"{pl.dfd}-{pl.key}" if pl.dfd and pl.key else pl.process
        proc = process_text(pl)
        for part in pl.parts:
            sub = getattr(part, "title", None) or getattr(part, "name", None)
            title = f"{proc} {tt[part.kind]}" + (f"{'：' if lang == 'zh' else ': '}{sub}" if sub else "")
            stem = f"{head}-{w[part.kind]}"
            if isinstance(part, DecisionTable):
                view = table_view(part, stem, title, lang)
            elif isinstance(part, DecisionTree):
                view = tree_view(part, stem, title, proc, lang)
            else:
                view = english_view(part, stem, title, lang)
            out.append((pl, part, view))
            if convert and not isinstance(part, StructuredEnglish):
                out.append((pl, *converted(part, view, proc, sub)))
    views = _numbered([v for _, _, v in out])
    return [(pl, part, v) for (pl, part, _), v in zip(out, views)]


def _numbered(views: list[LogicView]) -> list[LogicView]:
    """Two tables of one process: the second is “…-判定表-2” (the first keeps its name)."""
    from dataclasses import replace

    seen: dict[str, int] = {}
    out = []
    for v in views:
        seen[v.name] = seen.get(v.name, 0) + 1
        out.append(v if seen[v.name] == 1 else replace(v, name=f"{v.name}-{seen[v.name]}"))
    return out
