"""DFD lowering: verbatim and automatic IDs, prefixes, name resolution, levels."""

from __future__ import annotations

import flowdsl
from conftest import lowered, model_of


def dfd_of(text: str):
    return model_of(text).dfds[0]


def keys(dfd, kind):
    return [(n.key, n.name) for n in dfd.nodes if n.kind == kind]


def test_automatic_numbering_levels():
    dfd = dfd_of('''dfd 甲 {
  entity 顾客; entity 书商; store 库存; store 销售
  process 收费; process 审核
  process 进书 {
    process 验收
    process 编目 { process 分类; process 编号
      验收 -[合格单]-> 分类 -[分类号]-> 编号 -[书号]-> 库存 }
    书商 -[采购单]-> 验收 -[合格单]-> 编目 -[书号]-> 库存
  }
  顾客 -[购书单]-> 收费 -[收费单]-> 审核 -[放行单]-> 顾客
  收费 -[销售记录]-> 销售 -[销售记录]-> 审核
  书商 -[采购单]-> 进书 -[书号]-> 库存 -[库存]-> 收费
}''')
    assert keys(dfd, "entity") == [("E1", "顾客"), ("E2", "书商")]
    assert keys(dfd, "store") == [("D1", "库存"), ("D2", "销售")]
    assert keys(dfd, "process") == [("1", "收费"), ("2", "审核"), ("3", "进书"), ("3.1", "验收"),
                                    ("3.2", "编目"), ("3.2.1", "分类"), ("3.2.2", "编号")]
    assert all(not n.ident_given for n in dfd.nodes)
    parents = {n.name: n.parent for n in dfd.nodes}
    assert parents["验收"] == "3" and parents["分类"] == "3.2" and parents["收费"] is None
    flows = {(f.name, f.diagram): f.key for f in dfd.flows}
    assert flows[("购书单", None)] == "F1"
    assert flows[("分类号", "3.2")] == "F3.2.1"      # 合格单 is the parent's F3.1
    assert flows[("合格单", "3.2")] == flows[("合格单", "3")] == "F3.1"
    # a boundary flow of a child written without ID takes its parent flow's ID
    assert flows[("采购单", "3")] == flows[("采购单", None)]
    assert flows[("书号", "3.2")] == flows[("书号", "3")] == flows[("书号", None)]


def test_verbatim_ids_kept_and_skipped_by_numbering():
    dfd = dfd_of('''dfd 售书 {
  entity E1 顾客
  store S01 顾客存档; store 价目
  process P1 售书 { process P1.1 收费; process 审核
    顾客 -[F6 购书单]-> P1.1 -[F1.1 收费单]-> 审核 -[不合格]-> P1.1
    价目 -[价格]-> P1.1 -[记录]-> S01 -[记录]-> 审核 }
  process 统计
  顾客 -[F6 购书单]-> P1 -[F3 销售清单]-> 统计 -[报表]-> 顾客
  价目 -[价格]-> P1
  P1 -[记录]-> S01 -[记录]-> P1
}''')
    assert keys(dfd, "entity") == [("E1", "顾客")]
    assert keys(dfd, "store") == [("S01", "顾客存档"), ("S2", "价目")]   # prefix of the written IDs
    procs = dict(keys(dfd, "process"))
    assert procs["P1.2"] == "审核" and procs["P2"] == "统计"
    ids = {(f.name, f.diagram): f.key for f in dfd.flows}
    assert ids[("购书单", "P1")] == "F6" and ids[("收费单", "P1")] == "F1.1"
    assert ids[("不合格", "P1")] == "F1.2"
    # F1.1 written: F1 is not handed out on the first breakdown (it would read as F1.1's parent)
    assert ids[("报表", None)] == "F2" and ids[("价格", None)] == "F4"
    assert [f.ident_given for f in dfd.flows if f.name == "收费单"] == [True]


def test_prefix_options_file_and_dfd():
    dfd = dfd_of('''option flow_prefix = "L"
dfd 甲 {
  option process_prefix = P
  选项 存储前缀 = M
  option entity_prefix = S
  entity 顾客; store 账; process 收费
  顾客 -[购书单]-> 收费 -[记录]-> 账 -[记录]-> 收费 -[收费单]-> 顾客
}''')
    assert [n.key for n in dfd.nodes] == ["S1", "M1", "P1"]
    assert [f.key for f in dfd.flows] == ["L1", "L2", "L3", "L4"]


def test_endpoints_by_id_case_insensitive_and_did_you_mean():
    model, diags = lowered('''dfd 甲 {
  entity E1 顾客; process P3.1 收费
  e1 -[购书单]-> p3.1 -[收费单]-> 顾克
}''')
    assert [d.code for d in diags] == ["FD101"]
    assert (diags[0].span.line, diags[0].span.column) == (3, 29)
    assert "顾客" in diags[0].hint
    assert model.dfds[0].flows[0].src == "E1" and model.dfds[0].flows[0].dst == "P3.1"


def test_duplicate_name_is_fd102():
    _, diags = lowered("dfd 甲 {\n  entity 顾客\n  process 售书 { store 顾客 }\n}")
    assert [(d.code, d.span.line, d.span.column) for d in diags] == [("FD102", 3, 22)]


def test_start_end_not_allowed():
    _, diags = lowered("dfd 甲 {\n  entity 顾客; process 收费\n  start -> 收费 -[x]-> 顾客\n}")
    assert [d.code for d in diags] == ["FD104"]


def test_chart_and_dfd_may_share_a_name():
    case = flowdsl.parse('chart 甲 { unit 员工; document 单; 员工 -> 单 -> end }\n'
                         'dfd 甲 { entity 员工; process 审批; 员工 -[单]-> 审批 -[结果]-> 员工 }')
    assert case.diagnostics == []
    assert [v.name for v in case.views] == ["甲", "甲-context", "甲-0"]


def test_options_and_severity_inside_process_body():
    dfd = dfd_of('''dfd 甲 {
  entity 顾客
  process 售书 { option repeat = 顾客; severity FD308 off; title "收费子图"
    process 收费; 顾客 -[购书单]-> 收费 -[收费单]-> 顾客 }
  顾客 -[购书单]-> 售书 -[收费单]-> 顾客
}''')
    assert dfd.diagram_options == {"1": {"repeat": "顾客", "title": "收费子图"}}
    assert dfd.severities == {"FD308": "off"}
