"""Checked command-line values (``--interval``, ``--max-size``, ``--max-nodes`` …) and the
quiet exit when the output pipe is closed. Only argparse, os and sys are imported."""

from __future__ import annotations

import argparse
import os
import sys


def _seconds(text: str) -> float:
    """``--interval``: a positive, finite number of seconds (at most a day)."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value <= 86400:  # also false for nan
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0, such as 0.5, not {text!r}")
    return value


def _size(text: str) -> int:
    """``--max-size``: bytes, or a number with K / M / G (powers of 1024)."""
    t = text.strip().upper().removesuffix("B")
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(t[-1:], 1)
    try:
        value = float(t[:-1] if mult > 1 else t) * mult
    except ValueError:
        value = -1
    if not (value >= 1 and value < 1 << 40):
        raise argparse.ArgumentTypeError(f"expected a size such as 2M or 500K, not {text!r}")
    return int(value)


def _positive(text: str) -> int:
    if not text.strip().isdigit() or not 0 < int(text) < 10**9:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, not {text!r}")
    return int(text)


def _budget(p: argparse.ArgumentParser) -> None:
    p.add_argument("--max-nodes", type=_positive, default=None, metavar="N",
                   help="draw no diagram with more symbols than this (default 400)")
    p.add_argument("--max-edges", type=_positive, default=None, metavar="N",
                   help="draw no diagram with more arrows than this (default 1200)")


def _max_size(p: argparse.ArgumentParser) -> None:
    p.add_argument("--max-size", type=_size, default=None, metavar="SIZE",
                   help="skip source files larger than this (default 2M)")


def _pipe_closed() -> int:
    """Point stdout and stderr at the null device, so Python's final flush of the
    closed pipe prints no 'Exception ignored' message; exit status 141 (128 + SIGPIPE),
    as a Unix tool stopped by a closed pipe."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        for stream in (sys.stdout, sys.stderr):
            try:
                os.dup2(null, stream.fileno())
            except (OSError, ValueError, AttributeError):
                pass
        os.close(null)
    except OSError:
        pass
    return 141


def _positive_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0 or value > 100_000:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return value


def _paper(value: str) -> str:
    from ..render.paper import canonical_paper

    found = canonical_paper(value)
    if found is None:
        raise argparse.ArgumentTypeError(f"unknown paper {value!r}; use A4, A3, letter or none")
    return found


def load_or_report(path: str, max_size, lang: str, m: dict):
    """A subcommand's one input read and checked: ``(case, 0)``, or ``(None, code)`` after
    saying why on stderr (``m["missing"]``: no such file, exit 2; the diagnostics and
    ``m["errors"]``: the file has errors, exit 1). Used by derive and schema."""
    if not os.path.isfile(path):
        print(m["missing"].format(path), file=sys.stderr)
        return None, 2
    from ..api import load
    from .batch import format_case_diagnostics

    case = load(path, max_size=max_size)
    if not case.ok or case.model is None:
        print(format_case_diagnostics(case, False, lang), file=sys.stderr)
        print(m["errors"].format(path), file=sys.stderr)
        return None, 1
    return case, 0

