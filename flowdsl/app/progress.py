"""Progress of a batch: a one-line bar on a terminal, one plain line per file otherwise
(file names printed with control characters escaped)."""

from __future__ import annotations

import os
import sys

from ..diagnostics.diagnostic import shown_name


class Progress:
    """A one-line bar on a terminal; one plain line per file otherwise."""

    def __init__(self, total: int, stream=None, tty: bool | None = None, lang: str = "en"):
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr
        self.tty = (hasattr(self.stream, "isatty") and self.stream.isatty()) if tty is None else tty
        self.lang = lang

    def word(self, status: str) -> str:
        if self.lang == "zh":
            return {"rendered": "已生成", "cached": "未改变，跳过", "failed": "失败",
                    "backend-missing": "失败"}.get(status, status)
        return {"cached": "cached"}.get(status, status)

    def clear(self) -> None:
        if self.tty and 0 < self.done < self.total:
            self.stream.write("\r\x1b[K")

    def update(self, result: Result) -> None:
        """A file finished (in any order): move the bar."""
        self.done += 1
        if not self.tty:
            return
        width = 24
        filled = width * self.done // max(1, self.total)
        name = shown_name(os.path.basename(result.path))
        self.stream.write(f"\r\x1b[K[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {name}")
        if self.done == self.total:
            self.stream.write("\r\x1b[K")
        self.stream.flush()

    def line(self, index: int, result: Result) -> None:
        """A file's turn in input order: one plain line (not on a terminal)."""
        if not self.tty:
            word = self.word(result.status)
            if result.from_cache and result.status == "failed":
                word += "（未修改）" if self.lang == "zh" else " (unchanged)"
            self.stream.write(f"[{index + 1}/{self.total}] {word}: {shown_name(result.path)}\n")
            self.stream.flush()
