"""Issue 10: every mistake of a file at once, one message per cause, at the place to fix."""

from __future__ import annotations

import flowdsl

from conftest import fixture_path


def found(case) -> list[tuple[str, int, int]]:
    return [(d.code, d.span.line, d.span.column) for d in case.diagnostics]


def test_four_mistakes_reported_in_one_run_each_once_at_the_place_to_fix():
    case = flowdsl.load(fixture_path("four-mistakes.flow"))
    assert found(case) == [
        ("FD203", 10, 6),    # 退回 leads nowhere: continue the flow there
        ("FD101", 15, 10),   # 采购定货单
        ("FD304", 19, 11),   # 登记 is a black hole
        ("FD501", 26, 6),    # 入库单 is missing from the child diagram of 采购
    ]
    fd203, fd101 = case.diagnostics[:2]
    assert "“退回 -> 结束”" in fd203.hint and "“退回 -> 结束”" in fd203.hint_zh
    assert fd101.hint == "did you mean “采购订货单”?"


def test_typo_in_a_chart_does_not_hide_the_findings_of_a_dfd():
    text = """chart c {
  unit 甲
  甲 -> 乙乙乙
}
dfd d {
  entity 顾客
  process 售书
  顾客 -[购书单]-> 售书
}"""
    assert [d.code for d in flowdsl.parse(text).diagnostics] == ["FD101", "FD304"]


def test_checks_a_corrected_name_would_change_are_left_out():
    # 审核 -> 采构部: 审核 has a way out after all, 采购部 is used, 发货 is reached
    text = """chart c {
  unit 采购部
  step 填单 by 采购部
  decision 审核 by 采购部
  step 发货 by 采购部
  start -> 填单 -> 审核
  审核 -[合格]-> 采构部
  审核 -[不合格]-> 填单
  采购部 -> 发货 -> end
}"""
    assert found(flowdsl.parse(text)) == [("FD101", 7, 14)]


def test_typo_in_a_dfd_keeps_the_other_checks_of_that_dfd():
    text = """dfd d {
  entity 顾客
  entity 书商
  process 售书
  process 进书
  顾客 -[购书单]-> 售书 -[收据]-> 顾克
  书商 -[书目]-> 顾客
}"""
    # 售书's output goes to a misspelt name: not a black hole; 书商 -> 顾客 is still wrong
    assert [d.code for d in flowdsl.parse(text).diagnostics] == ["FD309", "FD101", "FD301"]


def test_a_missing_path_to_end_is_one_warning_at_the_last_step_listing_the_steps():
    text = """业务流程图 报销 {
  单位 员工
  单位 财务
  步骤 填写 由 员工
  判断 合规 由 财务
  步骤 付款 由 财务
  步骤 登记 由 财务
  步骤 通知 由 财务
  步骤 归档 由 财务
  开始 -> 填写 -> 合规
  合规 -[否]-> 结束
  合规 -[是]-> 付款 -> 登记 -> 通知 -> 归档
}"""
    case = flowdsl.parse(text)
    assert found(case) == [("FD203", 9, 6)]
    (d,) = case.diagnostics
    assert d.message == ("the flow stops at “归档”: no path from it leads to “结束”; "
                         "“付款”、“登记”、“通知” lead only there")
    assert d.message_zh == "流程停在了“归档”：从它出发没有任何路径能到达“结束”；“付款”、“登记”、“通知”也只能走到这里"
    assert "“归档 -> 结束”" in d.hint
    assert " end" not in d.hint and "“end”" not in d.message   # the file's keyword, 结束


def test_a_closed_loop_before_end_is_one_warning():
    text = """chart c {
  unit 甲
  step a by 甲
  step b by 甲
  step x by 甲
  start -> x -> end
  x -> a -> b -> a
}"""
    case = flowdsl.parse(text)
    assert found(case) == [("FD203", 3, 8)]
    assert "loop “a”、“b”" in case.diagnostics[0].message and "“end”" in case.diagnostics[0].message


def test_a_store_drawn_too_high_is_one_warning_not_two_unbalanced_errors():
    text = """dfd 报损 {
  entity 库房
  store 流水帐
  process 报损处理 {
    process 登记
    process 过账
    库房 -[报损清单]-> 登记 -[报损记录]-> 流水帐 -[报损记录]-> 过账 -[报损结果]-> 库房
  }
  库房 -[报损清单]-> 报损处理 -[报损结果]-> 库房
}"""
    case = flowdsl.parse(text)
    assert found(case) == [("FD503", 3, 9)]
    assert "F1.1, F1.2" in case.diagnostics[0].hint and "F1.1, F1.2" in case.diagnostics[0].hint_zh
    # with the cause switched off, its consequences are reported again
    off = flowdsl.parse(text, severities={"FD503": "off"})
    assert [d.code for d in off.diagnostics] == ["FD501", "FD501"]


