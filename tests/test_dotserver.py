"""The long-lived ``dot`` process (flowdsl/render/dotserver.py): same bytes as a
fresh ``dot`` per graph, reused across diagrams, and a safe fallback."""

import glob
import os
import shutil
import subprocess
import sys

import pytest

import flowdsl
from flowdsl.render import dotserver, pipeline

SAMPLES = sorted(glob.glob("samples/*.flow"))


@pytest.fixture(autouse=True)
def fresh_server(monkeypatch):
    pipeline._laid_out.cache_clear()   # kept layouts would hide which dot laid them out
    dotserver.shutdown()
    monkeypatch.setattr(dotserver, "_broken", False)
    yield
    dotserver.shutdown()


def render_all(paths):
    pipeline._laid_out.cache_clear()
    out = {}
    for path in paths:
        for d in flowdsl.load(path).views:
            out[(path, d.name)] = d.render("svg")
    return out


def test_server_output_is_byte_identical_to_one_dot_per_graph(monkeypatch):
    monkeypatch.setenv("FLOWDSL_DOT_SERVER", "0")
    plain = render_all(SAMPLES)
    monkeypatch.setenv("FLOWDSL_DOT_SERVER", "1")
    served = render_all(SAMPLES)
    assert dotserver._server is not None and dotserver._server.graphs >= len(plain)
    assert served == plain


def test_one_process_serves_every_diagram_of_a_case():
    case = flowdsl.load("samples/03-bookstore.flow")
    case.views[0].render("svg")
    server = dotserver._server
    assert server is not None
    pid = server.proc.pid
    for d in case.views[1:]:
        d.render("svg")
    assert dotserver._server is server and server.proc.pid == pid
    assert server.graphs >= len(case.views)


def test_a_dot_that_never_answers_falls_back_to_one_run_per_graph(tmp_path, monkeypatch):
    real = shutil.which("dot")
    wrapper = tmp_path / "dot-wrapper"
    # reads ALL of its input before running dot: a server would wait for ever
    wrapper.write_text(f'#!/bin/sh\ndata=$(cat)\nprintf "%s" "$data" | exec {real} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setattr(dotserver, "HANDSHAKE", 0.3)
    monkeypatch.setenv("FLOWDSL_DOT", str(wrapper))
    svg = flowdsl.load("samples/01-purchasing.flow").views[0].render("svg")
    assert dotserver._broken and dotserver._server is None
    monkeypatch.delenv("FLOWDSL_DOT")
    monkeypatch.setenv("FLOWDSL_DOT_SERVER", "0")
    assert svg == flowdsl.load("samples/01-purchasing.flow").views[0].render("svg")


def test_switched_off_by_environment(monkeypatch):
    monkeypatch.setenv("FLOWDSL_DOT_SERVER", "0")
    assert not dotserver.enabled()
    flowdsl.load("samples/04-writeoff.flow").views[0].render("svg")
    assert dotserver._server is None


@pytest.mark.skipif(sys.platform == "win32", reason="fork")
def test_a_forked_child_starts_its_own_server():
    flowdsl.load("samples/04-writeoff.flow").views[0].render("svg")
    parent_dot = dotserver._server.proc.pid
    code = ("import os, flowdsl\nfrom flowdsl.render import dotserver\n"
            "flowdsl.load('samples/04-writeoff.flow').views[0].render('svg')\n"
            "inherited = dotserver._server.proc.pid\n"
            "pid = os.fork()\n"
            "if pid == 0:\n"
            "    flowdsl.load('samples/04-writeoff.flow').views[1].render('svg')\n"
            "    ok = dotserver._server.pid == os.getpid() and dotserver._server.proc.pid != inherited\n"
            "    os._exit(0 if ok else 3)\n"
            "_, status = os.waitpid(pid, 0)\nraise SystemExit(os.waitstatus_to_exitcode(status))\n")
    # the check runs in a separate interpreter so that pytest's own process is never forked
    proc = subprocess.run([sys.executable, "-c", code], cwd=os.getcwd(), capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()
    assert dotserver._server.proc.pid == parent_dot


def test_layout_does_not_depend_on_what_the_server_laid_out_before():
    forward = render_all(SAMPLES)
    dotserver.shutdown()
    backward = render_all(list(reversed(SAMPLES)))
    assert forward == backward


def test_graphs_with_clusters_always_get_a_fresh_dot(monkeypatch):
    from flowdsl.render import backend

    seen = []
    real = dotserver.layout_json0
    monkeypatch.setattr(dotserver, "layout_json0", lambda dot, src, t: seen.append(src) or real(dot, src, t))
    flowdsl.load("samples/05-erp-sales.flow").views[0].render("svg")
    assert seen and not any("subgraph cluster" in s for s in seen)
    assert backend.run_dot("digraph { subgraph cluster_a { x } }", "json0").startswith(b"{")
