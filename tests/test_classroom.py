"""The hostile classroom (issue 11, "done when"): a teacher renders a folder of 40
submissions, some broken, some hostile. Every good file is rendered to its own place,
every bad one is reported once with a clear reason, the run exits 1 without a
traceback, and its time and memory stay bounded (generous bounds: the figures are
printed, ``pytest -s`` shows them)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, needs_dot
from flowdsl.app.outputs import safe_filename

pytestmark = [needs_dot, pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")]

STUDENTS = ["alice", "bob", "carol", "dan", "erin", "frank", "grace", "heidi"]


def chart(name: str, who: str) -> str:
    return (f"chart {name} {{\n  unit {who}\n  unit 老师\n  document 作业单\n"
            f"  {who} -> 作业单 -> 老师\n}}\n")


def dense(n: int) -> str:
    lines = ["dfd 全连 {", "  entity 外"] + [f"  process P{i} 处理{i}" for i in range(n)]
    lines += ["  外 -[入]-> 处理0", f"  处理{n - 1} -[出]-> 外"]
    lines += [f"  处理{i} -[f{i}_{j}]-> 处理{j}" for i in range(n) for j in range(n) if i != j]
    return "\n".join(lines + ["}"]) + "\n"


WRAPPER = """
import resource, subprocess, sys, time
t = time.monotonic()
p = subprocess.run(sys.argv[1:], capture_output=True)
wall = time.monotonic() - t
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux, bytes on macOS
if sys.platform == "darwin":
    peak //= 1024
