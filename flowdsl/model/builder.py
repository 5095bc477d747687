"""Building a case from Python code instead of text: the same model, the same checks.

    >>> from flowdsl.builder import Case
    >>> c = (Case("请假").chart("请假", "请假业务流程图")
    ...      .unit("员工").unit("主管").document("请假单")
    ...      .step("审批", by="主管")
    ...      .flow("员工", "请假单", "审批").flow("审批", "员工", label="批准"))
    >>> print(c.to_text(lang="zh"), end="")
    案例 请假
    <BLANKLINE>
    业务流程图 请假 "请假业务流程图" {
      单位 员工
      单位 主管
      单据 请假单
      步骤 审批 由 主管
      员工 -> 请假单
      请假单 -> 审批
      审批 -[批准]-> 员工
    }
    >>> case = c.build()          # parsed and checked like a file: diagnostics, views
    >>> case.ok, [v.name for v in case.views]
    (True, ['请假'])

``model`` is the ``CaseModel`` (equal, spans aside, to what parsing ``to_text()``
gives); ``build()`` returns a ``flowdsl.Case`` whose diagnostics point into
``to_text()``. Names are not checked while building: ``build()`` reports them.
In a notebook a builder displays as its diagrams.
"""

from __future__ import annotations

from typing import Iterable

from .builder_base import PartOfCase, as_list
from .builder_dict import DictBuilder
from .types import END, START, CaseModel, Chart, Dfd, DfdFlow, DfdNode, Edge, Element

__all__ = ["Case", "CaseBuilder", "ChartBuilder", "DfdBuilder", "DictBuilder", "START", "END"]

_START_WORDS = ("start", "开始", START)
_END_WORDS = ("end", "结束", END)


class CaseBuilder:
    """A case under construction: ``CaseBuilder(name, title)`` then ``.chart(...)``."""

    def __init__(self, name: str | None = None, title: str | None = None) -> None:
        self._model = CaseModel(name=name, title=title)
        self._charts: list[ChartBuilder] = []
        self._dfds: list[DfdBuilder] = []
        self._dict: DictBuilder | None = None

    def dfd(self, name: str, title: str | None = None) -> "DfdBuilder":
        """Start a data flow diagram (数据流程图); its methods chain."""
        db = DfdBuilder(self, name, title)
        self._dfds.append(db)
        return db

    def chart(self, name: str, title: str | None = None) -> "ChartBuilder":
        """Start a business flow chart (业务流程图); its methods chain."""
        cb = ChartBuilder(self, name, title)
        self._charts.append(cb)
        return cb

    def dictionary(self, title: str | None = None) -> DictBuilder:
        """The case's data dictionary (数据字典, one per case); its methods chain
        (:mod:`flowdsl.model.builder_dict`)."""
        if self._dict is None:
            self._dict = DictBuilder(self, title)
        elif title is not None:
            self._dict.title = title
        return self._dict

    def option(self, key: str, value: str) -> "CaseBuilder":
        """A file option (``option direction = LR``); key and value in English or Chinese."""
        from .options import canonical_key, canonical_value

        k = canonical_key(key) or key
        self._model.options[k] = (canonical_value(k, value) if canonical_key(key) else None) or value
        return self

    def severity(self, code: str, level: str) -> "CaseBuilder":
        """``severity FD205 off``: level error / warning / off (or 错误 / 警告 / 关闭)."""
        from .options import SEVERITY_WORDS

        self._model.severities[code.upper()] = SEVERITY_WORDS.get(level, level)
        return self

    def _draft(self) -> CaseModel:
        m = self._model.model_copy(deep=True)
        m.charts = [cb._chart() for cb in self._charts]
        m.dfds = [db.dfd.model_copy(deep=True) for db in self._dfds]
        if self._dict is not None:
            m.dictionary.declared = True
            m.dictionary.title = self._dict.title
            m.dictionary.entries = [e.model_copy(deep=True) for e in self._dict.entries]
        return m

    @property
    def model(self) -> CaseModel:
        """The semantic model. With data flow diagrams it is the one lowering builds from
        ``to_text()`` (IDs numbered, levels resolved), exactly as for a file."""
        if not self._dfds:
            return self._draft()
        from ..api import parse

        case = parse(self.to_text())
        if case.model is None:
            case.raise_for_errors()
        return case.model

    def to_text(self, lang: str = "zh") -> str:
        """The case as flowdsl source (``lang``: "zh" or "en" keywords)."""
        from ..lang.unparse import to_text

        return to_text(self._draft(), lang=lang)

    def build(self, **kwargs):
        """Parse and check ``to_text()``: a ``flowdsl.Case`` with diagnostics and views."""
        from ..api import parse

        return parse(self.to_text(), name=kwargs.pop("name", None), **kwargs)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.build()._repr_mimebundle_(include, exclude)


