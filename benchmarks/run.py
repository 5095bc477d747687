"""flowdsl benchmarks (issue 6): ``make bench`` or ``python benchmarks/run.py [--quick]``.

Every figure is taken in this one run, on this machine, and printed with its target
and PASS/MISS. Timing is Python's own: ``time.perf_counter`` around the work, for a
command the whole process (``subprocess.run``), median of ``--runs`` runs (default 5).

B1 start-up: ``flowdsl --version`` over bare ``python -c pass``; ``flowdsl check``
   on the sample; ``flowdsl render`` of the sample (one SVG) against raw ``dot -Tsvg``
   on the same DOT; which heavy libraries each command imports.
B2 in-process text → SVG of the sample (the notebook path: a one-line edit, the diagram laid
   out anew) against raw ``dot``; and the whole work each time (whole parse, fresh layout).
B3 a batch of 400 generated purchasing-like cases (``benchmarks/gen.py``):
   ``-j 1`` per diagram against raw ``dot`` per diagram, ``-j 2`` speed-up, and the
   unchanged (cached) re-run against the cold run.
B4 parse + lower + check of synthetic charts of 1,000 / 10,000 / 100,000 elements,
   with the peak resident memory of each (``resource.getrusage``).
B4c a 1,000-element chart rendered (time, peak memory); the 10,000-element one refused.
B6 every sample in SVG, PNG and PDF: in-process converter against rsvg-convert.
B7 warm paths in one long-lived process: ``flowdsl.parse`` after a one-line edit each time
   (a different indented line indented once more), and a re-render to SVG.
B5 peers when installed: ``data-flow-diagram`` (``FLOWDSL_BENCH_DFD`` = its
   executable, else looked up on PATH) on an equivalent DFD, PlantUML
   (``FLOWDSL_BENCH_PLANTUML`` = a plantuml.jar or executable) on an equivalent
   activity diagram. Skipped with a note when absent; never a project dependency.

Commands run the way an installed flowdsl runs: with a bytecode cache (kept in a
temporary ``PYTHONPYCACHEPREFIX``, as ``pip install`` compiles one) and a warm
grammar cache; each command is run once untimed before it is measured.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, ROOT)

import gen  # noqa: E402
import peers  # noqa: E402

PY = sys.executable
SAMPLE = os.path.join(ROOT, "samples", "01-purchasing.flow")
HEAVY = ("lark", "pydantic", "networkx", "jinja2", "typst")
ROWS: list[tuple[str, str, str, str]] = []   # (id, what, figure, target/verdict)


def flowdsl_cmd() -> list[str]:
    exe = os.path.join(os.path.dirname(PY), "flowdsl")
    return [exe] if os.path.exists(exe) else [PY, "-m", "flowdsl"]


def child_env(tmp: str) -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tmp, "pycache")
    env.setdefault("FLOWDSL_CACHE_DIR", os.path.join(tmp, "grammar-cache"))
    env["NO_COLOR"] = "1"
    return env


def timed(cmd: list[str], env: dict, runs: int, setup=None, check=False) -> float:
    """Median wall time (ms) of ``cmd`` as a whole process, after one untimed run."""
    times = []
    for i in range(runs + 1):
        if setup:
            setup()
        t = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True)
        dt = (time.perf_counter() - t) * 1000
        if check and proc.returncode not in (0, 1):
            raise RuntimeError(f"{cmd} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[-800:]}")
        if i:
            times.append(dt)
    return statistics.median(times)


def row(ident: str, what: str, figure: str, ok: bool | None, target: str) -> None:
    verdict = "" if ok is None else ("PASS" if ok else "MISS")
    ROWS.append((ident, what, figure, f"{target} {verdict}".strip()))
    print(f"  {ident:4} {what:<52} {figure:>22}   {target} {verdict}", flush=True)


def info(ident: str, what: str, figure: str) -> None:
    row(ident, what, figure, None, "")


# ------------------------------------------------------------------------------ B1
def heavy_imports(args: list[str], env: dict) -> str:
    code = ("import sys\nfrom flowdsl.app.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            f"print(','.join(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r})), file=sys.stderr)")
    proc = subprocess.run([PY, "-c", code, *args], env=env, capture_output=True, text=True)
    return proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""


def bench_startup(tmp: str, env: dict, runs: int) -> None:
    print("B1 start-up (whole process, median of %d)" % runs)
    fd = flowdsl_cmd()
    bare = timed([PY, "-c", "pass"], env, runs)
    ver = timed(fd + ["--version"], env, runs)
    info("B1", "python -c pass", f"{bare:.1f} ms")
    row("B1a", "flowdsl --version, over bare python", f"+{ver - bare:.1f} ms", ver - bare <= 30, "≤ +30 ms")
    chk = timed(fd + ["check", SAMPLE], env, runs, check=True)
    row("B1b", "flowdsl check sample", f"{chk:.1f} ms", chk <= 200, "≤ 200 ms")
    from flowdsl import parse
    with open(SAMPLE, encoding="utf-8") as fh:
        case = parse(fh.read())
    dot_files = []
    for i, view in enumerate(case.views):           # the sample may hold a chart and DFD levels
        dot_files.append(os.path.join(tmp, f"sample-{i}.dot"))
        with open(dot_files[-1], "wb") as fh:
            fh.write(view.render("dot"))
    with open(os.path.join(tmp, "sample.dot"), "wb") as fh:   # B2 uses the first diagram
        fh.write(case.views[0].render("dot"))
    raw_all = [f"dot -Tsvg {f} -o {f}.svg" for f in dot_files]
    raw = timed(["sh", "-c", " && ".join(raw_all)], env, runs)
    bare_sh = timed(["sh", "-c", "true"], env, runs)
    raw -= bare_sh
    out = os.path.join(tmp, "b1-out")
    fresh = lambda: shutil.rmtree(out, ignore_errors=True)  # noqa: E731  (no output cache)
    one = os.path.join(tmp, "one-chart.flow")                 # one diagram: generated case 0
    with open(one, "w", encoding="utf-8") as fh:
        fh.write(gen.purchasing_case(0))
    one_dot = os.path.join(tmp, "one-chart.dot")
    with open(one_dot, "wb") as fh:
        fh.write(parse(gen.purchasing_case(0)).views[0].render("dot"))
    raw1 = timed(["dot", "-Tsvg", one_dot, "-o", one_dot + ".svg"], env, runs)
    ren1 = timed(fd + ["render", one, "-o", out, "-f", "svg"], env, runs, setup=fresh, check=True)
    info("B1", "raw dot -Tsvg on a one-chart case's DOT", f"{raw1:.1f} ms")
    row("B1c", "flowdsl render one-chart case -f svg, over raw dot", f"+{ren1 - raw1:.1f} ms",
        ren1 - raw1 <= 150, "≤ +150 ms")
    ren = timed(fd + ["render", SAMPLE, "-o", out, "-f", "svg"], env, runs, setup=fresh, check=True)
    info("B1", f"raw dot -Tsvg on the sample's {len(dot_files)} DOT files", f"{raw:.1f} ms")
    info("B1", f"flowdsl render sample ({len(dot_files)} diagrams), over raw dot", f"+{ren - raw:.1f} ms")
    for name, args in (("--version", ["--version"]), ("check", ["check", SAMPLE]),
                       ("render svg", ["render", SAMPLE, "-o", os.path.join(tmp, "imp-out"), "-f", "svg", "--force"])):
        info("B1", f"heavy imports of {name}", heavy_imports(args, env) or "(none)")


# ------------------------------------------------------------------------------ B2
def bench_inprocess(tmp: str, runs: int) -> None:
    """The notebook path: a cell's text edited (one line, as B7a) and its first diagram
    drawn again, laid out anew (the kept layout cleared: an edited diagram), against raw
    ``dot`` on that diagram's DOT; and, for comparison, all of the work each time (the
    whole text parsed, not the kept statements of ``flowdsl.lang.warm``)."""
    print("B2 in-process text → SVG (median of %d)" % (runs * 4))
    import flowdsl
    from flowdsl.api import _parse
    from flowdsl.lang.parser import parse_text as whole
    from flowdsl.render import pipeline
    from serve import edits

    with open(SAMPLE, encoding="utf-8") as fh:
        text = fh.read()
    dot_file = os.path.join(tmp, "sample.dot")
    if not os.path.exists(dot_file):   # --only B2: B1 did not write it
        with open(dot_file, "wb") as fh:
            fh.write(flowdsl.parse(text).views[0].render("dot"))
    flowdsl.parse(text).views[0].render("svg")            # warm: parser built, dot server started
    n = runs * 4
    typed = edits(text, n + 3)
    for t in typed[-3:]:
        flowdsl.parse(t).diagnostics
    ours, full, raw = [], [], []
    for i in range(n):                                     # interleaved: same machine load for all
        pipeline._laid_out.cache_clear()
        t = time.perf_counter()
        flowdsl.parse(typed[i]).views[0].render("svg")
        ours.append(time.perf_counter() - t)
        pipeline._laid_out.cache_clear()
        t = time.perf_counter()
        _parse(text, None, False, None, {}, parse_text=whole).views[0].render("svg")
        full.append(time.perf_counter() - t)
        t = time.perf_counter()
        subprocess.run(["dot", "-Tsvg", dot_file], capture_output=True, check=True)
        raw.append(time.perf_counter() - t)
    o, f, r = (statistics.median(x) * 1000 for x in (ours, full, raw))
    info("B2", "raw dot -Tsvg (subprocess from Python)", f"{r:.2f} ms")
    row("B2", "edited text: flowdsl.parse(text).views[0].render('svg')", f"{o:.2f} ms = {o / r:.2f}×",
        o / r <= 1.15, "≤ 1.15×")
    info("B2", "  all of it each time (whole parse and layout)", f"{f:.2f} ms = {f / r:.2f}×")


# ------------------------------------------------------------------------------ B3
def bench_batch(tmp: str, env: dict, runs: int, n: int) -> None:
    print(f"B3 batch of {n} generated cases (whole process, median of {runs})")
    import flowdsl

    src = os.path.join(tmp, "batch")
    paths = gen.write_batch(src, n)
    dots = []
    for p in paths:
        for i, d in enumerate(flowdsl.load(p).raise_for_errors().views):
            f = os.path.join(tmp, "batch-dot", f"{os.path.basename(p)}.{i}.dot")
            os.makedirs(os.path.dirname(f), exist_ok=True)
            with open(f, "wb") as fh:
                fh.write(d.render("dot"))
            dots.append(f)

    def raw_all():
        for f in dots:
            subprocess.run(["dot", "-Tsvg", f], capture_output=True)

    raw_times = []
    for _ in range(max(3, runs // 2)):
        t = time.perf_counter()
        raw_all()
        raw_times.append(time.perf_counter() - t)
    raw = statistics.median(raw_times) * 1000 / len(dots)
    info("B3", f"raw dot -Tsvg per diagram ({len(dots)} diagrams)", f"{raw:.1f} ms")
    fd = flowdsl_cmd()
    help_text = subprocess.run(fd + ["render", "--help"], env=env, capture_output=True, text=True).stdout
    if "--jobs" not in help_text:
        row("B3", "flowdsl render DIR -j N", "no -j option yet", False, "(needs the batch renderer)")
        return
    outs = {}

    def cold(j):
        out = os.path.join(tmp, f"batch-out-j{j}")
        outs[j] = out
        return [fd + ["render", src, "-o", out, "-f", "svg", "-j", str(j)],
                lambda: shutil.rmtree(out, ignore_errors=True)]

    cmd1, fresh1 = cold(1)
    t1 = timed(cmd1, env, runs, setup=fresh1, check=True)
    per = t1 / len(dots)
    row("B3a", "render -j 1, per diagram (whole run / diagrams)", f"{per:.1f} ms = {per / raw:.2f}×",
        per / raw <= 1.25, "≤ 1.25× raw dot")
    cmd2, fresh2 = cold(2)
    t2 = timed(cmd2, env, runs, setup=fresh2, check=True)
    row("B3b", f"render -j 2 speed-up over -j 1 ({os.cpu_count()} cores)", f"{t1 / t2:.2f}×", t1 / t2 >= 1.8,
        "≥ 1.8×")
    subprocess.run(cmd1, env=env, capture_output=True)          # outputs and cache in place
    warm = timed(cmd1, env, runs, check=True)
    row("B3c", "unchanged re-run (cached) vs cold -j 1", f"{warm:.0f} ms = {100 * warm / t1:.1f} %",
        warm / t1 <= 0.05, "≤ 5 %")
    info("B3", "cold -j 1 / -j 2 whole runs", f"{t1:.0f} / {t2:.0f} ms")


# ------------------------------------------------------------------------------ B4
SCALE_CODE = r"""
import resource, statistics, sys, time
sys.path.insert(0, sys.argv[2])
import gen
from flowdsl.lang.parser import parse_text
from flowdsl.model.lower import lower
from flowdsl.checks import run_checks
n, reps = int(sys.argv[1]), int(sys.argv[3])
text = gen.synthetic_model(n)
parse_text("chart a {\n unit b\n}")           # parser built and warm: not part of the figure
times = []
for _ in range(reps):
    t = time.perf_counter()
    ast, diags = parse_text(text)
    model, ldiags = lower(ast)
    cdiags = run_checks(model)
    times.append(time.perf_counter() - t)
    del ast, model
