"""Case generators for the benchmarks (deterministic: the same seed gives the same text).

``purchasing_case(seed)``  a small, valid, purchasing-like business chart (采购、入库、
                           报销、销售、退货 …) of 12–30 elements, varied in units, documents,
                           ledgers, decisions, goods flows, swimlanes and keyword language.
``write_batch(folder, n)`` writes ``n`` of them as ``case_000.flow`` …
``synthetic_model(n)``     one chart of about ``n`` elements (units, documents, ledgers,
                           steps, decisions, with chains, loops and reads/writes), the
                           scaling input of B4.

Run ``python benchmarks/gen.py OUT_DIR [N]`` to write a batch by hand.
"""

from __future__ import annotations

import os
import random
import sys

SCENARIOS = [
    # (case name, units, external unit, documents, ledgers, steps: (name, label))
    ("物资采购", ["采购部", "仓库", "财务部", "主管"], "供应商", ["请购单", "采购订单", "入库单", "发票"],
     ["库存台账", "应付账款"], ["提出请购", "审批请购", "编制订单", "验收入库", "登记台账", "核对发票", "付款"]),
    ("图书订购", ["采购科", "书库", "会计科", "科长"], "书商", ["订书单", "到货单", "入库单", "付款单"],
     ["图书台账", "订书档案"], ["汇总订书", "审核订单", "验收图书", "登记入库", "编制付款", "支付书款"]),
    ("费用报销", ["员工", "部门经理", "财务科", "出纳"], "银行", ["报销单", "发票", "付款凭证"],
     ["费用明细账", "银行日记账"], ["填写报销单", "部门审批", "财务审核", "编制凭证", "支付现金", "登记明细"]),
    ("产品销售", ["销售部", "仓库", "财务科", "运输队"], "客户", ["订货单", "发货单", "提货单", "发票"],
     ["销售台账", "库存台账", "应收账款"], ["接受订货", "检查库存", "开发货单", "备货出库", "开具发票", "收款登记"]),
    ("退货处理", ["客服部", "质检科", "仓库", "财务部"], "顾客", ["退货申请", "检验报告", "退款单"],
     ["退货台账", "库存台账"], ["受理退货", "质量检验", "办理入库", "核算退款", "退款登记"]),
    ("生产领料", ["车间", "计划科", "材料库", "成本组"], "外协厂", ["领料单", "生产计划", "出库单"],
     ["材料明细账", "成本台账"], ["编制计划", "填写领料单", "审核领料", "发料出库", "登记明细", "成本核算"]),
]
OUTCOMES = [("合格", "不合格"), ("同意", "不同意"), ("有库存", "缺货"), ("批准", "驳回"), ("相符", "不符")]
EN = {"单位": "unit", "外部单位": "external", "单据": "document", "账簿": "ledger", "步骤": "step",
      "判断": "decision", "由": "by", "读取": "reads", "写入": "writes", "产生": "makes",
      "业务流程图": "chart", "案例": "case", "泳道": "lanes", "报表": "report"}


def _kw(word: str, english: bool) -> str:
    return EN.get(word, word) if english else word


