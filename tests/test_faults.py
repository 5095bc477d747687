"""Faults: ``dot`` missing, failing, hanging or killed mid-render; an output folder
that cannot be written or a full disk; a bad file among many.

Every case: a clear error naming the file, no traceback, the right exit code, the
other files still render, and no partial or temporary file is left behind
(outputs are written to a temporary file and renamed).
"""

from __future__ import annotations

import errno
import os
import shutil
import stat

import pytest

from flowdsl.app.cli import main
from flowdsl.app.writes import atomic_write

from conftest import HAVE_DOT, needs_dot

GOOD = "chart {name} {{\n unit 甲\n step 做 \"做{name}\" by 甲\n start -> 做 -> end\n}}\n"
REAL_DOT = shutil.which("dot") or "dot"


def fake_dot(tmp_path, body: str) -> str:
    """An executable shell script standing in for ``dot``."""
    path = tmp_path / "fake-dot"
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(0o755)
    return str(path)


def make_cases(folder, names=("a", "b", "c"), bad=()) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in names:
        p = folder / f"{n}.flow"
        p.write_text(GOOD.format(name=n) if n not in bad else "chart {\n unit 甲 乙 丙\n", encoding="utf-8")
        paths.append(str(p))
    return paths


def files_under(folder) -> list[str]:
    out = []
    for root, _dirs, names in os.walk(folder):
        out += [os.path.relpath(os.path.join(root, n), folder) for n in names]
    return sorted(out)


def assert_no_leftovers(folder) -> None:
    """No temporary file, no empty or truncated output."""
    for rel in files_under(folder):
        assert ".tmp" not in rel and not os.path.basename(rel).startswith(".flowdsl-") or rel.endswith(
            "cache.json"), rel
        full = os.path.join(folder, rel)
        data = open(full, "rb").read()
        assert data, f"{rel} is empty"
        if rel.endswith(".svg"):
            assert data.rstrip().endswith(b"</svg>"), f"{rel} is truncated"
        if rel.endswith(".dot"):
            assert data.rstrip().endswith(b"}"), f"{rel} is truncated"


def render(args, capsys) -> tuple[int, str]:
    code = main(["render", "--color", "never", "--lang", "en", *args])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


# ------------------------------------------------------------------ dot itself

