"""Every diagnostic code: default severity and a one-line summary (English / 中文).

Codes are stable: a code is never reused for another meaning. Ranges:
FD0xx input and syntax, FD1xx names and options, FD2xx business charts,
FD3xx DFD connections, FD4xx DFD names and IDs, FD5xx DFD levels, FD6xx cross-view,
FD7xx drawing limits, FD801–FD819 the data dictionary (数据字典), FD821–FD839 process logic
(处理逻辑说明: decision tables, trees, structured English), FD9xx ER diagrams (FD901–FD919).
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
    "FD207": Code("warning", "unit doing steps missing from the lane list", "执行步骤的单位不在泳道列表中"),
    "FD301": Code("error", "data flow between two external entities", "外部实体之间的数据流"),
    "FD302": Code("error", "data flow between an external entity and a data store", "外部实体与数据存储之间的数据流"),
    "FD303": Code("error", "data flow between two data stores", "数据存储之间的数据流"),
    "FD304": Code("error", "black hole: process with inputs but no output", "黑洞：处理逻辑只有输入没有输出"),
    "FD305": Code("error", "miracle: process with outputs but no input", "奇迹：处理逻辑只有输出没有输入"),
    "FD306": Code("error", "data flow from an element to itself", "数据流的起点和终点相同"),
    "FD307": Code("warning", "data store never written", "数据存储从未写入"),
    "FD308": Code("warning", "data store never read", "数据存储从未读取"),
    "FD309": Code("warning", "DFD element with no data flow", "没有数据流的元素"),
    "FD310": Code("error", "goods arrow in a data flow diagram", "数据流程图中出现物流箭头"),
    "FD401": Code("warning", "data flow without a name", "数据流没有命名"),
    "FD402": Code("error", "ID used twice", "编号重复"),
    "FD403": Code("warning", "child process ID does not extend its parent's ID", "子图处理逻辑编号未以父处理编号开头"),
    "FD501": Code("error", "child diagram not balanced with its parent process", "子图与父处理逻辑不平衡"),
    "FD502": Code("warning", "more than 9 processes on one diagram", "一张图上处理逻辑多于 9 个"),
    "FD503": Code("warning", "data store drawn above the only process that uses it", "数据存储画在了过高的层次"),
    "FD504": Code("error", "data flow reaching an element of another level", "数据流跨层连接"),
    "FD505": Code("warning", "no external entity: empty context diagram", "没有外部实体：顶层图为空"),
    "FD601": Code("warning", "chart document with no data flow in the DFD", "业务流程图的单据在数据流程图中没有对应数据流"),
    "FD602": Code("warning", "chart ledger with no data store in the DFD", "业务流程图的账簿在数据流程图中没有对应数据存储"),
    "FD701": Code("error", "diagram too large to lay out", "图太大，无法布局"),
    # ---- data dictionary (issue 13 §1)
    "FD801": Code("warning", "composition names something the dictionary does not define", "组成中引用了数据字典未定义的名称"),
    "FD802": Code("error", "recursive definition", "递归定义"),
    "FD803": Code("warning", "DFD element without a data dictionary entry", "数据流程图的元素在数据字典中没有条目"),
    "FD804": Code("warning", "data dictionary entry for nothing on the diagram", "数据字典条目在数据流程图中没有对应元素"),
    "FD805": Code("warning", "gray hole: a process outputs data items its inputs cannot supply", "灰洞：处理逻辑输出了输入中没有的数据项"),
    "FD806": Code("error", "two data dictionary entries of one name", "同一名称在数据字典中定义了两次"),
    "FD807": Code("error", "unknown field in a data dictionary entry", "数据字典条目中有未知字段"),
    "FD808": Code("warning", "field the diagram fills in typed by hand", "手工填写了由数据流程图自动填写的字段"),
    "FD809": Code("warning", "field this kind of entry does not have", "该类条目没有这个字段"),
    "FD810": Code("error", "entry of another kind than the diagram element of its name", "条目类型与数据流程图中同名元素不符"),
    "FD811": Code("warning", "entry ID differs from the diagram's", "条目编号与数据流程图中的编号不同"),
    "FD812": Code("warning", "field given twice in one entry", "同一条目中字段重复"),
    "FD813": Code("error", "composition on a kind of entry that has none", "该类条目没有组成"),
    "FD814": Code("warning", "data store key not in the store's composition", "数据存储的关键字不在其组成中"),
    "FD815": Code("error", "repetition bounds reversed (m{x}n with m > n)", "重复次数的下限大于上限"),
    "FD816": Code("warning", "parent flow split on the child diagram with parts missing", "父图数据流在子图中分解后缺少部分"),
    # ---- ER diagrams (issue 14): flowdsl/checks/er.py, FD909 in flowdsl/model/er.py
    "FD901": Code("error", "entity without a key", "实体没有主键"),
    "FD902": Code("error", "relationship end without a cardinality", "联系的一端没有写联系类型（1、n、m）"),
    "FD903": Code("error", "attribute declared twice", "属性重复"),
    "FD904": Code("warning", "entity in no relationship", "实体不参与任何联系"),
    "FD905": Code("error", "relationship names an undefined entity", "联系引用了未定义的实体"),
    "FD906": Code("warning", "m:n relationship without the data the dictionary gives it",
                  "多对多联系没有数据字典中写明的属性"),
    "FD907": Code("error", "weak entity without an identifying relationship", "弱实体没有标识联系"),
    "FD908": Code("error", "unknown cardinality", "无法识别的联系类型（基数）"),
    "FD909": Code("error", "key that is not an attribute of the entity", "主键不是该实体的属性"),
    "FD910": Code("error", "name used twice in an ER diagram", "ER图中名称重复"),
    "FD911": Code("warning", "identifying relationship joining no weak entity", "标识联系没有连接弱实体"),
    "FD912": Code("error", "is-a cycle", "泛化关系构成了环"),
    # ---- process logic (处理逻辑说明, issue 13 §2); "off": a course turns it on with ``severity FD830 warning``
    "FD821": Code("error", "logic description of an unknown process", "处理逻辑说明所说明的处理逻辑不存在"),
    "FD822": Code("error", "logic description of a process that is not bottom-level", "为非底层处理逻辑写了处理逻辑说明"),
    "FD823": Code("warning", "decision table incomplete: a combination no rule covers", "判定表不完整：有条件组合没有规则"),
    "FD824": Code("error", "decision table contradictory: one combination, different actions", "判定表矛盾：同一条件组合对应不同动作"),
    "FD825": Code("warning", "decision table redundant: rules that can be merged", "判定表冗余：有可以合并的规则"),
    "FD826": Code("error", "decision table row with the wrong number of entries or an unreadable entry", "判定表的行项数不对或有无法识别的项"),
    "FD827": Code("warning", "decision table rule that takes no action", "判定表的规则没有任何动作"),
    "FD828": Code("error", "decision tree branch without a condition label", "判定树的分支没有条件标注"),
    "FD829": Code("error", "decision tree leaf without an action", "判定树的叶子没有动作"),
    "FD830": Code("off", "bottom-level process without a logic description", "底层处理逻辑没有处理逻辑说明"),
    "FD831": Code("off", "process name not of the form verb + object", "处理逻辑名称不是“动词 + 宾语”"),
    "FD832": Code("error", "second logic description of one process", "同一处理逻辑有两个处理逻辑说明"),
    "FD833": Code("error", "else / until without its if / repeat", "“否则”/“直到”前面没有“如果”/“重复”"),
}


def default_severity(code: str) -> str:
    return CODES[code].severity
