"""The long explanations of the ER diagram codes FD901–FD912 (issue 14): (English, Chinese,
wrong example, corrected example); :mod:`flowdsl.diagnostics.explain` adds them."""

from __future__ import annotations

_ER = "er 选课 {{\n{}}}\n"
_OK = "  entity 学生 (学号*, 姓名)\n  entity 课程 (课程号*, 课程名)\n"


def _er(body: str) -> str:
    return _ER.format(body)


_TEXTS: dict[str, tuple[str, str, str, str]] = {
    "FD901": (
        "Every entity needs a key (主码): the attribute, or attributes, whose value tells one "
        "occurrence from every other (学号 for 学生). Mark it with * after its name, or name it in "
        "a key clause (“key 学号”). A weak entity has only a partial key and a subtype inherits its "
        "supertype's key, so neither is reported.",
        "每个实体都要有主码（主键）：能把一个实体与其他实体区分开的属性（如学生的学号）。在属性名后"
        "加 * 标出，或写“主键 学号”。弱实体只有部分键，子类继承超类的主键，它们不报告。",
        _er("  entity 学生 (学号, 姓名)\n  entity 课程 (课程号*, 课程名)\n  relationship 选修: 学生 m -- 课程 n\n"),
        _er(_OK + "  relationship 选修: 学生 m -- 课程 n\n")),
    "FD902": (
        "Each end of a relationship says how many of its entity take part: 1, n, m (or *), or "
        "min..max such as 0..1 and 1..*. Write it after the entity's name: “班级 1 -- 学生 n” is a "
        "1:n relationship (one class, many students). Without it the relationship's kind, and "
        "the relational schema derived from it, are unknown.",
        "联系的每一端都要写出参与的个数：1、n、m（或 *），或 0..1、1..* 这样的“最小..最大”。写在实体名"
        "后面：“班级 1 -- 学生 n”就是 1:n 联系。没有它就无法确定联系的类型，也无法转换成关系模式。",
        _er(_OK + "  relationship 选修: 学生 m -- 课程\n"),
        _er(_OK + "  relationship 选修: 学生 m -- 课程 n\n")),
    "FD903": (
        "An attribute is listed twice in one entity (or relationship). Each attribute is "
        "one column of the relation: remove the second, or give it its own name.",
        "同一个实体（或联系）中同一属性写了两次。每个属性对应关系中的一列：请删去一个，或者改名。",
        _er("  entity 学生 (学号*, 姓名, 姓名)\n  entity 课程 (课程号*, 课程名)\n  relationship 选修: 学生 m -- 课程 n\n"),
        _er(_OK + "  relationship 选修: 学生 m -- 课程 n\n")),
    "FD904": (
        "An entity that takes part in no relationship (and no is-a) stands alone in the diagram: "
        "either a relationship is missing, or the entity does not belong to this model.",
        "实体不参与任何联系（也不在泛化中）：要么漏画了联系，要么这个实体不属于本模型。",
        _er(_OK + "  entity 教师 (工号*, 姓名)\n  relationship 选修: 学生 m -- 课程 n\n"),
        _er(_OK + "  entity 教师 (工号*, 姓名)\n  relationship 选修: 学生 m -- 课程 n\n"
            "  relationship 讲授: 教师 1 -- 课程 n\n")),
    "FD905": (
        "A relationship (or an is-a) names an entity the ER diagram does not declare, often a "
        "typing slip: the message suggests the nearest declared name.",
        "联系（或泛化）中引用的实体没有在ER图中声明，常常是笔误：提示会给出最接近的已声明名称。",
        _er(_OK + "  relationship 选修: 学生 m -- 课堂 n\n"),
        _er(_OK + "  relationship 选修: 学生 m -- 课程 n\n")),
    "FD906": (
        "The data dictionary defines the m:n relationship (a define with its name) with data "
        "items that belong to no entity it joins, such as 成绩 of 选修. In an m:n relationship such "
        "data belongs to the relationship itself (it becomes a column of the relationship's own "
        "relation): list it as the relationship's attributes.",
        "数据字典中定义了这个多对多联系（同名的“定义”），其中有不属于所连实体的数据项，如选修的成绩。"
        "多对多联系的这些数据属于联系本身（转换后是联系自己的关系中的列）：请把它们写成联系的属性。",
        "define 选修 = 学号 + 课程号 + 成绩\n" + _er(_OK + "  relationship 选修: 学生 m -- 课程 n\n"),
        "define 选修 = 学号 + 课程号 + 成绩\n" + _er(_OK + "  relationship 选修: 学生 m -- 课程 n (成绩)\n")),
    "FD907": (
        "A weak entity (weak / 弱实体) cannot be identified by its own attributes: it is identified "
        "through its owner, by an identifying relationship (identifying / 标识联系), drawn as a "
        "double diamond. Declare that relationship, or make the entity an ordinary one with a key.",
        "弱实体不能由自己的属性来标识，要通过它所依赖的实体、经由标识联系（双线菱形）来标识。请写出这个"
        "标识联系，或者把它改为有主键的普通实体。",
        "er 采购 {\n  entity 采购单 (单号*, 日期)\n  weak 明细 (行号*, 数量)\n  relationship 包含: 采购单 1 -- 明细 n\n}\n",
        "er 采购 {\n  entity 采购单 (单号*, 日期)\n  weak 明细 (行号*, 数量)\n  identifying 包含: 采购单 1 -- 明细 n\n}\n"),
    "FD908": (
        "A cardinality is 1, n, m (any one letter), *, or min..max with a number before the dots "
        "and a number, a letter or * after them (0..1, 1..*, 0..n).",
        "联系类型（基数）只能是 1、n、m（一个字母）、*，或“最小..最大”，点号前是数字，点号后是数字、"
        "字母或 *（如 0..1、1..*、0..n）。",
        _er(_OK + "  relationship 选修: 学生 m -- 课程 多\n"),
        _er(_OK + "  relationship 选修: 学生 m -- 课程 n\n")),
    "FD909": (
        "The key clause (key / 主键) names an attribute that is not in the entity's attribute list. "
        "List the key among the attributes (or mark it there with *).",
        "主键子句中的属性不在该实体的属性表里。请把主键写进属性表（或直接在属性后加 *）。",
        _er("  entity 学生 (学号, 姓名) key 学生号\n  entity 课程 (课程号*, 课程名)\n  relationship 选修: 学生 m -- 课程 n\n"),
        _er("  entity 学生 (学号, 姓名) key 学号\n  entity 课程 (课程号*, 课程名)\n  relationship 选修: 学生 m -- 课程 n\n")),
    "FD910": (
        "Two entities or relationships of one ER diagram have the same name. Each becomes a "
        "relation of the schema, so each needs its own name.",
        "同一张ER图中两个实体或联系同名。每个都会成为关系模式中的一个关系，所以名称必须不同。",
        _er(_OK + "  entity 学生 (编号*)\n  relationship 选修: 学生 m -- 课程 n\n"),
        _er(_OK + "  relationship 选修: 学生 m -- 课程 n\n")),
    "FD911": (
        "An identifying relationship (identifying / 标识联系) identifies a weak entity through its "
        "owner; this one joins no weak entity. Declare the dependent entity with weak / 弱实体, or "
        "write an ordinary relationship.",
        "标识联系用来经由所依赖的实体标识弱实体，但这个标识联系没有连接任何弱实体。请把依赖的实体声明为"
        "弱实体，或者改成普通联系。",
        _er(_OK + "  identifying 选修: 学生 m -- 课程 n\n"),
        _er(_OK + "  relationship 选修: 学生 m -- 课程 n\n")),
    "FD912": (
        "Following the is-a lines from an entity leads back to it: a subtype cannot be its own "
        "supertype. Remove the is-a that closes the circle.",
        "沿着泛化关系从一个实体出发又回到了它自己：子类不能是它自己的超类。请删去构成环的那条泛化。",
        "er 人事 {\n  entity 人员 (工号*)\n  entity 教师 (职称)\n  isa 人员: 教师\n  isa 教师: 人员\n}\n",
        "er 人事 {\n  entity 人员 (工号*)\n  entity 教师 (职称)\n  isa 人员: 教师\n}\n"),
}


def explanations(Explanation) -> dict:
    """FD901–FD912 as ``Explanation``s (the same entry point as explain_dict and explain_logic)."""
    return {code: Explanation(*texts) for code, texts in _TEXTS.items()}
