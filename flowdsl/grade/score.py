"""Scoring: from the matching of each part to a Grade with one line per deduction.

Every criterion of the rubric has a weight out of 10 for its kind of diagram, scaled to
the marks of the part; each answer item (a unit, an arrow, a label) carries an equal
share of its criterion. Missing content costs its share, invented content and wrong
arrows a small fixed cost (capped), the student's own rule violations a fixed cost
each code once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .match import (Link, LinkMatch, Node, Part, Synonyms, chart_part, dfd_part, match_links,
                    match_nodes, norm, return_links, similarity)
from .rubric import NAMES, Rubric

GROUP_WORD = {"units": ("单位", "unit"), "documents": ("单据", "document"), "ledgers": ("账簿", "ledger"),
              "steps": ("处理", "step"), "entities": ("外部实体", "entity"),
              "processes": ("处理逻辑", "process"), "stores": ("数据存储", "store")}


@dataclass
class Deduction:
    criterion: str
    lost: float
    reason: str                      #: in Chinese (the teacher's language of the seed cases)
    reason_en: str
    line: int | None = None
    column: int | None = None

    def to_dict(self) -> dict:
        return {"criterion": self.criterion, "lost": round(self.lost, 2), "reason": self.reason,
                "reason_en": self.reason_en, "line": self.line, "column": self.column}


@dataclass
class PartResult:
    """What the report draws: one answer part and the student's part matched to it."""

    answer: Part
    student: Part | None
    nodes: dict[str, tuple[str, str]] = field(default_factory=dict)
    links: list[LinkMatch] = field(default_factory=list)
    extra_links: list[Link] = field(default_factory=list)
    extra_nodes: list[Node] = field(default_factory=list)
    marks: float = 0.0


def _at(d: Deduction, span) -> Deduction:
    if span:
        d.line, d.column = span
    return d


def _text(part: Part, key: str) -> str:
    n = part.nodes.get(key)
    return n.shown if n is not None else key


def _arrow(part: Part, lk: Link) -> str:
    return f"“{_text(part, lk.src)}”→“{_text(part, lk.dst)}”" + (f"（{lk.label}）" if lk.label else "")


def _same_label(a: str | None, b: str | None, syn: Synonyms) -> bool:
    x, y = norm(a), norm(b)
    return x == y or syn.same(x, y) or similarity(x, y) >= 0.6


def _nodes(res: PartResult, weights: dict[str, float], scale: float, out: list[Deduction]) -> None:
    ans = res.answer
    for group, w in weights.items():
        if group not in GROUP_WORD:
            continue
        items = [n for n in ans.nodes.values() if n.group == group]
        for n in items:
            if n.key not in res.nodes:
                zh, en = GROUP_WORD[group]
                out.append(Deduction(group, w * scale / len(items), f"缺少{zh}“{n.shown}”",
                                     f"missing {en} “{n.shown}”"))


