"""A long-lived ``dot -Tjson0`` process that lays out graph after graph.

Starting Graphviz costs about 15 ms per call on a small machine, while laying out a
textbook-sized diagram takes 1–3 ms. ``dot`` reads any number of graphs from its
standard input and writes each layout as soon as the graph is complete, so one
process per Python process serves every diagram of a batch, a notebook session or a
watch loop. The SVG drawn from its layouts is exactly the SVG drawn from a fresh
``dot`` (the tests compare them byte for byte). One exception, found by those tests:
Graphviz places *clusters* differently once a process has laid out other graphs, so
graphs with clusters (the first pass of a swimlane chart) always get a fresh ``dot``
(see ``backend.run_dot``); and anonymous subgraphs would be numbered by a counter that
runs on across graphs, so flowdsl names every subgraph.

Anything unexpected (the process died, printed an error, a reply that does not parse)
ends that ``dot``, and the graph is laid out again in a new one. Graphviz 2.43 kept
alive does crash now and then on a graph that a fresh ``dot`` lays out: the crash
depends on the graph laid out before (a sheet of 报销 after the sheet before it, a
variant of 医院 0层图 after another; 9 of the 137 graphs of 40 generated charts with
their crossing search; valgrind shows the rank array reallocated in ``flat_edges`` freed
again by ``gvFreeLayout``, which a one-shot ``dot`` survives by exiting), and a new
server has laid out nothing before, so its layout is a fresh ``dot``'s. When the
new server fails too, the caller runs ``dot`` once for that graph, which reports the
problem the usual way; ``MAX_FAILURES`` such graphs in a row (a ``dot`` that dies on
every graph), or a ``dot`` that does not answer the handshake, switch the server off
for the rest of the process. The server is per process
(a forked worker starts its own), is off on Windows (no ``select`` on pipes) and can
be switched off with ``FLOWDSL_DOT_SERVER=0``.
"""

from __future__ import annotations

import os
import sys
import threading
import time

__all__ = ["ServerUnavailable", "layout_json0", "enabled", "shutdown"]

#: after this many graphs the process is replaced (bounded memory over long sessions)
MAX_GRAPHS = 2000
#: CPU seconds a server may use in all (then it dies and one-shot runs take over)
SERVER_CPU_SECONDS = 600
#: a new server must lay out an empty graph within this time (seconds), or it is not
#: used: a ``dot`` wrapper that reads all its input before answering would never reply
HANDSHAKE = 2.0
#: this many graphs in a row failing in a new server too switch the server off for good
MAX_FAILURES = 3


class ServerUnavailable(Exception):
    """The server cannot answer this request; run ``dot`` once instead."""


class _Server:
    def __init__(self, dot: str, timeout: float) -> None:
        import subprocess

        from flowdsl.render.children import child_env, child_limits

        self.dot = dot
        self.pid = os.getpid()
        self.graphs = 0
        self.proc = subprocess.Popen(
            [dot, "-Tjson0"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, bufsize=0, env=child_env(),
            # memory cap and parent-death signal as for every child; the CPU cap is for
            # the whole life of the server (it is replaced after MAX_GRAPHS graphs)
            preexec_fn=child_limits(SERVER_CPU_SECONDS),
        )
        try:
            self.layout(b"digraph{}", min(HANDSHAKE, timeout))
        except BaseException as exc:
            self.close()
            raise ServerUnavailable(f"no answer to the handshake: {exc!r}") from exc
        self.graphs = 0

    def close(self) -> None:
        proc = self.proc
        try:
            if proc.stdin:
                proc.stdin.close()
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=1)
        except Exception:
            proc.kill()
            try:
                proc.wait(timeout=1)
            except Exception:
                pass

    def layout(self, source: bytes, timeout: float) -> bytes:
        import json
        import select

        proc = self.proc
        if proc.poll() is not None:
            raise ServerUnavailable("dot is no longer running")
        try:
            proc.stdin.write(source + b"\n")
            proc.stdin.flush()
        except OSError as exc:
            raise ServerUnavailable(str(exc)) from exc
        out_fd, err_fd = proc.stdout.fileno(), proc.stderr.fileno()
        out = bytearray()
        err = bytearray()
        deadline = time.monotonic() + timeout
        decoder = json.JSONDecoder()
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            ready, _, _ = select.select([out_fd, err_fd], [], [], left)
            if err_fd in ready:
                chunk = os.read(err_fd, 65536)
                if not chunk:
                    raise ServerUnavailable("dot closed its error stream")
                err += chunk
                if b"Error" in err and not out:
                    # dot gave up on this graph and will print nothing for it
                    raise ServerUnavailable(err.decode("utf-8", "replace"))
            if out_fd in ready:
                chunk = os.read(out_fd, 65536)
                if not chunk:
                    raise ServerUnavailable("dot exited")
                out += chunk
                if out.rstrip().endswith(b"}"):
                    try:
                        text = out.decode("utf-8")
                        _, end = decoder.raw_decode(text.lstrip())
                    except ValueError:
                        continue
                    if text.lstrip()[end:].strip():
                        raise ServerUnavailable("unexpected output after a layout")
                    self.graphs += 1
                    return bytes(out)