assert not diags and not [d for d in ldiags if d.severity == "error"], (diags, ldiags[:3])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(statistics.median(times), peak, len(text.splitlines()), len(cdiags))
"""


def bench_scale(env: dict, sizes=(1_000, 10_000, 100_000)) -> None:
    print("B4 parse + lower + check of synthetic charts (in-process; own process per size)")
    results = {}
    for n in sizes:
        reps = 5 if n <= 10_000 else 1
        proc = subprocess.run([PY, "-c", SCALE_CODE, str(n), HERE, str(reps)], env=env, capture_output=True,
                              text=True)
        if proc.returncode:
            row("B4", f"{n:,} elements", "failed", False, proc.stderr.strip().splitlines()[-1][:60])
            continue
        secs, peak, lines, ndiag = proc.stdout.split()
        results[n] = float(secs)
        info("B4", f"{n:>7,} elements ({int(lines):,} lines): time, peak RSS",
             f"{float(secs) * 1000:,.0f} ms, {float(peak):,.0f} MB")
    if 10_000 in results:
        row("B4a", "10,000 elements", f"{results[10_000] * 1000:,.0f} ms", results[10_000] <= 1.0, "≤ 1 s")
    for a, b in zip(sizes, sizes[1:]):
        if a in results and b in results:
            r = results[b] / results[a]
            row("B4b", f"{a:,} → {b:,}: time ratio", f"{r:.1f}×", r <= 12, "≤ 12×")


# ------------------------------------------------------------------------------ B6
def bench_formats(tmp: str, env: dict, runs: int) -> None:
    """Every sample in every format, with the in-process converter and with rsvg-convert."""
    print("B6 render samples/*.flow -f svg,png,pdf (whole process, median of %d)" % runs)
    import glob
    import resource

    samples = sorted(glob.glob(os.path.join(ROOT, "samples", "*.flow")))
    out = os.path.join(tmp, "b6-out")
    fresh = lambda: shutil.rmtree(out, ignore_errors=True)  # noqa: E731
    fd = flowdsl_cmd()
    for conv in ("typst", "rsvg"):
        if conv == "rsvg" and shutil.which("rsvg-convert") is None:
            info("B6", "with rsvg-convert", "(not installed)")
            continue
        e = dict(env, FLOWDSL_CONVERTER=conv)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = timed(fd + ["render", *samples, "-o", out, "-f", "svg,png,pdf"], e, runs, setup=fresh, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / (runs + 1)
        if conv == "typst":
            row("B6", "svg,png,pdf of every sample, in-process (typst)", f"{wall / 1000:.2f} s", wall <= 1500,
                "≤ 1.5 s")
        else:
            info("B6", "the same with rsvg-convert", f"{wall / 1000:.2f} s")
        info("B6", f"  CPU time of one run ({conv})", f"{cpu:.2f} s")
    svg = timed(fd + ["render", *samples, "-o", out, "-f", "svg"], env, runs, setup=fresh, check=True)
    info("B6", "svg only, for comparison", f"{svg / 1000:.2f} s")


# ------------------------------------------------------------------------------ B7
def bench_warm(runs: int) -> None:
    """A long-lived process (watch, serve, LSP, notebook): the second and later check and
    render of a sample. B7a: ``flowdsl.parse`` after a one-line edit each time (an indented
    line indented once more, a different line each time, as ``benchmarks/serve.py`` does):
    the edited statement is parsed again, the others are the process's kept pieces."""
    print("B7 warm paths in one process (median of %d)" % (runs * 10))
    import flowdsl
    from flowdsl.render import pipeline
    from serve import edits

    with open(SAMPLE, encoding="utf-8") as fh:
        text = fh.read()
    flowdsl.parse(text).views[0].render("svg")          # warm: imports, parser, dot server
    n = runs * 10
    typed = edits(text, n + 3)
    for t in typed[-3:]:                                # warm: the first edit parses every piece
        flowdsl.parse(t).diagnostics
    checks, cpu, same, renders, cached = [], [], [], [], []
    for i in range(n):
        t, c = time.perf_counter(), time.process_time()
        flowdsl.parse(typed[i]).diagnostics
        checks.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        t = time.perf_counter()
        flowdsl.parse(text).diagnostics                 # the text unchanged
        same.append(time.perf_counter() - t)
        case = flowdsl.parse(text)
        pipeline._laid_out.cache_clear()                # an edited diagram: laid out and drawn anew
        t = time.perf_counter()
        case.views[0].render("svg")
        renders.append(time.perf_counter() - t)
        t = time.perf_counter()
        case.views[0].render("svg")                     # unchanged: the kept layout and SVG
        cached.append(time.perf_counter() - t)
    c, u, s, r, k = (statistics.median(x) * 1000 for x in (checks, cpu, same, renders, cached))
    row("B7a", "re-check after a one-line edit (parse, lower, checks)", f"{c:.1f} ms", c <= 10, "≤ 10 ms")
    info("B7", "  its CPU time (the process's own, whatever else runs)", f"{u:.1f} ms")
    info("B7", "the same text re-checked unchanged", f"{s:.1f} ms")
    row("B7b", "re-render of its first diagram to SVG", f"{r:.1f} ms", r <= 30, "≤ 30 ms")
    info("B7", "the same diagram unchanged (kept layout)", f"{k:.2f} ms")


