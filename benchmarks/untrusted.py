"""Figures for issue 11 (untrusted submissions): ``.venv/bin/python benchmarks/untrusted.py``.

- formatting 20,000 diagnostics of one file (was 29 s: the source was split per diagnostic);
- lowering a DFD of 80 processes all connected (6,322 flows; was 31 s: flow IDs rescanned);
- the hostile classroom of ``tests/test_classroom.py`` (40 files, ``-j 2``): wall time and the
  peak RSS of the largest process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def main() -> None:
    import flowdsl
    from flowdsl.lang.parser import get_parser

    get_parser()
    text = "chart 多 {\n  unit 员工\n" + "".join(f"  员工 -> 未{i}\n" for i in range(20000)) + "}\n"
    case = flowdsl.parse(text)
    t = time.perf_counter()
    case.format_diagnostics()
    print(f"format 20,000 diagnostics: {time.perf_counter() - t:.2f} s")

    from test_classroom import WRAPPER, build, dense

    t = time.perf_counter()
    flowdsl.parse(dense(80))
    print(f"parse+lower+check a DFD of 80 processes, 6,322 flows: {time.perf_counter() - t:.1f} s")

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "class"
        build(root)
        argv = [sys.executable, "-m", "flowdsl", "render", str(root), "-o", str(Path(tmp) / "out"),
                "-f", "svg", "-j", "2", "--color", "never"]
        run = subprocess.run([sys.executable, "-c", WRAPPER, *argv], capture_output=True, cwd=ROOT,
                             env={**os.environ, "LC_ALL": "C.UTF-8"})
        code, wall, peak = run.stdout.decode("utf-8", "replace").rpartition("\n@@ ")[2].split()
        print(f"hostile classroom (40 files, -j 2): exit {code}, {float(wall):.1f} s, "
              f"peak RSS {int(peak) // 1024} MB")


if __name__ == "__main__":
    main()
