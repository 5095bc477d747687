"""Grading a class: ``python benchmarks/grade.py [--students 200] [-j 2]``.

Generates a class of distinct student answers to 习题 1 (物资订货) from the fixture
answers (tests/fixtures/grading/purchasing/students): each one a fixture with a few of
its statement lines dropped, chosen by a seeded generator, so every file differs and
the grader sees missing units, arrows, labels and broken references alike. Then runs
``flowdsl grade ANSWER CLASS -o OUT -j N`` as a whole process and times it
(``time.perf_counter``), checks that the class page and every student page (with its
marked diagram) were written, and prints the figure against the target (< 10 s for
200 students on 2 cores).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIX = os.path.join(ROOT, "tests", "fixtures", "grading", "purchasing")
TARGET = 10.0


def make_class(folder: str, n: int, seed: int = 12) -> list[str]:
    rng = random.Random(seed)
    bases = []
    for name in sorted(os.listdir(os.path.join(FIX, "students"))):
        with open(os.path.join(FIX, "students", name), encoding="utf-8") as fh:
            text = fh.read()
        if text.strip():
            bases.append(text.splitlines())
    paths = []
    for i in range(n):
        lines = list(bases[i % len(bases)])
        body = [k for k, ln in enumerate(lines) if ln.startswith("  ") and ln.strip() and not ln.strip().startswith("#")]
        for k in rng.sample(body, min(len(body), rng.randint(0, 4))):
            lines[k] = ""
        p = os.path.join(folder, f"student{i + 1:03d}.flow")
        with open(p, "w", encoding="utf-8") as fh:
            fh.write(f"# 学生 {i + 1}\n" + "\n".join(lines) + "\n")
        paths.append(p)
    return paths


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=200)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    args = ap.parse_args()
    exe = [sys.executable, "-m", "flowdsl"]
    with tempfile.TemporaryDirectory(prefix="flowdsl-grade-bench-") as tmp:
        cls = os.path.join(tmp, "class")
        os.makedirs(cls)
        make_class(cls, args.students)
        out = os.path.join(tmp, "out")
        answer = os.path.join(FIX, "answer.flow")
        # warm-up (grammar cache, bytecode) on a tiny class, untimed
        subprocess.run(exe + ["grade", answer, os.path.join(cls, "student001.flow")], capture_output=True, cwd=ROOT)
        t0 = time.perf_counter()
        r = subprocess.run(exe + ["grade", answer, cls, "-o", out, "-j", str(args.jobs), "--format", "csv"],
                           capture_output=True, text=True, cwd=ROOT)
        dt = time.perf_counter() - t0
        pages = [n for n in os.listdir(os.path.join(out, "students")) if n.endswith(".html")]
        svgs = [n for n in os.listdir(os.path.join(out, "students")) if n.endswith(".svg")]
        ok = (os.path.isfile(os.path.join(out, "index.html")) and len(pages) == args.students
              and os.path.isfile(os.path.join(out, "grades.csv")) and r.returncode in (0, 1))
        rows = r.stdout.splitlines()[1:]
        statuses = {s: sum(1 for x in rows if f",{s}," in x) for s in ("graded", "manual", "error")}
        print(f"flowdsl grade: {args.students} students, -j {args.jobs}, {os.cpu_count()} cores: {dt:.2f} s "
              f"({dt / args.students * 1000:.0f} ms per student); {len(pages)} student pages, {len(svgs)} marked "
              f"diagrams, class page {'written' if ok else 'MISSING'}; {statuses}")
        print(f"target < {TARGET:.0f} s for 200 students: {'PASS' if ok and dt < TARGET else 'MISS'}")
        if not ok:
            print(r.stderr[-2000:], file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
