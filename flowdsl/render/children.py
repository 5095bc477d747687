"""What every child process of flowdsl runs under, and the errors of rendering.

``dot`` (one-shot in :mod:`flowdsl.render.backend`, long-lived in
:mod:`flowdsl.render.dotserver`) and ``rsvg-convert`` start through these helpers:
an address-space cap (``FLOWDSL_MEMORY_MB``, default 1024 MB: a dense graph once
drove ``dot`` to 7 GB), a CPU-time cap a little above the time limit, on Linux a
parent-death signal (a child never outlives the flowdsl process or worker that
started it), and ``SOURCE_DATE_EPOCH`` (default: a fixed date), so PDFs carry no
changing creation date. ``FLOWDSL_TIMEOUT`` (seconds) overrides every time limit.

Both the backend and the dot server import this module and it imports neither: the
limits used to live in the backend, which made the two import each other.
"""

from __future__ import annotations

import os
import sys

__all__ = ["RenderError", "BackendMissing", "FIXED_DATE", "memory_limit_mb", "child_env",
           "child_limits", "timeout_seconds"]


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


def timeout_seconds(default: float) -> float:
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
