"""Business chart checks FD201-FD206 (positive and negative) and severity settings."""

from __future__ import annotations

import pytest

import flowdsl
from flowdsl.checks import CHART_CHECKS, apply_severities, chart_checks, run_checks
from flowdsl.diagnostics.codes import CODES

from conftest import model_of

#: a small chart every check accepts; ``%s`` adds lines before the closing brace
BASE = '''chart c {
  unit 甲
  unit 乙
  document 单
  step 填 by 甲 makes 单
  甲 -> 填
  单 -> 乙
%s}'''


def diags_of(extra: str = "", **kw):
    return flowdsl.parse(BASE % extra, **kw).diagnostics


def found(extra: str = "", **kw):
    return [(d.code, d.severity, d.span.line) for d in diags_of(extra, **kw)]


def test_base_chart_is_clean():
    assert diags_of() == []


def test_registry_lists_one_module_per_check():
    mods = chart_checks()
    assert [m.CODE for m in mods] == ["FD201", "FD202", "FD203", "FD204", "FD205", "FD206", "FD207"]
    assert len(CHART_CHECKS) == len(mods)
    for m in mods:
        assert m.CODE in CODES


def test_check_functions_run_directly_on_a_model():
    from flowdsl.checks.fd205_unused import check
    from flowdsl.checks.graph import chart_graph

    chart = model_of(BASE % "  ledger 帐\n").charts[0]
    (d,) = check(chart, chart_graph(chart))
    assert (d.code, d.span.line, d.span.column) == ("FD205", 8, 10)


# ---------------------------------------------------------------- FD201 decision outcomes

def test_fd201_decision_without_labelled_outcomes():
    d = [x for x in diags_of("  decision 查 by 乙\n  乙 -> 查 -> 甲\n") if x.code == "FD201"]
    assert len(d) == 1
    assert d[0].severity == "error" and d[0].span.line == 8
    assert "no labelled outcome" in d[0].message and "-[合格]->" in d[0].hint


def test_fd201_decision_with_one_outcome():
    d = [x for x in diags_of("  decision 查 by 乙\n  乙 -> 查 -[合格]-> 甲\n  查 -> 乙\n") if x.code == "FD201"]
    assert len(d) == 1 and "only the outcome “合格”" in d[0].message


def test_fd201_same_label_twice_is_one_outcome():
    d = [x for x in diags_of("  decision 查 by 乙\n  乙 -> 查 -[合格]-> 甲\n  查 -[合格]-> 乙\n") if x.code == "FD201"]
    assert len(d) == 1


def test_fd201_two_outcomes_are_fine():
    codes = [c for c, _, _ in found("  decision 查 by 乙\n  乙 -> 查 -[合格]-> 甲\n  查 =[不合格]=> 乙\n")]
    assert "FD201" not in codes


# ---------------------------------------------------------------- FD202 unreachable

def test_fd202_step_not_reachable_from_start():
    assert ("FD202", "warning", 8) in found("  step 孤 by 乙\n  start -> 甲\n  孤 -> 乙\n")


def test_fd202_reachable_from_start_is_fine():
    assert "FD202" not in [c for c, _, _ in found("  step 续 by 乙\n  start -> 甲\n  乙 -> 续 -> end\n")]


def test_fd202_without_start_a_closed_island_is_unreachable():
    got = found("  step 孤1 by 乙\n  step 孤2 by 乙\n  孤1 -> 孤2 -> 孤1\n")
    assert ("FD202", "warning", 8) in got and ("FD202", "warning", 9) in got


def test_fd202_without_start_sources_are_starting_points():
    assert found("  step 孤 by 乙\n  孤 -> 乙\n") == []


# ---------------------------------------------------------------- FD203 never ends

def test_fd203_loop_without_exit():
    d = [x for x in diags_of("  step 甲2 by 乙\n  step 乙2 by 乙\n  乙 -> 甲2 -> 乙2 -> 甲2\n") if x.code == "FD203"]
    assert len(d) == 1
    assert d[0].span.line == 8 and "甲2、乙2" in d[0].message


def test_fd203_loop_with_exit_is_fine():
    got = found("  step 甲2 by 乙\n  step 乙2 by 乙\n  乙 -> 甲2 -> 乙2 -[重做]-> 甲2\n  unit 丙\n  乙2 -[完成]-> 丙\n")
    assert "FD203" not in [c for c, _, _ in got]


def test_fd203_with_end_every_step_must_reach_it():
    d = [x for x in diags_of("  step 审 by 乙\n  start -> 甲\n  乙 -> 审\n  填 -> end\n") if x.code == "FD203"]
    assert [(x.span.line, x.severity) for x in d] == [(8, "warning")]
    assert "“审”" in d[0].message and "end" in d[0].hint


def test_fd203_with_end_reached_is_fine():
    assert found("  start -> 甲\n  乙 -> end\n") == []


# ---------------------------------------------------------------- FD204 document dead end

def test_fd204_document_made_but_never_passed_on():
    got = diags_of("  document 报\n  step 写 by 乙 makes 报\n  乙 -> 写\n")
    assert [(d.code, d.span.line) for d in got] == [("FD204", 8)]
    assert "“报”" in got[0].message


