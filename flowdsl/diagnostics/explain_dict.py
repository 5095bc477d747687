"""Explanations of the data dictionary codes FD801–FD816 (issue 13 §1), merged into
:data:`flowdsl.diagnostics.explain.EXPLANATIONS`. The examples share one small DFD and its
complete dictionary; each wrong example changes one line of it."""

from __future__ import annotations

_DFD = """dfd 订货 {
  entity 顾客
  process P1 接单
  store 订单存档
  顾客 -[订货单]-> 接单 -[确认单]-> 顾客
  接单 -[订单记录]-> 订单存档
  订单存档 -[订单记录]-> 接单
}
"""
_DICT = """dictionary {
  item 订单号
  item 商品
  item 数量
  flow 订货单 = 商品 + 数量
  flow 确认单 = 订单号 + 商品 + 数量
  flow 订单记录 = 订单号 + 商品 + 数量
  store 订单存档 {
    composition: {订单记录}
    key: 订单号
  }
  process 接单 {
    creates: 订单号
  }
  entity 顾客
}
"""
RIGHT = _DFD + "\n" + _DICT


def wrong(old: str, new: str) -> str:
    assert old in _DICT
    return _DFD + "\n" + _DICT.replace(old, new, 1)


_SPLIT = """dfd 订货 {{
  entity 顾客
  process P1 订货处理 {{
    process P1.1 接单
    process P1.2 复核
    顾客 -[订货单]-> 接单 -[待核订单]-> 复核 -[确认单]-> 顾客
{0}  }}
  顾客 -[订货单]-> 订货处理 -[回执]-> 顾客
}}

dictionary {{
  item 订单号
  item 商品
  item 数量
  item 金额
  flow 订货单 = 商品 + 数量
  flow 待核订单 = 订单号 + 商品 + 数量
  flow 确认单 = 订单号 + 商品 + 数量
  flow 发票 = 订单号 + 金额
  flow 回执 = 确认单 + 发票
  process 订货处理
  process 接单 {{
    creates: 订单号
  }}
  process 复核 {{
    creates: 金额
  }}
  entity 顾客
}}
"""


