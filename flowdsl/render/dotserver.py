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
stops the server for good in this process; the caller then runs ``dot`` once per
graph as before, which reports the problem the usual way. The server is per process
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


def layout_json0(dot: str, source: str, timeout: float) -> bytes:
    """Lay out ``source`` with the process's ``dot`` server; raise ``TimeoutError`` when
    it takes longer than ``timeout`` seconds, ``ServerUnavailable`` when the server
    cannot be used (the caller then runs ``dot`` once)."""
    global _server
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
            try:
                server = _server = _Server(dot, timeout)
            except (OSError, ServerUnavailable) as exc:
                _server = None
                _give_up()
                raise ServerUnavailable(str(exc)) from exc
            import atexit

            atexit.register(shutdown)
        try:
            return server.layout(source.encode("utf-8"), timeout)
        except TimeoutError:
            shutdown()  # a fresh process next time; this graph really took too long
            raise
        except ServerUnavailable:
            _give_up()
            raise
        except Exception as exc:  # anything else: never trust this server again
            _give_up()
            raise ServerUnavailable(repr(exc)) from exc
    finally:
        _lock.release()
