"""Untrusted input (issue 11, items 4–13): no hang, bounded memory, no traceback,
nothing printed raw, files rewritten as they were."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time

import pytest

import flowdsl
from conftest import needs_dot, needs_rsvg
from flowdsl.app.batch import CACHE_NAME, Task, render_batch
from flowdsl.app.cli import main
from flowdsl.lang.source import read_bytes, read_source

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, devices and rlimits are POSIX")


def chart(name: str, who: str = "员工") -> str:
    return f"chart {name} {{\n  unit {who}\n  unit 主管\n  document 单\n  {who} -> 单 -> 主管\n}}\n"


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("LC_ALL", "C")
    monkeypatch.delenv("FLOWDSL_MAX_NODES", raising=False)
    monkeypatch.delenv("FLOWDSL_MAX_EDGES", raising=False)


def run_cli(*args, timeout=120, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flowdsl", *args], capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=timeout, **kw)


# ---------------------------------------------------------------- 4. only regular files, bounded

@POSIX
@pytest.mark.parametrize("command", ["render", "check", "fmt"])
def test_a_fifo_and_a_dev_zero_link_are_reported_not_read(tmp_path, command):
    src = tmp_path / "class"
    src.mkdir()
    (src / "good.flow").write_text(chart("好"), encoding="utf-8")
    os.mkfifo(src / "pipe.flow")
    os.symlink("/dev/zero", src / "zero.flow")
    extra = ["-o", str(tmp_path / "out"), "-f", "dot"] if command == "render" else []
    run = run_cli(command, str(src), *extra, timeout=60)   # before: hung forever / ate memory
    out = run.stdout + run.stderr
    assert "Traceback" not in out
    assert out.count("pipe.flow:1:1: error[FD000]: not a regular file (a named pipe (FIFO))") == 1
    assert out.count("zero.flow:1:1: error[FD000]: not a regular file (a device)") == 1
    if command == "render":
        assert run.returncode == 1 and (tmp_path / "out" / "good" / "好.dot").exists()


def test_a_file_above_the_size_limit_is_not_read(tmp_path, capsys):
    big = tmp_path / "big.flow"
    with open(big, "wb") as f:       # 1 GB, sparse: costs no disk, would cost 1 GB of memory
        f.truncate(1 << 30)
    assert main(["check", "--color", "never", str(big)]) == 1
    out = capsys.readouterr().out
    assert "big.flow:1:1: error[FD000]: the file is larger than 2.0 MB (the size limit): skipped" in out
    assert "--max-size" in out
    small = tmp_path / "small.flow"
    small.write_text(chart("小"), encoding="utf-8")
    assert main(["check", "--max-size", "10", "--color", "never", str(small)]) == 1
    assert "larger than 10 bytes" in capsys.readouterr().out
    assert main(["check", "--max-size", "1M", str(small)]) == 0


def test_reading_is_chunked_and_stops_at_the_limit(tmp_path):
    f = tmp_path / "a.flow"
    f.write_bytes(b"x" * 100)
    assert read_bytes(str(f), 100) == (b"x" * 100, None)
    data, problem = read_bytes(str(f), 99)
    assert data is None and problem.code == "FD000" and "99 bytes" in problem.message


def test_utf16_with_a_bom_is_decoded(tmp_path):
    for enc, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        f = tmp_path / f"{enc}.flow"
        f.write_bytes(bom + chart("记事本").replace("\n", "\r\n").encode(enc))
        text, problem = read_source(str(f))
        assert problem is None and text.startswith("chart 记事本 {")
        case = flowdsl.load(str(f))
        assert case.ok and [v.name for v in case.views] == ["记事本"]


# ---------------------------------------------------------------- 5. many diagnostics

MANY = "chart 多 {\n  unit 员工\n" + "".join(f"  员工 -> 未{i}\n" for i in range(250)) + "}\n"


def test_many_diagnostics_split_the_source_once_and_print_the_first_200(tmp_path, monkeypatch, capsys):
    import flowdsl.diagnostics.diagnostic as D

    f = tmp_path / "many.flow"
    f.write_text(MANY, encoding="utf-8")
    calls = []
    real = D.source_lines
    monkeypatch.setattr(D, "source_lines", lambda s: calls.append(1) or real(s))
    assert main(["check", "--color", "never", str(f)]) == 1
    out = capsys.readouterr().out
    assert len(calls) == 1                          # before: once per diagnostic
    assert out.count("error[FD101]") == 200
    assert out.rstrip().endswith("… and 50 more diagnostics (all of them in --format json)")
    assert main(["check", "--format", "json", str(f)]) == 1
    assert len(json.loads(capsys.readouterr().out)) == 250
    assert len(flowdsl.load(str(f)).diagnostics) == 250


# ---------------------------------------------------------------- 6. layout budget, child limits

BIG_CHART = "chart 大 {\n" + "".join(f"  unit 人{i}\n" for i in range(6)) + \
    "  人0 -> 人1 -> 人2 -> 人3 -> 人4 -> 人5\n}\n"


def test_a_diagram_beyond_the_budget_is_refused_at_its_declaration(tmp_path, capsys):
    f = tmp_path / "big.flow"
    f.write_text("# 大图\n" + BIG_CHART, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(f), "-o", str(out), "-f", "svg", "--max-nodes", "5", "--color", "never"]) == 1
    err = capsys.readouterr().err
    assert (f"big.flow:2:1: error[FD701]: diagram “大” has 6 symbols and 5 arrows, more than the layout "
            "budget of 5 symbols and 3000 arrows: it is not drawn") in err
    assert "--max-nodes / --max-edges" in err and not out.joinpath("big").exists()
    assert main(["check", "--max-edges", "4", "--color", "never", "--lang", "zh", str(f)]) == 1
    assert "错误[FD701]: 图“大”有 6 个符号、5 条箭头，超过了布局上限（1500 个符号、4 条箭头）" in capsys.readouterr().out
    assert main(["check", str(f)]) == 0   # within the default budget


def test_the_api_refuses_to_lay_out_beyond_the_budget(monkeypatch):
    from flowdsl.render.backend import RenderError

    monkeypatch.setenv("FLOWDSL_MAX_NODES", "5")
    with pytest.raises(RenderError, match="FD701"):
        flowdsl.parse(BIG_CHART).views[0].render("svg")


def test_fd701_explanation_example_is_clean_and_budget_names_the_code():
    from flowdsl.diagnostics.codes import CODES
    from flowdsl.diagnostics.explain import EXPLANATIONS, explain

    assert flowdsl.parse(EXPLANATIONS["FD701"].right).diagnostics == []
    assert CODES["FD701"].summary_zh and "FLOWDSL_MAX_NODES" in explain("FD701", "zh")


@POSIX
def test_children_run_with_a_memory_cap_and_a_fixed_date(monkeypatch):
    from flowdsl.render.backend import _run

    out = _run(["/bin/sh", "-c", "ulimit -v; echo $SOURCE_DATE_EPOCH"], None, 10, "sh").decode().split()
    if sys.platform.startswith("linux"):
        assert out[0] == str(1024 * 1024)           # KB: 1024 MB
    assert out[1] == "946684800"
    monkeypatch.setenv("FLOWDSL_MEMORY_MB", "300")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = _run(["/bin/sh", "-c", "ulimit -v; echo $SOURCE_DATE_EPOCH"], None, 10, "sh").decode().split()
    if sys.platform.startswith("linux"):
        assert out[0] == str(300 * 1024)
    assert out[1] == "1700000000"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux only")
def test_a_child_dies_with_its_parent(tmp_path):
    script = ("import subprocess, sys\n"
              "from flowdsl.render.backend import child_limits\n"
              "p = subprocess.Popen(['sleep', '120'], preexec_fn=child_limits(5))\n"
              "print(p.pid, flush=True)\n"
              "import os, signal; os.kill(os.getpid(), signal.SIGKILL)\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    pid = int(run.stdout.split()[0])
    for _ in range(100):  # the kernel kills it at once; allow for a loaded machine
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        with open(f"/proc/{pid}/stat") as f:
            if f.read().split(")")[1].split()[0] == "Z":   # killed, waiting to be reaped by init
                break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        pytest.fail("the child outlived its parent")


@needs_rsvg
def test_pdfs_are_byte_identical_and_dated_with_a_fixed_date(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    case = flowdsl.parse(chart("日期"))
    a = case.views[0].render("pdf")
    b = case.views[0].render("pdf")
    assert a == b and b"20000101000000" in a
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert b"20231114" in case.views[0].render("pdf")


# ---------------------------------------------------------------- 7. a killed worker

def test_a_killed_worker_fails_only_its_own_file(tmp_path, monkeypatch):
    import flowdsl.app.batch as B

    real = B._render_task

    def deadly(task):  # runs in the forked worker
        if "killer" in task.path:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(task)

    monkeypatch.setattr(B, "_render_task", deadly)
    if __import__("multiprocessing").get_start_method() != "fork":
        pytest.skip("the patch reaches forked workers only")
    src = tmp_path / "src"
    src.mkdir()
    names = [f"c{i}" for i in range(5)] + ["killer"]
    for n in names:
        (src / f"{n}.flow").write_text(chart(f"图{n}"), encoding="utf-8")
    tasks = [Task(str(src / f"{n}.flow"), n, str(tmp_path / "out"), ("dot",)) for n in names]
    results = render_batch(tasks, jobs=2)
    assert [r.status for r in results] == ["rendered"] * 5 + ["failed"]
    assert "the worker rendering this file was killed" in results[-1].report


# ---------------------------------------------------------------- 8. no traceback

TAMPERED = [
    [], {"flowdsl": "x"}, {"files": []},
    {"files": {"good": []}}, {"files": {"good": {"key": 1, "outputs": "x"}}},
    {"files": {"good": {"key": "k", "status": "rendered", "outputs": [1], "diagrams": "2", "report": None}}},
    {"files": {"good": {"key": "k", "status": "rendered", "outputs": ["/etc/passwd"], "diagrams": 10**30,
                        "report": ""}}},
]


@pytest.mark.parametrize("doc", TAMPERED + ["{not json", "\udcff"], ids=range(len(TAMPERED) + 2))
def test_a_tampered_cache_is_discarded_and_rebuilt(tmp_path, capsys, doc):
    from flowdsl._version import __version__

    src = tmp_path / "good.flow"
    src.write_text(chart("好"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(src), "-o", str(out), "-f", "dot"]) == 0
    if isinstance(doc, dict):
        doc = {"flowdsl": __version__, **doc}
    raw = doc if isinstance(doc, str) else json.dumps(doc)
    (out / CACHE_NAME).write_bytes(raw.encode("utf-8", "surrogateescape"))
    capsys.readouterr()
    assert main(["render", str(src), "-o", str(out), "-f", "dot"]) == 0
    assert "1 rendered, 0 cached" in capsys.readouterr().err
    cache = json.loads((out / CACHE_NAME).read_text(encoding="utf-8"))
    assert cache["files"]["good"]["status"] == "rendered"
    assert os.path.exists("/etc/passwd") or sys.platform == "win32"


def test_an_id_of_5000_digits_is_not_a_traceback(tmp_path):
    text = "dfd 号 {\n  entity 外\n  process P" + "1" * 5000 + " 处理\n  外 -[入]-> 处理 -[出]-> 外\n}\n"
    case = flowdsl.parse(text)
    assert case.ok and len(case.views) == 2
    assert b"digraph" in case.views[1].render("dot")


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "0", "x"])
def test_watch_interval_must_be_a_positive_number(value, capsys):
    with pytest.raises(SystemExit) as e:
        main(["watch", "x.flow", f"--interval={value}"])
    assert e.value.code == 2
    assert "expected a number of seconds above 0" in capsys.readouterr().err


def test_fmt_that_cannot_write_says_so(tmp_path, monkeypatch, capsys):
    import flowdsl.app.writes as fio

    f = tmp_path / "a.flow"
    f.write_text("chart a{unit 甲;unit 乙\n甲->乙}\n", encoding="utf-8")

    def denied(path, data, mode=0o644):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fio, "atomic_write", denied)
    assert main(["fmt", str(f)]) == 1
    assert f"{f}: error: cannot write it back: Permission denied" in capsys.readouterr().err


# ---------------------------------------------------------------- 9. names printed escaped

@POSIX
def test_control_characters_in_file_names_are_escaped(tmp_path, capsys):
    src = tmp_path / "class"
    src.mkdir()
    evil = "x\x1b[2J\nflowdsl: 9 rendered, 0 failed.flow"
    (src / evil).write_text("chart 坏 {\n  unit 员工\n  员工 -> 主官\n}\n", encoding="utf-8")
    assert main(["render", str(src), "-o", str(tmp_path / "out"), "-f", "dot", "--color", "never"]) == 1
    err = capsys.readouterr().err
    assert "\x1b[2J" not in err and "\nflowdsl: 9 rendered" not in err
    assert "x\\x1b[2J\\nflowdsl: 9 rendered, 0 failed.flow:3:9: error[FD101]" in err


# ---------------------------------------------------------------- 10. fmt keeps the file as it was

MESSY = "chart a{unit 甲;unit 乙\n甲->乙}\n"
TIDY = "chart a {\n  unit 甲\n  unit 乙\n  甲 -> 乙\n}\n"


@POSIX
def test_fmt_keeps_mode_and_links(tmp_path):
    f = tmp_path / "a.flow"
    f.write_text(MESSY, encoding="utf-8")
    os.chmod(f, 0o600)
    link = tmp_path / "link.flow"
    os.symlink(f.name, link)
    assert main(["fmt", str(link)]) == 0
    assert os.path.islink(link) and f.read_text(encoding="utf-8") == TIDY
    assert stat.S_IMODE(os.stat(f).st_mode) == 0o600
    hard = tmp_path / "hard.flow"
    g = tmp_path / "g.flow"
    g.write_text(MESSY, encoding="utf-8")
    os.link(g, hard)
    assert main(["fmt", str(g)]) == 1                 # refused: it would split the hard link
    assert g.read_text(encoding="utf-8") == MESSY and os.stat(g).st_nlink == 2


def test_fmt_keeps_encoding_and_line_endings_unless_asked(tmp_path):
    f = tmp_path / "gb.flow"
    f.write_bytes(MESSY.replace("\n", "\r\n").encode("gb18030"))
    assert main(["fmt", str(f)]) == 0
    assert f.read_bytes() == TIDY.replace("\n", "\r\n").encode("gb18030")
    assert main(["fmt", "--check", str(f)]) == 0     # idempotent in its own encoding
    assert main(["fmt", "--utf8", str(f)]) == 0
    assert f.read_bytes() == TIDY.encode("utf-8")


# ---------------------------------------------------------------- 13. API arguments

@pytest.mark.parametrize("call, error", [
    (lambda: flowdsl.parse(None), TypeError), (lambda: flowdsl.parse(123), TypeError),
    (lambda: flowdsl.load(3), TypeError), (lambda: flowdsl.load(None), TypeError),
    (lambda: flowdsl.parse("", notation="nope"), ValueError),
    (lambda: flowdsl.parse("", notatoin="yourdon"), TypeError),
    (lambda: flowdsl.parse(chart("a")).views[0].render(None), TypeError),
    (lambda: flowdsl.parse(chart("a")).views[0].render("gif"), ValueError),
    (lambda: flowdsl.parse(chart("a")).levels_pdf("nope"), ValueError),
])
def test_wrong_api_arguments_are_type_or_value_errors(call, error):
    with pytest.raises(error) as e:
        call()
    assert len(str(e.value)) > 20


def test_parse_takes_bytes_like_a_file():
    assert [v.name for v in flowdsl.parse(chart("字节").encode("gb18030")).views] == ["字节"]
    assert [d.code for d in flowdsl.parse(b"\x80\x81\xff\xfe\xfd").diagnostics] == ["FD000"]


# ---------------------------------------------------------------- issue 10, 13: closed pipe

@pytest.mark.parametrize("args", [["explain"], ["check", "samples/invalid"]])
def test_output_into_a_closed_pipe_exits_quietly(args):
    from conftest import ROOT

    r, w = os.pipe()
    os.close(r)                        # the reader (`| head`) has gone before anything is written
    try:
        run = subprocess.run([sys.executable, "-m", "flowdsl", *args], stdout=w, stderr=subprocess.PIPE,
                             timeout=120, cwd=ROOT)
    finally:
        os.close(w)
    assert run.returncode == 141 and b"Traceback" not in run.stderr and b"Exception" not in run.stderr


def test_uppercase_suffixes_are_found_in_folders(tmp_path):
    from flowdsl.app.batch import find_sources

    for n in ("HW.FLOW", "b.Flowdsl", "c.flow", "d.txt"):
        (tmp_path / n).write_text(chart("x"), encoding="utf-8")
    files, _ = find_sources([str(tmp_path)])
    assert [os.path.basename(f) for f in files] == ["HW.FLOW", "b.Flowdsl", "c.flow"]


def test_a_folder_tree_deeper_than_the_recursion_limit_is_searched(tmp_path, capsys):
    from flowdsl.app.batch import find_sources

    levels = []
    deep = tmp_path
    for _ in range(1100):          # os.walk recursed once per level (RecursionError at ~1000)
        deep = deep / "d"
        os.mkdir(deep)
        levels.append(deep)
    try:
        (deep / "deep.flow").write_text(chart("深"), encoding="utf-8")
        os.symlink(tmp_path, tmp_path / "loop")    # a link back up is not followed
        files, missing = find_sources([str(tmp_path)])
        assert files == [str(deep / "deep.flow")] and missing == []
        assert main(["check", str(tmp_path)]) == 0
    finally:  # pytest's own clean-up (shutil.rmtree) recurses too: remove the tree here
        if (deep / "deep.flow").exists():
            os.remove(deep / "deep.flow")
        for level in reversed(levels):
            os.rmdir(level)
