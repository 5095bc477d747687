"""The data dictionary (数据字典) of a case built from Python code.

    >>> from flowdsl.builder import Case
    >>> c = (Case("进书").dfd("进书")
    ...      .entity("书商").store("图书库存情况存档", id="S2").process("进书处理", id="P3")
    ...      .flow("书商", "P3", "采购单").flow("P3", "S2", "入库清单")
    ...      .dictionary("书店数据字典")
    ...      .item("书号", id="I01", type="字符", length="13", description="国际标准书号")
    ...      .item("书名").item("数量").item("入库日期")
    ...      .flow("采购单", "书号 + 书名 + 数量", volume="每天 20 份")
    ...      .flow("入库清单", "书号 + 数量 + 入库日期")
    ...      .store("图书库存情况存档", "1{书号 + 数量}", key=["书号"])
    ...      .process("进书处理", logic="审核采购单，登记入库", creates=["入库日期"])
    ...      .entity("书商", description="供应图书的单位"))
    >>> case = c.build()
    >>> case.ok, case.dictionary.entry("采购单").sources
    (True, ['E1 书商'])
    >>> text = c.to_text()
    >>> print(text[text.index("数据字典 "):text.index("  数据流 入库清单")], end="")
    数据字典 "书店数据字典" {
      数据项 I01 书号 {
        简述: 国际标准书号
        类型: 字符
        长度: 13
      }
      数据项 书名
      数据项 数量
      数据项 入库日期
      数据流 采购单 {
        组成: 书号 + 书名 + 数量
        流量: "每天 20 份"
      }

A composition is written as in a file (``书名 + 书号 + 1{图书}20 + [现金|支票] + (备注)``)
and read by the file's own parser: a malformed one raises ``ValueError`` at once, with the
parser's message. Fields a kind does not have raise ``TypeError``; everything else (names
the diagram does not know, gray holes, missing entries) is what ``build()`` reports, with
the same codes as for a file (FD801–FD816).
"""

from __future__ import annotations

from typing import Iterable

from .builder_base import PartOfCase, as_list
from .dict_fields import KIND_FIELDS, LIST_FIELDS
from .dictionary import COMPOSED, CompNode, DictEntry

__all__ = ["DictBuilder", "parse_composition"]


def parse_composition(text: str) -> CompNode:
    """The composition ``text`` as the model holds it, read by the file parser.

    >>> parse_composition("书名 + 1{作者}5 + [现金|支票]").text_form()
    '书名 + 1{作者}5 + [现金 | 支票]'
    """
    from ..lang import syntax_dict as SD
    from ..lang.parser import parse_text
    from .lower_dict import comp_node

    if "\n" in text or "\r" in text:
        raise ValueError(f"a composition is one line: {text!r}")
    tree, diags = parse_text(f"数据字典 {{\n  数据结构 组成 = {text}\n}}\n")
    blocks = [i for i in (tree.items if tree else []) if isinstance(i, SD.Dictionary)]
    if diags or not blocks or not blocks[0].entries or blocks[0].entries[0].comp is None:
        why = diags[0].message if diags else "not a composition"
        raise ValueError(f"composition {text!r}: {why} (write it as in a file: 书名 + 书号 + {{作者}})")
    return comp_node(blocks[0].entries[0].comp)


class DictBuilder(PartOfCase):
    """Entries of the case's data dictionary, one method per kind; each returns the
    builder, so entries chain. IDs (``id=``) are optional, as in a file."""

    def __init__(self, parent, title: str | None) -> None:
        self.parent = parent
        self.title = title
        self.entries: list[DictEntry] = []

    def entry(self, kind: str, name: str, composition: str | None = None, *, id: str | None = None,
              **fields) -> "DictBuilder":
        """An entry of ``kind`` (item, structure, flow, store, process, entity)."""
        if kind not in KIND_FIELDS:
            raise ValueError(f"unknown kind {kind!r}: one of {', '.join(KIND_FIELDS)}")
        unknown = sorted(set(fields) - set(KIND_FIELDS[kind]))
        if unknown:
            raise TypeError(f"a {kind} entry has no field {', '.join(unknown)} "
                            f"(its fields: {', '.join(KIND_FIELDS[kind])})")
        if composition is not None and kind not in COMPOSED:
            raise TypeError(f"a {kind} entry has no composition (only structure, flow and store)")
        given = {k: v for k, v in fields.items() if v is not None}
        # one line (``数据项 书名``, ``数据结构 图书 = 书名 + 书号: "…"``) when nothing else is said
        e = DictEntry(kind=kind, name=name, ident=id, short=not set(given) - {"description"})
        if composition is not None:
            e.composition = parse_composition(composition)
        for key, val in given.items():
            setattr(e, key, as_list(val) if key in LIST_FIELDS else str(val))
        self.entries.append(e)
        return self

    def item(self, name: str, *, id: str | None = None, description: str | None = None,
             type: str | None = None, length: str | int | None = None, range: str | None = None,
             alias: str | None = None) -> "DictBuilder":
        """数据项: an elementary item (类型, 长度, 取值范围)."""
        return self.entry("item", name, id=id, description=description, type=type, length=length,
                          range=range, alias=alias)

    def structure(self, name: str, composition: str, *, id: str | None = None,
                  description: str | None = None, alias: str | None = None) -> "DictBuilder":
        """数据结构: a named group of items (组成)."""
        return self.entry("structure", name, composition, id=id, description=description, alias=alias)

    def flow(self, name: str, composition: str | None = None, *, id: str | None = None,
             description: str | None = None, volume: str | None = None, peak: str | None = None,
             alias: str | None = None) -> "DictBuilder":
        """数据流: 组成, 流量, 高峰流量 (来源 and 去向 come from the diagram)."""
        return self.entry("flow", name, composition, id=id, description=description, volume=volume,
                          peak=peak, alias=alias)

    def store(self, name: str, composition: str | None = None, *, id: str | None = None,
              description: str | None = None, key: str | Iterable[str] | None = None,
              volume: str | None = None, access: str | None = None, alias: str | None = None) -> "DictBuilder":
        """数据存储: 组成, 关键字, 数据量, 存取频率."""
        return self.entry("store", name, composition, id=id, description=description, key=key,
                          volume=volume, access=access, alias=alias)

    def process(self, name: str, *, id: str | None = None, description: str | None = None,
                logic: str | None = None, frequency: str | None = None,
                creates: str | Iterable[str] | None = None, alias: str | None = None) -> "DictBuilder":
        """处理逻辑: 处理逻辑概述, 处理频率, and the items it makes itself (生成)."""
        return self.entry("process", name, id=id, description=description, logic=logic,
                          frequency=frequency, creates=creates, alias=alias)

    def external(self, name: str, *, id: str | None = None, description: str | None = None,
                 alias: str | None = None) -> "DictBuilder":
        """外部实体 (``entity`` is the same)."""
        return self.entry("entity", name, id=id, description=description, alias=alias)

    entity = external
