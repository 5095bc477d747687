"""The fields of a data dictionary entry: their spellings in both languages, which kinds
have which, and the fields the diagram fills in (never typed)."""

from __future__ import annotations

#: canonical field -> spellings (English first); the first Chinese one is how it is written back
FIELDS: dict[str, tuple[str, ...]] = {
    "alias": ("alias", "别名"),
    "description": ("description", "meaning", "简述", "说明", "描述", "含义", "简要说明"),
    "type": ("type", "类型", "数据类型"),
    "length": ("length", "长度"),
    "range": ("range", "values", "取值范围", "取值", "值域"),
    "volume": ("volume", "流量", "流通量", "数据量", "容量"),
    "peak": ("peak", "高峰流量", "高峰流通量", "峰值"),
    "key": ("key", "关键字", "主键"),
    "access": ("access", "存取频率", "存取方式"),
    "frequency": ("frequency", "处理频率", "频率"),
    "logic": ("logic", "处理概述", "处理过程", "逻辑"),
    "creates": ("creates", "生成", "新增"),
}
#: fields that are lists of names (written "关键字: 书号、书名")
LIST_FIELDS = frozenset({"key", "creates"})
#: what the diagram says: typing them is FD808
DERIVED: dict[str, tuple[str, ...]] = {
    "sources": ("source", "sources", "from", "来源", "数据流来源"),
    "destinations": ("destination", "destinations", "to", "去向", "数据流去向"),
    "inputs": ("input", "inputs", "输入", "输入数据流", "流入", "流入数据流"),
    "outputs": ("output", "outputs", "输出", "输出数据流", "流出", "流出数据流"),
    "ids": ("id", "编号"),
    "name": ("name", "名称"),
}
#: kind -> the fields its card has (besides name, ID and composition)
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "item": ("alias", "description", "type", "length", "range"),
    "structure": ("alias", "description"),
    "flow": ("alias", "description", "volume", "peak"),
    "store": ("alias", "description", "key", "volume", "access"),
    "process": ("alias", "description", "logic", "frequency", "creates"),
    "entity": ("alias", "description"),
}
#: the card's labels (Chinese as the textbook prints them, English)
LABEL_ZH = {
    "alias": "别名", "description": "简述", "type": "类型", "length": "长度", "range": "取值范围",
    "volume": "流量", "peak": "高峰流量", "key": "关键字", "access": "存取频率",
    "frequency": "处理频率", "logic": "处理逻辑", "creates": "生成的数据项",
    "composition": "组成", "sources": "来源", "destinations": "去向",
    "inputs": "输入数据流", "outputs": "输出数据流", "name": "名称", "ids": "编号",
}
LABEL_EN = {
    "alias": "alias", "description": "description", "type": "type", "length": "length",
    "range": "value range", "volume": "volume", "peak": "peak volume", "key": "key",
    "access": "access frequency", "frequency": "frequency", "logic": "logic summary",
    "creates": "items it creates", "composition": "composition", "sources": "source",
    "destinations": "destination", "inputs": "inputs", "outputs": "outputs", "name": "name", "ids": "ID",
}

_SPELLING = {w: k for k, ws in FIELDS.items() for w in ws}
_DERIVED = {w: k for k, ws in DERIVED.items() for w in ws}


def canonical_field(word: str) -> str | None:
    """``简述`` -> ``description``; None for a word that is no field."""
    return _SPELLING.get(word) or _SPELLING.get(word.lower())


def derived_field(word: str) -> str | None:
    """``来源`` -> ``sources``: a field the diagram fills in."""
    return _DERIVED.get(word) or _DERIVED.get(word.lower())


def field_word(key: str, lang: str) -> str:
    """How ``key`` is written in ``lang``'s keywords (``description`` -> ``简述``)."""
    ws = FIELDS[key]
    if lang == "zh":
        return next(w for w in ws if not w.isascii())
    return ws[0]


def all_spellings() -> list[str]:
    return sorted(_SPELLING)
