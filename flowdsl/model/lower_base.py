"""The shared base of the two lowerers (charts: :mod:`flowdsl.model.lower_chart`, data
flow diagrams: :mod:`flowdsl.model.lower_dfd`): reporting, options, severities and
definitions, which follow the same rules in both, and ``Gaps`` (what could not be resolved).
"""

from __future__ import annotations

from ..diagnostics.diagnostic import Diagnostic, Span
from ..lang import syntax as S
from .names import did_you_mean_both
from .options import OPTIONS, SEVERITY_WORDS, all_keys, canonical_key, canonical_value
from .dictionary import _quote
from .types import Definition

KIND_WORDS = {
    "unit": "unit (单位)", "ext_unit": "external unit (外部单位)", "document": "document (单据)",
    "report": "report (报表)", "ledger": "ledger (账簿)", "collect": "data collection (收集)",
    "step": "step (步骤)", "decision": "decision (判断)",
}
KIND_WORDS_ZH = {
    "unit": "单位", "ext_unit": "外部单位", "document": "单据", "report": "报表", "ledger": "账簿",
    "collect": "收集资料", "step": "处理步骤", "decision": "判断",
}
#: what each step attribute may name
ATTR_KINDS = {
    "by": ({"unit", "ext_unit"}, "a unit (单位)"),
    "makes": ({"document", "report"}, "a document or report (单据/报表)"),
    "writes": ({"ledger", "collect"}, "a ledger or data collection (账簿/收集)"),
    "reads": ({"ledger", "collect", "document", "report"}, "a ledger, data collection or document"),
}
ATTR_KINDS_ZH = {"by": "单位", "makes": "单据或报表", "writes": "账簿或收集资料",
                 "reads": "账簿、收集资料或单据"}
#: what the names in check_unique stand for, in Chinese
WHAT_ZH = {"chart": "业务流程图", "DFD": "数据流程图", "ER diagram": "ER图"}


#: where an unresolved name stood in a chart's flow (see ``Gaps``)
UNKNOWN = "__unknown__"


class Gaps:
    """What lowering could not resolve in one chart or DFD, so that the checks that
    depend on it can allow for it instead of reporting its consequences (a typo in
    “A -> 乙 -> B” leaves A without a way out and B without a way in).

    ``edges``: (src, dst, origin) with ``UNKNOWN`` for the unresolved end; for a DFD
    ``(diagram, src, dst)``. ``no_unit``: steps whose ``by`` names no unit."""

    def __init__(self) -> None:
        self.edges: list[tuple] = []
        self.no_unit: set[str] = set()
        self.maybe: set[str] = set()    #: names suggested for a misspelt one: perhaps used after all
        self.bad_lane = False           #: a name in ``lanes`` could not be resolved

    def __bool__(self) -> bool:
        return bool(self.edges or self.no_unit or self.maybe or self.bad_lane)


class Lowerer:
    def __init__(self) -> None:
        self.diags: list[Diagnostic] = []
        self.gaps: dict[int, Gaps] = {}   #: id(chart or dfd) -> what could not be resolved in it

    def error(self, code: str, message: str, span: Span, hint: str | None = None, severity="error", *,
              zh: str | None = None, hint_zh: str | None = None) -> None:
        self.diags.append(Diagnostic(code, severity, message, span, hint, message_zh=zh, hint_zh=hint_zh))

    # ------------------------------------------------------------------ case
    def check_unique(self, names, spans, what) -> None:
        seen: dict[str, Span] = {}
        for n, sp in zip(names, spans):
            if n in seen:
                self.error("FD102", f"duplicate {what} name “{n}”", sp,
                           f"the first “{n}” is at line {seen[n].line}; give each a different name",
                           zh=f"{WHAT_ZH.get(what, what)}名称“{n}”重复了",
                           hint_zh=f"第一个“{n}”在第 {seen[n].line} 行；请给它们起不同的名称")
            else:
                seen[n] = sp

    def option(self, opt: S.Option, into: dict[str, str]) -> None:
        key = canonical_key(opt.key)
        if key is None:
            en, zh = did_you_mean_both(opt.key, all_keys())
            self.error("FD103", f"unknown option “{opt.key}”", opt.key_span,
                       en or f"options are: {', '.join(sorted(OPTIONS))}",
                       zh=f"未知的选项“{opt.key}”", hint_zh=zh or "可用的选项有：" + "、".join(f"{OPTIONS[k][0]}（{k}）" for k in sorted(OPTIONS)))
            return
        value = canonical_value(key, opt.value)
        if value is None:
            choices = sorted(set(OPTIONS[key][1]))
            en, zh = did_you_mean_both(opt.value, choices)
            self.error("FD103", f"“{opt.value}” is not a value of option {key}", opt.value_span,
                       en or f"choose one of: {', '.join(choices)}",
                       zh=f"“{opt.value}”不是选项“{opt.key}”的可选值", hint_zh=zh or f"请从以下值中选择：{'、'.join(choices)}")
            return
        into[key] = value

    def severity(self, st: S.SeverityStmt, into: dict[str, str]) -> None:
        from ..diagnostics.codes import CODES

        level = SEVERITY_WORDS.get(st.level)
        if st.code not in CODES:
            en, zh = did_you_mean_both(st.code, CODES)
            self.error("FD105", f"unknown diagnostic code “{st.code}”", st.code_span,
                       en or "run 'flowdsl explain' to list the codes",
                       zh=f"未知的诊断代码“{st.code}”", hint_zh=zh or "运行 flowdsl explain 可以列出所有诊断代码")
        elif level is None:
            self.error("FD105", f"“{st.level}” is not a severity", st.level_span,
                       "use error / warning / off (错误 / 警告 / 关闭)",
                       zh=f"“{st.level}”不是一个级别", hint_zh="级别只能是 错误 / 警告 / 关闭（error / warning / off）")
        else:
            into[st.code] = level

    def define(self, d: S.Define) -> Definition:
        parts: list[str] = []

        def text(c: S.Comp) -> str:
            if c.kind == "ref":
                parts.append(c.text or "")
                return c.text or ""
            if c.kind == "lit":
                return _quote(c.text or "")     # a line break as \\n: the text reads back the same
            if c.kind == "seq":
                return " + ".join(text(p) for p in c.parts)
            if c.kind == "choice":
                return "[" + " | ".join(text(p) for p in c.parts) + "]"
            if c.kind == "optional":
                return "(" + text(c.parts[0]) + ")"
            return f"{c.low or ''}{{{text(c.parts[0])}}}{c.high or ''}"

        from .lower_dict import comp_node

        return Definition.model_construct(name=d.name.text, expr=text(d.comp), parts=parts,
                          description=d.description, comp=comp_node(d.comp), span=d.span)

    # ------------------------------------------------------------------ chart
