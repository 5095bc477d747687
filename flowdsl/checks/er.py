"""The ER diagram rules FD901–FD912 (issue 14), one small function per rule.

``run(case)`` checks every ER diagram of the case and applies the severities written
inside each (``级别 FD904 关闭``). Names in relationships are resolved here (FD905 with
did-you-mean); the other rules skip what an undefined name leaves open.
"""

from __future__ import annotations

from ..diagnostics.diagnostic import Diagnostic
from ..model.er import ErDiagram, card_max_many, card_ok
from ..model.names import did_you_mean_both


def _d(code, severity, message, span, hint, zh, hint_zh) -> Diagnostic:
    return Diagnostic(code, severity, message, span, hint, message_zh=zh, hint_zh=hint_zh)


def fd901_no_key(er: ErDiagram, case, keywords: str = "en") -> list[Diagnostic]:
    subtypes = {c for i in er.isas for c in i.children}
    out = []
    for e in er.entities:
        if e.weak or e.keys or e.name in subtypes or e.unresolved_key:   # FD909 said it
            continue
        first = e.attrs[0].name if e.attrs else "编号"
        out.append(_d("FD901", "error", f"entity “{e.name}” has no key", e.name_span or e.span,
                      f"mark the attribute that tells one {e.name} from another with *: ({first}*, …)",
                      f"实体“{e.name}”没有主键",
                      f"用 * 标出能区分每个{e.name}的属性（主码）：（{first}*，…），或写“主键 {first}”"))
    return out


def fd902_fd908_cards(er: ErDiagram, case, keywords: str = "en") -> list[Diagnostic]:
    out = []
    for r in er.relationships:
        for end in r.ends:
            if end.card is None:
                out.append(_d("FD902", "error",
                              f"end “{end.entity}” of relationship “{r.name}” has no cardinality", end.span,
                              f"write 1, n or m after it (“{end.entity} 1”, “{end.entity} n”), or 0..1 / 1..*",
                              f"联系“{r.name}”中“{end.entity}”一端没有写联系类型",
                              f"在它后面写上 1、n 或 m（如“{end.entity} n”），或写 0..1、1..*"))
            elif not card_ok(end.card):
                out.append(_d("FD908", "error", f"“{end.card}” is not a cardinality",
                              end.card_span or end.span,
                              "write 1, n, m, * or min..max such as 0..1, 1..*",
                              f"“{end.card}”不是联系类型（基数）", "请写 1、n、m、* 或 0..1、1..* 这样的“最小..最大”"))
    return out


def fd903_duplicate_attr(er: ErDiagram, case, keywords: str = "en") -> list[Diagnostic]:
    out = []
    owners = [("entity", e.name, e.attrs) for e in er.entities] + \
             [("relationship", r.name, r.attrs) for r in er.relationships]
    for what, name, attrs in owners:
        seen: dict[str, object] = {}
        for a in attrs:
            if a.name in seen:
                what_zh = "实体" if what == "entity" else "联系"
                out.append(_d("FD903", "error", f"attribute “{a.name}” of {what} “{name}” is declared twice", a.span,
                              f"the first is at line {seen[a.name].line}; remove one or rename it",
                              f"{what_zh}“{name}”的属性“{a.name}”重复了",
                              f"第一个在第 {seen[a.name].line} 行；请删去一个或改名"))
            else:
                seen[a.name] = a.span
    return out


def _suggested(er: ErDiagram) -> set[str]:
    """Entities suggested for a misspelt name: perhaps in a relationship after all."""
    from ..model.names import suggest

    names = [e.name for e in er.entities]
    refs = [x.entity for r in er.relationships for x in r.ends]
    refs += [i.parent for i in er.isas] + [c for i in er.isas for c in i.children]
    return {s for s in (suggest(n, names) for n in refs if n not in names) if s}


def fd904_lonely(er: ErDiagram, case, keywords: str = "en") -> list[Diagnostic]:
    used = {x.entity for r in er.relationships for x in r.ends}
    used |= {i.parent for i in er.isas} | {c for i in er.isas for c in i.children}
    used |= _suggested(er)
    if len(er.entities) < 2:
        return []
    other = next(iter(e.name for e in er.entities), "")
    out = []
    for e in er.entities:
        if e.name in used:
            continue
        partner = next((x.name for x in er.entities if x.name != e.name), other)
        out.append(_d("FD904", "warning", f"entity “{e.name}” takes part in no relationship", e.name_span or e.span,
                      f"join it to the others, e.g. “relationship 属于: {e.name} n -- {partner} 1”, or remove it",
                      f"实体“{e.name}”不参与任何联系",
                      f"用联系把它和其他实体连起来，如“联系 属于: {e.name} n -- {partner} 1”，或者删去它"))
    return out


def _name_only(span, name: str):
    """The span of an end's entity name (the end's span also covers its cardinality)."""
    from dataclasses import replace

    return replace(span, end_line=span.line, end_column=span.column + len(name))


def fd905_undefined(er: ErDiagram, case, keywords: str = "en") -> list[Diagnostic]:
    names = [e.name for e in er.entities]
    known = set(names)
    refs = [(x.entity, _name_only(x.span, x.entity), f"relationship “{r.name}”", f"联系“{r.name}”")
            for r in er.relationships for x in r.ends]
    for i in er.isas:
        refs.append((i.parent, i.parent_span, "is-a", "泛化"))
        refs += [(c, sp, "is-a", "泛化") for c, sp in zip(i.children, i.children_span)]
    out = []
    for name, span, where, where_zh in refs:
        if name in known:
            continue
        en, zh = did_you_mean_both(name, names)
        out.append(_d("FD905", "error", f"{where} names “{name}”, which is not an entity of ER diagram “{er.name}”",
                      span, en or f"declare it: “{'实体' if keywords == 'zh' else 'entity'} {name} ({name}编号*)”",
                      f"{where_zh}中的“{name}”不是ER图“{er.name}”中的实体",
                      zh or f"请先声明：“实体 {name} ({name}编号*)”"))
    return out