# ------------------------------------------------------------------------------ B4c
def bench_big_render(tmp: str, env: dict) -> None:
    """A 1,000-element chart rendered to SVG as a whole process, with its peak memory."""
    print("B4c render of a 1,000-element chart (one run)")
    path = os.path.join(tmp, "big-1000.flow")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(gen.synthetic_model(1000))
    code = ("import resource, subprocess, sys, time\nt = time.perf_counter()\n"
            "p = subprocess.run(sys.argv[1:], capture_output=True)\n"
            "w = time.perf_counter() - t\n"
            "peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, 0) / 1024\n"
            "print(p.returncode, w, peak)")
    proc = subprocess.run([PY, "-c", code, *flowdsl_cmd(), "render", path, "-o", os.path.join(tmp, "big-out"),
                           "-f", "svg", "--force"], env=env, capture_output=True, text=True)
    rc, wall, peak = proc.stdout.split()
    ok = rc == "0"
    row("B4c", "render 1,000-element chart -f svg", f"{float(wall):.1f} s, {float(peak):,.0f} MB",
        ok and float(wall) <= 15 and float(peak) <= 2048, "≤ 15 s, ≤ 2 GB")
    big = os.path.join(tmp, "big-10000.flow")
    with open(big, "w", encoding="utf-8") as fh:
        fh.write(gen.synthetic_model(10000))
    t = time.perf_counter()
    res = subprocess.run(flowdsl_cmd() + ["render", big, "-o", os.path.join(tmp, "big-out"), "-f", "svg"], env=env,
                         capture_output=True, text=True)
    refused = "FD701" in res.stderr
    info("B4c", "10,000-element chart", f"{'refused (FD701)' if refused else 'rc ' + str(res.returncode)}"
         f" in {time.perf_counter() - t:.1f} s")