def test_an_unclosed_quote_is_reported_at_the_quote_even_when_another_follows():
    text = 'chart 请假 {\n  unit 员工\n  step 审批 "主管审批 by 员工\n  step 归档 "归档" by 员工\n}\n'
    (d,) = flowdsl.parse(text).diagnostics
    assert (d.code, d.span.line, d.span.column) == ("FD003", 3, 11)
    assert "on its line" in d.message and "line 3" in d.hint and "第 3 行" in d.hint_zh


def test_did_you_mean_prefers_the_kind_that_fits_the_place():
    text = """业务流程图 报销 {
  单位 员工
  单据 核单
  步骤 核对 由 员工
  开始 -> 核x -> 结束
  员工 -> 核单 -> 核对
}"""
    (d,) = flowdsl.parse(text).diagnostics
    assert d.code == "FD101" and d.hint == "did you mean “核对”?" and d.hint_zh == "你是不是想写“核对”？"


def test_did_you_mean_names_both_when_both_fit():
    text = """chart c {
  unit 员工
  step 核对 by 员工
  step 核实 by 员工
  start -> 核x -> end
  员工 -> 核对 -> 核实 -> end
}"""
    (d,) = flowdsl.parse(text).diagnostics
    assert d.hint == "did you mean “核实” or “核对”?"


def test_did_you_mean_after_by_suggests_units():
    text = """chart c {
  unit 采购部
  document 采购单
  step 填 by 采购x
  start -> 填 -> 采购单 -> 采购部 -> end
}"""
    (d,) = flowdsl.parse(text).diagnostics
    assert d.code == "FD101" and d.hint == "did you mean “采购部”?"


def test_did_you_mean_next_to_an_entity_suggests_processes():
    text = """dfd d {
  entity 顾客
  store 售单
  process 售票
  顾客 -[购书单]-> 售x -[收据]-> 顾客
  售票 -[书目]-> 售单 -[书目]-> 售票
}"""
    diags = flowdsl.parse(text).diagnostics
    assert [(d.code, d.hint) for d in diags] == [("FD101", "did you mean “售票”?")]


def test_expected_tokens_are_only_those_that_can_follow_in_that_kind_of_block():
    text = '数据流程图 进书 {\n  外部实体 书商\n  处理逻辑 P1 登记 "登记入库" 多余\n  书商 -[入库单]-> 登记\n}\n'
    (d,) = flowdsl.parse(text).diagnostics
    assert (d.code, d.span.line, d.span.column) == ("FD001", 3, 21)
    for word in ("by", "makes", "reads", "writes", "由", "产生"):
        assert f"'{word}'" not in d.hint and f"'{word}'" not in d.hint_zh
    assert "'位于'" in d.hint and "'位于'" in d.hint_zh   # the file's keyword, not 'at'


def test_expected_keywords_follow_the_file_and_are_chinese_under_zh():
    en_file = "chart a {\n  unit 甲\n  step X extra\n}\n"
    zh_file = "业务流程图 a {\n  单位 甲\n  步骤 X 多余\n}\n"
    (en,) = flowdsl.parse(en_file).diagnostics
    (zh,) = flowdsl.parse(zh_file).diagnostics
    assert "'by'" in en.hint and "'由'" not in en.hint
    assert "'由'" in zh.hint and "'by'" not in zh.hint
    assert "'由'" in en.hint_zh and "'by'" not in en.hint_zh     # --lang zh: Chinese keywords


def test_examples_in_check_hints_use_the_files_keywords():
    case = flowdsl.load(fixture_path("four-mistakes.flow"))
    fd501 = case.diagnostics[-1]
    assert "“定义 入库单 = …”" in fd501.hint and "“定义 入库单 = …”" in fd501.hint_zh
    english = flowdsl.parse("chart c {\n  unit 甲\n  step 做 by 甲\n  start -> 做\n  甲 -> end\n}")
    (d,) = english.diagnostics
    assert d.code == "FD203" and "“做 -> end”" in d.hint and "“做 -> 结束”" in d.hint_zh
