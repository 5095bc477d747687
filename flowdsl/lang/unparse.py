"""Semantic model → text in the flowdsl language (the canonical "pretty" form).

``to_text(model)`` writes a ``CaseModel`` back as source, English keywords by
default, ``to_text(model, lang="zh")`` with the Chinese ones. The order is stable:
case line, options, severities, definitions, charts (title block, lanes, options,
declarations in model order, then one flow line per arrow edge), then DFDs.
Attribute edges (``makes`` / ``writes`` / ``reads``) go back on their step.

The contract, checked by the tests: ``lower(parse(to_text(m)))`` equals ``m``
ignoring spans (compare with ``strip_spans``).
"""

from __future__ import annotations

import re
from typing import Any

from .unparse_logic import quote  # noqa: F401  (public here; defined below the logic writer)
from . import unparse_dict
from ..model.types import END, START, CaseModel, Chart, Dfd, DfdFlow, DfdNode, Edge

KEYWORDS = {
    "en": {
        "case": "case", "title": "title", "option": "option", "severity": "severity",
        "define": "define", "chart": "chart", "unit": "unit", "ext_unit": "external",
        "document": "document", "report": "report", "ledger": "ledger", "collect": "collect",
        "step": "step", "decision": "decision", "by": "by", "reads": "reads", "writes": "writes",
        "makes": "makes", "module": "module", "control": "control", "lanes": "lanes",
        "vertical": "vertical", "horizontal": "horizontal", "block": "block", "start": "start",
        "end": "end", "dfd": "dfd", "entity": "entity", "store": "store", "process": "process",
        "at": "at",
    },
    "zh": {
        "case": "案例", "title": "标题", "option": "选项", "severity": "级别",
        "define": "定义", "chart": "业务流程图", "unit": "单位", "ext_unit": "外部单位",
        "document": "单据", "report": "报表", "ledger": "账簿", "collect": "收集",
        "step": "步骤", "decision": "判断", "by": "由", "reads": "读取", "writes": "写入",
        "makes": "产生", "module": "模块", "control": "控制点", "lanes": "泳道",
        "vertical": "纵向", "horizontal": "横向", "block": "图框", "start": "开始",
        "end": "结束", "dfd": "数据流程图", "entity": "外部实体", "store": "数据存储",
        "process": "加工", "at": "位于",
    },
}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "off": "关闭"}

_NAME_RE = re.compile(r"\w[\w.]*")
#: every word the grammar reserves (both languages): such a text is quoted where it may be
_RESERVED = {w for kw in KEYWORDS.values() for w in kw.values()} | {
    "外部单位", "帐簿", "台账", "台帐", "档案", "file", "统计", "处理", "业务图", "数据流图", "处理逻辑",
    "dictionary", "数据字典",
}
INDENT = "  "


def is_plain(text: str) -> bool:
    """True when ``text`` can be written bare (a NAME or an ID, not a keyword)."""
    return bool(_NAME_RE.fullmatch(text)) and text not in _RESERVED


def value(text: str) -> str:
    """An option / block / module value: bare when it is a plain name, else quoted."""
    return text if is_plain(text) else quote(text)


