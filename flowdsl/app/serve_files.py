"""The folder ``flowdsl serve FOLDER`` serves: its case files listed, read and saved.

Only case files (``.flow`` / ``.flowdsl``) inside the folder are reachable, by a
relative path with ``/`` between its parts: no absolute path, no ``..`` or ``.``, no
hidden file or folder (flowdsl's own temporary files start with a dot), no symbolic
link anywhere along the way (inside or out), no backslash or NUL. Saving writes
atomically (a temporary file beside it, then a rename), keeps the file's encoding,
line endings and permissions, and refuses a file changed on disk since the page
opened it (``base``: the ``version`` the page read).

    >>> Folder.parts("a/b.flow"), Folder.parts("../x.flow"), Folder.parts("/etc/x.flow")
    (['a', 'b.flow'], None, None)
"""

from __future__ import annotations

import os
import stat

from .serve_api import MAX_TEXT, ApiError

#: the most files listed (a folder of a whole year's submissions is a few hundred)
MAX_FILES = 5000
MAX_DEPTH = 32


class Folder:
    def __init__(self, root: str, only: str | None = None) -> None:
        self.root = os.path.realpath(root)
        self.only = only  # one file given: that file alone is reachable

    @staticmethod
    def parts(rel) -> list[str] | None:
        """The parts of a relative path the page may name, or None when it may not."""
        if not isinstance(rel, str) or not rel or len(rel) > 4096 or "\\" in rel or "\x00" in rel:
            return None
        if os.path.isabs(rel) or os.path.splitdrive(rel)[0]:
            return None
        parts = rel.split("/")
        if any(p in ("", ".", "..") or p.startswith(".") for p in parts) or len(parts) > MAX_DEPTH:
            return None
        return parts

    def resolve(self, rel, new: bool = False) -> str:
        """The absolute path of the case file ``rel`` inside the folder (``new``: it
        may not exist yet, its folder must), else ApiError (400, 403 or 404)."""
        from .outputs import is_source_name

        parts = self.parts(rel)
        if parts is None:
            raise ApiError(403, "only a relative path inside the folder served may be named", "只能给出所服务文件夹内的相对路径")
        if not is_source_name(parts[-1]):
            raise ApiError(403, "only case files (.flow, .flowdsl) may be opened or saved", "只能打开或保存案例文件（.flow、.flowdsl）")
        if self.only is not None and rel != self.only:
            raise ApiError(403, "only the file given to flowdsl serve is reachable", "只能访问启动 flowdsl serve 时给出的文件")
        path = self.root
        for i, part in enumerate(parts):
            path = os.path.join(path, part)
            last = i == len(parts) - 1
            try:
                st = os.lstat(path)
            except FileNotFoundError:
                if last and new:
                    break
                raise ApiError(404, f"no such file in the folder: {rel}", f"文件夹中没有这个文件：{rel}") from None
            except OSError as e:
                raise ApiError(403, f"cannot look at {rel}: {e.strerror or e}", f"无法查看 {rel}：{e.strerror or e}") from None
            if stat.S_ISLNK(st.st_mode):
                raise ApiError(403, "symbolic links are not followed", "不跟随符号链接")
            if not last and not stat.S_ISDIR(st.st_mode):
                raise ApiError(404, f"no such file in the folder: {rel}", f"文件夹中没有这个文件：{rel}")
            if last and not stat.S_ISREG(st.st_mode):
                raise ApiError(403, f"not a regular file: {rel}", f"不是普通文件：{rel}")
        real = os.path.realpath(path)
        if os.path.commonpath([self.root, real]) != self.root:  # pragma: no cover (links are refused above)
            raise ApiError(403, "only files inside the folder served are reachable", "只能访问所服务文件夹内的文件")
        return path

    def list(self) -> dict:
        """``GET /api/files``: the case files below the folder, sorted, as relative
        paths (links and hidden entries skipped, at most ``MAX_FILES``)."""
        from .outputs import is_source_name

        if self.only is not None:
            return {"root": os.path.basename(self.root) or self.root, "files": [self.only]}
        found: list[str] = []
        stack = [(self.root, "")]
        while stack and len(found) < MAX_FILES:
            folder, prefix = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
            for e in entries:
                if e.name.startswith("."):
                    continue
                try:
                    if e.is_symlink():
                        continue
                    if e.is_dir(follow_symlinks=False):
                        if prefix.count("/") < MAX_DEPTH - 2:
                            stack.append((e.path, prefix + e.name + "/"))
                    elif e.is_file(follow_symlinks=False) and is_source_name(e.name):
                        found.append(prefix + e.name)
                except OSError:
                    continue
        return {"root": os.path.basename(self.root) or self.root, "files": sorted(found)[:MAX_FILES]}

    def read(self, rel) -> dict:
        """``GET /api/file?path=``: ``{path, text, version}`` (the text decoded as
        ``flowdsl`` reads files; ``version``: what a save must name as ``base``)."""
        from ..lang.source import decode, read_bytes

        path = self.resolve(rel)
        data, problem = read_bytes(path)
        if problem is None:
            text, problem = decode(data or b"")
        if problem is not None:
            raise ApiError(422, problem.message, problem.message_zh or problem.message)
        return {"path": rel, "text": (text or "").replace("\r\n", "\n"), "version": _version(path)}

    def write(self, rel, payload) -> dict:
        """``PUT /api/file?path=`` with ``{text, base}``: save atomically, in the file's
        encoding and line endings (a new file: UTF-8, LF); ``{path, version}``."""
        from ..lang.source import decode, encode_like, read_bytes, sniff
        from .writes import RefusedWrite, atomic_write, rewrite

        if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
            raise ApiError(400, "the request must be a JSON object with the text", "请求必须是包含文本的 JSON 对象")
        text = payload["text"]
        if len(text) > MAX_TEXT:
            raise ApiError(413, f"the text is longer than {MAX_TEXT} characters", f"文本超过 {MAX_TEXT} 个字符")
        path = self.resolve(rel, new=True)
        base = payload.get("base")
        exists = os.path.lexists(path)
        if exists and base is not None and base != _version(path):
            raise ApiError(409, "the file was changed on disk since it was opened; open it again", "文件打开后已在磁盘上被修改；请重新打开")
        if not exists and base is not None:
            raise ApiError(409, "the file was removed on disk since it was opened", "文件打开后已在磁盘上被删除")
        try:
            if exists:
                data, problem = read_bytes(path)
                old, problem = decode(data or b"") if problem is None else (None, problem)
                encoding, newline = sniff(data or b"", old or "") if problem is None else ("utf-8", "\n")
                rewrite(path, encode_like(text, encoding, newline))
            else:
                atomic_write(path, encode_like(text))
        except RefusedWrite as e:
            raise ApiError(403, f"not saved: {e}", f"未保存：{e}") from None
        except OSError as e:
            raise ApiError(500, f"not saved: {e.strerror or e}", f"未保存：{e.strerror or e}") from None
        return {"path": rel, "version": _version(path)}


def _version(path: str) -> str:
    """What changes when the file is written again: modification time and size."""
    st = os.stat(path)
    return f"{st.st_mtime_ns}-{st.st_size}"
