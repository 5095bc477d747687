"""Batch rendering: parallel workers, the cache, progress, summary and failures."""

from __future__ import annotations

import io
import json
import os

import pytest

from conftest import files_below, needs_dot
from flowdsl.app.batch import CACHE_NAME, Progress, Result, Task, find_sources, render_batch
from flowdsl.app.cli import main


def good(i: int) -> str:
    return f"chart 流程{i} {{\n  unit 员工\n  unit 主管{i}\n  document 单{i}\n  员工 -> 单{i} -> 主管{i}\n}}\n"


BROKEN = "chart 坏 {\n  unit 员工\n  unit 主管\n  员工 -> 主官\n}\n"




@pytest.fixture()
def twenty(tmp_path):
    """A folder of twenty cases, one of them broken, two in a subfolder."""
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    for i in range(19):
        folder = src / "sub" if i < 2 else src
        (folder / f"c{i:02}.flow").write_text(good(i), encoding="utf-8")
    (src / "c19-broken.flow").write_text(BROKEN, encoding="utf-8")
    return src


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("LC_ALL", "C")


def test_one_broken_file_among_twenty(twenty, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["render", str(twenty), "-o", str(out), "-f", "dot", "-j", "2", "--color", "never"]) == 1
    err = capsys.readouterr().err
    written = sorted(p for p in files_below(out) if p != CACHE_NAME)
    assert len(written) == 19
    assert "sub/c00/流程0.dot" in written and "c18/流程18.dot" in written
    assert not any("坏" in p or "broken" in p for p in written)
    assert "c19-broken.flow:4:9: error[FD101]" in err
    assert "did you mean “主管”?" in err
    assert "flowdsl: 19 rendered, 0 cached, 1 failed" in err
    assert not [p for p in files_below(tmp_path) if p.endswith(".tmp")]


def test_second_run_is_all_cached_and_writes_nothing(twenty, tmp_path, capsys):
    out = tmp_path / "out"
    main(["render", str(twenty), "-o", str(out), "-f", "dot", "--color", "never"])
    before = {p: os.stat(out / p).st_mtime_ns for p in files_below(out) if p != CACHE_NAME}
    capsys.readouterr()
    assert main(["render", str(twenty), "-o", str(out), "-f", "dot", "--color", "never"]) == 1
    err = capsys.readouterr().err
    assert "flowdsl: 0 rendered, 19 cached, 1 failed (1 unchanged since the last run)" in err
    assert "c19-broken.flow:4:9: error[FD101]" in err      # an unchanged broken file still says why
    assert {p: os.stat(out / p).st_mtime_ns for p in before} == before
    cache = json.loads((out / CACHE_NAME).read_text(encoding="utf-8"))
    assert len(cache["files"]) == 20 and cache["flowdsl"]
    assert cache["files"]["sub/c01"]["status"] == "rendered"


def test_cache_notices_content_format_options_and_force(twenty, tmp_path, capsys):
    out = tmp_path / "out"
    base = ["render", str(twenty), "-o", str(out), "--color", "never"]
    main(base + ["-f", "dot"])
    (twenty / "c05.flow").write_text(good(5).replace("员工 ->", "员工 =>"), encoding="utf-8")
    capsys.readouterr()
    main(base + ["-f", "dot"])
    assert "1 rendered, 18 cached, 1 failed" in capsys.readouterr().err
    main(base + ["-f", "dot", "--strict"])
    assert "19 rendered, 0 cached" in capsys.readouterr().err
    main(base + ["-f", "dot", "--strict", "--force"])
    assert "19 rendered, 0 cached" in capsys.readouterr().err
    os.remove(out / "c07" / "流程7.dot")           # a deleted output is rendered again
    main(base + ["-f", "dot", "--strict"])
    assert "1 rendered, 18 cached" in capsys.readouterr().err
    assert (out / "c07" / "流程7.dot").exists()


def test_fixing_the_broken_file_renders_it(twenty, tmp_path, capsys):
    out = tmp_path / "out"
    main(["render", str(twenty), "-o", str(out), "-f", "dot"])
    (twenty / "c19-broken.flow").write_text(BROKEN.replace("主官", "员工"), encoding="utf-8")
    capsys.readouterr()
    assert main(["render", str(twenty), "-o", str(out), "-f", "dot"]) == 0
    assert "1 rendered, 19 cached, 0 failed" in capsys.readouterr().err


@needs_dot
def test_parallel_and_sequential_outputs_are_byte_identical(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    for i in range(4):
        (src / f"c{i}.flow").write_text(good(i), encoding="utf-8")
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["render", str(src), "-o", str(a), "-f", "svg,dot", "-j", "1"]) == 0
    assert main(["render", str(src), "-o", str(b), "-f", "svg,dot", "-j", "3"]) == 0
    fa, fb = files_below(a), files_below(b)
    fa.pop(CACHE_NAME), fb.pop(CACHE_NAME)
    assert len(fa) == 8 and fa == fb
    assert b"<svg" in fa["c0/流程0.svg"] and "主管0".encode() in fa["c0/流程0.svg"]


