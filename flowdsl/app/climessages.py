"""The command line's own messages in English and Chinese (diagnostics carry their own
texts), and the language chosen when ``--lang`` is not given."""

from __future__ import annotations

import os


def default_lang() -> str:
    """zh when LC_ALL / LC_MESSAGES / LANG (the first one set) starts with zh, else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        v = os.environ.get(var)
        if v:
            return "zh" if v.lower().startswith("zh") else "en"
    return "en"


#: CLI messages (diagnostics carry their own English and Chinese text; see docs/cli.md)
MESSAGES = {
    "en": {
        "missing": "flowdsl: no such file or folder: {0}",
        "bad_format": "flowdsl: unknown format {0}; use svg, png, pdf, dot or html",
        "summary": "flowdsl: {rendered} rendered, {cached} cached, {failed} failed{same} — {files} files, {diagrams} diagrams in {out}",
        "checked": "flowdsl: {0} file(s) checked, {1} error(s), {2} warning(s)",
        "unknown_code": "flowdsl: unknown code {0}",
        "would_change": "would reformat {0}",
        "reformatted": "reformatted {0}",
        "fmt_summary": "flowdsl: {0} file(s) {1}, {2} unchanged, {3} skipped (syntax errors), {4} failed",
        "fmt_would": "would be reformatted",
        "fmt_done": "reformatted",
        "watching": "flowdsl: watching {0} file(s) under {1}; Ctrl+C to stop",
        "changed": "flowdsl: {0} changed, rendering",
    },
    "zh": {
        "missing": "flowdsl：文件或文件夹不存在：{0}",
        "bad_format": "flowdsl：未知的格式 {0}；可用 svg、png、pdf、dot、html",
        "summary": "flowdsl：生成 {rendered} 个，未改变跳过 {cached} 个，失败 {failed} 个{same}——共 {files} 个文件，{diagrams} 张图，输出到 {out}",
        "checked": "flowdsl：检查了 {0} 个文件，{1} 个错误，{2} 个警告",
        "unknown_code": "flowdsl：未知的代码 {0}",
        "would_change": "需要重新排版：{0}",
        "reformatted": "已重新排版：{0}",
        "fmt_summary": "flowdsl：{0} 个文件{1}，{2} 个无需改动，{3} 个因语法错误跳过，{4} 个失败",
        "fmt_would": "需要重新排版",
        "fmt_done": "已重新排版",
        "watching": "flowdsl：正在监视 {1} 下的 {0} 个文件；按 Ctrl+C 停止",
        "changed": "flowdsl：{0} 已修改，重新生成",
    },
}


def _msg(args, key: str, *a, **kw) -> str:
    return MESSAGES[getattr(args, "lang", None) or "en"][key].format(*a, **kw)