def explanations(Explanation) -> dict:
    E = Explanation
    return {
        "FD801": E(
            "A composition names something that has no entry of its own. A data dictionary defines "
            "every name down to its data items: add an entry for the name (a data item, or a data "
            "structure if it has parts), or correct its spelling. Checked in a file with a "
            "dictionary block only (files with `define` lines alone use them for balancing).",
            "组成中引用的名称在数据字典里没有自己的条目。数据字典要把每个名称一直定义到数据项：请为它加一个条目"
            "（数据项；若它由几部分组成则为数据结构），或改正拼写。只检查写了“数据字典”块的文件（只有“定义”行的文件"
            "只用它们做平衡检查）。",
            wrong("flow 订货单 = 商品 + 数量", "flow 订货单 = 商品 + 数量 + 备注"), RIGHT),
        "FD802": E(
            "A name is defined through itself, directly or through other names. A definition must "
            "break a name into smaller parts; a part that repeats is written with braces: "
            "订单 = 订单号 + {订货项}.",
            "某个名称直接或经过其它名称用它自己来定义。定义应把名称分解成更小的部分；重复出现的部分用花括号表示："
            "订单 = 订单号 + {订货项}。",
            wrong("flow 订货单 = 商品 + 数量", "flow 订货单 = 商品 + 数量 + 订货单"), RIGHT),
        "FD803": E(
            "An element of the DFD (external entity, data store, process, named data flow) has no entry "
            "in the data dictionary. Checked only when the file has a dictionary block; a course that "
            "wants every element defined can make it an error (`severity FD803 error`), one that does "
            "not can switch it off.",
            "数据流程图中的元素（外部实体、数据存储、处理逻辑、有名称的数据流）在数据字典中没有条目。只在文件写了"
            "数据字典块时检查；要求完整数据字典的课程可以把它设为错误（“级别 FD803 错误”），不要求的可以关闭。",
            wrong("  entity 顾客\n", ""), RIGHT),
        "FD804": E(
            "The dictionary has an entry for a data flow, store, process or entity that no DFD of the "
            "file draws: a misspelt name, or an element that was removed from the diagram.",
            "数据字典中有某个数据流、数据存储、处理逻辑或外部实体的条目，但文件中的数据流程图都没有画出它：名称写错了，"
            "或者图上已经删掉了这个元素。",
            wrong("  entity 顾客\n", "  entity 顾客\n  entity 供应商\n"), RIGHT),
        "FD805": E(
            "Gray hole: a process outputs data items that none of its inputs (nor the stores it reads) "
            "brings, so it could not produce them. Compositions are expanded down to data items. Either "
            "an input is missing, or the process makes the items itself (a number, a date, an approval): "
            "list those in its entry's `creates` (生成) field.",
            "灰洞：处理逻辑输出的数据项在它的任何输入（以及它读取的数据存储）中都没有，它不可能产生这些数据。组成会展开到"
            "数据项来比较。要么缺了某个输入数据流，要么这些数据项是它自己产生的（编号、日期、审批意见）：把它们写在该处理"
            "逻辑条目的“生成”字段里。",
            wrong("  flow 确认单 = 订单号 + 商品 + 数量\n",
                  "  item 交货日期\n  flow 确认单 = 订单号 + 商品 + 数量 + 交货日期\n"), RIGHT),
        "FD806": E(
            "One name has two data dictionary entries (a `define` line counts as one). Keep one entry "
            "per name; another name for the same data goes in the entry's alias (别名).",
            "同一个名称在数据字典中有两个条目（“定义”行也算一个）。每个名称只写一个条目；同一数据的其它叫法写在“别名”里。",
            wrong("  item 数量\n", "  item 数量\n  item 数量\n"), RIGHT),
        "FD807": E(
            "An entry's body has a field the dictionary does not know. The fields are: 别名, 简述 (含义), "
            "类型, 长度, 取值范围 for data items; 组成 for structures, flows and stores; 流量, 高峰流量 for "
            "flows; 关键字, 数据量, 存取频率 for stores; 处理概述, 处理频率, 生成 for processes (English: "
            "alias, description, type, length, range, composition, volume, peak, key, access, logic, "
            "frequency, creates).",
            "条目中有数据字典不认识的字段。可用的字段：数据项有 别名、简述（含义）、类型、长度、取值范围；数据结构、数据流、"
            "数据存储有 组成；数据流有 流量、高峰流量；数据存储有 关键字、数据量、存取频率；处理逻辑有 处理概述、处理频率、"
            "生成。",
            wrong("    key: 订单号\n", "    keys: 订单号\n"), RIGHT),
        "FD808": E(
            "The field is filled in from the diagram: a flow's source and destination, the flows in "
            "and out of a store, process or entity, and the IDs. Typing it again could only disagree "
            "with the diagram, so the line is ignored; remove it.",
            "这个字段按数据流程图自动填写：数据流的来源和去向，数据存储、处理逻辑、外部实体的输入输出数据流，以及编号。"
            "再手写一遍只可能与图不一致，所以这一行被忽略；请删去它。",
            wrong("    creates: 订单号\n", "    creates: 订单号\n    inputs: 订货单\n"), RIGHT),
        "FD809": E(
            "The field belongs to another kind of entry (a key on a data flow, a type on a store). It "
            "is ignored; move it to the entry it describes or remove it.",
            "这个字段属于另一类条目（例如数据流写了关键字，数据存储写了类型），已被忽略；请把它移到它所描述的条目，或删去。",
            wrong("    key: 订单号\n", "    key: 订单号\n    type: 表\n"), RIGHT),
        "FD810": E(
            "The entry's kind is not that of the element of that name on the diagram (an entry 数据存储 "
            "顾客 while the DFD draws 顾客 as an external entity). Write the entry with the kind the "
            "diagram has.",
            "条目的类型与数据流程图中同名元素的类型不符（例如条目写“数据存储 顾客”，图上的顾客却是外部实体）。请按图上的"
            "类型写这个条目。",
            wrong("  entity 顾客\n", "  store 顾客\n"), RIGHT),
        "FD811": E(
            "The entry's ID differs from the ID the diagram gives the element. The ID is filled in "
            "from the diagram: leave it out, or write the diagram's.",
            "条目的编号与数据流程图中该元素的编号不同。编号会按图自动填写：可以不写，要写就写图上的编号。",
            wrong("  process 接单 {", "  process P2 接单 {"), RIGHT),
        "FD812": E(
            "A field is given twice in one entry; the first is kept. Remove one of them.",
            "同一条目中一个字段写了两次，保留第一处。请删去其中一处。",
            wrong("    key: 订单号\n", "    key: 订单号\n    key: 商品\n"), RIGHT),
        "FD813": E(
            "Only data structures, data flows and data stores are made of parts. A data item is "
            "elementary (give its type, length and range instead); a process or an external entity "
            "is described by its fields.",
            "只有数据结构、数据流和数据存储由若干部分组成。数据项是最小单位（请写它的类型、长度和取值范围）；处理逻辑和外部"
            "实体用其它字段说明。",
            wrong("  item 数量\n", "  item 数量 = 整数\n"), RIGHT),
        "FD814": E(
            "A data store's key (关键字) must be one of the items the store holds: it is how a record "
            "is found. Add the item to the store's composition or name another item as the key.",
            "数据存储的关键字必须是它所存的数据项之一（按关键字查找记录）。请把该数据项加入它的组成，或改用组成中的数据项。",
            wrong("    key: 订单号\n", "    key: 客户号\n"), RIGHT),
        "FD815": E(
            "In m{x}n the lower bound m comes first and must not exceed the upper bound n: 1{订货项}20 "
            "is one to twenty order lines.",
            "m{x}n 中下限 m 写在前面，不能大于上限 n：1{订货项}20 表示 1 到 20 个订货项。",
            wrong("flow 订货单 = 商品 + 数量", "flow 订货单 = 20{商品 + 数量}1"), RIGHT),
        "FD816": E(
            "A parent flow is split into parts on the child diagram (by the dictionary, 回执 = 确认单 + "
            "发票), but some of its data items are carried by none of the parts drawn there: the child "
            "diagram does not fully balance its parent. Draw the missing part, or correct the "
            "composition.",
            "父图的数据流在子图中被分解成几部分（按数据字典：回执 = 确认单 + 发票），但其中某些数据项不在子图画出的任何一部分"
            "中：子图与父图没有完全平衡。请画出缺少的那部分数据流，或改正组成。",
            _SPLIT.format(""), _SPLIT.format("    复核 -[发票]-> 顾客\n")),
    }
