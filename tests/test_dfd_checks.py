"""DFD checks: every code fires on a faulty diagram and not on its corrected twin;
the invalid samples report their code at the expected line:column."""

from __future__ import annotations

import glob
import os
import re

import pytest

import flowdsl
from conftest import ROOT

INVALID = sorted(glob.glob(os.path.join(ROOT, "samples", "invalid", "FD[3-6]*.flow")))


def codes_of(text: str, **kw) -> list[str]:
    return [d.code for d in flowdsl.parse(text, **kw).diagnostics]


def dfd(body: str) -> str:
    return "dfd 甲 {\n" + body + "\n}"


BASE = """  entity 顾客; store 存档; process 收费; process 审核
  顾客 -[购书单]-> 收费 -[收费单]-> 审核 -[放行单]-> 顾客
  收费 -[销售记录]-> 存档 -[销售记录]-> 审核"""

#: code → (faulty text, corrected text)
CASES = {
    "FD301": (BASE + "\n  entity 书商\n  顾客 -[电话]-> 书商", BASE + "\n  entity 书商\n  收费 -[订单]-> 书商"),
    "FD302": (BASE + "\n  顾客 -[要求]-> 存档", BASE + "\n  顾客 -[要求]-> 收费"),
    "FD303": (BASE + "\n  store 备份\n  存档 -[复制]-> 备份 -[复制]-> 审核",
              BASE + "\n  store 备份\n  审核 -[复制]-> 备份 -[复制]-> 收费"),
    "FD304": (BASE + "\n  process 归档\n  审核 -[结果]-> 归档", BASE + "\n  process 归档\n  审核 -[结果]-> 归档 -[报表]-> 顾客"),
    "FD305": (BASE + "\n  process 统计\n  统计 -[统计表]-> 审核", BASE + "\n  process 统计\n  存档 -[记录]-> 统计 -[统计表]-> 审核"),
    "FD306": (BASE + "\n  审核 -[复审]-> 审核", BASE),
    "FD307": (BASE + "\n  store 价目\n  价目 -[价格]-> 收费", BASE + "\n  store 价目\n  价目 -[价格]-> 收费 -[新价格]-> 价目"),
    "FD308": (BASE + "\n  store 日志\n  审核 -[日志]-> 日志", BASE + "\n  store 日志\n  审核 -[日志]-> 日志 -[日志]-> 收费"),
    "FD309": (BASE + "\n  entity 保安", BASE + "\n  entity 保安\n  审核 -[通知]-> 保安"),
    "FD310": (BASE + "\n  顾客 =[新书]=> 收费", BASE),
    "FD401": (BASE + "\n  顾客 -> 审核", BASE + "\n  顾客 -[意见]-> 审核"),
    "FD402": (BASE + "\n  process 5 统计; process 5 汇总\n  存档 -[记录]-> 统计 -[报表]-> 汇总 -[报表]-> 顾客",
              BASE + "\n  process 5 统计; process 6 汇总\n  存档 -[记录]-> 统计 -[报表]-> 汇总 -[报表]-> 顾客"),
    "FD403": ("""  entity 顾客
  process P1 售书 { process P2.1 收费; 顾客 -[购书单]-> 收费 -[收费单]-> 顾客 }
  顾客 -[购书单]-> 售书 -[收费单]-> 顾客""", """  entity 顾客
  process P1 售书 { process P1.1 收费; 顾客 -[购书单]-> 收费 -[收费单]-> 顾客 }
  顾客 -[购书单]-> 售书 -[收费单]-> 顾客"""),
    "FD501": ("""  entity 顾客
  process 售书 { process 收费; 顾客 -[购书单]-> 收费 -[收费单]-> 顾客 }
  顾客 -[购书单]-> 售书 -[发票]-> 顾客""", """  entity 顾客
  process 售书 { process 收费; 顾客 -[购书单]-> 收费 -[收费单]-> 顾客 }
  顾客 -[购书单]-> 售书 -[收费单]-> 顾客"""),
    "FD502": ("  entity 甲甲\n" + "".join(f"  process 处{i}\n" for i in range(10))
              + "  甲甲 -[x]-> " + " -[x]-> ".join(f"处{i}" for i in range(10)) + " -[y]-> 甲甲",
              "  entity 甲甲\n" + "".join(f"  process 处{i}\n" for i in range(9))
              + "  甲甲 -[x]-> " + " -[x]-> ".join(f"处{i}" for i in range(9)) + " -[y]-> 甲甲"),
    "FD503": ("""  entity 顾客; store 日志
  process 售书 { process 收费; process 审核
    顾客 -[购书单]-> 收费 -[记录]-> 日志 -[记录]-> 审核 -[收费单]-> 顾客 }
  顾客 -[购书单]-> 售书 -[收费单]-> 顾客
  售书 -[记录]-> 日志 -[记录]-> 售书""", """  entity 顾客
  process 售书 { process 收费; process 审核; store 日志
    顾客 -[购书单]-> 收费 -[记录]-> 日志 -[记录]-> 审核 -[收费单]-> 顾客 }
  顾客 -[购书单]-> 售书 -[收费单]-> 顾客"""),
    "FD504": ("""  entity 顾客
  process 售书 { process 收费; 顾客 -[购书单]-> 收费 -[收费单]-> 顾客 }
  顾客 -[购书单]-> 售书 -[收费单]-> 顾客
  收费 -[收据]-> 顾客""", """  entity 顾客
  process 售书 { process 收费; 顾客 -[购书单]-> 收费 -[收费单]-> 顾客 }
  顾客 -[购书单]-> 售书 -[收费单]-> 顾客"""),
    "FD505": ("  store 账; process 过账\n  过账 -[汇总]-> 账 -[余额]-> 过账",
              "  entity 会计; store 账; process 过账\n  会计 -[凭证]-> 过账 -[汇总]-> 账 -[余额]-> 过账"),
}