class DfdBuilder(PartOfCase):
    """Entities, stores, processes and flows of one DFD; ``child(process)`` enters a
    process's child diagram and ``end()`` leaves it. IDs are optional (numbered like a
    file's when left out); endpoints are named by name or ID.

    >>> from flowdsl.builder import Case
    >>> d = (Case("进书").dfd("进书")
    ...      .entity("书商").store("图书库存情况存档", id="S2")
    ...      .process("进书处理", id="P3")
    ...      .child("P3")
    ...          .process("采购单审核", id="P3.1").process("入库单处理", id="P3.3")
    ...          .flow("书商", "P3.1", "采购单", id="F3.1").flow("P3.1", "P3.3", "合格采购单")
    ...          .flow("P3.3", "S2", "入库清单")
    ...      .end()
    ...      .flow("书商", "P3", "采购单", id="F3.1").flow("P3", "S2", "入库清单"))
    >>> case = d.build()
    >>> [v.name for v in case.views]
    ['进书-context', '进书-0', '进书-P3']
    """

    def __init__(self, parent: CaseBuilder, name: str, title: str | None) -> None:
        self.parent = parent
        self.dfd = Dfd(name=name, title=title)
        self._scope: list[str | None] = [None]

    def _node(self, kind: str, name: str, label: str | None, id: str | None, at: str | None = None) -> "DfdBuilder":
        self.dfd.nodes.append(DfdNode(key=id or name, kind=kind, name=name, label=label, ident=id,
                                      ident_given=id is not None, location=at, parent=self._scope[-1]))
        return self

    def entity(self, name: str, label: str | None = None, *, id: str | None = None) -> "DfdBuilder":
        return self._node("entity", name, label, id)

    def store(self, name: str, label: str | None = None, *, id: str | None = None) -> "DfdBuilder":
        return self._node("store", name, label, id)

    def process(self, name: str, label: str | None = None, *, id: str | None = None,
                at: str | None = None) -> "DfdBuilder":
        return self._node("process", name, label, id, at)

    def _key(self, ref: str) -> str:
        for n in self.dfd.nodes:
            if ref in (n.key, n.name, n.ident):
                return n.key
        raise KeyError(f"no entity, store or process named {ref!r} in DFD {self.dfd.name!r}")

    def child(self, process: str) -> "DfdBuilder":
        """Enter the child diagram of ``process`` (by name or ID)."""
        key = self._key(process)
        node = next(n for n in self.dfd.nodes if n.key == key)
        node.has_child = True
        self._scope.append(key)
        return self

    def end(self) -> "DfdBuilder":
        """Leave the current child diagram."""
        if len(self._scope) > 1:
            self._scope.pop()
        return self

    def flow(self, src: str, dst: str, name: str | None = None, *, id: str | None = None) -> "DfdBuilder":
        """A data flow ``src -[id name]-> dst`` on the current diagram."""
        n = len(self.dfd.flows) + 1
        self.dfd.flows.append(DfdFlow(key=id or f"~{n}", name=name, ident_given=id is not None,
                                      src=self._key(src), dst=self._key(dst), diagram=self._scope[-1]))
        return self

    def option(self, key: str, value: str) -> "DfdBuilder":
        from .options import canonical_key, canonical_value

        k = canonical_key(key)
        self.dfd.options[k or key] = (canonical_value(k, value) if k else None) or value
        return self



#: ``Case("物资订货")`` reads like the file's ``案例 物资订货``.
Case = CaseBuilder


