"""Issue 17, goal 4: per diagram in a batch, flowdsl against data-flow-diagram's
one-process batch and PlantUML's one JVM, SVG + PNG + PDF on both sides where the peer
can make them (targets: ≥ 3× faster than data-flow-diagram, ≥ 5× than PlantUML).

    python benchmarks/peers_batch.py [N]      # N cases a side, default 100

The peers are never project dependencies: ``data-flow-diagram`` from a throw-away venv
(``python3 -m venv /tmp/peers && /tmp/peers/bin/pip install data-flow-diagram``, or
``FLOWDSL_BENCH_DFD``), PlantUML as the Debian package or ``FLOWDSL_BENCH_PLANTUML`` (a
jar, with ``java``). A missing peer is reported and skipped.

The inputs are :mod:`peers`' equivalent texts, each made distinct by a number in its
names (no tool can reuse another file's work): the bookstore purchase DFD (flowdsl draws
its context diagram and its top level: two diagrams a case, the peer one), and the
purchasing chart with swimlanes (``samples/01-purchasing.flow``'s chart alone against
the PlantUML activity diagram of it). data-flow-diagram's one-process batch is its
markdown mode (every snippet of one file, in one process), once per format; PlantUML
takes every file of a folder in one JVM, once per format (it makes PDF only with Apache
FOP and Batik on its class path: tried, reported when it fails). flowdsl is timed as
``flowdsl render DIR -f svg,png,pdf`` with ``-j 1`` and ``-j 2``. Whole commands,
``time.perf_counter``, one untimed run first, the median of ``--runs`` (default 3).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import peers  # noqa: E402


def timed(cmd: list[str], runs: int, setup=None, env=None) -> tuple[float, int]:
    """Median seconds of ``cmd`` over ``runs`` (after one untimed run), its exit status."""
    times, rc = [], 0
    for k in range(runs + 1):
        if setup:
            setup()
        t = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, env=env)
        if k:
            times.append(time.perf_counter() - t)
        rc = rc or p.returncode
    return statistics.median(times), rc


def numbered(text: str, i: int, names: list[str]) -> str:
    for n in sorted(names, key=len, reverse=True):
        text = text.replace(n, f"{n}{i}")
    return text


def chart_of_sample() -> str:
    with open(os.path.join(ROOT, "samples", "01-purchasing.flow"), encoding="utf-8") as fh:
        text = fh.read()
    start = text.index("业务流程图 物资订货")
    return text[start:text.index("\n}\n", start) + 3]


DFD_NAMES = ["书商", "读者", "采购申请", "采购单", "到货单", "入库记录", "图书台账", "库存"]
CHART_NAMES = ["采购部", "供应商", "检验人员", "库房管理员", "主管"]


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv and argv[0].isdigit() else 100
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    py = os.path.join(ROOT, ".venv", "bin", "python")
    flowdsl = [py if os.path.exists(py) else sys.executable, "-m", "flowdsl"]
    tmp = tempfile.mkdtemp(prefix="flowdsl-peers-")
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"peers in a batch: {n} cases a side, SVG + PNG + PDF, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f}; median of {runs}")
    rows = []

    def ours(kind: str, texts: list[str]) -> dict:
        src = os.path.join(tmp, f"ours-{kind}")
        os.makedirs(src, exist_ok=True)
        for i, t in enumerate(texts):
            with open(os.path.join(src, f"c{i:03d}.flow"), "w", encoding="utf-8") as fh:
                fh.write(t)
        out = os.path.join(tmp, f"ours-{kind}-out")
        got = {}
        for jobs in ("1", "2"):
            secs, rc = timed(flowdsl + ["render", src, "-o", out, "-f", "svg,png,pdf", "-j", jobs], runs,
                             setup=lambda: shutil.rmtree(out, ignore_errors=True), env=env)
            made = sum(1 for _, _, fs in os.walk(out) for f in fs if f.endswith(".svg"))
            got[jobs] = (secs * 1000 / len(texts), rc, made)
        return got

    # data-flow-diagram
    dfd = peers._exe("FLOWDSL_BENCH_DFD", "data-flow-diagram") or (
        "/tmp/peers/bin/data-flow-diagram" if os.path.exists("/tmp/peers/bin/data-flow-diagram") else None)
    if dfd is None:
        print("  data-flow-diagram: skipped (not installed; see the module's doc)")
    else:
        total, notes = 0.0, []
        for fmt in ("svg", "png", "pdf"):
            md = os.path.join(tmp, f"dfd-{fmt}.md")
            out = os.path.join(tmp, f"dfd-{fmt}")
            os.makedirs(out, exist_ok=True)
            with open(md, "w", encoding="utf-8") as fh:
                for i in range(n):
                    fh.write(f"```data-flow-diagram {out}/d{i:03d}.{fmt}\n{numbered(peers.DFD_PEER, i, DFD_NAMES)}```\n\n")
            secs, rc = timed([dfd, "--markdown", "--format", fmt, md], runs)
            made = len([f for f in os.listdir(out) if f.endswith("." + fmt)])
            notes.append(f"{fmt} {secs * 1000 / n:.1f} ms ({made} files{', rc ' + str(rc) if rc else ''})")
            total += secs * 1000 / n
        mine = ours("dfd", [numbered(peers.DFD_FLOWDSL, i, DFD_NAMES) for i in range(n)])
        print(f"  data-flow-diagram, one process per format, per case: {total:.1f} ms ({'; '.join(notes)})")
        for jobs, (ms, rc, made) in mine.items():
            ratio = total / ms
            print(f"  flowdsl -j {jobs}, per case ({made} SVGs for {n} cases{', rc ' + str(rc) if rc else ''}): "
                  f"{ms:.1f} ms = {ratio:.1f}× faster   ≥ 3× {'PASS' if ratio >= 3 else 'MISS'}")
            rows.append(ratio >= 3)

    # PlantUML
    jar = peers._exe("FLOWDSL_BENCH_PLANTUML", "plantuml")
    if jar is None:
        print("  PlantUML: skipped (not installed)")
    else:
        cmd = (["java", "-Djava.awt.headless=true", "-jar", jar] if jar.endswith(".jar") else [jar])
        src = os.path.join(tmp, "puml")
        os.makedirs(src, exist_ok=True)
        for i in range(n):
            with open(os.path.join(src, f"p{i:03d}.puml"), "w", encoding="utf-8") as fh:
                fh.write(numbered(peers.PLANTUML, i, CHART_NAMES))
        total, notes = 0.0, []
        for fmt in ("svg", "png", "pdf"):
            out = os.path.join(tmp, f"puml-{fmt}")
            secs, rc = timed(cmd + [f"-t{fmt}", "-o", out, *sorted(
                os.path.join(src, f) for f in os.listdir(src))], runs,
                setup=lambda out=out: shutil.rmtree(out, ignore_errors=True))
            made = len([f for f in os.listdir(out) if f.endswith("." + fmt)]) if os.path.isdir(out) else 0
            if made:
                total += secs * 1000 / n
                notes.append(f"{fmt} {secs * 1000 / n:.1f} ms")
            else:
                notes.append(f"{fmt}: none made (rc {rc}), not counted")
        chart = chart_of_sample()
        mine = ours("chart", [numbered(chart, i, CHART_NAMES) for i in range(n)])
        print(f"  PlantUML, one JVM per format, per chart: {total:.1f} ms ({'; '.join(notes)})")
        for jobs, (ms, rc, made) in mine.items():
            ratio = total / ms
            print(f"  flowdsl -j {jobs}, per chart ({made} SVGs{', rc ' + str(rc) if rc else ''}): "
                  f"{ms:.1f} ms = {ratio:.1f}× faster   ≥ 5× {'PASS' if ratio >= 5 else 'MISS'}")
            rows.append(ratio >= 5)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
