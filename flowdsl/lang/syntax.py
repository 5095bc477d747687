"""The typed syntax tree (AST) and the Lark Transformer that builds it.

The AST mirrors what the student wrote, with a span on every node; it resolves
nothing (that is ``flowdsl.model.lower``'s job).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

from ..diagnostics.diagnostic import Span


@dataclass
class Name:
    text: str
    span: Span
    is_id: bool = False        #: written in ID form (P3.1, E1)


@dataclass
class Option:
    key: str
    value: str
    span: Span
    key_span: Span
    value_span: Span


@dataclass
class SeverityStmt:
    code: str
    level: str
    span: Span
    code_span: Span = field(default_factory=Span)
    level_span: Span = field(default_factory=Span)


@dataclass
class TitleStmt:
    text: str
    span: Span


@dataclass
class CaseStmt:
    name: Name
    label: str | None
    span: Span


DeclKind = Literal["unit", "ext_unit", "document", "report", "ledger", "collect", "step", "decision"]


@dataclass
class Attr:
    kind: Literal["by", "reads", "writes", "makes", "module", "control"]
    names: list[Name]
    value: str | None
    span: Span
    note: str | None = None      #: control: what the control point controls (its description)


@dataclass
class Decl:
    kind: DeclKind
    name: Name
    label: str | None
    attrs: list[Attr]
    span: Span


@dataclass
class FlowLabel:
    ident: str | None
    text: str | None
    span: Span


@dataclass
class Arrow:
    style: Literal["info", "goods"]
    label: FlowLabel | None
    span: Span


@dataclass
class Endpoint:
    kind: Literal["name", "start", "end"]
    name: Name


@dataclass
class Chain:
    endpoints: list[Endpoint]
    arrows: list[Arrow]
    span: Span


@dataclass
class Lanes:
    direction: str | None
    names: list[Name]
    span: Span


@dataclass
class Block:
    fields: list[tuple[Name, str]]
    span: Span


@dataclass
class Chart:
    name: Name
    label: str | None
    body: list
    span: Span


@dataclass
class EntityDecl:
    ident: Name | None
    name: Name
    label: str | None
    span: Span


@dataclass
class StoreDecl:
    ident: Name | None
    name: Name
    label: str | None
    span: Span


@dataclass
class ProcessDecl:
    ident: Name | None
    name: Name
    label: str | None
    location: str | None
    body: list | None
    span: Span


@dataclass
class Dfd:
    name: Name
    label: str | None
    body: list
    span: Span


@dataclass
class Comp:
    """A data dictionary composition: ref / lit / seq / choice / repeat / optional."""

    kind: Literal["ref", "lit", "seq", "choice", "repeat", "optional"]
    text: str | None = None
    parts: list["Comp"] = field(default_factory=list)
    low: str | None = None
    high: str | None = None
    span: Span = field(default_factory=Span)


@dataclass
class Define:
    name: Name
    comp: Comp
    description: str | None
    span: Span


Item = Union[CaseStmt, TitleStmt, Option, SeverityStmt, Chart, Dfd, Define]


@dataclass
class File:
    items: list
    span: Span


def unquote(token: str) -> str:
    """The text of a STRING token: quotes removed, escapes resolved.

    >>> unquote('"a\\\\nb \\\\"q\\\\""')
    'a\\nb "q"'
    >>> unquote('“采购订货单”')
    '采购订货单'
    """
    if token.startswith("“"):
        return token[1:-1]
    body = token[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(nxt, "\\" + nxt))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)
