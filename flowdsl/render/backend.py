"""The only place in flowdsl that runs external programs: Graphviz ``dot`` (layout)
and ``rsvg-convert`` (SVG to PNG/PDF).

Binaries are looked up lazily (on first use) with :func:`shutil.which`; the
environment variables ``FLOWDSL_DOT`` and ``FLOWDSL_RSVG`` override the path, and
``FLOWDSL_TIMEOUT`` (seconds) overrides the time limit of every run.

Every child runs under limits (:func:`child_limits`, Linux and macOS): an address-space
cap (``FLOWDSL_MEMORY_MB``, default 1024 MB: a dense graph once drove ``dot`` to 7 GB),
a CPU-time cap a little above the time limit, and on Linux a parent-death signal, so a
child never outlives the flowdsl process (or worker) that started it, even when that
process is killed. The environment gets ``SOURCE_DATE_EPOCH`` (default: a fixed date),
so PDFs carry no changing creation date.
"""

from __future__ import annotations

import os
import sys

# subprocess, shutil and tempfile are imported where they are used: importing
# flowdsl.render must stay cheap (CLI start-up time).

__all__ = ["RenderError", "BackendMissing", "find_dot", "find_rsvg", "run_dot", "run_rsvg"]


class RenderError(RuntimeError):
    """Rendering failed (layout program error, timeout, bad output...).

    ``returncode`` is the program's exit status when it ran and failed (negative:
    killed by a signal, i.e. it crashed), else None.
    """

    def __init__(self, message: str, returncode: int | None = None) -> None:
        super().__init__(message)
        self.returncode = returncode


class BackendMissing(RenderError):
    """A program the renderer needs is not installed; the message says how to install it."""


_INSTALL_HINTS = {
    "dot": (
        "Graphviz 'dot' is needed to lay out diagrams but was not found{where}.\n"
        "Install Graphviz:\n"
        "    Debian/Ubuntu:  sudo apt-get install graphviz\n"
        "    macOS:          brew install graphviz librsvg\n"
        "    Windows:        winget install graphviz\n"
        "or point FLOWDSL_DOT at the dot executable."
    ),
    "rsvg-convert": (
        "'rsvg-convert' is needed to make PNG and PDF files but was not found{where}.\n"
        "Install librsvg:\n"
        "    Debian/Ubuntu:  sudo apt-get install librsvg2-bin\n"
        "    macOS:          brew install graphviz librsvg\n"
        "    Windows:        choco install rsvg-convert   (or use the SVG output)\n"
        "or point FLOWDSL_RSVG at the rsvg-convert executable."
    ),
}


def _find(program: str, env_var: str) -> str:
    override = os.environ.get(env_var)
    if override:
        path = override if os.sep in override or (os.altsep and os.altsep in override) \
            else __import__("shutil").which(override)
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
        raise BackendMissing(_INSTALL_HINTS[program].format(
            where=f" ({env_var}={override!r} is not an executable file)"))
    import shutil

    path = shutil.which(program)
    if not path:
        raise BackendMissing(_INSTALL_HINTS[program].format(where=" on PATH"))
    return path


def find_dot() -> str:
    """Path of the ``dot`` executable, or raise :class:`BackendMissing`."""
    return _find("dot", "FLOWDSL_DOT")


def find_rsvg() -> str:
    """Path of the ``rsvg-convert`` executable, or raise :class:`BackendMissing`."""
    return _find("rsvg-convert", "FLOWDSL_RSVG")


#: PDFs are dated with this (2000-01-01 00:00 UTC) unless SOURCE_DATE_EPOCH is set
FIXED_DATE = "946684800"


def memory_limit_mb() -> int:
    """``FLOWDSL_MEMORY_MB`` (0: no limit), default 1024."""
    raw = os.environ.get("FLOWDSL_MEMORY_MB", "").strip()
    try:
        value = int(raw) if raw else 1024
    except ValueError:
        raise RenderError(f"FLOWDSL_MEMORY_MB must be a whole number of megabytes, not {raw!r}") from None
    return max(0, value)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", FIXED_DATE)
    return env


_LIBC: list = []


def _libc():
    """The C library (Linux only, for prctl), loaded once; None elsewhere."""
    if not _LIBC:
        lib = None
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                lib = ctypes.CDLL(None, use_errno=True)
            except (OSError, AttributeError):
                lib = None
        _LIBC.append(lib)
    return _LIBC[0]


def child_limits(cpu_seconds: float | None):
    """A ``preexec_fn`` for a child process (None on Windows): memory cap, CPU cap,
    and (Linux) SIGKILL when the parent dies."""
    if sys.platform == "win32":
        return None
    import resource
    import signal

    mb = memory_limit_mb()
    libc = _libc()

    def preexec() -> None:  # runs in the child between fork and exec: keep it tiny
        if libc is not None:
            libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
        if mb:
            try:
                cap = mb * 1024 * 1024
                resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
            except (ValueError, OSError):
                pass  # macOS refuses RLIMIT_AS below the current use: run without it
        if cpu_seconds:
            try:
                secs = int(cpu_seconds) + 5
                resource.setrlimit(resource.RLIMIT_CPU, (secs, secs + 5))
            except (ValueError, OSError):
                pass

    return preexec


