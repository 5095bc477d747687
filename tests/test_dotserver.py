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
    before = dotserver.served
    served = render_all(SAMPLES)
    # (a crashed server is replaced: count the graphs over every server)
    assert dotserver._server is not None and dotserver.served - before >= len(plain)
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


def test_a_crashed_server_is_replaced_and_the_graph_laid_out_in_the_new_one(monkeypatch):
    """Graphviz 2.43 kept alive crashes now and then on a graph a fresh dot lays out (the
    crash depends on the graph before): the server is started again, not switched off."""
    views = flowdsl.load("samples/04-writeoff.flow").views
    views[0].render("svg")
    first = dotserver._server.proc.pid
    dotserver._server.proc.kill()          # as a crash does
    dotserver._server.proc.wait()
    restarts = dotserver.restarts
    served = views[1].render("svg")
    assert not dotserver._broken and dotserver.enabled()
    assert dotserver.restarts == restarts + 1
    assert dotserver._server is not None and dotserver._server.proc.pid != first
    assert dotserver._server.graphs >= 1   # the graph that met the dead server, in the new one
    pipeline._laid_out.cache_clear()
    monkeypatch.setenv("FLOWDSL_DOT_SERVER", "0")
    assert served == views[1].render("svg")


def test_a_dot_that_dies_on_every_graph_switches_the_server_off(tmp_path, monkeypatch):
    real = shutil.which("dot")
    wrapper = tmp_path / "dot-dies"
    # answers the handshake, then exits on the next graph; a one-shot run is the real dot
    wrapper.write_text(
        f"#!{sys.executable}\nimport subprocess, sys\n"
        "first = sys.stdin.buffer.readline()\n"
        "if first.strip() == b'digraph{}':\n"
        f"    sys.stdout.buffer.write(subprocess.run([{real!r}, *sys.argv[1:]], input=first,"
        " capture_output=True).stdout)\n"
        "    sys.stdout.buffer.flush()\n"
        "    sys.stdin.buffer.readline()\n"
        "    sys.exit(1)\n"
        f"sys.exit(subprocess.run([{real!r}, *sys.argv[1:]], input=first + sys.stdin.buffer.read()).returncode)\n",
        encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("FLOWDSL_DOT", str(wrapper))
    views = flowdsl.load("samples/03-bookstore.flow").views
    svgs = [d.render("svg") for d in views[:dotserver.MAX_FAILURES + 1]]
    assert dotserver._broken and dotserver._server is None
    assert dotserver.restarts >= dotserver.MAX_FAILURES
    monkeypatch.delenv("FLOWDSL_DOT")
    monkeypatch.setenv("FLOWDSL_DOT_SERVER", "0")
    pipeline._laid_out.cache_clear()
    assert svgs == [d.render("svg") for d in views[:dotserver.MAX_FAILURES + 1]]


def test_the_crossing_search_lays_its_variants_out_in_the_server(monkeypatch):
    """render/uncross.py tries other layouts of 盘点 0层图 (it has a crossing): each goes
    to the long-lived dot, and nothing is switched through the environment."""
    from flowdsl.render import backend, uncross

    calls, served = [], []
    run_dot, layout_json0 = backend.run_dot, dotserver.layout_json0
    monkeypatch.setattr(backend, "run_dot", lambda src, fmt="json", timeout=30.0: (
        calls.append(dict(os.environ)) or run_dot(src, fmt, timeout)))
    monkeypatch.setattr(dotserver, "layout_json0", lambda dot, src, t: (
        served.append(src) or layout_json0(dot, src, t)))
    tried = []
    real_variants = uncross.variants
    monkeypatch.setattr(uncross, "variants", lambda v, p: tried.extend(real_variants(v, p)) or tried)
    before = dict(os.environ)
    view = next(d for d in flowdsl.load("samples/02-stocktake.flow").views if d.name.endswith("-0"))
    view.render("svg")
    assert tried                               # the crossing search ran
    assert len(calls) > 1 and len(served) == len(calls)
    assert all(env == before for env in calls) and dict(os.environ) == before


def test_a_server_that_hangs_after_other_graphs_is_replaced_once(tmp_path):
    """A corrupted heap can hang as well as crash: a graph that times out in a server that
    laid out others before is tried once more in a new one (a fresh process times out only
    when the graph really is that slow)."""
    real = shutil.which("dot")
    wrapper = tmp_path / "dot-hangs"
    # the handshake and one graph answered by the real dot, then it hangs; a "slow" graph
    # hangs everywhere
    wrapper.write_text(
        f"#!{sys.executable}\nimport subprocess, sys, time\n"
        "for n, line in enumerate(sys.stdin.buffer):\n"
        "    if n == 2 or b'slow' in line:\n"
        "        time.sleep(30)\n"
        f"    sys.stdout.buffer.write(subprocess.run([{real!r}, *sys.argv[1:]], input=line,"
        " capture_output=True).stdout)\n"
        "    sys.stdout.buffer.flush()\n", encoding="utf-8")
    wrapper.chmod(0o755)
    fresh = lambda g: subprocess.run([real, "-Tjson0"], input=g.encode(), capture_output=True).stdout  # noqa: E731
    assert dotserver.layout_json0(str(wrapper), "digraph{a->b}", 10) == fresh("digraph{a->b}")
    before = dotserver.restarts
    assert dotserver.layout_json0(str(wrapper), "digraph{c->d}", 3) == fresh("digraph{c->d}")
    assert dotserver.restarts == before + 1 and not dotserver._broken
    before = dotserver.restarts
    with pytest.raises(TimeoutError):   # slow in the new server too: a real timeout
        dotserver.layout_json0(str(wrapper), "digraph{slow}", 1)
    assert dotserver.restarts == before + 1
    with pytest.raises(TimeoutError):   # in a server that laid out nothing before: no retry
        dotserver.layout_json0(str(wrapper), "digraph{slow}", 1)
    assert dotserver.restarts == before + 1