def test_a_render_failure_writes_nothing_for_that_file(tmp_path, monkeypatch, capsys):
    from flowdsl.api import Diagram
    from flowdsl.render.backend import RenderError

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.flow").write_text(good(1), encoding="utf-8")
    (src / "b.flow").write_text(good(2), encoding="utf-8")
    real = Diagram.files

    def flaky(self, fmt="svg", paper=None, orientation=None, stem=None):
        if self.name == "流程2" and fmt == "png":
            raise RenderError("rsvg-convert crashed")
        return real(self, fmt, paper, orientation, stem)

    monkeypatch.setattr(Diagram, "files", flaky)
    out = tmp_path / "out"
    assert main(["render", str(src), "-o", str(out), "-f", "dot,png", "-j", "1"]) == 1
    written = sorted(p for p in files_below(out) if p != CACHE_NAME)
    assert written == ["a/流程1.dot", "a/流程1.png"]       # b's dot was rendered but never written
    assert "b.flow: error: rendering failed: rsvg-convert crashed" in capsys.readouterr().err


def test_results_come_back_in_input_order(twenty, tmp_path):
    files, missing = find_sources([str(twenty)])
    assert missing == [] and len(files) == 20
    assert files == sorted(f for f in files if "/sub/" not in f) + sorted(f for f in files if "/sub/" in f)
    tasks = [Task(f, os.path.basename(f)[:-5], str(tmp_path / "o"), ("dot",)) for f in files]
    seen = []
    results = render_batch(tasks, jobs=2, report=seen.append)
    assert [r.path for r in results] == files == [r.path for r in seen]
    assert [r.status for r in results].count("failed") == 1


def test_progress_plain_lines_and_terminal_bar():
    plain = io.StringIO()
    p = Progress(2, plain, tty=False)
    r1, r2 = Result("a.flow", "rendered"), Result("b.flow", "failed", from_cache=True)
    p.update(r2), p.line(0, r1), p.update(r1), p.line(1, r2)
    assert plain.getvalue() == "[1/2] rendered: a.flow\n[2/2] failed (unchanged): b.flow\n"
    term = io.StringIO()
    p = Progress(2, term, tty=True)
    p.update(r1), p.line(0, r1)
    assert "[############............] 1/2 a.flow" in term.getvalue()
    assert "rendered:" not in term.getvalue()


def test_chinese_messages(twenty, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["render", str(twenty), "-o", str(out), "-f", "dot", "--lang", "zh", "--color", "never"]) == 1
    err = capsys.readouterr().err
    assert "flowdsl：生成 19 个，未改变跳过 0 个，失败 1 个" in err
    assert ":4:9: 错误[FD101]: 业务流程图“坏”中没有声明“主官”" in err
    assert "  = 提示：你是不是想写“主管”？" in err and "说明：" not in err


def test_lang_defaults_from_environment(monkeypatch):
    from flowdsl.app.cli import default_lang

    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert default_lang() == "zh"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert default_lang() == "en"


def test_watch_rerenders_what_changed(tmp_path):
    from flowdsl.app.watch import watch

    f = tmp_path / "a.flow"
    f.write_text(good(1), encoding="utf-8")
    calls = []
    ticks = iter(range(100))

    def sleep(_):
        if next(ticks) == 2:  # the student saves the file during the second wait
            f.write_text(good(2) + "\n", encoding="utf-8")

    watch([str(tmp_path)], calls.append, interval=0.01, cycles=3, sleep=sleep)
    assert calls == [[str(f)]]


def test_explain_prints_examples(capsys):
    assert main(["explain", "FD101", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("FD101 (error): undefined name")
    assert "Wrong:" in out and "员工 -> 主官" in out and "Corrected:" in out
    assert main(["explain", "fd999"]) == 2


def test_the_cache_of_an_output_folder_is_read_once_per_run(twenty, tmp_path, monkeypatch):
    """400 cached files into one folder read its 400-entry cache 400 times (1.0 s of a
    0.13 s run, benchmarks B3c): each folder's cache is read once, and a re-run of
    unchanged files still finds every one of them cached."""
    from flowdsl.app import batch

    files, _ = find_sources([str(twenty)])
    tasks = [Task(f, os.path.basename(f)[:-5], str(tmp_path / "o"), ("dot",)) for f in files]
    tasks += [Task(files[0], "again", str(tmp_path / "p"), ("dot",))]
    render_batch(tasks, jobs=1)
    reads = []
    real = batch.read_cache
    monkeypatch.setattr(batch, "read_cache", lambda folder: reads.append(folder) or real(folder))
    results = render_batch(tasks, jobs=1)
    assert sorted(reads) == [str(tmp_path / "o"), str(tmp_path / "p")]
    assert all(r.from_cache for r in results)
