"""FD823–FD827: the decision tables of 处理逻辑说明, checked as textbooks teach them
(list the conditions, count the combinations, fill the actions, merge, check completeness).

:func:`flowdsl.checks.logic_case.run` runs these and the tree / case rules.
"""

from __future__ import annotations

from itertools import product

from ..diagnostics.codes import default_severity
from ..diagnostics.diagnostic import Diagnostic, Span
from ..model.logic import DecisionTable, action_marked

#: completeness is checked up to this many combinations (2^12)
MAX_COMBINATIONS = 4096
SHOWN = 4


def _d(code: str, msg: str, span: Span, hint: str, zh: str, hint_zh: str) -> Diagnostic:
    return Diagnostic(code, default_severity(code), msg, span, hint, message_zh=zh, hint_zh=hint_zh)


def _where(t: DecisionTable) -> str:
    return f"decision table “{t.title or t.name}”" if (t.title or t.name) else "the decision table"


def _where_zh(t: DecisionTable) -> str:
    return f"判定表“{t.title or t.name}”" if (t.title or t.name) else "判定表"


def rule_span(t: DecisionTable, j: int) -> Span:
    """Where rule ``j`` is written: its entry in the first row that has one."""
    for r in t.conditions + t.actions:
        if j < len(r.cells_span):
            return r.cells_span[j]
    return t.span


def combo_text(t: DecisionTable, combo: tuple[str, ...], zh: bool = False) -> str:
    sep, eq = ("、", "＝") if zh else (", ", " = ")
    return sep.join(f"{c.text}{eq}{v}" for c, v in zip(t.conditions, combo) if v != "—")


def check_shape(t: DecisionTable) -> list[Diagnostic]:
    """FD826: every row has one entry per rule; action entries are marks."""
    out = []
    n = t.rule_count
    for r in t.conditions + t.actions:
        if len(r.entries) != n:
            out.append(_d("FD826", f"“{r.text}” has {len(r.entries)} entries, {_where(t)} has {n} rules",
                          r.span, "write one entry per rule column (— where it does not matter)",
                          f"“{r.text}”有 {len(r.entries)} 项，而{_where_zh(t)}有 {n} 条规则",
                          "每条规则（每一列）写一项，无关的写 —"))
    for r in t.actions:
        for e, sp in zip(r.entries, r.cells_span):
            if action_marked(e) is None:
                out.append(_d("FD826", f"“{e}” is not an action entry of “{r.text}”", sp,
                              "mark an action taken with √ (or ✓, X) and one not taken with — (or ×)",
                              f"“{e}”不是动作“{r.text}”的动作项", "执行的动作写 √（或 ✓、X），不执行的写 —（或 ×）"))
    return out


def covered(t: DecisionTable, j: int) -> list[tuple[str, ...]]:
    """The combinations rule ``j`` covers (— stands for every value)."""
    conds, _ = t.rule(j)
    return list(product(*[t.domain(i) if v == "—" else [v] for i, v in enumerate(conds)]))