sys.stdout.buffer.write(p.stderr)
sys.stdout.write(f"\\n@@ {p.returncode} {wall:.2f} {peak}\\n")
"""


def build(root) -> tuple[dict[str, bytes], dict[str, str]]:
    """The class folder: {good file: the name its diagram shows} and {bad file: reason}."""
    good: dict[str, str] = {}
    bad: dict[str, str] = {}

    def put(rel: str, text: str, who: str | None = None) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if who:
            good[rel] = who

    for i, s in enumerate(STUDENTS):                     # 8 × hw.flow, 8 × lab.flow: same names
        if s != "grace":
            put(f"{s}/hw.flow", chart("作业", f"作{i}"), f"作{i}")
        put(f"{s}/lab.flow", chart("实验", f"验{i}"), f"验{i}")
    for i in range(6):
        put(f"extra/c{i}.flow", chart(f"流程{i}", f"人{i}"), f"人{i}")
    put("alice/x.flow", chart("甲", "甲同学"), "甲同学")          # same stem, two suffixes
    put("alice/x.flowdsl", chart("乙", "乙同学"), "乙同学")
    put("bob/HW2.FLOW", chart("大写", "大写同学"), "大写同学")     # uppercase suffix
    put("carol/evil\x1b[2J\x1b[31m.flow", chart("控制", "控制符同学"), "控制符同学")
    put("carol/new\nflowdsl: 40 rendered.flow", chart("换行", "换行同学"), "换行同学")
    put("dan/\u202eright-to-left.flow", chart("双向", "双向同学"), "双向同学")
    put("dan/" + "长" * 75 + ".flow", chart("长" * 300, "长名同学"), "长名同学")   # 230-byte name
    put("erin/号.flow", "dfd 号 {\n  entity 外\n  process P" + "1" * 5000 + " 处理\n"
        "  外 -[入]-> 处理 -[出]-> 外\n}\n", None)
    good["erin/号.flow"] = "处理"
    # the bad ones
    (root / "frank").mkdir(exist_ok=True)
    os.mkfifo(root / "frank" / "pipe.flow")
    bad["frank/pipe.flow"] = "not a regular file (a named pipe (FIFO))"
    (root / "grace").mkdir(exist_ok=True)
    os.symlink("/dev/zero", root / "grace" / "zero.flow")
    bad["grace/zero.flow"] = "not a regular file (a device)"
    with open(root / "heidi" / "huge.flow", "wb") as f:
        f.truncate(1 << 30)                                          # 1 GB, sparse
    bad["heidi/huge.flow"] = "the file is larger than 2.0 MB"
    put("heidi/dense.flow", dense(60))                               # 60 processes, 3,542 flows
    bad["heidi/dense.flow"] = "error[FD701]"
    put("erin/broken.flow", "chart 坏 {\n  unit 员工\n  员工 -> 主官\n}\n")
    bad["erin/broken.flow"] = "error[FD101]"
    put("frank/syntax.flow", "chart 坏 {\n  unit 员工\n  员工 ——> 主管\n}\n")
    bad["frank/syntax.flow"] = "error[FD00"
    # hw.FLOW and hw.flow would share a folder on a case-insensitive disk: the first keeps it
    put("grace/hw.FLOW", chart("作业", "大写作业"), "大写作业")
    put("grace/hw.flow", chart("作业", "小写作业"))
    bad["grace/hw.flow"] = "its output folder would be the same as that of"
    (root / "ivan").mkdir()
    (root / "ivan" / "word.flow").write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb8\xfe\x9f")
    bad["ivan/word.flow"] = "neither UTF-8 nor GB18030"                # a .docx renamed
    os.symlink("gone.flow", root / "ivan" / "dangling.flow")
    bad["ivan/dangling.flow"] = "cannot read the file: No such file"
    put("ivan/quote.flow", 'chart 引号 "没有结束 {\n  unit 员工\n}\n')
    bad["ivan/quote.flow"] = "error[FD00"
    return good, bad


def test_hostile_classroom(tmp_path):
    from flowdsl.diagnostics import shown_name

    root = tmp_path / "class"
    good, bad = build(root)
    assert len(good) + len(bad) == 40
    out = tmp_path / "out"
    # a tampered cache from "last year": wrong types, and outputs outside the folder
    out.mkdir()
    victim = tmp_path / "thesis.svg"
    victim.write_text("<svg/>", encoding="utf-8")
    from flowdsl._version import __version__
    (out / ".flowdsl-cache.json").write_text(json.dumps({"flowdsl": __version__, "files": {
        "alice/hw": {"key": 7, "outputs": "x"},
        "bob/hw": {"key": "k", "status": "failed", "outputs": [str(victim)], "diagrams": 0, "report": ""},
        "carol/lab": [1, 2]}}), encoding="utf-8")

    argv = [sys.executable, "-m", "flowdsl", "render", str(root), "-o", str(out), "-f", "svg", "-j", "2",
            "--color", "never", "--lang", "en"]
    run = subprocess.run([sys.executable, "-c", WRAPPER, *argv], capture_output=True, timeout=900, cwd=ROOT,
                         env={**os.environ, "LC_ALL": "C.UTF-8"})
    text = run.stdout.decode("utf-8", "replace")
    body, _, figures = text.rpartition("\n@@ ")
    code, wall, peak_kb = figures.split()
    print(f"\nhostile classroom: 40 files, exit {code}, {float(wall):.1f} s wall, peak RSS {int(peak_kb) // 1024} MB "
          "(largest single process)")

    assert int(code) == 1
    assert "Traceback" not in body and "internal error" not in body
    # every good file in its own place, showing its own student's diagram
    for rel, who in good.items():
        folder = out / os.path.dirname(rel)
        name = os.path.basename(rel)
        stem = name if name in ("x.flow", "x.flowdsl", "hw.FLOW") else os.path.splitext(name)[0]
        svgs = sorted((folder / safe_filename(stem)).glob("*.svg"))
        assert svgs, f"nothing rendered for {rel!r}"
        assert any(who.encode() in p.read_bytes() for p in svgs), rel
    # every bad one reported once, with its reason
    lines = body.splitlines()
    for rel, reason in bad.items():
        shown = shown_name(str(root / rel))
        mine = [ln for ln in lines if ln.startswith(shown + ":") and ": error" in ln]
        assert len(mine) == 1, (rel, mine)
        assert reason in mine[0], (rel, mine[0])
    assert f"{len(good)} rendered, 0 cached, {len(bad)} failed — 40 files" in body
    assert "\x1b" not in body and "\nflowdsl: 40 rendered" not in body
    assert victim.exists()
    # bounds: generous; without the limits the dense graph alone took 7 GB and minutes
    assert float(wall) < 600
    assert int(peak_kb) < 1024 * 1024      # < 1 GB for the largest process (the 1 GB file is never read)