class ChartBuilder(PartOfCase):
    """Declarations and flows of one chart; every method returns the builder."""

    def __init__(self, parent: CaseBuilder, name: str, title: str | None) -> None:
        self.parent = parent
        self.name, self.title = name, title
        self.elements: list[Element] = []
        self.attr_edges: list[Edge] = []
        self.arrows: list[Edge] = []
        self.lane_names: list[str] | None = None
        self.lane_direction = "vertical"
        self.fields: list[tuple[str, str]] = []
        self.options: dict[str, str] = {}

    # -------------------------------------------------------------- declarations
    def _decl(self, kind: str, name: str, label: str | None) -> "ChartBuilder":
        self.elements.append(Element(key=name, kind=kind, label=label))
        return self

    def unit(self, name: str, label: str | None = None) -> "ChartBuilder":
        """单位: a department or person inside the organisation."""
        return self._decl("unit", name, label)

    def external(self, name: str, label: str | None = None) -> "ChartBuilder":
        """外部单位: a unit outside the organisation (customer, supplier)."""
        return self._decl("ext_unit", name, label)

    def document(self, name: str, label: str | None = None) -> "ChartBuilder":
        """单据."""
        return self._decl("document", name, label)

    def report(self, name: str, label: str | None = None) -> "ChartBuilder":
        """报表."""
        return self._decl("report", name, label)

    def ledger(self, name: str, label: str | None = None) -> "ChartBuilder":
        """账簿 / 档案."""
        return self._decl("ledger", name, label)

    def collect(self, name: str, label: str | None = None) -> "ChartBuilder":
        """收集 / 统计: data collection."""
        return self._decl("collect", name, label)

    def step(self, name: str, label: str | None = None, *, by: str | None = None,
             reads: str | Iterable[str] | None = None, writes: str | Iterable[str] | None = None,
             makes: str | Iterable[str] | None = None, module: str | None = None,
             control: str | None = None, _kind: str = "step") -> "ChartBuilder":
        """步骤: a processing step done ``by`` a unit, reading/writing ledgers, making documents."""
        self.elements.append(Element(key=name, kind=_kind, label=label, unit=by, module=module, control=control))
        for src in as_list(reads):
            self.attr_edges.append(Edge(src=src, dst=name, origin="reads"))
        for dst in as_list(writes):
            self.attr_edges.append(Edge(src=name, dst=dst, origin="writes"))
        for dst in as_list(makes):
            self.attr_edges.append(Edge(src=name, dst=dst, origin="makes"))
        return self

    def decision(self, name: str, label: str | None = None, **attrs) -> "ChartBuilder":
        """判断: a check with labelled outcomes (give each outcome with ``flow(..., label=)``)."""
        return self.step(name, label, _kind="decision", **attrs)

    # -------------------------------------------------------------- flows and layout
    def flow(self, *path: str, label: str | None = None, goods: bool = False) -> "ChartBuilder":
        """Arrows along ``path`` (``A -> B -> C``). ``label`` and ``goods`` (a goods arrow
        ``=>``) apply to the first arrow, the one leaving ``path[0]`` (a decision's outcome).
        ``"start"``/``"开始"`` may begin a path and ``"end"``/``"结束"`` finish it."""
        if len(path) < 2:
            raise ValueError("a flow needs at least two elements")
        keys = list(path)
        if keys[0] in _START_WORDS:
            keys[0] = START
        if keys[-1] in _END_WORDS:
            keys[-1] = END
        for i, (a, b) in enumerate(zip(keys, keys[1:])):
            first = i == 0
            self.arrows.append(Edge(src=a, dst=b, style="goods" if (goods and first) else "info",
                                    label=label if first else None, origin="arrow"))
        return self

    def lanes(self, *units: str, direction: str = "vertical") -> "ChartBuilder":
        """Draw as swimlanes (泳道), in this order (default: every unit, declaration order)."""
        self.lane_names = list(units)
        self.lane_direction = {"纵向": "vertical", "横向": "horizontal"}.get(direction, direction)
        return self

    def block(self, fields: dict[str, str] | None = None, **more: str) -> "ChartBuilder":
        """The title block (图框): 业务名称, 制图, 审核, 日期 …"""
        self.fields = list({**(fields or {}), **more}.items())
        return self

    def option(self, key: str, value: str) -> "ChartBuilder":
        from .options import canonical_key, canonical_value

        k = canonical_key(key)
        self.options[k or key] = (canonical_value(k, value) if k else None) or value
        return self

    def _chart(self) -> Chart:
        c = Chart(name=self.name, title=self.title)
        c.elements = [e.model_copy() for e in self.elements]
        c.edges = [e.model_copy() for e in self.attr_edges + self.arrows]
        if self.lane_names is not None:
            c.lanes = list(self.lane_names) or [e.key for e in self.elements if e.kind in ("unit", "ext_unit")]
            c.lane_direction = self.lane_direction  # type: ignore[assignment]
        c.title_block = list(self.fields)
        c.options = dict(self.options)
        return c
