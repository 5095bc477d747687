"""The syntax tree of 处理逻辑说明 (process logic, issue 13 §2): decision tables, decision
trees and structured English of a bottom-level process, as the student wrote them.

    处理逻辑说明 P3.1 {
      判定表 折扣 "订货折扣" {
        条件 顾客类型 ： 批发 批发 零售 零售
        条件 "订购量≥50本" ： Y N Y N
        动作 "折扣15%" ： √ — — —
      }
    }

Every node keeps its span; nothing is resolved here (``flowdsl.model.logic`` does that).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics.diagnostic import Span
from .syntax import Name


@dataclass
class Word:
    """One word of a logic statement: a bare name, an ID, a quoted text or a table mark."""

    text: str
    span: Span


@dataclass
class TableRow:
    kind: str                    #: "condition" | "action"
    stub: Word                   #: the condition or action (条件桩 / 动作桩)
    entries: list[Word]          #: one per rule column (条件项 / 动作项)
    span: Span


@dataclass
class DecisionTable:
    name: Name | None
    label: str | None
    rows: list[TableRow]
    span: Span


@dataclass
class TreeCond:
    """``条件 顾客类型`` inside a tree block: what the branches beside it test."""

    text: Word
    span: Span


@dataclass
class TreeBranch:
    label: Word | None           #: the condition value on the branch (None: unlabelled)
    actions: list[Word] | None   #: leaf: the actions (None: a branch with children)
    children: list | None        #: node: TreeBranch / TreeCond items (None: a leaf)
    span: Span


@dataclass
class DecisionTree:
    name: Name | None
    label: str | None
    body: list                   #: TreeBranch / TreeCond
    span: Span


@dataclass
class SeStmt:
    """One statement of structured English: do (a sentence), if, elif, else, for, repeat, until."""

    kind: str
    words: list[Word]
    body: list["SeStmt"] | None
    span: Span
    then_kw: bool = False        #: ``则`` / ``then`` (if, elif) or ``执行`` / ``do`` (for) written


@dataclass
class StructuredEnglish:
    label: str | None
    body: list[SeStmt]
    span: Span
    body_span: Span = field(default_factory=Span)


@dataclass
class Logic:
    """``处理逻辑说明 P3.1 "…" { … }``: the logic of one process."""

    process: Name
    label: str | None
    parts: list                  #: DecisionTable / DecisionTree / StructuredEnglish
    span: Span
    process_name: Name | None = None   #: ``处理逻辑说明 P3.1 采购单审核``: the name after the ID
