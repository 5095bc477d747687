"""Lowering one chart (业务流程图): declarations, lanes and arrows, with "did you mean"
for undefined names and wrong kinds of reference."""

from __future__ import annotations

from ..lang import syntax as S
from .lower_base import ATTR_KINDS, ATTR_KINDS_ZH, KIND_WORDS, KIND_WORDS_ZH, UNKNOWN, Gaps, Lowerer
from .names import did_you_mean_both, did_you_mean_kind, suggestions
from .types import END, START, CaseModel, Chart, Edge, Element


class ChartLowerer(Lowerer):
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
        gaps = self.gaps.setdefault(id(chart), Gaps())

        def resolve(name: S.Name, allowed: set[str] | None = None, what: str = "", what_zh: str = "",
                    prefer: set[str] | None = None) -> str | None:
            if name.text not in kinds:
                # suggest names of the kind that fits the place (a unit after “by” …)
                gaps.maybe.update(suggestions(name.text, kinds, prefer or allowed))
                hint, hint_zh = did_you_mean_kind(name.text, kinds, prefer or allowed)
                hint = hint or "declare it first, e.g. “单位 {0}” or “单据 {0}”".format(name.text)
                hint_zh = hint_zh or "请先声明它，例如“单位 {0}”或“单据 {0}”".format(name.text)
                self.error("FD101", f"“{name.text}” is not declared in chart “{chart.name}”", name.span, hint,
                           zh=f"业务流程图“{chart.name}”中没有声明“{name.text}”", hint_zh=hint_zh)
                return None
            if allowed is not None and kinds[name.text] not in allowed:
                fitting = [k for k, v in kinds.items() if v in allowed]
                # one of those was meant: none of them is “unused” for sure
                gaps.maybe.update(suggestions(name.text, dict.fromkeys(fitting, "")) or fitting)
                hint, hint_zh = did_you_mean_both(name.text, fitting)
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
                    if el.unit is None:
                        gaps.no_unit.add(el.key)
                else:
                    allowed, what = ATTR_KINDS[attr.kind]
                    for n in attr.names:
                        key = resolve(n, allowed, what, ATTR_KINDS_ZH[attr.kind])
                        if key is None:
                            gaps.edges.append((UNKNOWN, el.key, "reads", None) if attr.kind == "reads"
                                              else (el.key, UNKNOWN, attr.kind, None))
                            continue
                        if attr.kind == "reads":
                            chart.edges.append(Edge.model_construct(src=key, dst=el.key, origin="reads", span=n.span))
                        else:
                            chart.edges.append(Edge.model_construct(src=el.key, dst=key, origin=attr.kind, span=n.span))

        for stmt in ast.body:
            if isinstance(stmt, S.Chain):
                self.chain(stmt, chart, resolve, gaps)
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
                            gaps.bad_lane = True
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

    def chain(self, stmt: S.Chain, chart: Chart, resolve, gaps: Gaps) -> None:
        keys: list[str | None] = []
        eps = stmt.endpoints
        ends = any(ep.kind != "name" for ep in eps)   # start or end in this flow
        for i, ep in enumerate(eps):
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
                # next to start or end a step is expected
                near = {e.kind for e in eps[max(0, i - 1):i + 2]} if ends else frozenset()
                keys.append(resolve(ep.name, prefer={"step", "decision"} if near & {"start", "end"} else None))
        for arrow, a, b in zip(stmt.arrows, keys, keys[1:]):
            label = None
            if arrow.label is not None:
                label = " ".join(x for x in (arrow.label.ident, arrow.label.text) if x)
            if a is None or b is None:
                gaps.edges.append((a or UNKNOWN, b or UNKNOWN, "arrow", label))
                continue
            chart.edges.append(Edge.model_construct(src=a, dst=b, style=arrow.style, label=label, origin="arrow", span=arrow.span))
