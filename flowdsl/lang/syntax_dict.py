"""The AST of the data dictionary block (``数据字典 { … }``, issue 13 §1).

Types only, like :mod:`flowdsl.lang.syntax`: every node keeps its span; nothing is
resolved here (field keys are checked and entries matched to the diagram when lowering,
:mod:`flowdsl.model.lower_dict`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..diagnostics.diagnostic import Span
from .syntax import Comp, Name

EntryKind = Literal["item", "structure", "flow", "store", "process", "entity"]


@dataclass
class DictField:
    """``简述: "国际标准书号"`` — one ``key: value`` line of an entry's body."""

    key: Name
    values: list[str]            #: the words (quoted texts unquoted) after the colon
    seps: list[str]              #: the separator written before each value after the first (" ", "、", ",")
    span: Span


@dataclass
class DictComp:
    """``组成: 书名 + 书号 + {作者}`` — the composition written in an entry's body."""

    comp: Comp
    span: Span


@dataclass
class DictEntry:
    """``数据流 F10 入库单 { … }`` or the one-line ``数据结构 图书 = 书名 + 书号 : "…"``."""

    kind: EntryKind
    ident: Name | None
    name: Name
    comp: Comp | None            #: the composition of the one-line form (after ``=``)
    description: str | None      #: the ``: "…"`` after the name or the composition
    body: list | None            #: DictField / DictComp lines; None: no ``{ }`` written
    span: Span


@dataclass
class Dictionary:
    """``数据字典 "书店系统" { … }``: entries and ``define`` lines."""

    label: str | None
    entries: list = field(default_factory=list)
    span: Span = field(default_factory=Span)
