"""The last few results of a render stage, keyed by its arguments except the time limit.

Views are frozen, so equal views give equal layouts, sheets and SVGs; one diagram
rendered as SVG, PNG and PDF, and again in its DFD's levels PDF, is laid out once.
"""

from __future__ import annotations

__all__ = ["kept"]


class kept:
    """The last ``size`` results of ``fn`` (views are frozen, so equal views give equal
    results), keyed by its arguments except the time limit at position ``timeout_at``:
    a limit changes how long the work may take, not what it gives (the levels' PDF asks
    with 60 s what the diagram's own outputs asked with 30 s, and was laid out again).
    ``cache_clear()`` as ``functools.lru_cache``; safe from several threads (a result
    computed twice at once is kept once)."""

    def __init__(self, fn, timeout_at: int, size: int = 16) -> None:
        from collections import OrderedDict
        from threading import Lock

        self.fn, self.timeout_at, self.size = fn, timeout_at, size
        self._kept: OrderedDict = OrderedDict()
        self._lock = Lock()
        self.__doc__, self.__wrapped__ = fn.__doc__, fn

    def __call__(self, *args):
        key = args[:self.timeout_at] + args[self.timeout_at + 1:]
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        value = self.fn(*args)
        with self._lock:
            self._kept[key] = value
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return value

    def cache_clear(self) -> None:
        with self._lock:
            self._kept.clear()
