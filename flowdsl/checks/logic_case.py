"""FD828–FD831: decision trees (every branch labelled, every leaf an action), every
bottom-level process described (off by default), process names of the form verb + object
(off by default)."""

from __future__ import annotations

from ..diagnostics.diagnostic import Diagnostic
from ..model.logic import DecisionTable, DecisionTree, TreeNode
from ..model.types import CaseModel
from .logic import _d, check_table

#: verbs a process name may start with (a small list: courses teach 动词 + 宾语, 审核采购单)
VERBS = (
    "审核", "审批", "批准", "复核", "核对", "核算", "检验", "检查", "校验", "验收", "验货", "登记", "记录",
    "录入", "输入", "输出", "编制", "制定", "制订", "填写", "开具", "编写", "生成", "产生", "打印", "查询",
    "读取", "计算", "统计", "汇总", "分析", "比较", "更新", "修改", "删除", "建立", "维护", "存储", "保存",
    "接收", "收取", "发送", "发出", "发放", "领取", "传递", "提交", "上报", "报送", "通知", "下达", "发布",
    "确认", "结算", "支付", "付款", "收费", "采购", "订购", "销售", "出库", "入库", "盘点", "编目", "分类",
    "分配", "安排", "评估", "归档", "整理", "选择", "处理", "开", "收", "付", "验", "查", "算", "记", "发",
    "check", "verify", "validate", "compute", "calculate", "record", "register", "update", "issue",
    "produce", "prepare", "create", "approve", "print", "send", "receive", "store", "query", "process",
    "handle", "review", "compile", "fill", "sell", "order", "pay", "bill", "count", "catalog", "catalogue",
)


def check_tree(t: DecisionTree) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    name = f"decision tree “{t.title or t.name}”" if (t.title or t.name) else "the decision tree"
    name_zh = f"判定树“{t.title or t.name}”" if (t.title or t.name) else "判定树"

    def walk(node: TreeNode, root: bool) -> None:
        if not root and node.label is None:
            out.append(_d("FD828", f"a branch of {name} has no condition label", node.span,
                          "write the condition value the branch stands for before it: “批发 -> 折扣”",
                          f"{name_zh}有一个分支没有条件标注", "在分支前写出它代表的条件取值：“批发 -> 折扣”"))
        if (node.is_leaf and not node.actions) or (not node.is_leaf and not node.children and not root):
            out.append(_d("FD829", f"branch “{node.label or '?'}” of {name} ends without an action", node.span,
                          "write the action after an arrow: “零售 -> 无折扣”",
                          f"{name_zh}的分支“{node.label or '?'}”没有动作", "在箭头后写出动作：“零售 -> 无折扣”"))
        for ch in node.children:
            walk(ch, False)

    walk(t.root, True)
    return out


def check_case(case: CaseModel) -> list[Diagnostic]:
    """FD830 and FD831 (both off by default; ``severity FD830 warning`` turns one on)."""
    described = {(pl.dfd, pl.key) for pl in case.logic if pl.key}
    out: list[Diagnostic] = []
    for dfd in case.dfds:
        found: list[Diagnostic] = []
        for n in dfd.nodes:
            if n.kind != "process":
                continue
            shown = f"{n.ident} {n.name}" if n.ident and n.ident_given else n.name
            if not n.has_child and (dfd.name, n.key) not in described:
                found.append(_d("FD830", f"bottom-level process “{shown}” has no logic description", n.span,
                                f"add “logic {n.ident or n.name} {{ structured {{ … }} }}” with a decision table, "
                                "a decision tree or structured English",
                                f"底层处理逻辑“{shown}”没有处理逻辑说明",
                                f"加上“处理逻辑说明 {n.ident or n.name} {{ … }}”，写出判定表、判定树或结构化语言"))
            verb = _verb_last(n.name)
            rest = n.name[:-len(verb)] if verb else ""
            if not _verb_first(n.name) or (verb and n.name[:-len(verb)] not in VERBS):
                better = f": “{verb}{rest}”" if verb and rest[-1:] in _OBJECT_END else ""
                found.append(_d("FD831", f"process name “{n.name}” is not of the form verb + object", n.span,
                                f"name a process by what it does, verb first{better}",
                                f"处理逻辑名称“{n.name}”不是“动词 + 宾语”的形式",
                                "处理逻辑按它做的事命名，动词在前" + (f"：“{verb}{rest}”" if better else "")))
        out.extend(_own_severities(found, dfd.severities))
    return out


def _own_severities(found: list[Diagnostic], sev: dict[str, str]) -> list[Diagnostic]:
    """The severities written inside a DFD (``severity FD830 warning`` there) for its own
    processes; the others are left for the file's and the caller's settings."""
    out = []
    for d in found:
        level = sev.get(d.code)
        if level == "off":
            continue
        out.append(d.with_severity(level) if level else d)  # type: ignore[arg-type]
    return out


#: last characters of a typical object (采购单, 库存帐, 订货): where a reversed name is worth a suggestion
_OBJECT_END = set("单表帐账书货款费据册卡簿存品料")


def _verb_first(name: str) -> bool:
    low = name.lower()
    return any(low.startswith(v) and len(low) > len(v) for v in VERBS)


def _verb_last(name: str) -> str | None:
    for v in sorted(VERBS, key=len, reverse=True):
        if len(v) > 1 and name.endswith(v) and len(name) > len(v):
            return v
    return None


def run(case: CaseModel) -> list[Diagnostic]:
    """Every process-logic rule: each table and tree, then the case-wide FD830 / FD831."""
    out: list[Diagnostic] = []
    for pl in case.logic:
        for part in pl.parts:
            if isinstance(part, DecisionTable):
                out.extend(check_table(part))
            elif isinstance(part, DecisionTree):
                out.extend(check_tree(part))
    out.extend(check_case(case))
    return out
