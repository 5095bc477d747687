"""flowdsl.render.backend: the only module that runs subprocesses."""

import os
import shutil
import subprocess
import sys

import pytest

from flowdsl.render.backend import BackendMissing, RenderError, run_dot, run_rsvg


def test_backend_missing_dot(monkeypatch, tmp_path):
    monkeypatch.setenv("FLOWDSL_DOT", str(tmp_path / "no-such-dot"))
    with pytest.raises(BackendMissing) as exc:
        run_dot("digraph { a -> b }")
    msg = str(exc.value)
    assert isinstance(exc.value, RenderError)
    assert "sudo apt-get install graphviz" in msg
    assert "brew install graphviz" in msg
    assert "winget install graphviz" in msg
    assert "FLOWDSL_DOT" in msg


def test_backend_missing_rsvg(monkeypatch, tmp_path):
    monkeypatch.setenv("FLOWDSL_RSVG", str(tmp_path / "no-such-rsvg"))
    with pytest.raises(BackendMissing) as exc:
        run_rsvg(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "png")
    msg = str(exc.value)
    assert "librsvg2-bin" in msg and "brew install graphviz librsvg" in msg
    assert "choco install rsvg-convert" in msg


def test_backend_missing_through_render_view(monkeypatch, tmp_path):
    from flowdsl.render import render_view
    from flowdsl.views.graph import View, VNode
    monkeypatch.setenv("FLOWDSL_DOT", str(tmp_path / "nope"))
    v = View(name="x", title="x", kind="business", nodes=(VNode("n1", "step", "审核"),), edges=())
    with pytest.raises(BackendMissing, match="apt-get install graphviz"):
        render_view(v, "svg")
    assert render_view(v, "dot").startswith(b"digraph")      # DOT needs no Graphviz


def test_backend_missing_on_path(monkeypatch):
    monkeypatch.delenv("FLOWDSL_DOT", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent-dir")
    with pytest.raises(BackendMissing, match="graphviz"):
        run_dot("digraph {}")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
def test_dot_error_carries_stderr():
    with pytest.raises(RenderError) as exc:
        run_dot("digraph { a -> }")
    assert not isinstance(exc.value, BackendMissing)
    assert "syntax error" in str(exc.value).lower()


@pytest.mark.skipif(sys.platform == "win32", reason="uses a shell script as fake dot")
def test_dot_timeout_and_override(monkeypatch, tmp_path):
    fake = tmp_path / "slowdot"
    fake.write_text("#!/bin/sh\nsleep 5\n")
    fake.chmod(0o755)
    monkeypatch.setenv("FLOWDSL_DOT", str(fake))
    with pytest.raises(RenderError, match="timed out"):
        run_dot("digraph {}", timeout=0.3)
    echo = tmp_path / "echodot"
    echo.write_text("#!/bin/sh\necho \"fmt=$1\"\n")
    echo.chmod(0o755)
    monkeypatch.setenv("FLOWDSL_DOT", str(echo))
    assert run_dot("digraph {}", "json") == b"fmt=-Tjson\n"


def test_no_subprocess_at_import():
    code = ("import sys, subprocess; calls=[]; subprocess.Popen.__init__ = "
            "lambda *a, **k: calls.append(a) or (_ for _ in ()).throw(RuntimeError('spawned'));"
            "import flowdsl.render, flowdsl.render.backend, flowdsl.render.dot, flowdsl.render.svg;"
            "assert 'jinja2' not in sys.modules, 'jinja2 imported at import time'")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert r.returncode == 0, r.stderr


@pytest.mark.skipif(sys.platform == "win32" or shutil.which("dot") is None,
                    reason="needs Graphviz and a POSIX shell")
def test_layout_retries_without_newrank_after_a_crash(monkeypatch, tmp_path):
    from flowdsl.render import layout_view
    from flowdsl.views.graph import View, VEdge, VNode
    real = shutil.which("dot")
    fake = tmp_path / "crashydot"
    # crash like Graphviz's newrank segfaults do, but only when newrank is asked for
    fake.write_text('#!/bin/sh\nsrc=$(cat)\ncase "$src" in *newrank*) kill -SEGV $$;; esac\n'
                    f'printf "%s" "$src" | "{real}" "$@"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("FLOWDSL_DOT", str(fake))
    v = View(name="x", title="x", kind="business",
             nodes=(VNode("n1", "step", "甲"), VNode("n2", "step", "乙")), edges=(VEdge("n1", "n2"),))
    with pytest.raises(RenderError) as exc:
        run_dot("digraph { newrank=true }")
    assert exc.value.returncode is not None and exc.value.returncode < 0
    lay = layout_view(v)
    assert lay.nodes["n1"].y < lay.nodes["n2"].y
