"""The ER diagram model (issue 14): entities, relationships, is-a, after lowering.

``lower_er`` turns an ``ER图`` block of the syntax tree into an :class:`ErDiagram`. Names
in relationships are kept as written (the checks of :mod:`flowdsl.checks.er` say which
are undefined, with did-you-mean); a ``主键`` clause is folded into the attributes' key
flags, so ``学号*`` and ``主键 学号`` give the same model.
"""

from __future__ import annotations

import re
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field

from ..diagnostics.diagnostic import Span
from .factories import new_dict, new_list, new_span

#: a cardinality as written: 1, n, m, *, or min..max (0..1, 1..*, 0..n)
CARD_RE = re.compile(r"(\d+|[A-Za-z]|\*)|(\d+)\.\.(\d+|[A-Za-z]|\*)")


class _ErModel(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid", defer_build=True)


class ErAttribute(_ErModel):
    name: str
    type: Optional[str] = None                #: as written: 整数, varchar(20), 数值(8,2)
    key: bool = False                         #: part of the (partial, for a weak entity) key
    span: Span = Field(default_factory=new_span)


class ErEntity(_ErModel):
    name: str
    label: Optional[str] = None
    weak: bool = False
    attrs: list[ErAttribute] = Field(default_factory=new_list)
    span: Span = Field(default_factory=new_span)
    name_span: Optional[Span] = None
    unresolved_key: bool = False              #: a key clause named no attribute (FD909; FD901 not repeated)

    @property
    def text(self) -> str:
        return self.label if self.label is not None else self.name

    @property
    def keys(self) -> list[ErAttribute]:
        return [a for a in self.attrs if a.key]


class ErEnd(_ErModel):
    entity: str
    card: Optional[str] = None                #: as written; None: not given (FD902)
    span: Span = Field(default_factory=new_span)
    card_span: Optional[Span] = None


class ErRelationship(_ErModel):
    name: str
    label: Optional[str] = None
    ends: list[ErEnd] = Field(default_factory=new_list)
    attrs: list[ErAttribute] = Field(default_factory=new_list)
    identifying: bool = False                 #: a weak entity's identifying relationship
    span: Span = Field(default_factory=new_span)
    name_span: Optional[Span] = None

    @property
    def text(self) -> str:
        return self.label if self.label is not None else self.name


class ErIsa(_ErModel):
    parent: str
    children: list[str] = Field(default_factory=new_list)
    parent_span: Span = Field(default_factory=new_span)
    children_span: list[Span] = Field(default_factory=new_list)
    span: Span = Field(default_factory=new_span)


class ErDiagram(_ErModel):
    name: str
    title: Optional[str] = None
    entities: list[ErEntity] = Field(default_factory=new_list)
    relationships: list[ErRelationship] = Field(default_factory=new_list)
    isas: list[ErIsa] = Field(default_factory=new_list)
    options: dict[str, str] = Field(default_factory=new_dict)
    severities: dict[str, str] = Field(default_factory=new_dict)
    span: Span = Field(default_factory=new_span)

    def entity(self, name: str) -> Optional[ErEntity]:
        for e in self.entities:
            if e.name == name:
                return e
        return None


# ---------------------------------------------------------------- cardinalities

def card_ok(card: str) -> bool:
    """>>> [card_ok(c) for c in ("1", "n", "M", "*", "0..1", "1..*", "2..5", "x.", "1..")]
    [True, True, True, True, True, True, True, False, False]"""
    return CARD_RE.fullmatch(card) is not None


def card_max_many(card: str | None) -> bool:
    """True when the end takes part many times (n, m, *, 1..*, 0..n, 2..5).

    >>> [card_max_many(c) for c in ("1", "n", "0..1", "1..*", "1..1", None)]
    [False, True, False, True, False, False]"""
    if not card:
        return False
    m = CARD_RE.fullmatch(card)
    if m is None:
        return False
    top = m.group(1) if m.group(1) is not None else m.group(3)
    return not (top.isdigit() and int(top) <= 1)


def card_min_zero(card: str | None) -> bool:
    """An optional end (0..1, 0..*)."""
    return bool(card) and card.startswith("0..")


def ratio(rel: ErRelationship) -> str:
    """The relationship's kind as courses name it: "1:1", "1:n", "n:1", "m:n" (binary), or
    the ends' cardinalities joined by ":" for more ends.

    >>> ratio(ErRelationship(name="r", ends=[ErEnd(entity="a", card="1"), ErEnd(entity="b", card="n")]))
    '1:n'
    """
    many = [card_max_many(e.card) for e in rel.ends]
    if len(rel.ends) == 2:
        return {(False, False): "1:1", (False, True): "1:n", (True, False): "n:1", (True, True): "m:n"}[
            (many[0], many[1])]
    return ":".join("n" if m else "1" for m in many)


# ---------------------------------------------------------------- lowering

def lower_er(node, lowerer) -> ErDiagram:
    """One ``ER图`` block (``syntax_er.Er``) → :class:`ErDiagram`; options, severities and
    FD909 (a key clause naming no attribute) go through ``lowerer`` (``lower_base.Lowerer``)."""
    from ..lang import syntax as S
    from ..lang import syntax_er as E

    er = ErDiagram.model_construct(name=node.name.text, title=node.label, entities=[], relationships=[],
                                   isas=[], options={}, severities={}, span=node.span)
    for st in node.body:
        if isinstance(st, E.ErEntity):
            er.entities.append(_entity(st, lowerer))
        elif isinstance(st, E.ErRel):
            er.relationships.append(ErRelationship.model_construct(
                name=st.name.text, label=st.label, identifying=st.identifying, span=st.span, name_span=st.name.span,
                ends=[ErEnd.model_construct(entity=e.entity.text, card=e.card, span=e.span, card_span=e.card_span)
                      for e in st.ends],
                attrs=[_attr(a) for a in st.attrs]))
        elif isinstance(st, E.ErIsa):
            er.isas.append(ErIsa.model_construct(
                parent=st.parent.text, children=[c.text for c in st.children], parent_span=st.parent.span,
                children_span=[c.span for c in st.children], span=st.span))
        elif isinstance(st, S.TitleStmt):
            er.title = st.text
        elif isinstance(st, S.Option):
            lowerer.option(st, er.options)
        elif isinstance(st, S.SeverityStmt):
            lowerer.severity(st, er.severities)
    return er


def _attr(a) -> ErAttribute:
    return ErAttribute.model_construct(name=a.name.text, type=a.type, key=a.key, span=a.span)


def _entity(st, lowerer) -> ErEntity:
    from .names import did_you_mean_both

    attrs = [_attr(a) for a in st.attrs]
    unresolved = False
    for k in st.key:
        found = [a for a in attrs if a.name == k.text]
        if not found:
            unresolved = True
            en, zh = did_you_mean_both(k.text, [a.name for a in attrs])
            lowerer.error("FD909", f"the key “{k.text}” is not an attribute of entity “{st.name.text}”", k.span,
                          en or f"list it among the attributes: ({k.text}, …)",
                          zh=f"主键“{k.text}”不是实体“{st.name.text}”的属性",
                          hint_zh=zh or f"请把它写进属性表：（{k.text}，…）")
        for a in found:
            a.key = True
    return ErEntity.model_construct(name=st.name.text, label=st.label, weak=st.weak, attrs=attrs, span=st.span,
                                   name_span=st.name.span, unresolved_key=unresolved)
