"""Long explanations of diagnostic codes (``flowdsl explain CODE``), each with a wrong
and a corrected example. ``docs/codes.md`` is generated from this file::

    python -m flowdsl.diagnostics.explain > docs/codes.md

The tests check that every ``wrong`` example reports its code and every ``right``
one does not, and that docs/codes.md is up to date. Codes without an entry here
(newly added ones) are explained by their one-line summary from ``flowdsl.diagnostics.codes``.
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
        "A path that never ends: with `end` in the chart, steps from which `end` cannot be "
        "reached, reported once where the flow stops (the last element, or a loop with no way "
        "out), listing the steps that lead there; without `end`, a loop with no arrow leaving it.",
        "无法结束的路径：图中有 `结束` 时，某些步骤无法到达结束，在流程停下的地方（最后一个元素，或没有出口的循环）"
        "报告一次，并列出通向那里的步骤；没有 `结束` 时，某个循环没有出口。",
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
    "FD207": Explanation(
        "A unit does steps but the `lanes` list leaves it out. It is drawn in a lane of its own "
        "after the listed ones (never in another unit's lane); list it where its lane belongs.",
        "某个单位执行了步骤，但 `泳道` 列表中没有它。它会单独画在列出的泳道之后（绝不会画进别的单位的泳道）；"
        "请把它列在泳道应在的位置。",
        _c("  lanes 员工\n  step 审批 by 主管\n  员工 -> 审批"),
        _c("  lanes 员工, 主管\n  step 审批 by 主管\n  员工 -> 审批")),
}

# ---------------------------------------------------------------- data flow diagrams (FD3xx–FD6xx)

_DFD = "dfd 进书 {{\n  entity 书商\n  entity 顾客\n  store 库存\n{0}\n}}\n"
_ONE = "  process 审核\n  书商 -[采购单]-> 审核 -[入库单]-> 库存\n  库存 -[库存信息]-> 审核 -[通知]-> 顾客"


def _d(extra: str = "", before: str = "") -> str:
    return _DFD.format(before + _ONE + extra)


def _two(first: str = "P1.1", child_in: str = "    库存 -[库存信息]-> 核对 -[核对结果]-> 通知处理 -[通知]-> 顾客",
         child_extra: str = "", top_extra: str = "", stores: str = "", child_store: str = "") -> str:
    """Two first-level processes, the first broken down into a child diagram."""
    child = (f"    process {first} 核对\n    process P1.2 通知处理\n{child_store}"
             f"    书商 -[采购单]-> 核对 -[合格单]-> 入库\n{child_in}{child_extra}")
    return (f"dfd 进书 {{\n  entity 书商\n  entity 顾客\n  store 库存\n{stores}"
            f"  process P1 审核 {{\n{child}\n  }}\n  process P2 入库\n"
            f"  书商 -[采购单]-> 审核 -[合格单]-> 入库 -[入库单]-> 库存\n"
            f"  库存 -[库存信息]-> 审核 -[通知]-> 顾客{top_extra}\n}}\n")


_CHART = "chart 进书 {{\n  unit 采购部\n  external 书商\n  document 采购单\n{0}\n}}\n"

EXPLANATIONS.update({
    "FD301": Explanation(
        "A data flow goes straight from one external entity to another. What passes between "
        "two outside parties is outside the system: leave it out, or route it through a process.",
        "数据流直接连接两个外部实体。两个外部实体之间的往来不属于本系统：删去它，或让它经过某个处理逻辑。",
        _d("\n  书商 -[发票]-> 顾客"), _d("\n  书商 -[发票]-> 审核")),
    "FD302": Explanation(
        "An external entity reads or writes a data store directly. Entities reach stores only "
        "through a process.",
        "外部实体直接读写数据存储。外部实体只能通过处理逻辑访问数据存储。",
        _d("\n  书商 -[发票]-> 库存"), _d("\n  书商 -[发票]-> 审核")),
    "FD303": Explanation(
        "Data moves from one store to another with no process in between. Some process must "
        "read the one and write the other.",
        "数据从一个数据存储直接流到另一个数据存储，中间没有处理逻辑。必须由处理逻辑读取一个、写入另一个。",
        _d("\n  库存 -[备份]-> 档案\n  档案 -[记录]-> 审核", "  store 档案\n"),
        _d("\n  审核 -[备份]-> 档案\n  档案 -[记录]-> 审核", "  store 档案\n")),
    "FD304": Explanation(
        "Black hole (黑洞): a process receives data but produces nothing. Every process "
        "transforms its inputs into at least one output.",
        "黑洞：处理逻辑只有输入没有输出。每个处理逻辑都要把输入加工成至少一个输出。",
        _d("\n  process 统计\n  书商 -[销售单]-> 统计"),
        _d("\n  process 统计\n  书商 -[销售单]-> 统计 -[销售报表]-> 顾客")),
    "FD305": Explanation(
        "Miracle (奇迹): a process produces data from nothing. Show where its input comes from.",
        "奇迹：处理逻辑只有输出没有输入。请画出它的输入来自哪里。",
        _d("\n  process 统计\n  统计 -[销售报表]-> 顾客"),
        _d("\n  process 统计\n  库存 -[库存信息]-> 统计 -[销售报表]-> 顾客")),
    "FD306": Explanation(
        "A data flow starts and ends at the same element. A process's internal work is not a "
        "data flow; break the process down instead.",
        "数据流的起点和终点是同一个元素。处理逻辑内部的工作不是数据流；需要时请把它分解成子图。",
        _d("\n  审核 -[重审]-> 审核"), _d()),
    "FD307": Explanation(
        "A data store is read but nothing ever writes it: show the process that records the data.",
        "数据存储被读取，却从来没有写入：请画出记录这些数据的处理逻辑。",
        _d("\n  档案 -[记录]-> 审核", "  store 档案\n"),
        _d("\n  审核 -[记录]-> 档案 -[记录]-> 审核", "  store 档案\n")),
    "FD308": Explanation(
        "A data store is written but never read: either some process uses the data, or it need "
        "not be kept.",
        "数据存储被写入，却从来没有被读取：要么有处理逻辑使用这些数据，要么不必保存。",
        _d("\n  审核 -[记录]-> 档案", "  store 档案\n"),
        _d("\n  审核 -[记录]-> 档案 -[记录]-> 审核", "  store 档案\n")),
    "FD309": Explanation(
        "An entity, store or process takes part in no data flow. Connect it or remove it.",
        "外部实体、数据存储或处理逻辑没有任何数据流。请连接它或删除它。",
        _d(before="  store 档案\n"), _d()),
    "FD310": Explanation(
        "A goods arrow (=>) in a data flow diagram. A DFD shows data only: goods and people "
        "belong to the business flow chart; draw the document that travels with the goods.",
        "数据流程图中出现了物流箭头（=>）。数据流程图只画数据：货物和人员属于业务流程图，请改画随货物传递的单据。",
        _d("\n  书商 =[图书]=> 审核"), _d("\n  书商 -[送货单]-> 审核")),
    "FD401": Explanation(
        "A data flow has no name. Name every flow with the data it carries (flows into and out of "
        "a store may stay unnamed with `option store_flow_names = optional`).",
        "数据流没有命名。请用所传递的数据为每条数据流命名（`选项 存储数据流命名 = 可选` 时，进出数据存储的数据流可以不命名）。",
        _d("\n  书商 -> 审核"), _d("\n  书商 -[退货单]-> 审核")),
    "FD402": Explanation(
        "Two elements of a DFD have the same written ID. IDs must be unique: renumber one.",
        "数据流程图中两个元素写了相同的编号。编号必须唯一，请重新编号。",
        _DFD.format("  process P1 审核\n  process P1 入库\n  书商 -[采购单]-> 审核 -[合格单]-> 入库 -[入库单]-> 库存\n"
                    "  库存 -[库存信息]-> 审核 -[通知]-> 顾客"),
        _DFD.format("  process P1 审核\n  process P2 入库\n  书商 -[采购单]-> 审核 -[合格单]-> 入库 -[入库单]-> 库存\n"
                    "  库存 -[库存信息]-> 审核 -[通知]-> 顾客")),
    "FD403": Explanation(
        "A process in the child diagram of P1 must be numbered P1.1, P1.2 …: the number of dots "
        "gives the level.",
        "P1 子图中的处理逻辑应编号为 P1.1、P1.2……：编号中点的个数表示层次。",
        _two("P2.1"), _two()),
    "FD501": Explanation(
        "Balancing (平衡): the inputs and outputs of a child diagram must be exactly those of its "
        "parent process. A flow is missing on one side.",
        "平衡原则：子图的输入、输出数据流必须与父图中该处理逻辑的输入、输出一致。某一边缺少了数据流。",
        _two(child_in="    核对 -[核对结果]-> 通知处理 -[通知]-> 顾客"), _two()),
    "FD502": Explanation(
        "More than nine processes on one diagram (7±2): group some of them into a process with "
        "a child diagram.",
        "一张图上的处理逻辑多于 9 个（7±2 原则）：请把其中一些合并成一个处理逻辑，并为它画子图。",
        _DFD.format("\n".join(f"  process 处理{i}" for i in range(10)) + "\n  书商 "
                    + " ".join(f"-[数据{i}]-> 处理{i}" for i in range(10))
                    + " -[通知]-> 顾客\n  处理9 -[入库单]-> 库存 -[库存信息]-> 处理0"),
        _DFD.format("\n".join(f"  process 处理{i}" for i in range(5)) + "\n  书商 "
                    + " ".join(f"-[数据{i}]-> 处理{i}" for i in range(5))
                    + " -[通知]-> 顾客\n  处理4 -[入库单]-> 库存 -[库存信息]-> 处理0")),
    "FD503": Explanation(
        "A data store is drawn on a higher diagram although only one process's breakdown uses it. "
        "A store appears first on the highest diagram where two or more processes share it: "
        "declare it inside that process's child diagram. The store's flows then also unbalance the "
        "child diagram; those FD501s are one cause with this warning, so they are named in its hint, "
        "not reported apart.",
        "数据存储画在了较高层次，但只有某一个处理逻辑的子图用到它。数据存储应首次出现在有两个以上处理逻辑共用它的最高层图中："
        "请在该处理逻辑的子图里声明它。它的数据流因此造成的子图不平衡（FD501）与本警告是同一个原因，只在提示中列出，不再单独报告。",
        _two(stores="  store 档案\n", child_extra="\n    核对 -[记录]-> 档案 -[记录]-> 通知处理"),
        _two(child_store="    store 档案\n", child_extra="\n    核对 -[记录]-> 档案 -[记录]-> 通知处理")),
    "FD504": Explanation(
        "A flow on one diagram reaches an element that belongs to another level (for example a "
        "child process named on the first breakdown). Connect it to the parent process instead.",
        "某张图上的数据流连到了另一层次的元素（例如在 0 层图上直接连接子图中的处理逻辑）。请改为连接它的父处理逻辑。",
        _two(top_extra="\n  书商 -[催货单]-> 核对"), _two()),
    "FD505": Explanation(
        "No flow connects an external entity with a process, so the context diagram (顶层图) "
        "would show the system alone. Every system has a source and a sink of data outside it.",
        "没有任何数据流连接外部实体和处理逻辑，顶层图上只剩系统本身。任何系统都有外部的数据来源和去处。",
        "dfd 内部 {\n  store 库存\n  process 甲\n  process 乙\n  甲 -[数据]-> 库存 -[数据]-> 乙 -[结果]-> 甲\n}\n",
        "dfd 内部 {\n  entity 用户\n  store 库存\n  process 甲\n  process 乙\n"
        "  用户 -[请求]-> 甲 -[数据]-> 库存 -[数据]-> 乙 -[结果]-> 用户\n}\n"),
    "FD601": Explanation(
        "A document of the business chart has no data flow of the same name in the DFD of the "
        "same case. The DFD derived from a chart carries its documents as data flows.",
        "业务流程图中的单据在同一案例的数据流程图里没有同名的数据流。由业务流程图导出的数据流程图应把单据画成数据流。",
        _CHART.format("  document 发票\n  书商 -> 采购单 -> 采购部\n  书商 -> 发票 -> 采购部") + _d(),
        _CHART.format("  document 发票\n  书商 -> 采购单 -> 采购部\n  书商 -> 发票 -> 采购部")
        + _d("\n  书商 -[发票]-> 审核")),
    "FD602": Explanation(
        "A ledger of the business chart has no data store of the same name in the DFD of the "
        "same case. Ledgers become data stores.",
        "业务流程图中的账簿在同一案例的数据流程图里没有同名的数据存储。账簿应画成数据存储。",
        _CHART.format("  ledger 台账\n  step 登记 by 采购部 writes 台账\n  书商 -> 采购单 -> 采购部 -> 登记") + _d(),
        _CHART.format("  ledger 台账\n  step 登记 by 采购部 writes 台账\n  书商 -> 采购单 -> 采购部 -> 登记")
        + _d("\n  审核 -[记录]-> 台账 -[记录]-> 审核", "  store 台账\n")),
    "FD701": Explanation(
        "The diagram has more symbols or arrows than flowdsl lays out (by default 1500 symbols "
        "and 3000 arrows per diagram): beyond that Graphviz needs minutes and gigabytes, and the "
        "drawing could not be read anyway. The diagram is not drawn; the message names the "
        "line that declares it. Break it into smaller diagrams (in a DFD, give the processes "
        "child diagrams). To draw it anyway, raise the budget with --max-nodes / --max-edges or "
        "the environment variables FLOWDSL_MAX_NODES / FLOWDSL_MAX_EDGES.",
        "图中的符号或箭头多于 flowdsl 的布局上限（默认每张图 1500 个符号、3000 条箭头）：再多 "
        "Graphviz 需要几分钟和几 GB 内存，画出来也看不清。这张图不会被绘制，信息指出声明它的那一行。"
        "请把它拆成几张较小的图（数据流程图可把处理逻辑分解成子图）。确需绘制时用 --max-nodes / "
        "--max-edges 或环境变量 FLOWDSL_MAX_NODES / FLOWDSL_MAX_EDGES 提高上限。",
        "(a DFD of 500 processes, every one connected to every other)",
        "chart 请假 {\n  unit 员工\n  unit 主管\n  员工 -> 主管\n}\n"),
})

from . import explain_dict, explain_er, explain_logic  # noqa: E402  (they take the Explanation type)

for _part in (explain_dict, explain_logic, explain_er):   # FD801–FD816, FD821–FD833, FD901–FD912
    EXPLANATIONS.update(_part.explanations(Explanation))


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
           "Generated from `flowdsl/diagnostics/explain.py` by `python -m flowdsl.diagnostics.explain > docs/codes.md`; "
           "`flowdsl explain CODE` prints the same text (`--lang zh` in Chinese). Severities are the "
           "defaults: change them with `severity CODE LEVEL` in a file or `--severity CODE=LEVEL`.\n",
           "本文由 `flowdsl/diagnostics/explain.py` 生成。`flowdsl explain 代码 --lang zh` 输出相同内容。\n"]
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