class _Writer:
    def __init__(self, lang: str) -> None:
        if lang not in KEYWORDS:
            raise ValueError(f"unknown keyword language {lang!r}; use 'en' or 'zh'")
        self.lang = lang
        self.kw = KEYWORDS[lang]
        self.lines: list[str] = []
        self.sep = "、" if lang == "zh" else ", "
        self.dictionary = None
        self.quote = quote
        self.value = value

    def emit(self, depth: int, text: str) -> None:
        self.lines.append(INDENT * depth + text if text else "")

    def label(self, text: str | None) -> str:
        return f" {quote(text)}" if text is not None else ""

    # ------------------------------------------------------------------ case level
    def option_key(self, key: str) -> str:
        if self.lang == "zh":
            from ..model.options import OPTIONS

            if key in OPTIONS:
                return OPTIONS[key][0]
        return key

    def option_value(self, key: str, val: str) -> str:
        if self.lang == "zh":
            from ..model.options import OPTIONS

            zh = [v for v, canon in (OPTIONS.get(key, ("", {}))[1]).items()
                  if canon == val and not v.isascii()]
            if zh:
                return value(zh[0])
        return value(val)

    def options(self, depth: int, opts: dict[str, str]) -> None:
        for k, v in opts.items():
            self.emit(depth, f"{self.kw['option']} {self.option_key(k)} = {self.option_value(k, v)}")

    def case(self, m: CaseModel) -> str:
        self.dictionary = m.dictionary
        if m.name is not None:
            self.emit(0, f"{self.kw['case']} {m.name}{self.label(m.title)}")
        elif m.title is not None:
            self.emit(0, f"{self.kw['title']} {quote(m.title)}")
        self.options(0, m.options)
        self.severities(0, m.severities)
        for d in m.definitions:
            desc = f" : {quote(d.description)}" if d.description is not None else ""
            self.emit(0, f"{self.kw['define']} {d.name} = {d.expr}{desc}")
        for chart in m.charts:
            self.blank()
            self.chart(chart)
        for dfd in m.dfds:
            self.blank()
            self.dfd(dfd)
        if m.logic:  # 处理逻辑说明 (flowdsl/lang/unparse_logic.py)
            from .unparse_logic import LogicWriter

            logic = LogicWriter(self.lang, self.emit, self.label)
            for pl in m.logic:
                self.blank()
                logic.block(pl)
        d = m.dictionary
        top = d.declared and (d.title is not None or not any(e.dfd for e in d.entries))
        unparse_dict.write(self, d, 0, None, top)   # the 数据字典 block (issue 13)
        for er in getattr(m, "ers", None) or []:
            from .unparse_er import write_er

            self.blank()
            write_er(self, er, quote)
        return "\n".join(self.lines).lstrip("\n") + "\n"

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    # ------------------------------------------------------------------ business chart
    def chart(self, c: Chart) -> None:
        self.emit(0, f"{self.kw['chart']} {c.name}{self.label(c.title)} {{")
        if c.title_block:
            self.emit(1, f"{self.kw['block']} {{")
            for k, v in c.title_block:
                self.emit(2, f"{k}: {quote(v)}")
            self.emit(1, "}")
        if c.lanes is not None:
            names = f": {self.sep.join(c.lanes)}" if c.lanes else ""
            self.emit(1, f"{self.kw['lanes']} {self.kw[c.lane_direction]}{names}")
        self.options(1, c.options)
        attr_edges: dict[str, list[Edge]] = {}
        for e in c.edges:
            if e.origin == "reads":
                attr_edges.setdefault(e.dst, []).append(e)
            elif e.origin in ("makes", "writes"):
                attr_edges.setdefault(e.src, []).append(e)
        for el in c.elements:
            parts = [f"{self.kw[el.kind]} {el.key}{self.label(el.label)}"]
            if el.unit is not None:
                parts.append(f"{self.kw['by']} {el.unit}")
            if el.module is not None:
                parts.append(f"{self.kw['module']} {value(el.module)}")
            if el.control is not None:
                parts.append(f"{self.kw['control']} {value(el.control)}{self.label(el.control_note)}")
            run: list[str] = []
            run_kind = None
            for e in attr_edges.get(el.key, []):
                if e.origin != run_kind and run:
                    parts.append(f"{self.kw[run_kind]} {self.sep.join(run)}")
                    run = []
                run_kind = e.origin
                run.append(e.src if e.origin == "reads" else e.dst)
            if run:
                parts.append(f"{self.kw[run_kind]} {self.sep.join(run)}")
            self.emit(1, " ".join(parts))
        for e in c.edges:
            if e.origin == "arrow":
                self.emit(1, f"{self.endpoint(e.src)} {self.arrow(e.style, e.label)} {self.endpoint(e.dst)}")
        self.emit(0, "}")

    def endpoint(self, key: str) -> str:
        if key == START:
            return self.kw["start"]
        if key == END:
            return self.kw["end"]
        return key

    def arrow(self, style: str, label: str | None) -> str:
        a, tip = ("=", "=>") if style == "goods" else ("-", "->")
        if label is None:
            return tip
        return f"{a}[{self.flow_label(label)}]{tip}"

    @staticmethod
    def flow_label(label: str) -> str:
        ident, _, rest = label.partition(" ")
        if is_plain(label):
            return label
        if rest and re.fullmatch(r"[A-Za-z]{0,2}[0-9]+(\.[0-9]+)*", ident) and is_plain(rest):
            return f"{ident} {rest}"
        return quote(label)

    # ------------------------------------------------------------------ data flow diagram
    def dfd(self, d: Dfd) -> None:
        self.emit(0, f"{self.kw['dfd']} {d.name}{self.label(d.title)} {{")
        self.options(1, d.options)
        self.severities(1, getattr(d, "severities", {}) or {})
        self.dfd_body(1, d, None)
        if self.dictionary is not None:
            unparse_dict.write(self, self.dictionary, 1, d.name, False)
        self.emit(0, "}")

    def severities(self, depth: int, sev: dict[str, str]) -> None:
        for code, level in sev.items():
            lv = SEVERITY_ZH.get(level, level) if self.lang == "zh" else level
            self.emit(depth, f"{self.kw['severity']} {code} {lv}")

    def dfd_body(self, depth: int, d: Dfd, parent: str | None) -> None:
        """Declarations of one diagram (a process body is its child diagram), then its flows.
        Flows name their endpoints by name: names are unique in a DFD, IDs may repeat."""
        nodes = {n.key: n for n in d.nodes}
        sub_opts = getattr(d, "diagram_options", {}) or {}
        for n in d.nodes:
            if n.parent != parent:
                continue
            ident = f"{getattr(n, 'ident', None) or n.key} " if n.ident_given else ""
            head = f"{self.kw[n.kind]} {ident}{n.name}{self.label(n.label)}"
            if n.location is not None:
                head += f" {self.kw['at']} {value(n.location)}"
            has_child = n.kind == "process" and (
                getattr(n, "has_child", False) or n.key in sub_opts
                or any(c.parent == n.key for c in d.nodes) or any(f.diagram == n.key for f in d.flows))
            if has_child:
                self.emit(depth, head + " {")
                opts = dict(sub_opts.get(n.key, {}))
                if "title" in opts:
                    self.emit(depth + 1, f"{self.kw['title']} {quote(opts.pop('title'))}")
                self.options(depth + 1, opts)
                self.dfd_body(depth + 1, d, n.key)
                self.emit(depth, "}")
            else:
                self.emit(depth, head)
        for f in d.flows:
            if f.diagram == parent:
                self.emit(depth, self.dfd_flow(f, nodes))

    def dfd_flow(self, f: DfdFlow, nodes: dict[str, DfdNode]) -> str:
        def ref(key: str) -> str:
            n = nodes.get(key)
            return n.name if n is not None else key

        parts = []
        if f.ident_given:
            parts.append(f.key)
        if f.name is not None:
            parts.append(f.name if is_plain(f.name) else quote(f.name))
        a, tip = ("=", "=>") if getattr(f, "goods", False) else ("-", "->")
        arrow = f"{a}[{' '.join(parts)}]{tip}" if parts else tip
        return f"{ref(f.src)} {arrow} {ref(f.dst)}"


def to_text(model: CaseModel, lang: str = "en") -> str:
    """The source text of ``model`` (``lang``: "en" or "zh" keywords)."""
    return _Writer(lang).case(model)


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "span" and not k.endswith("_span")}
    if isinstance(value, (list, tuple)):
        return [_strip(v) for v in value]
    return value


def strip_spans(model) -> dict:
    """``model.model_dump()`` without ``span`` (and ``*_span``) fields, for comparing models."""
    return _strip(model.model_dump())