def test_base_is_clean():
    assert codes_of(dfd(BASE)) == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_check_fires_and_corrected_twin_is_clean(code):
    bad, good = CASES[code]
    assert code in codes_of(dfd(bad))
    assert codes_of(dfd(good)) == []


def test_every_dfd_code_has_a_module_and_a_case():
    from flowdsl.checks.dfd import CASE_CHECKS, DFD_CHECKS
    from flowdsl.diagnostics.codes import CODES

    mods = {m[:5].upper() for m in DFD_CHECKS + CASE_CHECKS}
    dfd_codes = {c for c in CODES if c[:3] in ("FD3", "FD4", "FD5", "FD6")}
    assert mods == dfd_codes
    assert {c for c in dfd_codes if c[:3] != "FD6"} == set(CASES)


def test_flow_id_reused_for_other_data_is_fd402_same_data_is_not():
    assert codes_of(dfd(BASE + "\n  审核 -[F9 通知]-> 顾客\n  收费 -[F9 通知]-> 顾客")) == []
    case = flowdsl.parse(dfd(BASE + "\n  审核 -[F9 通知]-> 顾客\n  收费 -[F9 收据]-> 顾客"))
    assert [(d.code, d.span.line) for d in case.diagnostics] == [("FD402", 6)]
    assert "F9" in case.diagnostics[0].message and "通知" in case.diagnostics[0].message


def test_store_flow_names_optional():
    text = BASE + "\n  store 价目\n  价目 -> 收费 -> 价目"
    assert codes_of(dfd(text)) == ["FD401", "FD401"]
    assert codes_of(dfd("  option store_flow_names = optional\n" + text)) == []
    assert codes_of(dfd(BASE + "\n  收费 -> 审核")) == ["FD401"]   # only store flows may stay unnamed


def test_balancing_names_missing_and_extra_flows():
    case = flowdsl.parse(dfd("""  entity 顾客
  process 售书 { process 收费; 顾客 -[购书单]-> 收费 -[收据]-> 顾客 }
  顾客 -[购书单]-> 售书 -[收费单]-> 顾客"""))
    msgs = [(d.code, d.span.line, d.message) for d in case.diagnostics]
    assert len(msgs) == 2
    assert msgs[0][0] == "FD501" and msgs[0][1] == 3 and "收据" in msgs[0][2] and "child diagram of" in msgs[0][2]
    assert msgs[1][0] == "FD501" and msgs[1][1] == 4 and "收费单" in msgs[1][2] and "missing" in msgs[1][2]