def fd906_mn_without_data(er: ErDiagram, case, keywords: str = "en") -> list[Diagnostic]:
    defs = {d.name: d for d in getattr(case, "definitions", []) or []}
    out = []
    for r in er.relationships:
        if r.attrs or sum(card_max_many(x.card) for x in r.ends) < 2:
            continue
        d = defs.get(r.name) or (defs.get(r.label) if r.label else None)
        if d is None:
            continue
        taken: set[str] = set()
        for x in r.ends:
            ent = er.entity(x.entity)
            taken.add(x.entity)
            if ent is not None:
                taken |= {a.name for a in ent.attrs}
        data = [p for p in dict.fromkeys(d.parts) if p not in taken]
        if not data:
            continue
        items = ", ".join(data)
        ends = " -- ".join(f"{x.entity} {x.card}" for x in r.ends)
        out.append(_d("FD906", "warning",
                      f"m:n relationship “{r.name}” has no attributes, but the dictionary gives it {items}",
                      r.span, f"the data of an m:n relationship belongs to it: “relationship {r.name}: {ends} ({items})”",
                      f"多对多联系“{r.name}”没有属性，但数据字典中它有 {'、'.join(data)}",
                      f"多对多联系的数据属于联系本身：“联系 {r.name}: {ends} ({', '.join(data)})”"))
    return out


def fd907_fd911_weak(er: ErDiagram, case, keywords: str = "en") -> list[Diagnostic]:
    weak = {e.name for e in er.entities if e.weak}
    out = []
    identified = {x.entity for r in er.relationships if r.identifying for x in r.ends}
    for e in er.entities:
        if not e.weak or e.name in identified:
            continue
        plain = next((r for r in er.relationships if any(x.entity == e.name for x in r.ends)), None)
        if plain is not None:
            hint = f"write “identifying {plain.name}: …” instead of “relationship {plain.name}: …”"
            hint_zh = f"把“联系 {plain.name}”改成“标识联系 {plain.name}”"
        else:
            hint = f"add the relationship to its owner: “identifying 包含: 主体 1 -- {e.name} n”"
            hint_zh = f"加上它与所依赖实体之间的标识联系：“标识联系 包含: 主体 1 -- {e.name} n”"
        out.append(_d("FD907", "error", f"weak entity “{e.name}” has no identifying relationship", e.name_span or e.span,
                      hint, f"弱实体“{e.name}”没有标识联系", hint_zh))
    for r in er.relationships:
        if r.identifying and not any(x.entity in weak for x in r.ends):
            out.append(_d("FD911", "warning", f"identifying relationship “{r.name}” joins no weak entity", r.name_span or r.span,
                          "declare the dependent entity with “weak”, or make it a plain relationship",
                          f"标识联系“{r.name}”没有连接弱实体",
                          "把依赖的实体声明为“弱实体”，或者改成普通的“联系”"))
    return out


def fd910_duplicate_names(er: ErDiagram, case, keywords: str = "en") -> list[Diagnostic]:
    seen: dict[str, object] = {}
    out = []
    for what, zh, item in [("entity", "实体", e) for e in er.entities] + \
                          [("relationship", "联系", r) for r in er.relationships]:
        if item.name in seen:
            out.append(_d("FD910", "error", f"“{item.name}” is used twice in ER diagram “{er.name}” ({what})",
                          item.name_span or item.span, f"the first is at line {seen[item.name].line}; give each a different name",
                          f"ER图“{er.name}”中{zh}名称“{item.name}”重复了",
                          f"第一个在第 {seen[item.name].line} 行；请给它们起不同的名称"))
        else:
            seen[item.name] = item.span
    return out


def fd912_isa_cycle(er: ErDiagram, case, keywords: str = "en") -> list[Diagnostic]:
    """Reported once, at the is-a that closes the circle (source order)."""
    parents: dict[str, set[str]] = {}
    out = []
    for i in er.isas:
        for c, sp in zip(i.children, i.children_span):
            stack, seen = [i.parent], set()
            while stack:
                x = stack.pop()
                if x == c:
                    out.append(_d("FD912", "error", f"“{c}” is, through is-a, a kind of itself", sp,
                                  "a subtype cannot also be its supertype's supertype: remove one is-a",
                                  f"通过泛化关系，“{c}”成了它自己的子类", "子类不能又是其超类的超类：请删去一条泛化"))
                    break
                if x not in seen:
                    seen.add(x)
                    stack.extend(parents.get(x, ()))
            else:
                parents.setdefault(c, set()).add(i.parent)
    return out


RULES = [fd901_no_key, fd902_fd908_cards, fd903_duplicate_attr, fd904_lonely, fd905_undefined,
         fd906_mn_without_data, fd907_fd911_weak, fd910_duplicate_names, fd912_isa_cycle]


def run(case, keywords: str = "en") -> list[Diagnostic]:
    """Every ER rule on every ER diagram; ``keywords``: the file's, for the examples in hints
    (an ER “实体”, which the shared localising would spell as the DFD's 外部实体)."""
    from . import apply_severities

    out: list[Diagnostic] = []
    for er in case.ers:
        found: list[Diagnostic] = []
        for rule in RULES:
            found.extend(rule(er, case, keywords))
        out.extend(apply_severities(found, er.severities))
    return out
