"""The model of 处理逻辑说明 (issue 13 §2): decision tables, decision trees and structured
English of a bottom-level DFD process, and the conversions table ⇄ tree.

Entries keep what the student wrote (``是``, ``Y``, ``√``); :func:`cond_value` and
:func:`action_marked` read them. A table's rules are its columns, numbered 1…n.
"""

from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import ConfigDict, Field

from ..diagnostics.diagnostic import Span
from .factories import FastModel, new_list, new_span


class _Model(FastModel):   # as in flowdsl.model.types, which builds on this module
    model_config = ConfigDict(frozen=False, extra="forbid", defer_build=True)

#: condition entries read as yes / no / don't care; action entries read as taken / not taken
YES = ("Y", "y", "是", "T", "真")
NO = ("N", "n", "否", "F", "假")
DONT_CARE = ("—", "–", "-", "－", "/")
TAKEN = ("√", "✓", "✔", "X", "x", "*", "Y", "y", "是")
NOT_TAKEN = ("—", "–", "-", "－", "×", "✗", "N", "n", "否", "/")


def cond_value(entry: str) -> str:
    """A condition entry in canonical form: "Y", "N", "—" (any value), or the value itself."""
    if entry in YES:
        return "Y"
    if entry in NO:
        return "N"
    if entry in DONT_CARE:
        return "—"
    return entry


def action_marked(entry: str) -> Optional[bool]:
    """True (the action is taken), False (not taken) or None (not an action entry)."""
    if entry in TAKEN:
        return True
    if entry in NOT_TAKEN:
        return False
    return None


class TableRow(_Model):
    text: str                                 #: the condition or the action (the stub)
    entries: list[str] = Field(default_factory=new_list)   #: as written, one per rule
    span: Span = Field(default_factory=new_span)
    cells_span: list[Span] = Field(default_factory=new_list)   #: where each entry is written


