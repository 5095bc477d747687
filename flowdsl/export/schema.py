"""ER diagram → relational schema (关系模式) and SQL DDL (issue 14).

The textbook rules: every entity becomes a relation with its attributes, the key its
primary key; a weak entity takes its owner's key (primary key: owner's key + partial
key); a subtype (is-a) takes its supertype's key as primary and foreign key; a 1:n
relationship puts the "1" side's key (and the relationship's attributes) into the "n"
side as a foreign key; 1:1 puts it into the second entity; m:n, and any relationship of
more than two entities, becomes a relation of its own holding every end's key.

``schema(er)`` gives :class:`Relation` s; ``to_markdown`` / ``to_html`` print them as
``学生(<u>学号</u>, 姓名, *班级号*)`` with the foreign keys listed, ``to_sql`` writes
``CREATE TABLE`` for SQLite, MySQL or PostgreSQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.er import ErDiagram, card_max_many

DIALECTS = ("sqlite", "mysql", "postgresql")


@dataclass
class Column:
    name: str
    type: str | None = None
    pk: bool = False
    fk: tuple[str, str] | None = None     #: (relation, column) it refers to


@dataclass
class Relation:
    name: str
    columns: list[Column] = field(default_factory=list)
    source: str = "entity"                #: entity / weak / subtype / relationship

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def foreign_keys(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(referenced relation, [(column, referenced column)]) in column order."""
        out: dict[str, list[tuple[str, str]]] = {}
        for c in self.columns:
            if c.fk:
                out.setdefault(c.fk[0], []).append((c.name, c.fk[1]))
        return list(out.items())


def _add(rel: Relation, name: str, type_: str | None, pk: bool = False, fk=None) -> None:
    old = rel.column(name)
    if old is None:
        rel.columns.append(Column(name, type_, pk, fk))
        return
    old.pk = old.pk or pk
    old.fk = old.fk or fk
    old.type = old.type or type_


def schema(er: ErDiagram) -> list[Relation]:
    """The relations of ``er`` (a checked diagram: every entity has its key)."""
    rels: dict[str, Relation] = {}
    for e in er.entities:
        r = Relation(e.name, source="weak" if e.weak else "entity")
        for a in e.attrs:
            _add(r, a.name, a.type, a.key)
        rels[e.name] = r

    def keys(name: str) -> list[Column]:
        return [c for c in rels[name].columns if c.pk] if name in rels else []

    def take_key(into: Relation, owner: str, pk: bool, prefix: str = "", front: bool = False) -> None:
        taken = []
        for k in keys(owner):
            _add(into, prefix + k.name, k.type, pk, (owner, k.name))
            taken.append(prefix + k.name)
        if front:   # the owner's (supertype's) key first: 明细(采购单号, 行号, …)
            into.columns.sort(key=lambda c: c.name not in taken)

    # subtypes and weak entities first: their keys come from others (in an order where
    # the others are done: the supertype chain, the owners)
    for i in er.isas:
        for c in i.children:
            if c in rels and i.parent in rels:
                take_key(rels[c], i.parent, True, front=True)
                rels[c].source = "subtype"
    for r in er.relationships:
        if r.identifying:
            weak = [x.entity for x in r.ends if (er.entity(x.entity) or _NONE).weak]
            for w in weak:
                for x in r.ends:
                    if x.entity != w and x.entity in rels:
                        take_key(rels[w], x.entity, True, front=True)
    out = list(rels.values())
    for r in er.relationships:
        ends = [x for x in r.ends if x.entity in rels]
        many = [card_max_many(x.card) for x in ends]
        if r.identifying:
            for x in ends:   # the relationship's own attributes go with the weak entity
                if (er.entity(x.entity) or _NONE).weak:
                    for a in r.attrs:
                        _add(rels[x.entity], a.name, a.type)
            continue
        if len(ends) == 2 and not all(many):
            one, other = (ends[0], ends[1]) if not many[0] else (ends[1], ends[0])
            if not many[0] and not many[1]:
                one, other = ends[0], ends[1]       # 1:1: the key of the first into the second
            target = rels[other.entity]
            clash = any((c := target.column(k.name)) is not None and c.fk is not None and c.fk[0] != one.entity
                        for k in keys(one.entity))
            # a second key of the same name (two relationships with employees): 审核工号
            prefix = r.name if one.entity == other.entity or clash else ""
            take_key(target, one.entity, False, prefix)
            for a in r.attrs:
                _add(target, a.name, a.type)
            continue
        own = Relation(r.name, source="relationship")
        pk_ends = [x for x, m in zip(ends, many) if m] or ends
        seen: set[str] = set()
        for x in ends:
            prefix = x.entity if x.entity in seen else ""
            seen.add(x.entity)
            take_key(own, x.entity, x in pk_ends, prefix)
        for a in r.attrs:
            _add(own, a.name, a.type, a.key)
        out.append(own)
    return _ordered(out)


class _None:
    weak = False


_NONE = _None()


def _ordered(rels: list[Relation]) -> list[Relation]:
    """Referenced relations before the ones referring to them (PostgreSQL needs it);
    otherwise source order."""
    names = {r.name for r in rels}
    done: list[Relation] = []
    placed: set[str] = set()
    pending = list(rels)
    while pending:
        for r in pending:
            needs = {c.fk[0] for c in r.columns if c.fk and c.fk[0] != r.name} & names
            if needs <= placed:
                break
        else:
            r = pending[0]    # a cycle of references: keep source order
        pending.remove(r)
        done.append(r)
        placed.add(r.name)
    return done


# ---------------------------------------------------------------- text

def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text)