def test_fd204_report_by_arrow_also_counts():
    assert ("FD204", "warning", 8) in found("  report 报\n  乙 -> 报\n")


def test_fd204_document_passed_on_is_fine():
    assert found("  document 报\n  step 写 by 乙 makes 报\n  乙 -> 写\n  unit 丙\n  报 -> 丙\n") == []


# ---------------------------------------------------------------- FD205 unused

def test_fd205_declared_but_unused():
    got = diags_of("  ledger 帐\n  unit 丙\n")
    assert [(d.code, d.span.line) for d in got] == [("FD205", 8), ("FD205", 9)]


def test_fd205_unit_that_does_a_step_or_has_a_lane_is_used():
    assert found("  unit 丙\n  step 做 by 丙\n  乙 -> 做\n") == []
    assert found("  unit 丙\n  lanes: 甲, 乙, 丙\n") == []


# ---------------------------------------------------------------- FD206 step without unit

def test_fd206_step_without_unit_is_a_warning():
    got = diags_of("  step 无主\n  乙 -> 无主\n")
    assert [(d.code, d.severity, d.span.line) for d in got] == [("FD206", "warning", 8)]
    assert "by 甲" in got[0].hint


def test_fd206_in_a_swimlane_chart_is_an_error():
    got = found("  lanes\n  decision 无主\n  乙 -> 无主 -[是]-> 甲\n  无主 -[否]-> 乙\n")
    assert ("FD206", "error", 9) in got


# ---------------------------------------------------------------- severities

UNUSED = "  ledger 帐\n"


def test_severity_off_in_file():
    assert found(UNUSED) == [("FD205", "warning", 8)]
    text = "severity FD205 off\n" + BASE % UNUSED
    assert flowdsl.parse(text).diagnostics == []


def test_severity_in_chart_raises_to_error():
    text = (BASE % ("  级别 FD205 错误\n" + UNUSED))
    assert [(d.code, d.severity) for d in flowdsl.parse(text).diagnostics] == [("FD205", "error")]
    assert not flowdsl.parse(text).ok


def test_strict_turns_warnings_into_errors():
    case = flowdsl.parse(BASE % UNUSED, strict=True)
    assert [(d.code, d.severity) for d in case.diagnostics] == [("FD205", "error")]
    assert not case.ok and case.views == []


def test_strict_does_not_bring_back_what_is_off():
    text = "severity FD205 off\n" + BASE % UNUSED
    assert flowdsl.parse(text, strict=True).diagnostics == []


def test_caller_overrides_win_over_the_file():
    text = "severity FD205 error\n" + BASE % UNUSED
    assert flowdsl.parse(text, severities={"FD205": "off"}).diagnostics == []
    case = flowdsl.parse(BASE % UNUSED, severities={"FD205": "error"})
    assert [d.severity for d in case.diagnostics] == ["error"]


def test_syntax_and_name_errors_cannot_be_switched_off():
    case = flowdsl.parse("severity FD101 off\nchart c {\n  unit 甲\n  甲 -> 乙\n}")
    assert [d.code for d in case.diagnostics] == ["FD101"]


def test_checks_still_run_when_a_name_is_misspelt():
    # issue 10: a typo no longer hides the other findings of the chart (帐 is unused
    # whatever 无 was meant to be: nothing suggests 帐 for it)
    case = flowdsl.parse(BASE % "  ledger 帐簿\n  甲 -> 无名\n")
    assert [d.code for d in case.diagnostics] == ["FD205", "FD101"]


def test_apply_severities_directly():
    diags = run_checks(model_of(BASE % (UNUSED + "  step 无主\n  乙 -> 无主\n")))
    assert [d.code for d in diags] == ["FD205", "FD206"]
    out = apply_severities(diags, {"FD205": "off"}, {"FD206": "error"})
    assert [(d.code, d.severity) for d in out] == [("FD206", "error")]
    assert [d.severity for d in apply_severities(diags, strict=True)] == ["error", "error"]


@pytest.mark.parametrize("code", ["FD201", "FD202", "FD203", "FD204", "FD205", "FD206"])
def test_every_chart_code_is_documented(code):
    c = CODES[code]
    assert c.severity in ("error", "warning") and c.summary and c.summary_zh


def test_fd203_a_ledger_written_late_and_read_early_is_not_an_endless_loop():
    import flowdsl

    text = ("chart 盘点 {\n  unit 库管员\n  ledger 库存清单\n"
            "  step 查询 by 库管员 reads 库存清单\n  step 更新 by 库管员 writes 库存清单\n"
            "  库管员 -> 查询 -> 更新\n}")
    assert [d.code for d in flowdsl.parse(text).diagnostics] == []
    # a real loop with no way out is still found
    looped = text.replace("  库管员 -> 查询 -> 更新\n",
                          "  step 复核 by 库管员\n  库管员 -> 查询 -> 更新 -> 复核 -> 查询\n")
    looped = looped.replace("step 更新 by 库管员 writes 库存清单", "step 更新 by 库管员")
    codes = [d.code for d in flowdsl.parse(looped).diagnostics]
    assert "FD203" in codes
