"""Writing outputs safely.

Outputs are written atomically: a temporary file in the target folder, flushed,
then renamed over the target, so no reader ever sees half a file and a failed
render never leaves one behind. ``fmt`` rewrites a source the same way.
"""

from __future__ import annotations

import os
import stat
import tempfile


class RefusedWrite(OSError):
    """A source file ``fmt`` will not replace (the message says why)."""


def rewrite(path: str, data: bytes) -> str:
    """Replace the contents of the source ``path`` atomically, as an editor would:
    through a symbolic link (the link stays a link, its target gets the text), with
    the file's permissions kept; a file with other hard links is refused (replacing
    it would silently split it from them). Returns the path written."""
    target = os.path.realpath(path)
    st = os.stat(target)
    if st.st_nlink > 1:
        raise RefusedWrite(f"it has {st.st_nlink} hard links; rewriting it would split them (left unchanged)")
    atomic_write(target, data, mode=stat.S_IMODE(st.st_mode))
    return target


def atomic_write(path: str, data: bytes, mode: int = 0o644) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".flowdsl-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
