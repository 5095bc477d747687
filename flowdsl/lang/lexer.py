"""A Pygments lexer for flowdsl (``.flow``): keywords of both languages, names, IDs,
quoted text, arrows, comments. Registered as the ``pygments.lexers`` entry point
``flowdsl``, so Sphinx / MkDocs / ``pygmentize -l flowdsl`` highlight the language.

    >>> from pygments.token import Keyword
    >>> (Keyword, "单位") in list(FlowdslLexer().get_tokens("单位 采购部\\n"))
    True
"""

from __future__ import annotations

from pygments.lexer import RegexLexer, words
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text, Whitespace

__all__ = ["FlowdslLexer"]

#: statement keywords (both languages), longest first so 外部单位 wins over 单位
DECLARATIONS = sorted({
    "case", "案例", "chart", "业务流程图", "业务图", "unit", "单位", "external", "外部单位",
    "document", "单据", "report", "报表", "ledger", "file", "账簿", "帐簿", "台账", "台帐", "档案",
    "collect", "收集", "统计", "step", "步骤", "处理", "decision", "判断", "lanes", "泳道",
    "block", "图框", "title", "标题", "option", "选项", "severity", "级别", "dfd", "数据流程图",
    "数据流图", "entity", "外部实体", "store", "数据存储", "process", "处理逻辑", "加工",
    "define", "定义",
    # the data dictionary block (issue 13 §1)
    "dictionary", "数据字典", "item", "数据项", "数据元素", "structure", "数据结构", "flow", "数据流",
    # process logic (issue 13 §2)
    "logic", "处理逻辑说明", "加工说明", "table", "判定表", "决策表", "tree", "判定树", "决策树",
    "structured", "结构化语言", "结构化英语", "condition", "条件", "action", "动作",
}, key=lambda w: (-len(w), w))
ATTRIBUTES = sorted({
    "by", "由", "reads", "读取", "writes", "写入", "makes", "产生", "module", "模块",
    "control", "控制点", "at", "位于", "vertical", "纵向", "horizontal", "横向",
    "composition", "组成",
    # structured English (issue 13 §2)
    "if", "如果", "若", "then", "则", "那么", "else", "否则", "foreach", "对每个", "对于每个", "对每本",
    "对每张", "对每笔", "对每项", "do", "执行", "repeat", "重复", "until", "直到",
}, key=lambda w: (-len(w), w))
CONSTANTS = ["start", "开始", "end", "结束", "error", "warning", "off", "错误", "警告", "关闭", "忽略"]

# \b is not a word boundary between two Chinese characters in the sense we need
# (单位名称 is a name): keywords must not be followed by another word character.
_AFTER = r"(?![\w.])"


class FlowdslLexer(RegexLexer):
    name = "flowdsl"
    aliases = ["flowdsl", "flow"]
    filenames = ["*.flow", "*.flowdsl"]
    mimetypes = ["text/x-flowdsl"]

    tokens = {
        "root": [
            (r"[ \t\f\u3000\ufeff]+", Whitespace),
            (r"\r?\n|[;；]", Text),
            (r"(#|//)[^\r\n]*", Comment.Single),
            (r'"(\\.|[^"\\\n])*"|“[^”]*”', String.Double),
            (r"FD[0-9]{3}" + _AFTER, Name.Constant),
            (r"-\[|-【|=\[|=【|\]->|】->|\]=>|】=>|->|=>|→|⇒", Operator),
            (words(DECLARATIONS, prefix=r"(?<![\w.])", suffix=_AFTER), Keyword),
            (words(ATTRIBUTES, prefix=r"(?<![\w.])", suffix=_AFTER), Keyword.Pseudo),
            (words(CONSTANTS, prefix=r"(?<![\w.])", suffix=_AFTER), Keyword.Constant),
            (r"[A-Za-z]{0,2}[0-9]+(\.[0-9]+)*" + _AFTER, Number),
            (r"\w[\w.]*", Name),
            (r"[{}()（）\[\]【】|+=:：,，、＝]", Punctuation),
            (r".", Text),
        ],
    }