def purchasing_case(seed: int) -> str:
    """A valid purchasing-like business chart; ``seed`` picks scenario, sizes and style."""
    rnd = random.Random(seed)
    name, units, ext, docs, ledgers, steps = SCENARIOS[seed % len(SCENARIOS)]
    units = units[: rnd.randint(2, len(units))]
    docs = docs[: rnd.randint(2, len(docs))]
    ledgers = ledgers[: rnd.randint(1, len(ledgers))]
    steps = steps[: rnd.randint(3, len(steps))]
    en = rnd.random() < 0.3
    k = lambda w: _kw(w, en)  # noqa: E731
    lines = [f"# generated case {seed}: {name}", f'{k("案例")} {name}{seed} "{name}"', "",
             f'{k("业务流程图")} {name} "{name}业务流程图（{seed}）" {{']
    if rnd.random() < 0.3:
        lines.append(f"  {k('泳道')}")
    for u in units:
        lines.append(f"  {k('单位')} {u}")
    lines.append(f"  {k('外部单位')} {ext}")
    for d in docs:
        lines.append(f"  {k('单据')} {d}")
    for lg in ledgers:
        lines.append(f"  {k('账簿')} {lg}")
    n_dec = rnd.randint(1, 2)
    decisions = [f"判断{i + 1}" for i in range(n_dec)]
    made = list(docs[1:])
    for i, s in enumerate(steps):
        unit = units[i * len(units) // len(steps)]
        attrs = f" {k('由')} {unit}"
        if i == 0:
            attrs += f" {k('读取')} {ledgers[0]}"
        elif i == len(steps) - 1 or (rnd.random() < 0.25):
            attrs += f" {k('写入')} {rnd.choice(ledgers)}"
        if made and rnd.random() < 0.5:
            attrs += f" {k('产生')} {made.pop(0)}"
        lines.append(f"  {k('步骤')} {s}{attrs}")
    for j, d in enumerate(decisions):
        lines.append(f"  {k('判断')} {d} \"{rnd.choice(['审核', '检验', '核对', '审批'])}{j + 1}\" "
                     f"{k('由')} {rnd.choice(units)}")
    lines.append("")
    # main chain: first unit -> first doc -> steps, decisions spliced in
    lines.append(f"  {units[0]} -> {docs[0]} -> {steps[0]}")
    at = sorted(rnd.sample(range(1, len(steps)), min(n_dec, len(steps) - 1)))
    dec_at = dict(zip(at, decisions))
    for i in range(1, len(steps)):
        prev = steps[i - 1]
        if i in dec_at:
            d = dec_at[i]
            yes, no = rnd.choice(OUTCOMES)
            lines.append(f"  {prev} -> {d}")
            lines.append(f"  {d} -[{yes}]-> {steps[i]}")
            back = rnd.choice([ext, units[0], prev])
            arrow = "=" if back == ext else "-"
            lines.append(f"  {d} {arrow}[{no}]{arrow}> {back}")
        else:
            lines.append(f"  {prev} -> {steps[i]}")
    for d in docs[1:]:
        if d not in made:   # made by a step: pass it on
            lines.append(f"  {d} -> {rnd.choice(units + [ext])}")
        else:
            lines.append(f"  {ext} -> {d} -> {steps[min(1, len(steps) - 1)]}")
    lines.append(f"  {ext} =[货物]=> {units[min(1, len(units) - 1)]}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_batch(folder: str, n: int = 100) -> list[str]:
    os.makedirs(folder, exist_ok=True)
    paths = []
    for i in range(n):
        p = os.path.join(folder, f"case_{i:03d}.flow")
        with open(p, "w", encoding="utf-8") as fh:
            fh.write(purchasing_case(i))
        paths.append(p)
    return paths


def synthetic_model(n: int, seed: int = 0) -> str:
    """One chart of about ``n`` elements: 5 % units, 15 % documents, 5 % ledgers, 70 %
    steps, 5 % decisions; steps chained in runs of 20 with reads/writes/makes, decisions
    with two outcomes (one a loop back), every document passed on."""
    rnd = random.Random(seed)
    nu, nd, nl, nx = max(2, n // 20), max(1, n * 3 // 20), max(1, n // 20), max(1, n // 20)
    ns = max(2, n - nu - nd - nl - nx)
    out = ["case 规模测试", f"chart 规模{n} {{"]
    out += [f"  unit 部门{i}" for i in range(nu)]
    out += [f"  document 单据{i}" for i in range(nd)]
    out += [f"  ledger 台账{i}" for i in range(nl)]
    for i in range(ns):
        attrs = f" by 部门{i % nu}"
        if i % 7 == 0:
            attrs += f" reads 台账{i % nl}"
        if i % 11 == 0:
            attrs += f" writes 台账{(i * 3) % nl}"
        if i < nd:
            attrs += f" makes 单据{i}"
        out.append(f"  step 步骤{i}{attrs}")
    for i in range(nx):
        out.append(f"  decision 判断{i} by 部门{i % nu}")
    run = 20
    for start in range(0, ns, run):
        chain = [f"步骤{j}" for j in range(start, min(ns, start + run))]
        out.append(f"  部门{(start // run) % nu} -> " + " -> ".join(chain))
    for i in range(nx):
        a = rnd.randrange(ns)
        b, c = rnd.randrange(ns), rnd.randrange(ns)
        out.append(f"  步骤{a} -> 判断{i}")
        out.append(f"  判断{i} -[合格]-> 步骤{b}")
        out.append(f"  判断{i} -[不合格]-> 步骤{c}")
    for i in range(nd):
        out.append(f"  单据{i} -> 部门{i % nu}")
    out.append("}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python benchmarks/gen.py OUT_DIR [N]")
    written = write_batch(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100)
    print(f"{len(written)} cases written to {sys.argv[1]}")
