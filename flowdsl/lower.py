"""AST → semantic model: name resolution, defaults, options.

Reports undefined and duplicate names (with "did you mean"), wrong kinds of
reference and unknown options, and keeps going so that every mistake of a file
is reported at once. Data flow diagrams are lowered by ``flowdsl.lower_dfd``.
"""

from __future__ import annotations

from . import syntax as S
from .diagnostics import Diagnostic, Span
from .model import END, START, CaseModel, Chart, Definition, Edge, Element
from .names import did_you_mean
from .options import OPTIONS, SEVERITY_WORDS, all_keys, canonical_key, canonical_value

KIND_WORDS = {
    "unit": "unit (单位)", "ext_unit": "external unit (外部单位)", "document": "document (单据)",
    "report": "report (报表)", "ledger": "ledger (账簿)", "collect": "data collection (收集)",
    "step": "step (步骤)", "decision": "decision (判断)",
}
#: what each step attribute may name
ATTR_KINDS = {
    "by": ({"unit", "ext_unit"}, "a unit (单位)"),
    "makes": ({"document", "report"}, "a document or report (单据/报表)"),
    "writes": ({"ledger", "collect"}, "a ledger or data collection (账簿/收集)"),
    "reads": ({"ledger", "collect", "document", "report"}, "a ledger, data collection or document"),
}


class Lowerer:
    def __init__(self) -> None:
        self.diags: list[Diagnostic] = []

    def error(self, code: str, message: str, span: Span, hint: str | None = None, severity="error") -> None:
        self.diags.append(Diagnostic(code, severity, message, span, hint))

    # ------------------------------------------------------------------ case
    def lower_file(self, file: S.File) -> CaseModel:
        case = CaseModel()
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
                           f"the first “{n}” is at line {seen[n].line}; give each a different name")
            else:
                seen[n] = sp

    def option(self, opt: S.Option, into: dict[str, str]) -> None:
        key = canonical_key(opt.key)
        if key is None:
            self.error("FD103", f"unknown option “{opt.key}”", opt.key_span,
                       did_you_mean(opt.key, all_keys()) or f"options are: {', '.join(sorted(OPTIONS))}")
            return
        value = canonical_value(key, opt.value)
        if value is None:
            choices = sorted(set(OPTIONS[key][1]))
            self.error("FD103", f"“{opt.value}” is not a value of option {key}", opt.value_span,
                       did_you_mean(opt.value, choices) or f"choose one of: {', '.join(choices)}")
            return
        into[key] = value

    def severity(self, st: S.SeverityStmt, into: dict[str, str]) -> None:
        from .codes import CODES

        level = SEVERITY_WORDS.get(st.level)
        if st.code not in CODES:
            self.error("FD105", f"unknown diagnostic code “{st.code}”", st.code_span,
                       did_you_mean(st.code, CODES) or "run 'flowdsl explain' to list the codes")
        elif level is None:
            self.error("FD105", f"“{st.level}” is not a severity", st.level_span,
                       "use error / warning / off (错误 / 警告 / 关闭)")
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

        return Definition(name=d.name.text, expr=text(d.comp), parts=parts,
                          description=d.description, span=d.span)

    # ------------------------------------------------------------------ chart
    def chart(self, ast: S.Chart, case: CaseModel) -> Chart:
        chart = Chart(name=ast.name.text, title=ast.label, span=ast.span)
        decls: list[S.Decl] = [s for s in ast.body if isinstance(s, S.Decl)]
        first: dict[str, S.Decl] = {}
        for d in decls:
            if d.name.text in first:
                prev = first[d.name.text]
                self.error("FD102", f"“{d.name.text}” is declared twice", d.name.span,
                           f"the first declaration is at line {prev.name.span.line} "
                           f"({KIND_WORDS[prev.kind]}); rename one of them")
                continue
            first[d.name.text] = d
            chart.elements.append(Element(key=d.name.text, kind=d.kind, label=d.label, span=d.name.span))
        kinds = {e.key: e.kind for e in chart.elements}
        elements = {e.key: e for e in chart.elements}

        def resolve(name: S.Name, allowed: set[str] | None = None, what: str = "") -> str | None:
            if name.text not in kinds:
                hint = did_you_mean(name.text, kinds) or "declare it first, e.g. “单位 {0}” or “单据 {0}”".format(name.text)
                self.error("FD101", f"“{name.text}” is not declared in chart “{chart.name}”", name.span, hint)
                return None
            if allowed is not None and kinds[name.text] not in allowed:
                self.error("FD104", f"“{name.text}” is a {KIND_WORDS[kinds[name.text]]}, but {what} is needed here",
                           name.span, did_you_mean(name.text, [k for k, v in kinds.items() if v in allowed]))
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
                    el.control = attr.value
                elif attr.kind == "by":
                    el.unit = resolve(attr.names[0], *ATTR_KINDS["by"])
                else:
                    allowed, what = ATTR_KINDS[attr.kind]
                    for n in attr.names:
                        key = resolve(n, allowed, what)
                        if key is None:
                            continue
                        if attr.kind == "reads":
                            chart.edges.append(Edge(src=key, dst=el.key, origin="reads", span=n.span))
                        else:
                            chart.edges.append(Edge(src=el.key, dst=key, origin=attr.kind, span=n.span))

        for stmt in ast.body:
            if isinstance(stmt, S.Chain):
                self.chain(stmt, chart, resolve)
            elif isinstance(stmt, S.Lanes):
                chart.lane_direction = stmt.direction or "vertical"
                if stmt.names:
                    chart.lanes = []
                    for n in stmt.names:
                        key = resolve(n, {"unit", "ext_unit"}, "a unit (单位)")
                        if key in chart.lanes:
                            self.error("FD102", f"lane “{key}” is listed twice", n.span,
                                       "list each unit once in “lanes”")
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
                    self.error("FD106", "“start”/“开始” can only begin a flow", ep.name.span, "write “开始 -> …” (start -> …)")
                keys.append(START)
            elif ep.kind == "end":
                if i != len(stmt.endpoints) - 1:
                    self.error("FD106", "“end”/“结束” can only finish a flow", ep.name.span, "write “… -> 结束” (… -> end)")
                keys.append(END)
            else:
                keys.append(resolve(ep.name))
        for arrow, a, b in zip(stmt.arrows, keys, keys[1:]):
            if a is None or b is None:
                continue
            label = None
            if arrow.label is not None:
                label = " ".join(x for x in (arrow.label.ident, arrow.label.text) if x)
            chart.edges.append(Edge(src=a, dst=b, style=arrow.style, label=label, origin="arrow", span=arrow.span))


def lower(file: S.File) -> tuple[CaseModel, list[Diagnostic]]:
    lw = Lowerer()
    case = lw.lower_file(file)
    return case, lw.diags