def check_table(t: DecisionTable) -> list[Diagnostic]:
    out = check_shape(t)
    if out or not t.conditions:
        return out
    n = t.rule_count
    rules = [t.rule(j) for j in range(n)]
    size = 1
    for i in range(len(t.conditions)):
        size *= max(1, len(t.domain(i)))
    if size > MAX_COMBINATIONS:
        return out
    owner: dict[tuple[str, ...], int] = {}
    clashes: set[tuple[int, int]] = set()
    repeats: set[tuple[int, int]] = set()
    for j in range(n):
        for combo in covered(t, j):
            k = owner.setdefault(combo, j)
            if k == j:
                continue
            if set(rules[k][1]) != set(rules[j][1]):
                if (k, j) not in clashes:
                    clashes.add((k, j))
                    out.append(_contradiction(t, k, j, combo))
            elif (k, j) not in repeats:
                repeats.add((k, j))
    for k, j in sorted(repeats):
        if (k, j) not in clashes:
            out.append(_d("FD825", f"rule {j + 1} of {_where(t)} repeats rule {k + 1} for "
                          f"{combo_text(t, rules[j][0])} (same actions)", rule_span(t, j),
                          f"drop rule {j + 1}, or give the two rules different conditions",
                          f"{_where_zh(t)}的规则 {j + 1} 与规则 {k + 1} 在 {combo_text(t, rules[j][0], True)} 上重复（动作相同）",
                          f"删去规则 {j + 1}，或让两条规则的条件不同"))
    out.extend(_mergeable(t, rules))
    missing = [c for c in product(*[t.domain(i) for i in range(len(t.conditions))]) if c not in owner]
    if missing:
        shown = "; ".join(combo_text(t, c) for c in missing[:SHOWN]) + (" …" if len(missing) > SHOWN else "")
        shown_zh = "；".join(combo_text(t, c, True) for c in missing[:SHOWN]) + (" …" if len(missing) > SHOWN else "")
        out.append(_d("FD823", f"{_where(t)} is incomplete: no rule for {shown} "
                      f"({len(missing)} of {size} combinations uncovered)", t.span,
                      "add a rule column for each uncovered combination (or — in a condition that does not matter)",
                      f"{_where_zh(t)}不完整：{shown_zh} 没有对应的规则（{size} 种组合中有 {len(missing)} 种未覆盖）",
                      "为每个未覆盖的组合加一列规则（无关的条件写 —）"))
    if t.actions:
        for j, (_, acts) in enumerate(rules):
            if not acts:
                out.append(_d("FD827", f"rule {j + 1} of {_where(t)} takes no action", rule_span(t, j),
                              "mark the action this rule takes with √",
                              f"{_where_zh(t)}的规则 {j + 1} 没有任何动作", "用 √ 标出这条规则执行的动作"))
    return out


def _contradiction(t: DecisionTable, k: int, j: int, combo) -> Diagnostic:
    a = "、".join(t.rule(k)[1]) or "nothing"
    b = "、".join(t.rule(j)[1]) or "nothing"
    return _d("FD824", f"{_where(t)} is contradictory: rules {k + 1} and {j + 1} both cover "
              f"{combo_text(t, combo)} but take different actions ({a} / {b})", rule_span(t, j),
              f"tell rules {k + 1} and {j + 1} apart by a condition, or give them the same actions",
              f"{_where_zh(t)}有矛盾：规则 {k + 1} 和规则 {j + 1} 都覆盖 {combo_text(t, combo, True)}，"
              f"动作却不同（{a.replace('nothing', '无')} / {b.replace('nothing', '无')}）",
              f"用某个条件把规则 {k + 1} 和 {j + 1} 区分开，或让它们的动作相同")


def _mergeable(t: DecisionTable, rules) -> list[Diagnostic]:
    """FD825: rules with the same actions that differ in one condition only and together
    take every value of it: one rule with — there."""
    out = []
    done: set[int] = set()
    for i, c in enumerate(t.conditions):
        dom = t.domain(i)
        groups: dict[tuple, list[int]] = {}
        for j, (conds, acts) in enumerate(rules):
            if conds[i] != "—" and j not in done:
                key = (conds[:i] + conds[i + 1:], frozenset(acts))
                groups.setdefault(key, []).append(j)
        for key, js in groups.items():
            if len(js) > 1 and {rules[j][0][i] for j in js} >= set(dom):
                done.update(js)
                nums = "、".join(str(j + 1) for j in js)
                nums_en = ", ".join(str(j + 1) for j in js)
                out.append(_d("FD825", f"rules {nums_en} of {_where(t)} take the same actions and differ only in "
                              f"“{c.text}”: merge them into one rule with — for “{c.text}”", rule_span(t, js[1]),
                              f"replace rules {nums_en} by one rule: {_rule_text(t, rules[js[0]][0], i)}",
                              f"{_where_zh(t)}的规则 {nums} 动作相同，只在“{c.text}”上不同：可以合并成一条，“{c.text}”写 —",
                              f"把规则 {nums} 合并成一条：{_rule_text(t, rules[js[0]][0], i)}"))
    return out


def _rule_text(t: DecisionTable, conds, merged: int) -> str:
    return " ".join("—" if k == merged else v for k, v in enumerate(conds))