def _html(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def _relation_text(r: Relation, esc, key, fk) -> str:
    cols = []
    for c in r.columns:
        t = esc(c.name)
        if c.pk:
            t = key(t)
        if c.fk:
            t = fk(t)
        cols.append(t)
    return f"{esc(r.name)}({', '.join(cols)})"


def to_markdown(rels: list[Relation], title: str | None = None) -> str:
    """``学生(<u>学号</u>, 姓名, *班级号*)``: keys underlined, foreign keys in italics, each
    relation's foreign keys listed under it."""
    out = [f"## {_md_escape(title)}", ""] if title else []
    for r in rels:
        out.append("- " + _relation_text(r, _md_escape, lambda t: f"<u>{t}</u>", lambda t: f"*{t}*"))
        for ref, pairs in r.foreign_keys:
            cols = ", ".join(_md_escape(a) for a, _ in pairs)
            out.append(f"  - 外码 foreign key: {cols} → {_md_escape(ref)}({', '.join(_md_escape(b) for _, b in pairs)})")
    return "\n".join(out) + "\n"


def to_html(rels: list[Relation], title: str | None = None) -> str:
    head = _html(title or "关系模式")
    items = []
    for r in rels:
        fks = "".join(f"<li>外码 foreign key: {_html(', '.join(a for a, _ in p))} → {_html(ref)}"
                      f"({_html(', '.join(b for _, b in p))})</li>" for ref, p in r.foreign_keys)
        text = _relation_text(r, _html, lambda t: f"<u>{t}</u>", lambda t: f"<em>{t}</em>")
        items.append(f"<li>{text}{f'<ul>{fks}</ul>' if fks else ''}</li>")
    return ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
            f"<title>{head}</title></head>\n<body>\n<h2>{head}</h2>\n<ul class=\"schema\">\n"
            + "\n".join(items) + "\n</ul>\n</body></html>\n")


# ---------------------------------------------------------------- SQL

_TYPES = [  # (words, sqlite, mysql, postgresql); {0}/{1}: the type's numbers
    (("整数", "整型", "int", "integer", "smallint", "bigint"), "INTEGER", "INT", "INTEGER"),
    (("数值", "小数", "金额", "decimal", "numeric", "money"), "NUMERIC", "DECIMAL", "NUMERIC"),
    (("实数", "浮点", "float", "real", "double"), "REAL", "DOUBLE", "DOUBLE PRECISION"),
    (("日期", "date"), "DATE", "DATE", "DATE"),
    (("时间", "日期时间", "datetime", "timestamp"), "TIMESTAMP", "DATETIME", "TIMESTAMP"),
    (("布尔", "逻辑", "bool", "boolean"), "BOOLEAN", "BOOLEAN", "BOOLEAN"),
    (("文本", "长文本", "text"), "TEXT", "TEXT", "TEXT"),
    (("字符", "字符串", "varchar", "string", "char"), "VARCHAR", "VARCHAR", "VARCHAR"),
]
_TYPE_RE = re.compile(r"\s*([^\W\d]\w*?)\s*(?:\(\s*(\d{1,4})\s*(?:,\s*(\d{1,3})\s*)?\))?\s*", re.U)


def sql_type(text: str | None, dialect: str, key: bool = False) -> str:
    """The column type in ``dialect``; an untyped or unknown type is a string type
    (VARCHAR(64) where a key needs a length, TEXT in SQLite).

    >>> sql_type("数值(8,2)", "mysql"), sql_type("整数", "postgresql"), sql_type(None, "sqlite")
    ('DECIMAL(8,2)', 'INTEGER', 'TEXT')
    """
    idx = DIALECTS.index(dialect) + 1
    m = _TYPE_RE.fullmatch(text or "")
    if m:
        word = m.group(1).lower()
        for row in _TYPES:
            if word in row[0]:
                base = row[idx]
                if base in ("NUMERIC", "DECIMAL") and m.group(2):
                    return f"{base}({m.group(2)}{',' + m.group(3) if m.group(3) else ''})"
                if base == "VARCHAR":
                    return f"VARCHAR({m.group(2) or 64})" if word != "char" else f"CHAR({m.group(2) or 1})"
                return base
    return "TEXT" if dialect == "sqlite" and not key else "VARCHAR(64)"


def quote_ident(name: str, dialect: str) -> str:
    """>>> quote_ident('a"b', "sqlite"), quote_ident("a`b", "mysql")
    ('"a""b"', '`a``b`')"""
    if dialect == "mysql":
        return "`" + name.replace("`", "``") + "`"
    return '"' + name.replace('"', '""') + '"'


def to_sql(rels: list[Relation], dialect: str = "sqlite", title: str | None = None) -> str:
    if dialect not in DIALECTS:
        raise ValueError(f"unknown SQL dialect {dialect!r}; expected one of {', '.join(DIALECTS)}")
    q = lambda n: quote_ident(n, dialect)  # noqa: E731
    out = [f"-- {(title or '关系模式').replace(chr(10), ' ')} ({dialect})", ""]
    for r in rels:
        lines = []
        for c in r.columns:
            null = " NOT NULL" if c.pk else ""
            lines.append(f"  {q(c.name)} {sql_type(c.type, dialect, c.pk or bool(c.fk))}{null}")
        pk = [c.name for c in r.columns if c.pk]
        if pk:
            lines.append(f"  PRIMARY KEY ({', '.join(q(n) for n in pk)})")
        for ref, pairs in r.foreign_keys:
            lines.append(f"  FOREIGN KEY ({', '.join(q(a) for a, _ in pairs)}) "
                         f"REFERENCES {q(ref)} ({', '.join(q(b) for _, b in pairs)})")
        tail = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4" if dialect == "mysql" else ""
        out.append(f"CREATE TABLE {q(r.name)} (\n" + ",\n".join(lines) + f"\n){tail};\n")
    return "\n".join(out)