class DecisionTable(_Model):
    kind: Literal["table"] = "table"
    name: Optional[str] = None
    title: Optional[str] = None
    conditions: list[TableRow] = Field(default_factory=new_list)
    actions: list[TableRow] = Field(default_factory=new_list)
    span: Span = Field(default_factory=new_span)

    @property
    def rule_count(self) -> int:
        return max((len(r.entries) for r in self.conditions + self.actions), default=0)

    def domain(self, i: int) -> list[str]:
        """The values condition ``i`` can take: Y, N for a yes/no condition, else the
        values its row names, in order."""
        vals = [cond_value(e) for e in self.conditions[i].entries]
        vals = [v for v in vals if v != "—"]
        if all(v in ("Y", "N") for v in vals):
            return ["Y", "N"]
        return list(dict.fromkeys(vals))

    def rule(self, j: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Rule ``j`` (0-based): its condition values ("—": any) and the actions it takes."""
        conds = tuple(cond_value(r.entries[j]) if j < len(r.entries) else "—" for r in self.conditions)
        acts = tuple(r.text for r in self.actions if j < len(r.entries) and action_marked(r.entries[j]))
        return conds, acts


class TreeNode(_Model):
    label: Optional[str] = None               #: the condition value on the branch into this node
    condition: Optional[str] = None           #: what this node's branches test (``条件 顾客类型``)
    actions: Optional[list[str]] = None       #: a leaf's actions (None: a node with branches)
    children: list["TreeNode"] = Field(default_factory=new_list)
    span: Span = Field(default_factory=new_span)

    @property
    def is_leaf(self) -> bool:
        return self.actions is not None


class DecisionTree(_Model):
    kind: Literal["tree"] = "tree"
    name: Optional[str] = None
    title: Optional[str] = None
    root: TreeNode = Field(default_factory=TreeNode)
    span: Span = Field(default_factory=new_span)

    def paths(self) -> list[tuple[list[tuple[Optional[str], Optional[str]]], TreeNode]]:
        """Every root-to-leaf path: [(condition, label) …] and the leaf."""
        out: list = []

        def walk(node: TreeNode, path: list) -> None:
            if node.is_leaf:
                out.append((path, node))
            for ch in node.children:
                walk(ch, path + [(node.condition, ch.label)])

        walk(self.root, [])
        return out


class SeStmt(_Model):
    kind: Literal["do", "if", "elif", "else", "for", "repeat", "until"]
    words: list[str] = Field(default_factory=new_list)   #: the sentence, or the condition / the items, as written
    body: Optional[list["SeStmt"]] = None
    keyword: bool = False                     #: 则 / then (if), 执行 / do (for) written
    span: Span = Field(default_factory=new_span)

    @property
    def text(self) -> str:
        return " ".join(self.words)


class StructuredEnglish(_Model):
    kind: Literal["english"] = "english"
    title: Optional[str] = None
    body: list[SeStmt] = Field(default_factory=new_list)
    span: Span = Field(default_factory=new_span)


LogicPart = Union[DecisionTable, DecisionTree, StructuredEnglish]


class ProcessLogic(_Model):
    """``处理逻辑说明 P3.1 { … }``: the logic of one bottom-level process."""

    process: str                              #: as written (an ID or a name)
    written_name: Optional[str] = None        #: the name written after the ID (``P3.1 采购单审核``)
    title: Optional[str] = None
    dfd: Optional[str] = None                 #: the DFD that holds the process (None: not found)
    key: Optional[str] = None                 #: the process's key in that DFD
    process_name: Optional[str] = None        #: its name (for titles and file names)
    parts: list[LogicPart] = Field(default_factory=new_list)
    span: Span = Field(default_factory=new_span)
    process_span: Span = Field(default_factory=new_span)


# ---------------------------------------------------------------- conversions

def table_to_tree(t: DecisionTable, yes: str = "是", no: str = "否") -> DecisionTree:
    """The tree equivalent to a table: conditions in the table's order, each node
    testing the next condition that still tells the remaining rules apart; a branch
    ends in a leaf as soon as its rules agree on the actions."""
    rules = [t.rule(j) for j in range(t.rule_count)]

    def show(v: str) -> str:
        return yes if v == "Y" else no if v == "N" else v

    def build(i: int, rs: list, label: Optional[str]) -> TreeNode:
        acts = {r[1] for r in rs}
        if len(acts) <= 1 or i >= len(t.conditions):
            return TreeNode(label=label, actions=list(sorted(acts)[0]) if acts else [])
        node = TreeNode(label=label, condition=t.conditions[i].text)
        for v in t.domain(i):
            sub = [r for r in rs if r[0][i] in (v, "—")]
            if sub:
                node.children.append(build(i + 1, sub, show(v)))
        if len(node.children) == 1:   # this condition does not matter here
            only = node.children[0]
            only.label = label
            return only
        return node

    root = build(0, rules, None)
    if root.is_leaf:
        root = TreeNode(children=[root])
    return DecisionTree(name=t.name, title=t.title, root=root)


def tree_to_table(tr: DecisionTree, yes: str = "是", no: str = "否") -> DecisionTable:
    """The table equivalent to a tree: one rule per path; a condition is a node's
    ``条件`` (or its branch labels joined by “/”); a path that does not test a
    condition has — there."""
    conds: list[str] = []
    paths = tr.paths()

    def cond_of(node: TreeNode) -> str:
        return node.condition or "/".join(c.label or "?" for c in node.children)

    def collect(node: TreeNode) -> None:
        if node.children:
            name = cond_of(node)
            if name not in conds:
                conds.append(name)
            for ch in node.children:
                collect(ch)

    collect(tr.root)
    rows = [TableRow(text=c) for c in conds]
    actions: list[str] = []
    for _, leaf in paths:
        for a in leaf.actions or []:
            if a not in actions:
                actions.append(a)
    arows = [TableRow(text=a) for a in actions]

    def fill(node: TreeNode, values: dict) -> None:
        if node.is_leaf:
            for k, r in enumerate(rows):
                v = values.get(r.text, "—")
                r.entries.append("Y" if v == yes else "N" if v == no else v)
            for r in arows:
                r.entries.append("√" if r.text in (node.actions or []) else "—")
        for ch in node.children:
            fill(ch, {**values, cond_of(node): ch.label or "?"})

    fill(tr.root, {})
    return DecisionTable(name=tr.name, title=tr.title, conditions=rows, actions=arows)