def test_dot_missing_exit_2_with_install_command(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FLOWDSL_DOT", "/nonexistent/dot")
    paths = make_cases(tmp_path / "src")
    code, err = render([*paths, "-o", str(tmp_path / "out"), "-j", "1"], capsys)
    assert code == 2
    assert "apt-get install graphviz" in err and "FLOWDSL_DOT" in err
    assert files_under(tmp_path / "out") in ([], [".flowdsl-cache.json"])


def test_dot_format_needs_dot(tmp_path, capsys, monkeypatch):
    # the plain DOT of -f dot is written from our layout: without Graphviz, exit 2
    monkeypatch.setenv("FLOWDSL_DOT", "/nonexistent/dot")
    paths = make_cases(tmp_path / "src")
    code, err = render([*paths, "-o", str(tmp_path / "out"), "-f", "dot", "-j", "1"], capsys)
    assert code == 2, err
    assert [f for f in files_under(tmp_path / "out") if f.endswith(".dot")] == []
    assert_no_leftovers(tmp_path / "out")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_dot_failing_reports_its_stderr_and_names_the_file(tmp_path, capsys, monkeypatch, jobs):
    monkeypatch.setenv("FLOWDSL_DOT", fake_dot(tmp_path, 'cat >/dev/null; echo "Error: <stdin>: syntax error in line 3 near x" >&2; exit 1'))
    paths = make_cases(tmp_path / "src")
    code, err = render([*paths, "-o", str(tmp_path / "out"), "-j", jobs], capsys)
    assert code == 1
    for p in paths:
        assert f"{p}: error: rendering failed" in err
    assert "syntax error in line 3" in err and "exit code 1" in err
    assert [f for f in files_under(tmp_path / "out") if not f.endswith("cache.json")] == []


def test_dot_hanging_times_out(tmp_path, capsys, monkeypatch):
    # not "exec sleep": the shell's child keeps the pipes open after the shell is killed
    monkeypatch.setenv("FLOWDSL_DOT", fake_dot(tmp_path, "sleep 10; echo never"))
    monkeypatch.setenv("FLOWDSL_TIMEOUT", "1")
    paths = make_cases(tmp_path / "src", names=("slow",))
    code, err = render([*paths, "-o", str(tmp_path / "out"), "-j", "1"], capsys)
    assert code == 1
    assert f"{paths[0]}: error: rendering failed: dot timed out after 1 s" in err
    assert [f for f in files_under(tmp_path / "out") if not f.endswith("cache.json")] == []


def test_bad_timeout_setting_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FLOWDSL_TIMEOUT", "soon")
    paths = make_cases(tmp_path / "src", names=("a",))
    code, err = render([*paths, "-o", str(tmp_path / "out"), "-j", "1"], capsys)
    assert code == 1
    assert "FLOWDSL_TIMEOUT must be a positive number of seconds, not 'soon'" in err


@needs_dot
def test_dot_killed_mid_render_leaves_nothing(tmp_path, capsys, monkeypatch):
    """The fake dot runs the real one, writes half of its output, then SIGKILLs itself."""
    monkeypatch.setenv("FLOWDSL_DOT", fake_dot(tmp_path, f'''out=$("{REAL_DOT}" "$@")
n=$(printf %s "$out" | wc -c)
printf %s "$out" | head -c $((n / 2))
kill -9 $$'''))
    paths = make_cases(tmp_path / "src", names=("killed",))
    out = tmp_path / "out"
    code, err = render([*paths, "-o", str(out), "-f", "svg,dot", "-j", "1"], capsys)
    assert code == 1
    assert f"{paths[0]}: error: rendering failed: dot was killed (SIGKILL) before it finished" in err
    # all formats of a file are rendered before any is written: not even the .dot is there
    assert [f for f in files_under(out) if not f.endswith("cache.json")] == []


@needs_dot
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_files_among_many(tmp_path, capsys, monkeypatch, jobs):
    """One syntax error, one file dot chokes on, three good ones: the good ones render."""
    monkeypatch.setenv("FLOWDSL_DOT", fake_dot(tmp_path, f'''tmp=$(mktemp); cat > "$tmp"
if grep -q 做choke "$tmp"; then rm -f "$tmp"; echo "dot: out of memory" >&2; exit 3; fi
exec "{REAL_DOT}" "$@" < "$tmp"'''))
    src = tmp_path / "src"
    make_cases(src, names=("a", "b", "broken", "c", "choke"), bad=("broken",))
    out = tmp_path / "out"
    code, err = render([str(src), "-o", str(out), "-f", "svg,dot", "-j", jobs], capsys)
    assert code == 1
    assert f"{src / 'broken.flow'}:1:7: error[FD001]" in err
    assert f"{src / 'choke.flow'}: error: rendering failed: dot failed with exit code 3" in err
    assert "out of memory" in err
    written = [f for f in files_under(out) if not f.endswith("cache.json")]
    assert written == ["a/a.dot", "a/a.svg", "b/b.dot", "b/b.svg", "c/c.dot", "c/c.svg"]
    assert_no_leftovers(out)


# ------------------------------------------------------------------ the output folder

@needs_dot
def test_output_under_a_regular_file(tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    paths = make_cases(tmp_path / "src", names=("a",))
    code, err = render([*paths, "-o", str(blocker / "out"), "-j", "1"], capsys)
    assert code == 1
    assert str(paths[0]) in err and ("Not a directory" in err or "File exists" in err)
    assert blocker.read_text() == "x"


@needs_dot
@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_only_output_folder(tmp_path, capsys):
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(out, os.W_OK):
            pytest.skip("running as root: a read-only folder is still writable (see the os.replace tests)")
        paths = make_cases(tmp_path / "src", names=("a",))
        code, err = render([*paths, "-o", str(out), "-j", "1"], capsys)
        assert code == 1 and str(paths[0]) in err and "Permission denied" in err
        assert files_under(out) == []
    finally:
        out.chmod(0o755)


@pytest.mark.parametrize("fail", ["replace", "fsync"])
def test_disk_full_or_rename_failing_keeps_the_old_file(tmp_path, monkeypatch, fail):
    target = tmp_path / "out" / "x.svg"
    atomic_write(str(target), b"<svg>old</svg>")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, fail, full)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(str(target), b"<svg>new and longer</svg>")
    monkeypatch.undo()
    assert target.read_bytes() == b"<svg>old</svg>"
    assert os.listdir(target.parent) == ["x.svg"]


@needs_dot
def test_cli_disk_full_names_the_file_and_renders_the_rest(tmp_path, capsys, monkeypatch):
    real_replace = os.replace

    def flaky(src, dst):
        if "b.svg" in str(dst):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    paths = make_cases(tmp_path / "src")
    out = tmp_path / "out"
    code, err = render([*paths, "-o", str(out), "-j", "1", "--force"], capsys)
    assert code == 1
    assert f"{paths[1]}: error: cannot write output" in err and "No space left on device" in err
    assert [f for f in files_under(out) if not f.endswith("cache.json")] == ["a/a.svg", "c/c.svg"]
    assert_no_leftovers(out)


def test_atomic_write_replaces_whole_files(tmp_path):
    target = tmp_path / "deep" / "er" / "图.svg"
    atomic_write(str(target), b"first")
    atomic_write(str(target), b"second, longer")
    assert target.read_bytes() == b"second, longer"
    assert os.listdir(target.parent) == ["图.svg"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_atomic_write_interrupted_leaves_nothing(tmp_path, monkeypatch):
    """A KeyboardInterrupt during the write removes the temporary file too."""
    import io as _io

    real_fdopen = os.fdopen

    class Boom(_io.BufferedWriter):
        def write(self, data):
            super().write(data[: len(data) // 2])
            raise KeyboardInterrupt

    def fdopen(fd, mode="r", *a, **k):
        return Boom(_io.FileIO(fd, "w")) if "w" in mode else real_fdopen(fd, mode, *a, **k)

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(str(tmp_path / "x.svg"), b"0123456789")
    monkeypatch.undo()
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(not HAVE_DOT, reason="needs dot")
def test_render_api_missing_dot_raises_backend_missing(monkeypatch):
    import flowdsl
    from flowdsl.render.backend import BackendMissing

    monkeypatch.setenv("FLOWDSL_DOT", "/nonexistent/dot")
    diagram = flowdsl.parse(GOOD.format(name="a")).views[0]
    with pytest.raises(BackendMissing, match="apt-get install graphviz"):
        diagram.render("svg")
