"""``flowdsl serve``: the warm re-check through the web API (issue 16; target ≤ 10 ms).

Starts ``flowdsl serve --port 0`` as its own process (as a teacher runs it), then for
every sample: a few untimed requests (warm: grammar, imports, caches), then ``--runs``
timed ``POST /api/check`` requests, each after a one-character edit at a different line
(a space added at the start of indented line k, k going round the file: that statement
is parsed again), over one kept-alive connection as the page uses. Prints the median and
90th percentile per sample and over all; PASS when every sample's median is ≤ 10 ms. ``--render`` adds the same for
``POST /api/render`` (diagrams laid out again: not under the target).

    python benchmarks/serve.py [--runs 30] [--render]
"""

from __future__ import annotations

import argparse
import glob
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TARGET_MS = 10.0


def start_server() -> tuple[subprocess.Popen, int]:
    exe = os.path.join(os.path.dirname(sys.executable), "flowdsl")
    cmd = [exe] if os.path.exists(exe) else [sys.executable, "-m", "flowdsl"]
    proc = subprocess.Popen(cmd + ["serve", "--port", "0", "--lang", "en"], stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline() if proc.stderr else ""
    m = re.search(r"127\.0\.0\.1:(\d+)", line)
    if not m:
        proc.kill()
        raise SystemExit(f"flowdsl serve did not start: {line!r}")
    return proc, int(m.group(1))


def edits(text: str, n: int) -> list[str]:
    """``n`` texts, each ``text`` with its indented line k indented by one more space (k
    going round the file's indented lines, more spaces on the next round): every line of
    that statement moves, so the server parses that statement again (a space at the end
    of a line, or a comment, changes nothing the parser keeps and parses nothing). Every
    text is new, so no cache of an earlier text answers (the line goes round in steps of 7,
    or of the next prime that the number of indented lines is no multiple of: with 196 of
    them, steps of 7 came back to the first line after 28 texts)."""
    from math import gcd

    lines = text.split("\n")
    rows = [i for i, l in enumerate(lines) if l[:1] in (" ", "\t") and l.strip() and not l.strip().startswith("#")]
    step = next((s for s in (7, 11, 13, 17, 19, 23) if gcd(s, len(rows)) == 1), 1)
    out = []
    for i in range(n):
        k = rows[(i * step) % len(rows)]
        out.append("\n".join(lines[:k] + [" " * (1 + i // len(rows)) + lines[k]] + lines[k + 1:]))
    return out


def timed(conn: http.client.HTTPConnection, path: str, text: str) -> tuple[float, float]:
    body = json.dumps({"text": text, "lang": "zh"}).encode("utf-8")
    t0 = time.perf_counter()
    conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
    r = conn.getresponse()
    data = r.read()
    ms = (time.perf_counter() - t0) * 1000
    if r.status != 200:
        raise SystemExit(f"{path}: HTTP {r.status}: {data[:200]!r}")
    cpu = re.search(r"cpu;dur=([0-9.]+)", r.getheader("Server-Timing") or "")
    return ms, float(cpu.group(1)) if cpu else float("nan")


def _figures(times: list[tuple[float, float]]) -> str:
    wall = sorted(t for t, _ in times)
    cpu = sorted(c for _, c in times)
    return (f"median {statistics.median(wall):6.1f} ms, p90 {wall[int(len(wall) * 0.9) - 1]:6.1f} ms"
            f" (server CPU median {statistics.median(cpu):5.1f} ms)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--render", action="store_true", help="also time /api/render (layout included)")
    args = ap.parse_args()
    proc, port = start_server()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        paths = ["/api/check"] + (["/api/render"] if args.render else [])
        every: dict[str, list[tuple[float, float]]] = {p: [] for p in paths}
        slowest: dict[str, float] = {}
        print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores, {args.runs} edits per sample; "
              "round trip as the page sees it, and the server's CPU time for the answer")
        for path in paths:
            for sample in sorted(glob.glob(os.path.join(ROOT, "samples", "*.flow"))):
                text = open(sample, encoding="utf-8").read()
                for warm in edits(text, args.runs + 3)[-3:]:   # texts the timed edits are not
                    timed(conn, path, warm)
                times = [timed(conn, path, t) for t in edits(text, args.runs)]
                every[path] += times
                slowest[path] = max(slowest.get(path, 0.0), statistics.median(t for t, _ in times))
                print(f"  {path:<12} {os.path.basename(sample):<28} {_figures(times)}")
        for path, times in every.items():
            med = slowest[path]
            verdict = ("PASS" if med <= TARGET_MS else "MISS") if path == "/api/check" else "(no target)"
            print(f"{path} warm re-check, every sample: {_figures(times)}")
            print(f"{path} slowest sample's median: {med:.1f} ms   ≤ {TARGET_MS:.0f} ms {verdict}")
        conn.close()
    finally:
        proc.terminate()
        proc.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
