"""B5: flowdsl against peer tools on equivalent inputs, when the peers are installed.

Peers are never project dependencies. Point the benchmark at them with
``FLOWDSL_BENCH_DFD`` (the ``data-flow-diagram`` executable, e.g. from a throw-away
venv: ``python -m venv /tmp/peers && /tmp/peers/bin/pip install data-flow-diagram``)
and ``FLOWDSL_BENCH_PLANTUML`` (a ``plantuml.jar``, needs ``java``; or a ``plantuml``
executable), or put them on PATH. Missing peers are reported and skipped.
"""

from __future__ import annotations

import os
import shutil

#: the DFD of the bookstore purchase, in flowdsl …
DFD_FLOWDSL = """\
数据流程图 图书采购 "图书采购数据流程图" {
  外部实体 E1 书商
  外部实体 E2 读者
  处理逻辑 P1 采购
  处理逻辑 P2 验收
  数据存储 S1 图书台账
  读者 -[F1 采购申请]-> P1
  P1 -[F2 采购单]-> 书商
  书商 -[F3 到货单]-> P2
  P2 -[F4 入库记录]-> 图书台账
  图书台账 -[F5 库存]-> P1
}
"""
#: … and in data-flow-diagram's language
DFD_PEER = """\
entity  E1  书商
entity  E2  读者
process P1  采购
process P2  验收
store   S1  图书台账
flow    E2  P1  采购申请
flow    P1  E1  采购单
flow    E1  P2  到货单
flow    P2  S1  入库记录
flow    S1  P1  库存
"""
#: samples/01-purchasing.flow as a PlantUML activity diagram with swimlanes
PLANTUML = """\
@startuml
title 物资订货业务流程图
|采购部|
start
:查询库存信息及用户需求;
:编制采购订货单;
note right: 采购订货单
|供应商|
:发货，附采购收货单;
|检验人员|
if (验货) then (合格)
  |库房管理员|
  if (审核货物是否合格) then (合格)
    :登记流水帐和库存帐目;
  else (不合格)
    |主管|
    :审核不合格货物;
    |供应商|
    :退货;
  endif
else (不合格)
  |供应商|
  :退货;
endif
stop
@enduml
"""


def _exe(env_var: str, name: str) -> str | None:
    value = os.environ.get(env_var)
    if value:
        return value if os.path.exists(value) else shutil.which(value)
    return shutil.which(name)


def run_all(tmp: str, env: dict, runs: int, flowdsl: list[str], timed):
    """Yield ``(what, (ours_ms, theirs_ms))`` or ``(what, note)`` per peer."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sample = os.path.join(root, "samples", "01-purchasing.flow")

    def ours(path: str, name: str):
        out = os.path.join(tmp, f"peer-{name}")
        fresh = lambda: shutil.rmtree(out, ignore_errors=True)  # noqa: E731
        ms = timed(flowdsl + ["render", path, "-o", out, "-f", "svg"], env, runs, setup=fresh)
        made = [f for _, _, fs in os.walk(out) for f in fs if f.endswith(".svg")]
        return ms, len(made)

    # data-flow-diagram
    peer = _exe("FLOWDSL_BENCH_DFD", "data-flow-diagram")
    if peer is None:
        yield "data-flow-diagram", "skipped: not installed (set FLOWDSL_BENCH_DFD)"
    else:
        ours_src = os.path.join(tmp, "peer-dfd.flow")
        theirs_src = os.path.join(tmp, "peer-dfd.dfd")
        with open(ours_src, "w", encoding="utf-8") as fh:
            fh.write(DFD_FLOWDSL)
        with open(theirs_src, "w", encoding="utf-8") as fh:
            fh.write(DFD_PEER)
        theirs = timed([peer, theirs_src, "-o", os.path.join(tmp, "peer-dfd.svg")], env, runs)
        ms, made = ours(ours_src, "dfd")
        if made:
            yield "DFD (5 nodes, 5 flows): flowdsl vs data-flow-diagram", (ms, theirs)
        else:
            yield "data-flow-diagram on the DFD (flowdsl draws no DFD yet)", f"{theirs:.0f} ms"
    # PlantUML
    jar = _exe("FLOWDSL_BENCH_PLANTUML", "plantuml")
    java = shutil.which("java")
    if jar is None:
        yield "PlantUML", "skipped: not installed (set FLOWDSL_BENCH_PLANTUML)"
    elif jar.endswith(".jar") and java is None:
        yield "PlantUML", "skipped: java not found"
    else:
        src = os.path.join(tmp, "peer.puml")
        with open(src, "w", encoding="utf-8") as fh:
            fh.write(PLANTUML)
        cmd = ([java, "-Djava.awt.headless=true", "-jar", jar] if jar.endswith(".jar") else [jar])
        theirs = timed(cmd + ["-tsvg", "-o", os.path.join(tmp, "puml-out"), src], env, max(3, runs // 2))
        ms, _ = ours(sample, "chart")
        yield "purchasing chart: flowdsl vs PlantUML activity", (ms, theirs)