def _links(res: PartResult, w: dict[str, float], scale: float, syn: Synonyms, wrong: float,
           out: list[Deduction]) -> None:
    """Arrows: missing, reversed (missing and a wrong arrow drawn), sent elsewhere; then
    the outcome labels, goods arrows and returns of the chart."""
    ans, stu = res.answer, res.student
    assert stu is not None
    n = len(res.links)
    is_chart = ans.kind == "chart"
    for lm in res.links:
        lk, got = lm.link, lm.student
        share = w["flows"] * scale / n
        where = got.span if got is not None else None
        if lm.status == "missing":
            out.append(Deduction("flows", share, f"缺少流向 {_arrow(ans, lk)}", f"missing arrow {_arrow(ans, lk)}"))
        elif lm.status == "reversed":
            out.append(_at(Deduction("flows", share + wrong * scale, f"流向反了：应为 {_arrow(ans, lk)}",
                                     f"arrow reversed: should be {_arrow(ans, lk)}"), where))
        elif lm.status == "misdirected":
            out.append(_at(Deduction("flows", share, f"流向错了：{_arrow(ans, lk)}，画成了到“{_text(stu, got.dst)}”",
                                     f"arrow to the wrong place: {_arrow(ans, lk)}, drawn to “{_text(stu, got.dst)}”"),
                           where))
        elif not is_chart and got is not None and lk.label and not _same_label(lk.label, got.label, syn):
            out.append(_at(Deduction("flows", share / 2, f"数据流名称应为“{lk.label}”",
                                     f"the data flow should be named “{lk.label}”"), where))
    if not is_chart:
        return
    outcomes = [lm for lm in res.links if lm.link.label and (
        ans.nodes[lm.link.src].kind == "decision" or not lm.link.goods)]
    for lm in outcomes:
        share = w["outcomes"] * scale / len(outcomes)
        if lm.status in ("missing", "reversed"):
            out.append(Deduction("outcomes", share, f"缺少标注“{lm.link.label}”的流向",
                                 f"missing the outcome “{lm.link.label}”"))
        elif lm.student is not None and not _same_label(lm.link.label, lm.student.label, syn):
            zh = "没有标注" if not lm.student.label else f"标注应为“{lm.link.label}”"
            en = "not labelled" if not lm.student.label else f"should be labelled “{lm.link.label}”"
            out.append(_at(Deduction("outcomes", share, f"{_arrow(ans, lm.link)} {zh}", f"{_arrow(ans, lm.link)} {en}"),
                           lm.student.span))
    goods = [lm for lm in res.links if lm.link.goods]
    for lm in goods:
        share = w["goods"] * scale / len(goods)
        if lm.status in ("missing", "reversed"):
            out.append(Deduction("goods", share, f"缺少货物流 {_arrow(ans, lm.link)}", f"missing goods flow {_arrow(ans, lm.link)}"))
        elif lm.student is not None and not lm.student.goods:
            out.append(_at(Deduction("goods", share, f"{_arrow(ans, lm.link)} 是货物流，应画成粗箭头（=>）",
                                     f"{_arrow(ans, lm.link)} carries goods: draw it as a goods arrow (=>)"),
                           lm.student.span))
    back = return_links(ans)
    returns = [lm for lm in res.links if lm.link.index in back]
    for lm in returns:
        if lm.status != "ok":
            out.append(Deduction("returns", w["returns"] * scale / len(returns),
                                 f"退回/返回 {_arrow(ans, lm.link)} 不对", f"the return {_arrow(ans, lm.link)} is not there"))


def _extra(res: PartResult, rubric: Rubric, scale: float, out: list[Deduction]) -> None:
    stu = res.student
    assert stu is not None
    items: list[Deduction] = []
    for n in res.extra_nodes:
        items.append(_at(Deduction("extra", rubric.extra["node"] * scale, f"题目中没有的“{n.shown}”",
                                   f"“{n.shown}” is not in the exercise"), n.span))
    for lk in res.extra_links:
        items.append(_at(Deduction("extra", rubric.extra["link"] * scale, f"多余或错误的流向 {_arrow(stu, lk)}",
                                   f"arrow not in the answer {_arrow(stu, lk)}"), lk.span))
    budget = rubric.extra["cap"] * scale
    for d in items:
        d.lost = min(d.lost, budget)
        budget -= d.lost
        if d.lost > 0:
            out.append(d)


