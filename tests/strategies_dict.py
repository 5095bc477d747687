"""Hypothesis strategies for the data dictionary block (issue 13 §1): entries of every kind,
both keyword sets, one-line and body forms, every composition operator, list fields with
every separator. Valid syntax; not promised free of dictionary diagnostics."""

from __future__ import annotations

from hypothesis import strategies as st

from strategies import BOOL, ints, pick, quoted, word_names

KINDS = {"item": ("item", "数据项", "数据元素"), "structure": ("structure", "数据结构"),
         "flow": ("flow", "数据流"), "store": ("store", "数据存储"),
         "process": ("process", "处理逻辑", "加工"), "entity": ("entity", "外部实体")}
FIELDS = {"item": ("别名", "简述", "type", "长度", "取值范围"), "structure": ("alias", "说明"),
          "flow": ("简述", "流量", "peak"), "store": ("关键字", "数据量", "access"),
          "process": ("处理概述", "frequency", "生成"), "entity": ("别名", "description")}
LISTS = {"关键字", "生成", "key", "creates"}


@st.composite
def compositions(draw, refs: list[str], depth: int = 2) -> str:
    def term(d: int) -> str:
        k = draw(ints(0, 6 if d > 0 else 1))
        if k <= 1:
            return draw(pick(refs)) if k == 0 or not refs else draw(quoted(8))
        inner = compositions_inner(d - 1)
        if k == 2:
            return f"[{inner} | {compositions_inner(d - 1)}]"
        if k == 3:
            return f"({inner})"
        if k == 4:
            return f"（{inner}）"
        lo, hi = draw(pick(["", "1", "0"])), draw(pick(["", "9", "20"]))
        return f"{lo}{{{inner}}}{hi}"

    def compositions_inner(d: int) -> str:
        return " + ".join(term(d) for _ in range(draw(ints(1, 3))))

    return compositions_inner(depth)


@st.composite
def field_value(draw, key: str) -> str:
    if key in LISTS:
        vals = draw(st.lists(word_names, min_size=1, max_size=3))
        return draw(pick(["、", ", ", "，", " "])).join(vals)
    return draw(st.one_of(quoted(12), word_names, st.just("1-999"), st.just("每天 20 张")))


@st.composite
def dictionary_blocks(draw) -> str:
    names = draw(st.lists(word_names, min_size=1, max_size=6, unique=True))
    lines = []
    for i, name in enumerate(names):
        kind = draw(pick(sorted(KINDS)))
        head = f"{draw(pick(KINDS[kind]))} " + (f"X{i} " if draw(BOOL) else "") + name
        composed = kind in ("structure", "flow", "store")
        if draw(BOOL):      # the one-line form
            if composed and draw(BOOL):
                head += " = " + draw(compositions(names[:i] or ["甲"]))
            if draw(BOOL):
                head += draw(pick([": ", "："])) + draw(quoted(10))
            lines.append(head)
            continue
        body = []
        if composed and draw(BOOL):
            body.append(draw(pick(["组成", "composition"])) + ": " + draw(compositions(names[:i] or ["甲"])))
        for key in draw(st.lists(pick(FIELDS[kind]), unique=True, max_size=3)):
            body.append(f"{key}: {draw(field_value(key))}")
        lines.append(head + " {\n" + "".join(f"    {b}\n" for b in body) + "  }")
    title = f" {draw(quoted(10))}" if draw(BOOL) else ""
    return f"{draw(pick(['数据字典', 'dictionary']))}{title} {{\n" + "".join(f"  {x}\n" for x in lines) + "}\n"