def test_balancing_split_allowed_by_data_dictionary():
    body = """  entity 书商
  process 进书 { process 验收; process 编目
    书商 -[书目]-> 验收 -[合格]-> 编目 -[结果]-> 书商
    书商 -[发票]-> 编目 }
  书商 -[采购单]-> 进书 -[结果]-> 书商"""
    assert codes_of(dfd(body)).count("FD501") == 3
    assert codes_of(dfd(body) + "\ndefine 采购单 = 书目 + 发票") == []
    # a part only declared inside another definition still counts (transitively)
    assert codes_of(dfd(body) + "\ndefine 采购单 = 单头 + 明细\ndefine 单头 = 书目\ndefine 明细 = {发票}") == []


def test_balancing_direction_matters():
    body = """  entity 顾客
  process 售书 { process 收费; 顾客 -[购书单]-> 收费 -[收费单]-> 顾客; 收费 -[收费单]-> 顾客 }
  顾客 -[购书单]-> 售书 -[收费单]-> 顾客
  顾客 -[收费单]-> 售书"""
    case = flowdsl.parse(dfd(body))
    assert [d.code for d in case.diagnostics] == ["FD501"]
    assert "input “收费单”" in case.diagnostics[0].message


def test_store_shared_with_another_dfd_counts_as_read_and_written():
    one = "dfd 进 { entity 书商; store 库存; process 入库\n 书商 -[入库单]-> 入库 -[入库记录]-> 库存 }"
    two = "dfd 售 { entity 顾客; store S9 库存; process 收费\n 顾客 -[购书单]-> 收费 -[收费单]-> 顾客\n 库存 -[库存]-> 收费 }"
    assert codes_of(one) == ["FD308"]
    assert codes_of(two) == ["FD307"]
    assert codes_of(one + "\n" + two) == []


def test_severity_inside_dfd_is_scoped_and_cli_overrides():
    bad = "  store 价目\n  价目 -[价格]-> 收费"
    a = "dfd 甲 {\n  severity FD307 off\n" + BASE + "\n" + bad + "\n}"
    b = "dfd 乙 {\n" + BASE + "\n" + bad + "\n}"
    assert codes_of(a) == []
    assert codes_of(a + "\n" + b) == ["FD307"]
    assert codes_of(b, severities={"FD307": "off"}) == []
    case = flowdsl.parse(b, strict=True)
    assert [(d.code, d.severity) for d in case.diagnostics] == [("FD307", "error")]


def test_cross_view_pairs_by_name_and_follows_the_dictionary():
    chart = "chart 请假 { unit 员工; unit 主管; document 请假单; ledger 考勤表\n step 登记 by 主管 writes 考勤表\n 员工 -> 请假单 -> 主管 -> 登记 }\n"
    d = "dfd 请假 { entity 员工; process 审批; store 记录\n 员工 -[请假单]-> 审批 -[结果]-> 员工\n 审批 -[x]-> 记录 -[y]-> 审批 }\n"
    assert codes_of(chart + d) == ["FD602"]
    assert codes_of(chart + d + "define 记录 = {考勤表}") == []
    assert codes_of(chart) == []      # no DFD: nothing to compare


@pytest.mark.parametrize("path", INVALID, ids=lambda p: os.path.basename(p)[:5])
def test_invalid_sample_reports_its_code_at_the_expected_place(path):
    text = open(path, encoding="utf-8").read()
    m = re.match(r"# expect: (FD\d{3}) (\d+):(\d+)", text)
    assert m, "first line must be '# expect: FDnnn LINE:COL'"
    code, line, col = m.group(1), int(m.group(2)), int(m.group(3))
    assert os.path.basename(path).startswith(code)
    case = flowdsl.load(path)
    assert (code, line, col) in [(d.code, d.span.line, d.span.column) for d in case.diagnostics]


def test_one_invalid_sample_per_dfd_code():
    from flowdsl.diagnostics.codes import CODES

    have = {os.path.basename(p)[:5] for p in INVALID}
    assert have == {c for c in CODES if c[:3] in ("FD3", "FD4", "FD5", "FD6")}