def _dfd_levels(res: PartResult, w: dict[str, float], scale: float, student_codes: list, out: list[Deduction]) -> None:
    ans, stu = res.answer, res.student
    assert stu is not None
    parents = [n for n in ans.nodes.values() if n.group == "processes" and any(
        m.unit == n.key for m in ans.nodes.values())]
    for n in parents:
        s = res.nodes.get(n.key)
        if s is None or not any(m.unit == s[0] for m in stu.nodes.values()):
            out.append(Deduction("levels", w["levels"] * scale / len(parents), f"“{n.shown}”没有分解为子图",
                                 f"“{n.shown}” is not broken down into a child diagram"))
    children = {m.unit for m in stu.nodes.values() if m.unit}
    unbalanced = [d for d in student_codes if d.code == "FD501"]
    if children and unbalanced:
        share = min(1.0, len(unbalanced) / len(children) / 2)
        d = unbalanced[0]
        out.append(_at(Deduction("balancing", w["balancing"] * scale * share,
                                 f"子图与父图不平衡（{len(unbalanced)} 处）：{d.message_zh or d.message}",
                                 f"child diagram does not balance ({len(unbalanced)}): {d.message}"),
                       (d.span.line, d.span.column) if d.span.line else None))


def grade_part(ans: Part, stu: Part | None, marks: float, rubric: Rubric, syn: Synonyms,
               diagnostics: list) -> tuple[PartResult, list[Deduction]]:
    res = PartResult(ans, stu, marks=marks)
    out: list[Deduction] = []
    kind_zh = "业务流程图" if ans.kind == "chart" else "数据流程图"
    if stu is None:
        out.append(Deduction("part", marks, f"没有画{kind_zh}“{ans.name}”",
                             f"the {'business chart' if ans.kind == 'chart' else 'data flow diagram'} “{ans.name}” is missing"))
        return res, out
    res.nodes = match_nodes(ans, stu, syn)
    res.links, res.extra_links = match_links(ans, stu, res.nodes)
    matched = {s for s, _ in res.nodes.values()}
    res.extra_nodes = [n for n in stu.nodes.values() if n.group != "terminal" and n.key not in matched]
    scale = marks / 10.0
    weights = rubric.chart if ans.kind == "chart" else rubric.dfd
    _nodes(res, weights, scale, out)
    if res.links:
        _links(res, weights, scale, syn, rubric.extra["link"], out)
    _extra(res, rubric, scale, out)
    if ans.kind == "dfd":
        _dfd_levels(res, weights, scale, [d for d in diagnostics if d.file == stu.file or stu.file is None], out)
    return res, out


def answer_parts(models: list) -> list[Part]:
    parts: list[Part] = []
    for file, model in models:
        parts += [chart_part(c, file) for c in model.charts] + [dfd_part(d, file) for d in model.dfds]
    return parts


def pair_parts(answer: list[Part], student: list[Part]) -> list[tuple[Part, Part | None]]:
    """Each answer part with the student's part of the same kind: the same name, else the
    only one left of that kind, else the most similar name."""
    free = list(student)
    pairs: list[tuple[Part, Part | None]] = []
    for a in answer:
        same = [s for s in free if s.kind == a.kind]
        pick = next((s for s in same if norm(s.name) == norm(a.name)), None)
        if pick is None and same:
            pick = max(same, key=lambda s: similarity(norm(s.name), norm(a.name)))
            if len([x for x in answer if x.kind == a.kind]) > 1 and similarity(norm(pick.name), norm(a.name)) < 0.5:
                pick = None
        if pick is not None:
            free.remove(pick)
        pairs.append((a, pick))
    return pairs


def rule_deductions(diagnostics: list, rubric: Rubric) -> list[Deduction]:
    out: list[Deduction] = []
    seen: set[str] = set()
    for d in diagnostics:
        if d.code in rubric.rules and d.code not in seen and rubric.rules[d.code] > 0:
            seen.add(d.code)
            out.append(_at(Deduction("rules", rubric.rules[d.code], f"{d.code}：{d.message_zh or d.message}",
                                     f"{d.code}: {d.message}"),
                           (d.span.line, d.span.column) if d.span.line else None))
    return out


def round_to(x: float, step: float) -> float:
    if step <= 0:
        return round(x, 2)
    return float(int(x / step + 0.5 + 1e-9)) * step


def criterion_name(criterion: str, lang: str = "zh") -> str:
    zh, en = NAMES.get(criterion, (criterion, criterion))
    return zh if lang == "zh" else en
