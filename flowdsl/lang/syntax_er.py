"""The syntax tree of an ER diagram block (``ER图 名称 "标题" { … }``, issue 14).

Like :mod:`flowdsl.lang.syntax`: what the student wrote, a span on every node, nothing
resolved (entity names in relationships are checked by :mod:`flowdsl.checks.er`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics.diagnostic import Span
from .syntax import Name


@dataclass
class ErAttr:
    name: Name
    key: bool                   #: written with ``*`` (学号*)
    type: str | None            #: as written: "整数", "varchar(20)", "数值(8,2)"
    span: Span


@dataclass
class ErEntity:
    name: Name
    label: str | None
    attrs: list[ErAttr]
    key: list[Name]             #: the ``主键`` / ``key`` clause (empty: none)
    weak: bool
    span: Span
    has_attrs: bool = False     #: an attribute list was written (even an empty one)


@dataclass
class ErEnd:
    entity: Name
    card: str | None            #: as written: "1", "n", "m", "0..1", "1..*"
    span: Span
    card_span: Span | None = None


@dataclass
class ErRel:
    name: Name
    label: str | None
    ends: list[ErEnd]
    attrs: list[ErAttr]
    identifying: bool
    span: Span


@dataclass
class ErIsa:
    parent: Name
    children: list[Name]
    span: Span


@dataclass
class Er:
    name: Name
    label: str | None
    body: list = field(default_factory=list)
    span: Span = field(default_factory=Span)