# ------------------------------------------------------------------------------ B5
def bench_peers(tmp: str, env: dict, runs: int) -> None:
    print("B5 peers (whole process, median of %d)" % runs)
    for name, result in peers.run_all(tmp, env, runs, flowdsl_cmd(), timed):
        if isinstance(result, str):
            info("B5", name, result)
        else:
            ours, theirs = result
            info("B5", name, f"{ours:.0f} ms vs {theirs:.0f} ms")


# ------------------------------------------------------------------------------ main
def machine() -> str:
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), "?")
    except OSError:
        pass
    dot = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {dot}, "
            f"load average {load:.2f} at start")


def main(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="3 runs, 30 cases, no 100,000-element model")
    ap.add_argument("--only", default="B1,B2,B3,B4,B5,B6,B7")
    a = ap.parse_args(argv)
    runs = 3 if a.quick else a.runs
    if shutil.which("dot") is None:
        print("benchmarks need Graphviz 'dot' (make sysdeps)", file=sys.stderr)
        return 2
    print("flowdsl benchmarks:", machine())
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="flowdsl-bench-") as tmp:
        env = child_env(tmp)
        os.environ["FLOWDSL_CACHE_DIR"] = env["FLOWDSL_CACHE_DIR"]
        only = a.only.upper().split(",")
        if "B1" in only:
            bench_startup(tmp, env, runs)
        if "B2" in only:
            bench_inprocess(tmp, runs)
        if "B3" in only:
            bench_batch(tmp, env, runs, 30 if a.quick else 400)
        if "B4" in only:
            bench_scale(env, (1_000, 10_000) if a.quick else (1_000, 10_000, 100_000))
            bench_big_render(tmp, env)
        if "B5" in only:
            bench_peers(tmp, env, runs)
        if "B6" in only:
            bench_formats(tmp, env, runs)
        if "B7" in only:
            bench_warm(runs)
    misses = [r for r in ROWS if r[3].endswith("MISS")]
    print(f"\n{len(ROWS) - sum(1 for r in ROWS if not r[3])} targets, {len(misses)} missed; "
          f"{time.perf_counter() - start:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
