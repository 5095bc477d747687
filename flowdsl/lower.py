"""AST → semantic model: name resolution, defaults, options.

Reports undefined and duplicate names (with "did you mean"), wrong kinds of
reference and unknown options, and keeps going so that every mistake of a file
is reported at once. Data flow diagrams are lowered by ``flowdsl.lower_dfd``.
"""

from __future__ import annotations

from . import syntax as S
from .diagnostics import Diagnostic, Span
from .model import END, START, CaseModel, Chart, Definition, Edge, Element
from .names import did_you_mean_both
from .options import OPTIONS, SEVERITY_WORDS, all_keys, canonical_key, canonical_value

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
WHAT_ZH = {"chart": "业务流程图", "DFD": "数据流程图"}


class Lowerer:
    def __init__(self) -> None:
        self.diags: list[Diagnostic] = []

    def error(self, code: str, message: str, span: Span, hint: str | None = None, severity="error", *,
              zh: str | None = None, hint_zh: str | None = None) -> None:
        self.diags.append(Diagnostic(code, severity, message, span, hint, message_zh=zh, hint_zh=hint_zh))

    # ------------------------------------------------------------------ case
    def lower_file(self, file: S.File) -> CaseModel:
        case = CaseModel.model_construct()
        for item in file.items:
            if isinstance(item, S.CaseStmt):
                case.name = item.name.text
                case.title = item.label
            elif isinstance(item, S.TitleStmt):
                case.title = item.text
            elif isinstance(item, S.Option):
                self.option(item, case.options)
            elif isinstance(item, S.SeverityStmt):
                self.severity(item, case.severities)
            elif isinstance(item, S.Chart):
                case.charts.append(self.chart(item, case))
            elif isinstance(item, S.Dfd):
                from .lower_dfd import lower_dfd

                dfd, diags = lower_dfd(item, case)
                case.dfds.append(dfd)
                self.diags.extend(diags)
            elif isinstance(item, S.Define):
                case.definitions.append(self.define(item))
        # a chart and a DFD may share a name (进书): their views are named apart (进书, 进书-0 …)
        self.check_unique([c.name for c in case.charts], [c.span for c in case.charts], "chart")
        self.check_unique([d.name for d in case.dfds], [d.span for d in case.dfds], "DFD")
        return case

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
        from .codes import CODES

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
                return '"' + (c.text or "").replace("\\", "\\\\").replace('"', '\\"') + '"'
            if c.kind == "seq":
                return " + ".join(text(p) for p in c.parts)
            if c.kind == "choice":
                return "[" + " | ".join(text(p) for p in c.parts) + "]"
            if c.kind == "optional":
                return "(" + text(c.parts[0]) + ")"
            return f"{c.low or ''}{{{text(c.parts[0])}}}{c.high or ''}"

        return Definition.model_construct(name=d.name.text, expr=text(d.comp), parts=parts,
                          description=d.description, span=d.span)

    # ------------------------------------------------------------------ chart
    def chart(self, ast: S.Chart, case: CaseModel) -> Chart:
        chart = Chart.model_construct(name=ast.name.text, title=ast.label, span=ast.span)
        decls: list[S.Decl] = [s for s in ast.body if isinstance(s, S.Decl)]
        first: dict[str, S.Decl] = {}
        for d in decls:
            if d.name.text in first:
                prev = first[d.name.text]
                self.error("FD102", f"“{d.name.text}” is declared twice", d.name.span,
                           f"the first declaration is at line {prev.name.span.line} "
                           f"({KIND_WORDS[prev.kind]}); rename one of them",
                           zh=f"“{d.name.text}”声明了两次",
                           hint_zh=f"第一次声明在第 {prev.name.span.line} 行（{KIND_WORDS_ZH[prev.kind]}）；"
                                   "请把其中一个改名")
                continue
            first[d.name.text] = d
            chart.elements.append(Element.model_construct(key=d.name.text, kind=d.kind, label=d.label, span=d.name.span))
        kinds = {e.key: e.kind for e in chart.elements}
        elements = {e.key: e for e in chart.elements}

        def resolve(name: S.Name, allowed: set[str] | None = None, what: str = "", what_zh: str = "") -> str | None:
            if name.text not in kinds:
                hint, hint_zh = did_you_mean_both(name.text, kinds)
                hint = hint or "declare it first, e.g. “单位 {0}” or “单据 {0}”".format(name.text)
                hint_zh = hint_zh or "请先声明它，例如“单位 {0}”或“单据 {0}”".format(name.text)
                self.error("FD101", f"“{name.text}” is not declared in chart “{chart.name}”", name.span, hint,
                           zh=f"业务流程图“{chart.name}”中没有声明“{name.text}”", hint_zh=hint_zh)
                return None
            if allowed is not None and kinds[name.text] not in allowed:
                hint, hint_zh = did_you_mean_both(name.text, [k for k, v in kinds.items() if v in allowed])
                self.error("FD104", f"“{name.text}” is a {KIND_WORDS[kinds[name.text]]}, but {what} is needed here",
                           name.span, hint, zh=f"“{name.text}”是{KIND_WORDS_ZH[kinds[name.text]]}，但这里需要{what_zh}",
                           hint_zh=hint_zh)
                return None
            return name.text

        for d in decls:
            if first.get(d.name.text) is not d:
                continue
            el = elements[d.name.text]
            for attr in d.attrs:
                if d.kind not in ("step", "decision"):
                    continue
                if attr.kind == "module":
                    el.module = attr.value
                elif attr.kind == "control":
                    el.control, el.control_note = attr.value, attr.note
                elif attr.kind == "by":
                    el.unit = resolve(attr.names[0], *ATTR_KINDS["by"], ATTR_KINDS_ZH["by"])
                else:
                    allowed, what = ATTR_KINDS[attr.kind]
                    for n in attr.names:
                        key = resolve(n, allowed, what, ATTR_KINDS_ZH[attr.kind])
                        if key is None:
                            continue
                        if attr.kind == "reads":
                            chart.edges.append(Edge.model_construct(src=key, dst=el.key, origin="reads", span=n.span))
                        else:
                            chart.edges.append(Edge.model_construct(src=el.key, dst=key, origin=attr.kind, span=n.span))

        for stmt in ast.body:
            if isinstance(stmt, S.Chain):
                self.chain(stmt, chart, resolve)
            elif isinstance(stmt, S.Lanes):
                chart.lane_direction = stmt.direction or "vertical"
                if stmt.names:
                    chart.lanes = []
                    for n in stmt.names:
                        key = resolve(n, {"unit", "ext_unit"}, "a unit (单位)", "单位")
                        if key in chart.lanes:
                            self.error("FD102", f"lane “{key}” is listed twice", n.span,
                                       "list each unit once in “lanes”",
                                       zh=f"泳道“{key}”列出了两次", hint_zh="“泳道”中每个单位只列一次")
                        elif key:
                            chart.lanes.append(key)
                else:
                    chart.lanes = []   # filled below: every unit, in declaration order
            elif isinstance(stmt, S.Block):
                chart.title_block = [(n.text, v) for n, v in stmt.fields]
            elif isinstance(stmt, S.TitleStmt):
                chart.title = stmt.text
            elif isinstance(stmt, S.Option):
                self.option(stmt, chart.options)
            elif isinstance(stmt, S.SeverityStmt):
                self.severity(stmt, case.severities)
        if chart.lanes == []:
            chart.lanes = [e.key for e in chart.elements if e.kind in ("unit", "ext_unit")]
        return chart

    def chain(self, stmt: S.Chain, chart: Chart, resolve) -> None:
        keys: list[str | None] = []
        for i, ep in enumerate(stmt.endpoints):
            if ep.kind == "start":
                if i != 0:
                    self.error("FD106", "“start”/“开始” can only begin a flow", ep.name.span, "write “开始 -> …” (start -> …)",
                               zh="“开始”（start）只能写在流程的开头", hint_zh="写成“开始 -> …”（start -> …）")
                keys.append(START)
            elif ep.kind == "end":
                if i != len(stmt.endpoints) - 1:
                    self.error("FD106", "“end”/“结束” can only finish a flow", ep.name.span, "write “… -> 结束” (… -> end)",
                               zh="“结束”（end）只能写在流程的末尾", hint_zh="写成“… -> 结束”（… -> end）")
                keys.append(END)
            else:
                keys.append(resolve(ep.name))
        for arrow, a, b in zip(stmt.arrows, keys, keys[1:]):
            if a is None or b is None:
                continue
            label = None
            if arrow.label is not None:
                label = " ".join(x for x in (arrow.label.ident, arrow.label.text) if x)
            chart.edges.append(Edge.model_construct(src=a, dst=b, style=arrow.style, label=label, origin="arrow", span=arrow.span))


def lower(file: S.File) -> tuple[CaseModel, list[Diagnostic]]:
    from ._gc import paused

    lw = Lowerer()
    with paused():  # the model is acyclic (see flowdsl/_gc.py)
        case = lw.lower_file(file)
    return case, lw.diags
