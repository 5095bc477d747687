"""``flowdsl watch``: render again whenever a case file is saved.

Polls modification times and sizes (no extra dependency, works on every file
system, network shares included). ``callback(changed_paths)`` is called once per
change, with the files that appeared, changed or disappeared since the last look.
"""

from __future__ import annotations

import os
import time
from typing import Callable


def snapshot(paths: list[str]) -> dict[str, tuple[int, int]]:
    """``{file: (mtime_ns, size)}`` for every case file under ``paths``."""
    from .sources import find_sources

    files, _ = find_sources(paths)
    out = {}
    for f in files:
        try:
            st = os.stat(f)
        except OSError:
            continue
        out[f] = (st.st_mtime_ns, st.st_size)
    return out


def changes(before: dict, after: dict) -> list[str]:
    """Files added, removed or modified between two snapshots, sorted.

    >>> changes({"a": (1, 1), "b": (1, 1)}, {"a": (2, 1), "c": (1, 1)})
    ['a', 'b', 'c']
    """
    return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


def watch(paths: list[str], callback: Callable[[list[str]], None], interval: float = 0.5,
          cycles: int | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
    """Poll ``paths`` every ``interval`` seconds until Ctrl+C (or ``cycles`` polls)."""
    last = snapshot(paths)
    n = 0
    try:
        while cycles is None or n < cycles:
            n += 1
            sleep(interval)
            now = snapshot(paths)
            changed = changes(last, now)
            if changed:
                # an editor may still be writing: wait until two looks agree
                sleep(min(interval, 0.2))
                settled = snapshot(paths)
                changed = changes(last, settled)
                now = settled
                if changed:
                    callback(changed)
            last = now
    except KeyboardInterrupt:
        return
