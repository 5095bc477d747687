"""Which files are inputs: the source files named on the command line, and those found
in the folders named there (searched without recursion and without following links to
folders, so a hostile tree cannot hang or crash the search)."""

from __future__ import annotations

import os

from .outputs import is_source_name


def find_sources(paths: list[str]) -> tuple[list[str], list[str]]:
    """Files to process (folders searched recursively, sorted; ``.flow``/``.flowdsl`` in
    any case) and missing paths. Each file is listed once. Files that are not regular
    files are listed too: reading them is refused with a clear reason (never blocks)."""
    files: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            files.append(path)

    for p in paths:
        if os.path.isdir(p):
            for f in sorted(_walk(p)):
                add(f)
        elif os.path.lexists(p):
            add(p)
        else:
            missing.append(p)
    return files, missing


def _walk(top: str) -> list[str]:
    """Source files below ``top``, without recursion (a folder tree thousands deep is
    fine) and without following links to folders, as ``os.walk`` does."""
    found, stack = [], [top]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:  # unreadable folder: skipped, as os.walk does
            continue
        for e in entries:
            try:
                is_dir = e.is_dir()
                link = e.is_symlink()
            except OSError:
                continue
            if is_dir:
                if not link:
                    stack.append(e.path)
            elif is_source_name(e.name):
                found.append(e.path)
    return found
