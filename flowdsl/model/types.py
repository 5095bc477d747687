"""The semantic model: what a case *means*, after names are resolved.

Pydantic models, each element keeping the span of the source that declared it.
Views, checks, exporters and the data dictionary read this model, never the AST
or the DOT. Element keys are the names the student wrote (unique per chart).
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import ConfigDict, Field

from ..diagnostics.diagnostic import Span
from .logic import ProcessLogic
from .dictionary import CompNode, Dictionary
from .factories import FastModel, new_dict, new_list, new_span
from .er import ErDiagram

ElementKind = Literal["unit", "ext_unit", "document", "report", "ledger", "collect", "step", "decision"]
START = "__start__"
END = "__end__"


def _dictionary() -> Dictionary:
    # not Dictionary(): validating would build its schema (pydantic and its plugins) on
    # every check; the defaults need no validation
    return Dictionary.model_construct()


class _Model(FastModel):
    model_config = ConfigDict(frozen=False, extra="forbid", defer_build=True)


class Element(_Model):
    key: str                                  #: the name as written (unique in its chart)
    kind: ElementKind
    label: Optional[str] = None               #: text drawn instead of the name
    unit: Optional[str] = None                #: step/decision: the unit that does it (``by``)
    module: Optional[str] = None              #: step: ERP module / system (swimlane second attribute)
    control: Optional[str] = None             #: step: control point mark ("C1", "控制点1")
    control_note: Optional[str] = None        #: step: what the control point controls (control table)
    span: Span = Field(default_factory=new_span)

    @property
    def text(self) -> str:
        return self.label if self.label is not None else self.key


class Edge(_Model):
    src: str
    dst: str
    style: Literal["info", "goods"] = "info"
    label: Optional[str] = None
    origin: Literal["arrow", "makes", "writes", "reads"] = "arrow"
    span: Span = Field(default_factory=new_span)


class Chart(_Model):
    name: str
    title: Optional[str] = None
    elements: list[Element] = Field(default_factory=new_list)
    edges: list[Edge] = Field(default_factory=new_list)
    lanes: Optional[list[str]] = None         #: lane order (unit keys) when drawn as swimlanes
    lane_direction: Literal["vertical", "horizontal"] = "vertical"
    title_block: list[tuple[str, str]] = Field(default_factory=new_list)
    options: dict[str, str] = Field(default_factory=new_dict)
    span: Span = Field(default_factory=new_span)

    def element(self, key: str) -> Optional[Element]:
        for e in self.elements:
            if e.key == key:
                return e
        return None

    @property
    def uses_start(self) -> bool:
        return any(e.src == START for e in self.edges)

    @property
    def uses_end(self) -> bool:
        return any(e.dst == END for e in self.edges)


# ---------------------------------------------------------------- data flow diagrams

class DfdNode(_Model):
    key: str                                  #: resolved ID ("P3.1", "E1", "S2"); unique in the DFD
    kind: Literal["entity", "store", "process"]
    name: str
    label: Optional[str] = None
    ident: Optional[str] = None               #: printed ID (differs from key only for a duplicated ID)
    ident_given: bool = True                  #: ID written in the file (False: numbered automatically)
    location: Optional[str] = None            #: process: department / place (bottom band)
    parent: Optional[str] = None              #: diagram that declares it: key of the process it breaks down (None: first breakdown)
    has_child: bool = False                   #: process: decomposed into a child diagram
    id_span: Optional[Span] = None            #: where the ID was written
    span: Span = Field(default_factory=new_span)

    @property
    def text(self) -> str:
        return self.label if self.label is not None else self.name


class DfdFlow(_Model):
    key: str                                  #: resolved flow ID ("F3.1")
    name: Optional[str] = None
    ident_given: bool = True
    src: str                                  #: DfdNode key
    dst: str
    diagram: Optional[str] = None             #: the process whose child diagram holds it (None: first breakdown)
    goods: bool = False                       #: written as a goods arrow (=>): physical, not data
    src_span: Span = Field(default_factory=new_span)
    dst_span: Span = Field(default_factory=new_span)
    span: Span = Field(default_factory=new_span)


class Dfd(_Model):
    name: str
    title: Optional[str] = None
    nodes: list[DfdNode] = Field(default_factory=new_list)
    flows: list[DfdFlow] = Field(default_factory=new_list)
    options: dict[str, str] = Field(default_factory=new_dict)
    diagram_options: dict[str, dict[str, str]] = Field(default_factory=new_dict)  #: process key -> options of its child diagram
    severities: dict[str, str] = Field(default_factory=new_dict)  #: ``severity`` written inside this DFD (applies to it only)
    span: Span = Field(default_factory=new_span)

    def node(self, key: str) -> Optional[DfdNode]:
        for n in self.nodes:
            if n.key == key:
                return n
        return None


class Definition(_Model):
    """A data dictionary entry: ``define 采购单 = 书名 + 书号 + {图书}``."""

    name: str
    expr: str                                 #: canonical text of the composition
    parts: list[str] = Field(default_factory=new_list)  #: names referenced by the composition
    description: Optional[str] = None
    comp: Optional[CompNode] = None           #: the composition as a tree (the dictionary's cards)
    span: Span = Field(default_factory=new_span)


class CaseModel(_Model):
    name: Optional[str] = None
    title: Optional[str] = None
    charts: list[Chart] = Field(default_factory=new_list)
    dfds: list[Dfd] = Field(default_factory=new_list)
    definitions: list[Definition] = Field(default_factory=new_list)
    dictionary: Dictionary = Field(default_factory=_dictionary)   #: the 数据字典 as written (issue 13)
    options: dict[str, str] = Field(default_factory=new_dict)
    severities: dict[str, str] = Field(default_factory=new_dict)
    logic: list[ProcessLogic] = Field(default_factory=new_list)   #: 处理逻辑说明 (flowdsl/model/logic.py)
    ers: list[ErDiagram] = Field(default_factory=new_list)   #: ER diagrams (issue 14, flowdsl/model/er.py)
