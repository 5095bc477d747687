"""Reading source files and writing outputs safely.

Outputs are written atomically: a temporary file in the target folder, flushed,
then renamed over the target, so no reader ever sees half a file and a failed
render never leaves one behind.
"""

from __future__ import annotations

import os
import tempfile

from .diagnostics import Diagnostic, Span


def decode(data: bytes) -> tuple[str | None, Diagnostic | None]:
    """Bytes of a source file → text. UTF-8 (with or without BOM) first, then
    GB18030 (a superset of GBK/GB2312, what Chinese Windows editors save)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        utf8_error = e
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        line = data[: utf8_error.start].count(b"\n") + 1
        line_start = data.rfind(b"\n", 0, utf8_error.start) + 1
        # a column counts characters, not bytes (the start of the line is valid UTF-8)
        col = len(data[line_start: utf8_error.start].decode("utf-8", "replace")) + 1
        return None, Diagnostic("FD000", "error", "the file is neither UTF-8 nor GB18030/GBK text",
                                Span(line, col, line, col + 1), "save the file as UTF-8 in your editor",
                                message_zh="文件既不是 UTF-8 编码，也不是 GB18030/GBK 编码的文本",
                                hint_zh="请在编辑器中把文件另存为 UTF-8 编码")
    return text, None


def read_source(path: str) -> tuple[str | None, Diagnostic | None]:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return None, Diagnostic("FD000", "error", f"cannot read the file: {e.strerror or e}", Span(1, 1, 1, 1),
                                message_zh=f"无法读取文件：{e.strerror or e}")
    return decode(data)


def atomic_write(path: str, data: bytes) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".flowdsl-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
