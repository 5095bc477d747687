"""Long explanations of the process-logic codes FD821–FD833 (处理逻辑说明, issue 13 §2);
:mod:`flowdsl.diagnostics.explain` adds them to its table."""

from __future__ import annotations

_DFD = "dfd 订货 {{\n  entity 顾客\n  process P1 计算折扣\n  顾客 -[订单]-> P1 -[折扣单]-> 顾客\n}}\n{0}"
_TABLE = "logic P1 {{\n  table 折扣 {{\n{0}\n  }}\n}}\n"
_GOOD_ROWS = ("    condition 批发顾客 : Y Y N\n    condition 大宗订货 : Y N —\n"
              "    action 打八五折 : √ — —\n    action 打九五折 : — √ —\n    action 无折扣 : — — √")
_TREE = "logic P1 {{\n  tree 折扣 {{\n{0}\n  }}\n}}\n"
_GOOD_TREE = "    批发 {\n      大宗订货 -> 打八五折\n      少量订货 -> 打九五折\n    }\n    零售 -> 无折扣"


def _d(logic: str) -> str:
    return _DFD.format(logic)


def _t(rows: str) -> str:
    return _d(_TABLE.format(rows))


def _tr(body: str) -> str:
    return _d(_TREE.format(body))


def explanations(Explanation) -> dict:
    good = _t(_GOOD_ROWS)
    return {
        "FD821": Explanation(
            "A logic description (logic / 处理逻辑说明) names a process by its ID or its name; no "
            "process of the file's data flow diagrams has that ID or name. The hint suggests a "
            "close one or lists the bottom-level processes.",
            "处理逻辑说明要用编号或名称指明它说明的处理逻辑；本文件的数据流程图中没有这个编号或名称的处理逻辑。"
            "提示会给出相近的名称，或列出底层处理逻辑。",
            _d(_TABLE.format(_GOOD_ROWS)).replace("logic P1", "logic P9"), good),
        "FD822": Explanation(
            "Only a bottom-level process (one not broken down into a child diagram) is described "
            "by structured English, a decision table or a decision tree: a process with a child "
            "diagram is described by that diagram.",
            "只有底层处理逻辑（没有分解成子图的）才用结构化语言、判定表或判定树说明；有子图的处理逻辑由子图说明。",
            "dfd 订货 {\n  entity 顾客\n  process P1 订货处理 {\n    process P1.1 计算折扣\n"
            "    顾客 -[订单]-> P1.1 -[折扣单]-> 顾客\n  }\n  顾客 -[订单]-> P1 -[折扣单]-> 顾客\n}\n"
            + _TABLE.format(_GOOD_ROWS),
            "dfd 订货 {\n  entity 顾客\n  process P1 订货处理 {\n    process P1.1 计算折扣\n"
            "    顾客 -[订单]-> P1.1 -[折扣单]-> 顾客\n  }\n  顾客 -[订单]-> P1 -[折扣单]-> 顾客\n}\n"
            + _TABLE.format(_GOOD_ROWS).replace("logic P1", "logic P1.1")),
        "FD823": Explanation(
            "n conditions with two values each give 2ⁿ combinations; a complete decision table "
            "has a rule for each (a rule with — in a condition covers both of its values). The "
            "message names the combinations no rule covers.",
            "n 个二值条件有 2ⁿ 种组合，完整的判定表对每种组合都有一条规则（条件项写 — 的规则覆盖该条件的所有取值）。"
            "信息会列出没有规则覆盖的组合。",
            _t(_GOOD_ROWS.replace("Y Y N", "Y Y N").replace(": Y N —", ": Y N Y")),
            good),
        "FD824": Explanation(
            "Two rules cover the same combination of conditions but take different actions: "
            "the table does not say what to do.",
            "两条规则覆盖同一个条件组合，动作却不同：判定表没有说清楚该怎么做。",
            _t(_GOOD_ROWS.replace("Y Y N\n", "Y Y —\n")), good),
        "FD825": Explanation(
            "Rules that take the same actions and differ only in one condition, together taking "
            "every value of it, are one rule with — in that condition (the merge step of the "
            "textbook); a rule that only repeats another is dropped.",
            "动作相同、只在一个条件上不同且合起来取遍该条件所有取值的几条规则，可以合并成一条，该条件写 —"
            "（教材中的“合并”步骤）；与别的规则完全重复的规则应删去。",
            _t("    condition 批发顾客 : Y Y N N\n    condition 大宗订货 : Y N Y N\n"
               "    action 打八五折 : √ — — —\n    action 打九五折 : — √ — —\n    action 无折扣 : — — √ √"),
            good),
        "FD826": Explanation(
            "Every row of a decision table has one entry per rule column; an action entry is a "
            "mark: √ (or ✓, X) taken, — (or ×) not taken.",
            "判定表的每一行对每条规则（每一列）各有一项；动作项是标记：√（或 ✓、X）表示执行，—（或 ×）表示不执行。",
            _t(_GOOD_ROWS.replace("action 无折扣 : — — √", "action 无折扣 : — √")), good),
        "FD827": Explanation(
            "A rule column with no action marked: the table does not say what happens in that case.",
            "某条规则（某一列）没有标出任何动作：判定表没有说明这种情况下做什么。",
            _t(_GOOD_ROWS.replace("action 无折扣 : — — √", "action 无折扣 : — — —")), good),
        "FD828": Explanation(
            "Each branch of a decision tree is labelled with the condition value it stands for "
            "(批发 / 零售, 金额 ≥ 500万 / < 500万).",
            "判定树的每个分支都要标出它代表的条件取值（批发 / 零售，金额 ≥ 500万 / < 500万）。",
            _tr(_GOOD_TREE.replace("零售 -> 无折扣", "-> 无折扣")), _tr(_GOOD_TREE)),
        "FD829": Explanation(
            "Every leaf of a decision tree ends in the action taken on that path.",
            "判定树的每片叶子都要写出这条路径上执行的动作。",
            _tr(_GOOD_TREE.replace("零售 -> 无折扣", "零售")), _tr(_GOOD_TREE)),
        "FD830": Explanation(
            "Off by default; a course turns it on with “severity FD830 warning”. Every bottom-level "
            "process of a DFD is described by structured English, a decision table or a decision tree.",
            "默认关闭；课程可用“级别 FD830 警告”打开。数据流程图的每个底层处理逻辑都要有处理逻辑说明"
            "（结构化语言、判定表或判定树）。",
            "severity FD830 warning\n" + _DFD.format(""), "severity FD830 warning\n" + good),
        "FD831": Explanation(
            "Off by default; “severity FD831 warning” turns it on. A process is named by what it "
            "does, verb first: 审核采购单, not 采购单审核 (a small list of verbs is known).",
            "默认关闭；“级别 FD831 警告”打开它。处理逻辑按它做的事命名，动词在前：审核采购单，而不是采购单审核"
            "（只认识一份常用动词表）。",
            "severity FD831 warning\n" + _DFD.format("").replace("计算折扣", "折扣计算"),
            "severity FD831 warning\n" + _DFD.format("")),
        "FD832": Explanation(
            "A process has one logic description; its decision table, decision tree and structured "
            "English go into that one block.",
            "一个处理逻辑只有一个处理逻辑说明；它的判定表、判定树和结构化语言都写在这一个块里。",
            good + _TREE.format(_GOOD_TREE), _d(_TABLE.format(_GOOD_ROWS).rstrip("}\n") + "\n  }\n"
                                               + "  tree 折扣树 {\n" + _GOOD_TREE + "\n  }\n}\n")),
        "FD833": Explanation(
            "In structured English “else” (否则) follows an “if … { … }” (如果) block and “until” (直到) "
            "follows a “repeat { … }” (重复) block.",
            "结构化语言中“否则”紧跟在“如果 … { … }”块之后，“直到”紧跟在“重复 { … }”块之后。",
            _d("logic P1 {\n  structured {\n    读取 订单\n    else {\n      不打折\n    }\n  }\n}\n"),
            _d("logic P1 {\n  structured {\n    读取 订单\n    if 批发顾客 {\n      打折\n    }\n"
               "    else {\n      不打折\n    }\n  }\n}\n")),
    }
