"""Long explanations of diagnostic codes (``flowdsl explain CODE``), each with a wrong
and a corrected example. ``docs/codes.md`` is generated from this file::

    python -m flowdsl.explain > docs/codes.md

The tests check that every ``wrong`` example reports its code and every ``right``
one does not, and that docs/codes.md is up to date. Codes without an entry here
(newly added ones) are explained by their one-line summary from ``flowdsl.codes``.
"""

from __future__ import annotations

from typing import NamedTuple


class Explanation(NamedTuple):
    en: str
    zh: str
    wrong: str
    right: str


_CHART = "chart 请假 {{\n  unit 员工\n  unit 主管\n{0}\n}}\n"


def _c(body: str) -> str:
    return _CHART.format(body)


EXPLANATIONS: dict[str, Explanation] = {
    "FD000": Explanation(
        "The file could not be read, or it is neither UTF-8 nor GB18030/GBK text (for example a "
        "Word document renamed to .flow). Save it as plain text, UTF-8, in your editor.",
        "文件无法读取，或者既不是 UTF-8 也不是 GB18030/GBK 文本（例如把 Word 文档改名成 .flow）。"
        "请在编辑器里另存为 UTF-8 纯文本。",
        "(a .docx file renamed to case.flow)", _c("  员工 -> 主管")),
    "FD001": Explanation(
        "The line does not follow the grammar. The message says what was found and the hint "
        "lists what may come there. Common causes: a missing name after a keyword, an arrow "
        "pointing at nothing, a chart body not opened with '{' on the header line.",
        "这一行不符合语法。消息说明读到了什么，提示列出此处可以出现的内容。常见原因：关键字后缺少名称，"
        "箭头后面没有目标，图的 '{' 没有写在标题行上。",
        _c("  员工 ->"), _c("  员工 -> 主管")),
    "FD002": Explanation(
        "A character the language does not accept here, most often full-width punctuation typed "
        "with a Chinese input method (－ ＞ ｛ 。). Switch the IME to English punctuation or put the "
        "text in quotes. Full-width ：，、；“”【】（）→ are accepted.",
        "此处不接受的字符，多半是中文输入法打出的全角标点（－ ＞ ｛ 。）。请切换到英文标点，或把文字放进引号。"
        "全角的 ：，、；“”【】（）→ 是允许的。",
        _c("  员工 －> 主管"), _c("  员工 -> 主管")),
    "FD003": Explanation(
        "A quoted text starts with \" but never ends on its line. Close it with another \".",
        "引号开始的文字在本行没有结束。请补上右引号 \"。",
        _c('  step 审批 "主管审批\n  员工 -> 审批'), _c('  step 审批 "主管审批" by 主管\n  员工 -> 审批')),
    "FD101": Explanation(
        "A flow or attribute names something that is not declared in this chart. Declare it "
        "(unit, document, step …) or fix the spelling: the hint suggests the closest name.",
        "流程或属性引用了本图中没有声明的名称。请先声明（单位、单据、步骤……）或改正拼写，提示会给出最接近的名称。",
        _c("  员工 -> 主官"), _c("  员工 -> 主管")),
    "FD102": Explanation(
        "Two declarations (or two diagrams) have the same name. Every element of a chart needs "
        "its own name; use a label (\"…\") when two should look the same.",
        "两个声明（或两张图）同名。图中每个元素都要有自己的名称；要显示相同文字时请用标注（\"…\"）。",
        _c("  unit 员工\n  员工 -> 主管"), _c("  员工 -> 主管")),
    "FD103": Explanation(
        "An `option` whose name or value flowdsl does not know. The hint suggests the closest "
        "one; docs/reference.md lists every option and its values.",
        "`选项` 的名称或取值无法识别。提示会给出最接近的选项；全部选项见 docs/reference.md。",
        "option unit_shape = triangle\n" + _c("  员工 -> 主管"),
        "option unit_shape = box\n" + _c("  员工 -> 主管")),
    "FD104": Explanation(
        "An element of the wrong kind: `by` needs a unit, `makes` a document or report, "
        "`writes` a ledger or collection, lanes list units.",
        "引用的元素类型不对：`由` 需要单位，`产生` 需要单据或报表，`写入` 需要账簿或数据收集，泳道只能列单位。",
        _c("  step 审批 by 主管 makes 主管\n  员工 -> 审批 -> 主管"),
        _c("  document 批条\n  step 审批 by 主管 makes 批条\n  员工 -> 审批 -> 主管\n  批条 -> 员工")),
    "FD105": Explanation(
        "`severity CODE LEVEL` with a code that does not exist or a level other than "
        "error / warning / off (错误 / 警告 / 关闭).",
        "`级别 代码 等级` 中的代码不存在，或等级不是 error / warning / off（错误 / 警告 / 关闭）。",
        "severity FD205 quiet\n" + _c("  员工 -> 主管"), "severity FD205 off\n" + _c("  员工 -> 主管")),
    "FD106": Explanation(
        "`start` may only begin a flow and `end` only finish one.",
        "`开始` 只能出现在流程的开头，`结束` 只能出现在流程的末尾。",
        _c("  员工 -> start -> 主管"), _c("  start -> 员工 -> 主管 -> end")),
    "FD201": Explanation(
        "A decision (判断) must have at least two outgoing flows, each labelled with its outcome "
        "(合格 / 不合格). Label the arrows with -[outcome]->.",
        "判断至少要有两个出口，每个出口都要标注结果（合格 / 不合格）。请用 -[结果]-> 标注箭头。",
        _c("  decision 审批 by 主管\n  员工 -> 审批 -> 主管"),
        _c("  decision 审批 by 主管\n  员工 -> 审批 -[同意]-> 主管\n  审批 -[不同意]-> 员工")),
    "FD202": Explanation(
        "The chart uses `start`, but this step cannot be reached from it: some arrow is missing "
        "or points the wrong way.",
        "图中使用了 `开始`，但从开始无法到达这个步骤：缺少箭头或箭头方向反了。",
        _c("  step 填写 by 员工\n  step 归档 by 主管\n  start -> 填写 -> 主管 -> end\n  归档 -> end"),
        _c("  step 填写 by 员工\n  step 归档 by 主管\n  start -> 填写 -> 主管 -> 归档 -> end")),
    "FD203": Explanation(
        "A path that never ends: with `end` in the chart, a step from which `end` cannot be "
        "reached; without it, a loop with no arrow leaving it.",
        "无法结束的路径：图中有 `结束` 时，某个步骤无法到达结束；没有 `结束` 时，某个循环没有出口。",
        _c("  step 修改 by 员工\n  step 审批 by 主管\n  员工 -> 修改 -> 审批 -> 修改"),
        _c("  step 修改 by 员工\n  step 审批 by 主管\n  员工 -> 修改 -> 审批 -> 主管\n  审批 -[退回]-> 修改")),
    "FD204": Explanation(
        "A document or report is made but goes nowhere: in a business chart every document "
        "is passed on, filed or used. Show who receives it.",
        "单据或报表产生后没有去向：业务流程图中每张单据都应传递、归档或被使用。请画出接收者。",
        _c("  document 请假单\n  step 填写 by 员工 makes 请假单\n  员工 -> 填写 -> 主管"),
        _c("  document 请假单\n  step 填写 by 员工 makes 请假单\n  员工 -> 填写\n  请假单 -> 主管")),
    "FD205": Explanation(
        "An element is declared but takes part in no flow. Connect it or remove it.",
        "声明了元素却没有在任何流程中使用。请连接它或删除声明。",
        _c("  document 请假单\n  员工 -> 主管"), _c("  document 请假单\n  员工 -> 请假单 -> 主管")),
    "FD206": Explanation(
        "A step has no unit (`by`), so the chart does not say who does it. Add `by UNIT`.",
        "步骤没有执行单位（`由`），图中看不出由谁处理。请加上 `由 单位`。",
        _c("  step 审批\n  员工 -> 审批 -> 主管"), _c("  step 审批 by 主管\n  员工 -> 审批 -> 主管")),
}


