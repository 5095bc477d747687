"""Command line: ``flowdsl check`` / ``render`` exit codes, JSON output, written files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from flowdsl.app.cli import main

from conftest import ROOT, fixture_path, needs_dot, needs_rsvg

CLEAN = fixture_path("clean.flow")          # no diagnostics
ERRORS = fixture_path("errors.flow")        # FD101 at 4:10
WARNING = fixture_path("warning.flow")      # FD205 at 5:10 (a warning)
SYNTAX = fixture_path("syntax.flow")        # FD002 at 3:7


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FLOWDSL_DOT", raising=False)
    monkeypatch.delenv("FLOWDSL_RSVG", raising=False)


def outputs(folder) -> list[str]:
    """Every file below ``folder`` (relative paths), the render cache excepted."""
    found = []
    for root, _, names in os.walk(folder):
        for n in names:
            if not n.startswith(".flowdsl-cache"):
                found.append(os.path.relpath(os.path.join(root, n), folder))
    return sorted(found)


# ---------------------------------------------------------------- check

def test_check_clean_file_exits_0(capsys):
    assert main(["check", CLEAN]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "1 file(s) checked, 0 error(s), 0 warning(s)" in err


def test_check_with_errors_exits_1_and_prints_the_diagnostic(capsys):
    assert main(["check", "--color", "never", ERRORS]) == 1
    out, err = capsys.readouterr()
    assert f"{ERRORS}:4:10: error[FD101]" in out
    assert "did you mean “采购订货单”?" in out
    assert "^^^^^^^^^^" in out
    assert "1 error(s)" in err


def test_check_warning_only_exits_1(capsys):
    assert main(["check", "--color", "never", WARNING]) == 1
    out, _ = capsys.readouterr()
    assert "warning[FD205]" in out


def test_check_severity_option_and_strict(capsys):
    assert main(["check", "--severity", "FD205=off", WARNING]) == 0
    assert main(["check", "--strict", "--format", "json", WARNING]) == 1
    out = capsys.readouterr().out
    assert json.loads(out)[0]["severity"] == "error"


def test_check_missing_file_exits_2(capsys):
    assert main(["check", os.path.join(ROOT, "no-such-file.flow")]) == 2
    assert "no-such-file.flow" in capsys.readouterr().err


def test_check_json_fields(capsys):
    assert main(["check", "--format", "json", ERRORS, SYNTAX, CLEAN]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(d["file"], d["code"], d["line"], d["column"]) for d in data] == [
        (ERRORS, "FD101", 4, 10), (SYNTAX, "FD002", 3, 7)]
    first = data[0]
    assert set(first) == {"file", "line", "column", "end_line", "end_column", "code", "severity", "message", "hint",
                          "message_en"}
    assert (first["end_line"], first["end_column"], first["severity"]) == (4, 15, "error")
    assert "采购定货单" in first["message"] and first["hint"] == "did you mean “采购订货单”?"


def test_check_json_of_clean_file_is_an_empty_list(capsys):
    assert main(["check", "--format", "json", CLEAN]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_check_a_folder(tmp_path, capsys):
    shutil.copy(CLEAN, tmp_path / "a.flow")
    shutil.copy(ERRORS, tmp_path / "b.flow")
    (tmp_path / "notes.txt").write_text("不是案例文件")
    assert main(["check", "--format", "json", str(tmp_path)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [os.path.basename(d["file"]) for d in data] == ["b.flow"]


def test_unreadable_encoding_is_fd000(tmp_path, capsys):
    bad = tmp_path / "bad.flow"
    bad.write_bytes(b"chart c {\n  unit \xff\xfe\xfd\n}\n")
    assert main(["check", "--format", "json", str(bad)]) == 1
    (d,) = json.loads(capsys.readouterr().out)
    assert d["code"] == "FD000"


def test_gbk_file_is_read(tmp_path):
    path = tmp_path / "gbk.flow"
    with open(CLEAN, encoding="utf-8") as f:
        path.write_bytes(f.read().encode("gbk"))
    assert main(["check", str(path)]) == 0


# ---------------------------------------------------------------- render

@needs_rsvg
def test_render_every_format(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["render", CLEAN, "-o", str(out), "-f", "svg,png,pdf,dot"]) == 0
    assert outputs(out) == ["clean/请假.dot", "clean/请假.pdf", "clean/请假.png", "clean/请假.svg"]
    folder = out / "clean"
    assert (folder / "请假.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert (folder / "请假.pdf").read_bytes().startswith(b"%PDF")
    svg = (folder / "请假.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    for label in ("请假业务流程图", "员工", "主管", "请假单", "考勤表", "同意", "不同意"):
        assert label in svg
    dot = (folder / "请假.dot").read_text(encoding="utf-8")
    assert dot.startswith("digraph")


@needs_dot
def test_render_one_file_with_errors_others_still_rendered(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(CLEAN, src / "a.flow")
    shutil.copy(ERRORS, src / "b.flow")
    out = tmp_path / "out"
    assert main(["render", str(src), "-o", str(out), "-f", "svg", "--color", "never"]) == 1
    assert outputs(out) == ["a/请假.svg"]
    err = capsys.readouterr().err
    assert "error[FD101]" in err


def test_render_without_graphviz_exits_2_with_install_hint(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FLOWDSL_DOT", "/nonexistent")
    out = tmp_path / "out"
    assert main(["render", CLEAN, "-o", str(out), "-f", "svg,png"]) == 2
    err = capsys.readouterr().err
    assert "Graphviz" in err and "apt-get install graphviz" in err and "FLOWDSL_DOT" in err
    assert not out.exists() or outputs(out) == []
    leftovers = [p for p in outputs(tmp_path) if p.endswith((".svg", ".png", ".tmp"))]
    assert leftovers == []


def test_render_dot_format_needs_graphviz(tmp_path, monkeypatch, capsys):
    # the plain DOT of -f dot is written from our layout (flowdsl.render.view_to_dot, the
    # layout input, needs no Graphviz): without dot it is "backend missing", exit 2
    monkeypatch.setenv("FLOWDSL_DOT", "/nonexistent")
    out = tmp_path / "out"
    assert main(["render", CLEAN, "-o", str(out), "-f", "dot"]) == 2
    assert "graphviz" in capsys.readouterr().err.lower()
    assert [f for f in outputs(out) if f.endswith(".dot")] == []


def test_render_unknown_format_and_missing_file(tmp_path, capsys):
    assert main(["render", CLEAN, "-o", str(tmp_path), "-f", "gif"]) == 2
    assert "gif" in capsys.readouterr().err
    assert main(["render", str(tmp_path / "none.flow"), "-o", str(tmp_path)]) == 2
    assert outputs(tmp_path) == []


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "render" in capsys.readouterr().out


# ---------------------------------------------------------------- a real process

def test_python_m_flowdsl_subprocess(tmp_path):
    env = dict(os.environ, LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")
    run = lambda *a: subprocess.run([sys.executable, "-m", "flowdsl", *a], capture_output=True,  # noqa: E731
                                    text=True, encoding="utf-8", env=env, cwd=str(tmp_path), timeout=120)
    ok = run("check", CLEAN)
    assert ok.returncode == 0, ok.stderr
    bad = run("check", "--color", "never", ERRORS)
    assert bad.returncode == 1
    assert "error[FD101]" in bad.stdout and "Traceback" not in bad.stderr
    missing = run("check", "nothing-here.flow")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
