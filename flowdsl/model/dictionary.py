"""The data dictionary (数据字典) in the model: entries of the six kinds of a course
(数据项, 数据结构, 数据流, 数据存储, 处理逻辑, 外部实体) with their fields.

``CaseModel.dictionary`` holds what the file *writes* (so that the text round trip
compares like with like); :func:`flowdsl.model.dictionary_fill.complete` adds what the
diagram already says (a flow's source and destination, a store's flows, a process's
inputs and outputs, an entity's flows, the IDs) and the ``define`` lines, and is what the
checks, ``flowdsl dict`` and ``Case.dictionary`` show.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from ..diagnostics.diagnostic import Span
from .factories import new_dict, new_list, new_span

EntryKind = Literal["item", "structure", "flow", "store", "process", "entity"]
KINDS: tuple[str, ...] = ("item", "structure", "flow", "store", "process", "entity")
#: the kinds' names as a course prints them (the dictionary's sections)
KIND_ZH = {"item": "数据项", "structure": "数据结构", "flow": "数据流", "store": "数据存储",
           "process": "处理逻辑", "entity": "外部实体"}
KIND_EN = {"item": "data item", "structure": "data structure", "flow": "data flow",
           "store": "data store", "process": "process", "entity": "external entity"}
#: kinds that have a composition (组成)
COMPOSED = frozenset({"structure", "flow", "store"})


def _quote(text: str) -> str:
    """The STRING token of a literal (as ``lang.unparse.quote``: escapes, line breaks as ``\\n``)."""
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{out}"'


class _Model(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid", defer_build=True)


class CompNode(_Model):
    """A composition in the course notation: ``ref`` a name, ``lit`` a "literal",
    ``seq`` a + b, ``choice`` [a|b], ``repeat`` m{x}n, ``optional`` (x)."""

    kind: Literal["ref", "lit", "seq", "choice", "repeat", "optional"]
    text: Optional[str] = None
    parts: list["CompNode"] = Field(default_factory=new_list)
    low: Optional[str] = None
    high: Optional[str] = None
    span: Span = Field(default_factory=new_span)

    def refs(self) -> list["CompNode"]:
        """The names this composition mentions, in order (a name may appear twice)."""
        if self.kind == "ref":
            return [self]
        return [r for p in self.parts for r in p.refs()]

    def text_form(self) -> str:
        """The canonical text: ``书名 + 书号 + 1{图书}20 + [现金|支票] + (备注)``."""
        if self.kind == "ref":
            return self.text or ""
        if self.kind == "lit":
            return _quote(self.text or "")
        if self.kind == "seq":
            return " + ".join(p.text_form() for p in self.parts)
        if self.kind == "choice":
            return "[" + " | ".join(p.text_form() for p in self.parts) + "]"
        if self.kind == "optional":
            return "(" + self.parts[0].text_form() + ")"
        return f"{self.low or ''}{{{self.parts[0].text_form()}}}{self.high or ''}"


class DictEntry(_Model):
    """One entry (条目) of the data dictionary."""

    kind: EntryKind
    name: str
    ident: Optional[str] = None               #: 编号 as written (None: taken from the diagram)
    alias: Optional[str] = None               #: 别名
    description: Optional[str] = None         #: 简述 / 含义
    type: Optional[str] = None                #: item: 类型
    length: Optional[str] = None              #: item: 长度
    range: Optional[str] = None               #: item: 取值范围
    composition: Optional[CompNode] = None    #: structure / flow / store: 组成
    volume: Optional[str] = None              #: flow: 流量; store: 数据量
    peak: Optional[str] = None                #: flow: 高峰流量
    key: list[str] = Field(default_factory=new_list)      #: store: 关键字
    access: Optional[str] = None              #: store: 存取频率
    frequency: Optional[str] = None           #: process: 处理频率
    logic: Optional[str] = None               #: process: 处理逻辑概述
    creates: list[str] = Field(default_factory=new_list)  #: process: data items it makes itself (not a gray hole)
    short: bool = False                       #: written on one line (``数据结构 图书 = 书名 + 书号``)
    origin: Literal["entry", "define"] = "entry"      #: ``define X = …`` is the short form of a composition
    dfd: Optional[str] = None                 #: written inside this DFD (None: at the top of the file)
    span: Span = Field(default_factory=new_span)
    name_span: Span = Field(default_factory=new_span)
    field_spans: dict[str, Span] = Field(default_factory=new_dict, exclude=True)   #: canonical field -> where written
    # ---- filled in from the diagram (``dictionary_fill.complete``), never typed
    ids: list[str] = Field(default_factory=new_list)          #: the diagram's IDs of it
    sources: list[str] = Field(default_factory=new_list)      #: flow: 来源 (“P3.2 编目处理”)
    destinations: list[str] = Field(default_factory=new_list) #: flow: 去向
    inputs: list[str] = Field(default_factory=new_list)       #: store / process / entity: flows in
    outputs: list[str] = Field(default_factory=new_list)      #: store / process / entity: flows out
    on_diagram: bool = False                  #: something of this name is drawn on a DFD

    @property
    def expr(self) -> Optional[str]:
        return self.composition.text_form() if self.composition is not None else None

    @property
    def parts(self) -> list[str]:
        """Names the composition mentions (for balancing and the chart ↔ DFD comparison)."""
        return [r.text or "" for r in self.composition.refs()] if self.composition is not None else []

    @property
    def shown_id(self) -> str:
        return self.ident or " / ".join(self.ids)


class Dictionary(_Model):
    title: Optional[str] = None               #: the label of the first ``数据字典 "…"`` block
    declared: bool = False                    #: the file writes a ``数据字典 { }`` block
    entries: list[DictEntry] = Field(default_factory=new_list)

    def entry(self, name: str) -> Optional[DictEntry]:
        for e in self.entries:
            if e.name == name:
                return e
        return None

    def of_kind(self, kind: str) -> list[DictEntry]:
        return [e for e in self.entries if e.kind == kind]

    def by_name(self) -> dict[str, DictEntry]:
        """Name -> entry (the first, when a name has two: that is FD806)."""
        out: dict[str, DictEntry] = {}
        for e in self.entries:
            out.setdefault(e.name, e)
        return out