def explain(code: str, lang: str = "en") -> str:
    """The long explanation of ``code`` for ``flowdsl explain``.

    >>> print(explain("FD206", "en").splitlines()[0])
    FD206 (warning): step without a unit
    """
    from .codes import CODES

    c = CODES[code]
    head = (f"{code}（{ {'error': '错误', 'warning': '警告'}.get(c.severity, c.severity) }）：{c.summary_zh}"
            if lang == "zh" else f"{code} ({c.severity}): {c.summary}")
    e = EXPLANATIONS.get(code)
    if e is None:
        other = c.summary if lang == "zh" else c.summary_zh
        return f"{head}\n{other}\n"
    wrong_h, right_h = ("错误的写法", "改正后") if lang == "zh" else ("Wrong", "Corrected")
    body = e.zh if lang == "zh" else e.en
    return (f"{head}\n\n{body}\n\n{wrong_h}:\n{_indent(e.wrong)}\n{right_h}:\n{_indent(e.right)}")


def _indent(text: str) -> str:
    return "".join(f"    {line}\n" for line in text.rstrip("\n").splitlines())


def markdown() -> str:
    """docs/codes.md: one section per code."""
    from .codes import CODES

    out = ["# Diagnostic codes / 诊断代码\n",
           "Generated from `flowdsl/explain.py` by `python -m flowdsl.explain > docs/codes.md`; "
           "`flowdsl explain CODE` prints the same text (`--lang zh` in Chinese). Severities are the "
           "defaults: change them with `severity CODE LEVEL` in a file or `--severity CODE=LEVEL`.\n",
           "本文由 `flowdsl/explain.py` 生成。`flowdsl explain 代码 --lang zh` 输出相同内容。\n"]
    for code, c in CODES.items():
        out.append(f"## {code} — {c.summary} / {c.summary_zh}\n")
        out.append(f"Default severity: **{c.severity}**\n")
        e = EXPLANATIONS.get(code)
        if e is None:
            out.append("(No long explanation yet.)\n")
            continue
        out.append(f"{e.en}\n\n{e.zh}\n")
        for title, text in (("Wrong / 错误", e.wrong), ("Corrected / 改正", e.right)):
            out.append(f"{title}:\n\n```flowdsl\n{text.rstrip()}\n```\n")
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.stdout.write(markdown())