_lock = threading.Lock()
_server: _Server | None = None
_broken = False
_failures = 0   # graphs in a row that failed in a new server too
restarts = 0    # servers started again after a failure, in this process (tests, benchmarks)
served = 0      # graphs laid out by the servers of this process
_atexit = False


def enabled() -> bool:
    return (sys.platform != "win32" and not _broken
            and os.environ.get("FLOWDSL_DOT_SERVER", "1").strip().lower() not in ("0", "false", "no", "off"))


def shutdown() -> None:
    global _server
    if _server is not None and _server.pid == os.getpid():
        _server.close()
    _server = None


def _give_up() -> None:
    global _broken
    _broken = True
    shutdown()


def _start(dot: str, timeout: float) -> _Server:
    """A new server (the process's), or give up for good: a ``dot`` that does not answer
    the handshake (a wrapper that reads all its input first) would never answer."""
    global _server, _atexit
    try:
        _server = _Server(dot, timeout)
    except (OSError, ServerUnavailable) as exc:
        _server = None
        _give_up()
        raise ServerUnavailable(str(exc)) from exc
    if not _atexit:
        import atexit

        atexit.register(shutdown)
        _atexit = True
    return _server


def layout_json0(dot: str, source: str, timeout: float) -> bytes:
    """Lay out ``source`` with the process's ``dot`` server; raise ``TimeoutError`` when
    it takes longer than ``timeout`` seconds, ``ServerUnavailable`` when the server
    cannot be used (the caller then runs ``dot`` once)."""
    global _server, _failures, restarts, served
    if not enabled():
        raise ServerUnavailable("off")
    if not _lock.acquire(blocking=False):  # another thread is using it
        raise ServerUnavailable("busy")
    try:
        server = _server
        if server is not None and (server.pid != os.getpid() or server.dot != dot
                                   or server.graphs >= MAX_GRAPHS):
            if server.pid == os.getpid():
                server.close()
            server = _server = None
        if server is None:
            server = _start(dot, timeout)
        for attempt in (1, 2):
            try:
                out = server.layout(source.encode("utf-8"), timeout)
            except TimeoutError:
                shutdown()
                if attempt == 2 or server.graphs == 0:
                    raise   # in a process that laid out nothing before: it really takes that long
                # a corrupted heap can hang as well as crash (seen once in ~2,300 graphs
                # replayed through one dot): once more in a new one, which times out too
                # when the graph really is that slow
                restarts += 1
                server = _start(dot, timeout)
                continue
            except Exception as exc:  # the process died, or cannot be trusted any more
                shutdown()
                if attempt == 2:   # in a new server too: the caller runs dot once
                    _failures += 1
                    if _failures >= MAX_FAILURES:
                        _give_up()
                    raise ServerUnavailable(str(exc) if isinstance(exc, ServerUnavailable)
                                            else repr(exc)) from exc
                # a new server has laid out nothing before, so this graph in it is
                # the graph in a fresh dot (the crashes depend on the graph before)
                restarts += 1
                server = _start(dot, timeout)
                continue
            _failures = 0
            served += 1
            return out
        raise AssertionError("unreachable")
    finally:
        _lock.release()
