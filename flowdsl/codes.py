"""Every diagnostic code: default severity and a one-line summary (English / 中文).

Codes are stable: a code is never reused for another meaning. Ranges:
FD0xx input and syntax, FD1xx names and options, FD2xx business charts,
FD3xx DFD connections, FD4xx DFD names and IDs, FD5xx DFD levels, FD6xx cross-view.
"""

from __future__ import annotations

from typing import NamedTuple


class Code(NamedTuple):
    severity: str
    summary: str
    summary_zh: str


CODES: dict[str, Code] = {
    "FD000": Code("error", "the file cannot be read or decoded", "文件无法读取或解码"),
    "FD001": Code("error", "syntax error", "语法错误"),
    "FD002": Code("error", "unexpected or full-width character", "非法字符或全角字符"),
    "FD003": Code("error", "quoted text never closed", "引号未闭合"),
    "FD101": Code("error", "undefined name", "名称未定义"),
    "FD102": Code("error", "duplicate name", "名称重复"),
    "FD103": Code("error", "unknown option or option value", "未知的选项或选项值"),
    "FD104": Code("error", "wrong kind of element referenced", "引用的元素类型不对"),
    "FD105": Code("error", "unknown diagnostic code or severity", "未知的诊断代码或级别"),
    "FD106": Code("error", "start/end in the wrong place of a flow", "开始/结束的位置不对"),
    "FD201": Code("error", "decision with fewer than two labelled outcomes", "判断少于两个带标注的出口"),
    "FD202": Code("warning", "step unreachable from the start", "从开始无法到达的步骤"),
    "FD203": Code("warning", "path that can never end", "无法结束的路径"),
    "FD204": Code("warning", "document made but never passed on or used", "单据产生后未传递或使用"),
    "FD205": Code("warning", "declared element never used", "声明了但未使用的元素"),
    "FD206": Code("warning", "step without a unit", "步骤没有执行单位"),
}


def default_severity(code: str) -> str:
    return CODES[code].severity
