"""The data dictionary as a textbook prints it: one card (条目) per entry, grouped by kind
(数据项, 数据结构, 数据流, 数据存储, 处理逻辑, 外部实体), as Markdown and CSV (the HTML cards
are :mod:`flowdsl.export.dict_html`). Everything comes from the complete dictionary
(``model.dictionary_fill.complete``): what the diagram says is filled in."""

from __future__ import annotations

import csv
import html
import io

from ..model.dict_fields import LABEL_EN, LABEL_ZH
from ..model.dictionary import KIND_EN, KIND_ZH, KINDS

#: kind -> the card's rows; a row is one field or two side by side
ROWS: dict[str, tuple[tuple[str, ...], ...]] = {
    "item": (("name", "ids"), ("alias",), ("description",), ("type", "length"), ("range",)),
    "structure": (("name", "ids"), ("alias",), ("description",), ("composition",)),
    "flow": (("name", "ids"), ("alias",), ("description",), ("sources",), ("destinations",),
             ("composition",), ("volume", "peak")),
    "store": (("name", "ids"), ("alias",), ("description",), ("composition",), ("key",),
              ("inputs",), ("outputs",), ("volume", "access")),
    "process": (("name", "ids"), ("alias",), ("description",), ("inputs",), ("outputs",),
                ("logic",), ("creates",), ("frequency",)),
    "entity": (("name", "ids"), ("alias",), ("description",), ("outputs",), ("inputs",)),
}
#: labels that read differently on one kind's card
_LABEL_ZH_KIND = {("store", "volume"): "数据量", ("flow", "sources"): "数据流来源",
                  ("flow", "destinations"): "数据流去向", ("item", "description"): "含义"}
_LABEL_EN_KIND = {("store", "volume"): "data volume", ("entity", "outputs"): "flows it sends",
                  ("entity", "inputs"): "flows it receives", ("item", "description"): "meaning"}
#: fields shown even when empty (the card of a textbook has them as blanks to fill in)
_ALWAYS = {"name", "ids", "description", "composition", "sources", "destinations", "inputs", "outputs"}


def label(kind: str, key: str, lang: str) -> str:
    if lang == "zh":
        return _LABEL_ZH_KIND.get((kind, key)) or (KIND_ZH[kind] + "名称" if key == "name" else LABEL_ZH[key])
    return _LABEL_EN_KIND.get((kind, key)) or LABEL_EN[key]


def value(e, key: str, lang: str) -> str:
    sep = "、" if lang == "zh" else ", "
    if key == "name":
        return e.name
    if key == "ids":
        return e.shown_id
    if key == "composition":
        return f"{e.name} = {e.expr}" if e.composition is not None else ""
    v = getattr(e, key)
    if isinstance(v, list):
        return sep.join(v)
    return v or ""


def card_rows(e, lang: str = "zh") -> list[list[tuple[str, str, str]]]:
    """The rows of ``e``'s card: [(field, label, text), …] per row; empty optional fields left out."""
    out = []
    for row in ROWS[e.kind]:
        cells = [(k, label(e.kind, k, lang), value(e, k, lang)) for k in row]
        if all(not t and k not in _ALWAYS for k, _, t in cells):
            continue
        out.append(cells)
    return out


def grouped(dictionary):
    """(kind, entries) for every kind that has entries, in the course's order."""
    for k in KINDS:
        es = dictionary.of_kind(k)
        if es:
            yield k, es


def kind_title(kind: str, lang: str) -> str:
    return f"{KIND_ZH[kind]}条目" if lang == "zh" else f"{KIND_EN[kind]} entries"


def _md(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", "<br>")


def to_markdown(dictionary, lang: str = "zh", logic_md: dict[str, str] | None = None) -> str:
    """The whole dictionary as Markdown: a heading per kind, a two-column table per entry.
    ``logic_md``: process name -> a Markdown block shown under its card (structured English,
    a decision table …)."""
    title = dictionary.title or ("数据字典" if lang == "zh" else "Data dictionary")
    out = [f"# {_md(title)}", ""]
    item_h, text_h = ("项目", "内容") if lang == "zh" else ("field", "value")
    for kind, entries in grouped(dictionary):
        out += [f"## {kind_title(kind, lang)}", ""]
        for e in entries:
            head = f"{e.shown_id} {e.name}".strip()
            out += [f"### {_md(head)}", "", f"| {item_h} | {text_h} |", "|---|---|"]
            for row in card_rows(e, lang):
                for _, lab, text in row:
                    out.append(f"| {_md(lab)} | {_md(text)} |")
            out.append("")
            if logic_md and e.kind == "process" and e.name in logic_md:
                out += [logic_md[e.name].rstrip(), ""]
    return "\n".join(out).rstrip() + "\n"


CSV_FIELDS = ("ids", "name", "alias", "description", "composition", "sources", "destinations", "inputs",
              "outputs", "type", "length", "range", "volume", "peak", "key", "access", "frequency",
              "logic", "creates")


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (=, +, -, @ first)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(dictionary, lang: str = "zh") -> bytes:
    """One row per entry (kind, then every field), UTF-8 with a BOM and CRLF, so that Excel
    and WPS open it as is."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["类别" if lang == "zh" else "kind"] + [(LABEL_ZH if lang == "zh" else LABEL_EN)[k] for k in CSV_FIELDS])
    for kind, entries in grouped(dictionary):
        for e in entries:
            w.writerow([KIND_ZH[kind] if lang == "zh" else KIND_EN[kind]]
                       + [_csv_safe(value(e, k, lang)) for k in CSV_FIELDS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