def _timeout(default: float) -> float:
    """``FLOWDSL_TIMEOUT`` if set (a positive number of seconds), else ``default``."""
    raw = os.environ.get("FLOWDSL_TIMEOUT", "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise RenderError(f"FLOWDSL_TIMEOUT must be a positive number of seconds, not {raw!r}")
    return value


def _run(argv: list[str], stdin: bytes | None, timeout: float, what: str,
         want_stdout: bool = True) -> bytes:
    import subprocess

    timeout = _timeout(timeout)

    try:
        proc = subprocess.run(
            argv, input=stdin, capture_output=True, timeout=timeout, check=False,
            env=child_env(), preexec_fn=child_limits(timeout),
            # no console window popping up on Windows
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0,
        )
    except subprocess.TimeoutExpired as exc:
        raise RenderError(f"{what} timed out after {timeout:g} s") from exc
    except FileNotFoundError as exc:  # raced away between which() and exec
        raise BackendMissing(_INSTALL_HINTS["dot" if what == "dot" else "rsvg-convert"]
                             .format(where=f" ({argv[0]})")) from exc
    except OSError as exc:
        raise RenderError(f"could not run {what} ({argv[0]}): {exc}") from exc
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip()
        if proc.returncode < 0:  # killed by a signal: its output is incomplete
            import signal

            try:
                name = signal.Signals(-proc.returncode).name
            except ValueError:
                name = f"signal {-proc.returncode}"
            raise RenderError(f"{what} was killed ({name}) before it finished{_memory_note()}\n{err}".rstrip(),
                              returncode=proc.returncode)
        note = _memory_note() if "memory" in err.lower() or "alloc" in err.lower() else ""
        raise RenderError(f"{what} failed with exit code {proc.returncode}{note}:\n{_tail(err)}",
                          returncode=proc.returncode)
    if want_stdout and not proc.stdout:
        err = proc.stderr.decode("utf-8", "replace").strip()
        raise RenderError(f"{what} produced no output\n{err}".rstrip())
    return proc.stdout


def _memory_note() -> str:
    mb = memory_limit_mb()
    return (f" (it may have run out of its {mb} MB memory limit: draw a smaller diagram, or raise"
            " FLOWDSL_MEMORY_MB)") if mb else ""


def _tail(err: str, limit: int = 2000) -> str:
    """The end of a long error output (dot can print a line per node)."""
    return err if len(err) <= limit else "…" + err[-limit:]


def run_dot(dot_source: str, fmt: str = "json", timeout: float = 30.0) -> bytes:
    """Run ``dot -T<fmt>`` on ``dot_source`` and return its output.

    Layouts (``json0``) go to the process's long-lived ``dot`` when it can take them
    (:mod:`flowdsl.render.dotserver`): the same bytes, without Graphviz's start-up."""
    if not fmt.replace(":", "").replace("_", "").isalnum():
        raise ValueError(f"bad Graphviz output format {fmt!r}")
    dot = find_dot()
    # Graphviz lays out *clusters* differently once a process has laid out other graphs
    # (its cluster placement depends on the process's history), so swimlane first passes
    # always get a fresh dot; every other layout is the same bytes either way.
    # ER diagrams (layout=neato) too: a neato layout in the long-lived process would change
    # the later dot layouts of that process
    if fmt == "json0" and "subgraph cluster" not in dot_source and "layout=neato" not in dot_source:
        from flowdsl.render import dotserver

        if dotserver.enabled():
            limit = _timeout(timeout)
            try:
                return dotserver.layout_json0(dot, dot_source, limit)
            except TimeoutError as exc:
                raise RenderError(f"dot timed out after {limit:g} s") from exc
            except dotserver.ServerUnavailable:
                pass  # run it once, the plain way, which also reports any error properly
    return _run([dot, f"-T{fmt}"], dot_source.encode("utf-8"), timeout, "dot")


def run_rsvg(svg: bytes | list[bytes] | tuple[bytes, ...], fmt: str = "png",
             timeout: float = 60.0, zoom: float = 1.0) -> bytes:
    """Convert one SVG (or several, for a multi-page PDF) with ``rsvg-convert``.

    ``fmt`` is ``"png"`` or ``"pdf"``; several SVGs are only allowed for PDF, each
    becoming one page. ``zoom`` scales the output (PNG resolution).
    """
    if fmt not in ("png", "pdf"):
        raise ValueError(f"rsvg output format must be 'png' or 'pdf', not {fmt!r}")
    pages = [svg] if isinstance(svg, (bytes, bytearray)) else list(svg)
    if not pages:
        raise ValueError("no SVG to convert")
    if len(pages) > 1 and fmt != "pdf":
        raise ValueError("several SVGs can only be combined into a PDF")
    exe = find_rsvg()
    argv = [exe, "-f", fmt]
    if zoom != 1.0:
        argv += ["-z", f"{zoom:g}"]
    if fmt == "png":
        argv += ["-b", "white"]
    if len(pages) == 1:
        return _run(argv, bytes(pages[0]), timeout, "rsvg-convert")
    import tempfile

    with tempfile.TemporaryDirectory(prefix="flowdsl-") as tmp:
        files = []
        for i, page in enumerate(pages, 1):
            path = os.path.join(tmp, f"page{i:04d}.svg")
            with open(path, "wb") as fh:
                fh.write(page)
            files.append(path)
        out = os.path.join(tmp, "out.pdf")
        _run(argv + ["-o", out] + files, None, timeout, "rsvg-convert", want_stdout=False)
        if not os.path.exists(out):
            raise RenderError("rsvg-convert wrote no PDF")
        with open(out, "rb") as fh:
            return fh.read()

