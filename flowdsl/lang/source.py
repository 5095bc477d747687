"""Reading source files: size limits, refusing what is not a regular file, and
decoding (UTF-8, UTF-8 with BOM, UTF-16, GB18030) into text.

Writing goes the other way and lives with the outputs (:mod:`flowdsl.app.writes`).
"""

from __future__ import annotations

import os
import stat

from ..diagnostics.diagnostic import Diagnostic, Span

#: the largest source file read (bytes); ``--max-size`` / ``max_size=`` change it
MAX_SIZE = 2 * 1024 * 1024
_CHUNK = 1 << 16


def decode(data: bytes) -> tuple[str | None, Diagnostic | None]:
    """Bytes of a source file → text. UTF-8 (with or without BOM) first, then
    GB18030 (a superset of GBK/GB2312, what Chinese Windows editors save). UTF-16
    with a byte-order mark (Notepad's "Unicode") is decoded too."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass  # not really UTF-16: report it as below
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


_KINDS = ((stat.S_ISDIR, "a folder", "文件夹"), (stat.S_ISFIFO, "a named pipe (FIFO)", "命名管道（FIFO）"),
          (stat.S_ISCHR, "a device", "设备文件"), (stat.S_ISBLK, "a device", "设备文件"),
          (stat.S_ISSOCK, "a socket", "套接字"))


def _problem(message: str, message_zh: str, hint: str | None = None, hint_zh: str | None = None) -> Diagnostic:
    return Diagnostic("FD000", "error", message, Span(1, 1, 1, 1), hint, message_zh=message_zh, hint_zh=hint_zh)


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


def read_bytes(path: str, max_size: int | None = None) -> tuple[bytes | None, Diagnostic | None]:
    """The bytes of a *regular* file of at most ``max_size`` bytes (default
    ``MAX_SIZE``), read in bounded chunks. A named pipe, a device (``/dev/zero``), a
    socket or a folder is refused without being read (opening never blocks), and so
    is a larger file (even one that grows while it is read)."""
    limit = MAX_SIZE if max_size is None else max_size
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        return None, _problem(f"cannot read the file: {e.strerror or e}", f"无法读取文件：{e.strerror or e}")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind, kind_zh = next(((k, z) for test, k, z in _KINDS if test(st.st_mode)), ("not a regular file", "非普通文件"))
            return None, _problem(f"not a regular file ({kind}): skipped without reading it",
                                  f"不是普通文件（{kind_zh}），未读取", "give the path of a .flow text file",
                                  "请给出 .flow 文本文件的路径")
        if st.st_size > limit:
            return None, _too_big(st.st_size, limit)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                return None, _too_big(total, limit)
            chunks.append(chunk)
        return b"".join(chunks), None
    except OSError as e:
        return None, _problem(f"cannot read the file: {e.strerror or e}", f"无法读取文件：{e.strerror or e}")
    finally:
        os.close(fd)


def _too_big(size: int, limit: int) -> Diagnostic:
    return _problem(f"the file is larger than {_size(limit)} (the size limit): skipped",
                    f"文件大于 {_size(limit)}（大小上限），已跳过",
                    f"a case file is a few KB; raise the limit with --max-size (now {limit} bytes) if this one is real",
                    f"案例文件通常只有几 KB；如果确实需要，用 --max-size 提高上限（当前 {limit} 字节）")


def read_source(path: str, max_size: int | None = None) -> tuple[str | None, Diagnostic | None]:
    data, problem = read_bytes(path, max_size)
    if problem is not None:
        return None, problem
    return decode(data or b"")


def sniff(data: bytes, text: str) -> tuple[str, str]:
    """(encoding, line ending) of a source whose bytes ``data`` decoded to ``text``,
    so ``fmt`` writes the file back as it found it (GB18030 stays GB18030, CRLF
    stays CRLF)."""
    if data.startswith(b"\xff\xfe"):
        encoding = "utf-16-le"
    elif data.startswith(b"\xfe\xff"):
        encoding = "utf-16-be"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "gb18030"
    crlf = text.count("\r\n")
    return encoding, "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


def encode_like(text: str, encoding: str = "utf-8", newline: str = "\n") -> bytes:
    """``text`` (any line endings) in ``encoding`` with ``newline`` line endings."""
    t = text.replace("\r\n", "\n")
    if newline != "\n":
        t = t.replace("\n", newline)
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    return bom + t.encode(encoding)
