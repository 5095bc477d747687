"""Hostile labels: every payload in every place a label can go renders as literal
text, the SVG holds nothing active or external, and ``dot`` accepts the DOT.

Places: chart title (label and ``title``), title block value, unit / external unit
/ document / ledger / step / decision labels, module and control values, info and
goods edge labels, DFD title, entity / store / process labels, process location
and data flow labels.
"""

from __future__ import annotations

import os
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

import flowdsl
from flowdsl.render import view_to_dot
from flowdsl.render.backend import find_dot
from flowdsl.render.quote import clean_text

from conftest import needs_dot

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(document.cookie)",
    "<svg onload=alert(1)><foreignObject><body onload=alert(1)/></foreignObject></svg>",
    '<a xlink:href="javascript:alert(1)" href="http://evil.example/">x</a>',
    "<use href='http://evil.example/x.svg#a'/><image href='file:///etc/passwd'/>",
    "x</text><script>alert(1)</script><text>",
    '<style>*{background:url("http://evil.example/t.png")}</style>',
    "style=\"fill:url(http://evil.example/#x)\" onmouseover='alert(1)'",
    "]]><!-- <?xml-stylesheet href='http://evil.example/s.xsl'?> &amp; &#x3C; &lt; &",
    '"quoted" \\"escaped\\" back\\slash trailing\\',
    "<<B>bold</B>> <TABLE><TR><TD>cell</TD></TR></TABLE> <> {a|b} {{ }} | ||",
    "\\l \\N \\G \\E \\T \\H \\n \\r \\\\ \\",
    '<IMG SRC="/etc/passwd"/> ]; node [image="/etc/passwd" shapefile="/etc/passwd"]; x [label="',
    "} digraph { a -> b } subgraph cluster_x { label=<pwn> }",
    "ctl\x00\x01\x07\x08\x0b\x0c\x1b[31mred\x1b[0m\x7f\x85\x9f end",
    "rtl \u200f\u200e\u202e\u202d\u2066abc\u2069\u061c reversed",
    "zero\u200bwidth\u200c\u200d\u2060\ufeff joiners",
    "multi\nline\r\nlabel\rend\ttab",
    "Ω≈ç√∫ 𝐀𝐁 😀🇨🇳 ٱلعربية עברית ᚠᛇᚻ 采购“订货”单",
    "长" * 3400,
    "x" * 10_000,
]
IDS = ["script", "img-onerror", "javascript", "foreignObject", "xlink", "external-href", "close-text",
       "css-url", "attr-inject", "cdata-comment", "quotes-backslash", "html-label", "dot-escapes",
       "dot-image", "dot-structure", "controls", "bidi", "zero-width", "newlines", "unicode",
       "10k-cjk", "10k-ascii"]

SVG_NS = "{http://www.w3.org/2000/svg}"


def q(text: str) -> str:
    """``text`` as a flowdsl STRING token (every character kept)."""
    # a quoted text ends on its line (FD003): every line break is written as \\n
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def business(p: str) -> str:
    return f"""chart 恶意 {q(p)} {{
 block {{ 制图: {q(p)}; 审核: 教师 }}
 unit 甲 {q(p)}
 external 乙 {q(p)}
 document 单 {q(p)}
 ledger 帐 {q(p)}
 step 做 {q(p)} by 甲 makes 单 writes 帐 module {q(p)} control {q(p)}
 decision 判 {q(p)} by 甲
 start -> 做 -> 单 -[{q(p)}]-> 判
 判 -[F1 {q(p)}]-> 乙
 判 =[{q(p)}]=> end
}}
"""


def business_titled(p: str) -> str:
    return f"chart 标题 {{\n unit 甲\n step 做 by 甲\n start -> 做 -> end\n title {q(p)}\n}}\n"


def dfd(p: str) -> str:
    return f"""dfd 恶意图 {q(p)} {{
 entity E1 用户 {q(p)}
 store S1 库存 {q(p)}
 process P1 处理 {q(p)} at {q(p)}
 E1 -[F1 {q(p)}]-> P1
 P1 -[F2 {q(p)}]-> S1
 S1 -[F3 记录]-> P1
 P1 -[F4 回单]-> E1
}}
"""


def squash(text: str) -> str:
    """Text without whitespace (lines may be wrapped anywhere)."""
    return re.sub(r"\s+", "", text)


def text_runs(root) -> list[str]:
    """The text of every <text> (its <tspan> lines joined) and <title>."""
    out = []
    for el in root.iter():
        if el.tag in (f"{SVG_NS}text", f"{SVG_NS}title"):
            out.append(squash("".join(el.itertext())))
    return out


def assert_inert(svg: bytes) -> ET.Element:
    """No active content and no external reference anywhere in the SVG."""
    lowered = svg.lower()
    for needle in (b"<script", b"<foreignobject", b"javascript:", b"<iframe", b"<object", b"<embed",
                   b"<image", b"<use", b"<style", b"<!entity", b"<!doctype", b"<?xml-stylesheet", b"<a ",
                   b"onload=", b"onerror=", b"onmouseover="):
        assert needle not in lowered, needle
    root = ET.fromstring(svg)  # well-formed, or this raises
    for el in root.iter():
        tag = el.tag.split("}")[-1].lower()
        assert tag not in ("script", "foreignobject", "iframe", "object", "embed", "image", "use", "a",
                           "style", "animate", "set", "handler", "listener"), tag
        for name, value in el.attrib.items():
            local = name.split("}")[-1].lower()
            assert not local.startswith("on"), (tag, name, value)
            assert "javascript" not in value.lower().replace(" ", ""), (tag, name)
            if local in ("href", "src"):
                assert value.startswith("#"), (tag, name, value)
            for url in re.findall(r"url\(\s*['\"]?([^)'\"]*)", value, re.I):
                assert url.startswith("#"), (tag, name, value)
    return root


def assert_literal(root, payload: str, at_least: int) -> None:
    """The payload, as the user typed it (minus stripped control characters),
    is the text of at least ``at_least`` text elements."""
    want = squash(clean_text(payload))
    assert want, "payload vanished completely"
    hits = [t for t in text_runs(root) if want in t]
    assert len(hits) >= at_least, (want[:80], [t[:80] for t in text_runs(root)][:20])


def html_label_markup(code: str) -> str:
    """``code`` with the text inside HTML-like labels (``label=<...>``) removed,
    leaving only their tags (student text there is escaped, so it has no ``<``)."""
    out: list[str] = []
    in_label = in_tag = False
    for i, ch in enumerate(code):
        if not in_label:
            in_label = ch == "<" and code[max(0, i - 1)] in "= \t"
            out.append(ch)
        elif ch == "<":
            in_tag = True
            out.append(ch)
        elif ch == ">":
            in_label = in_tag
            in_tag = False
            out.append(ch)
        elif in_tag:
            out.append(ch)
    return "".join(out)


def dot_accepts(dot: bytes) -> None:
    proc = subprocess.run([find_dot(), "-Tcanon"], input=dot, capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert b"syntax error" not in proc.stderr
    # outside quoted strings and comments (student text is only ever inside those):
    # no attribute that loads a file or links out, and HTML labels hold only tables
    code = re.sub(r'"(\\.|[^"\\])*"', '""', dot.decode("utf-8"))
    code = re.sub(r"^\s*//.*$", "", code, flags=re.M)
    code = html_label_markup(code)
    assert not re.search(r"\b(image|shapefile|imagepath|fontpath|href|URL|stylesheet|fontnames)\s*=", code, re.I)
    tags = {t.upper() for t in re.findall(r"</?([A-Za-z]+)", code)}
    assert tags <= {"TABLE", "TR", "TD", "BR", "FONT", "HR"}, tags   # (HR: a rule between rows)


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_parse_keeps_payload_literally(payload):
    case = flowdsl.parse(business(payload))
    assert case.ok, case.format_diagnostics()
    chart = case.model.charts[0]
    assert chart.title == payload.replace("\r\n", "\n").replace("\r", "\n")
    assert chart.element("甲").label == chart.title
    assert [e.label for e in chart.edges if e.src == "单"] == [chart.title]


@needs_dot
@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_business_chart_renders_payload_as_text(payload):
    case = flowdsl.parse(business(payload))
    assert case.ok, case.format_diagnostics()
    (diagram,) = case.views
    dot = diagram.render("dot")
    dot_accepts(dot)
    root = assert_inert(diagram.render("svg"))
    # title, block value, 2 units, document, ledger, step, decision, 3 edge labels
    assert_literal(root, payload, at_least=9)


@needs_dot
@pytest.mark.parametrize("payload", PAYLOADS[:12] + PAYLOADS[14:20], ids=IDS[:12] + IDS[14:20])
def test_title_statement_payload(payload):
    case = flowdsl.parse(business_titled(payload))
    assert case.ok, case.format_diagnostics()
    root = assert_inert(case.views[0].render("svg"))
    assert_literal(root, payload, at_least=1)


@needs_dot
@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_dfd_renders_payload_as_text(payload):
    case = flowdsl.parse(dfd(payload))
    errors = [d for d in case.diagnostics if d.severity == "error"]
    assert not errors, case.format_diagnostics()
    assert case.views, "the DFD has no view"
    for diagram in case.views:
        dot_accepts(diagram.render("dot"))
        root = assert_inert(diagram.render("svg"))
        assert_literal(root, payload, at_least=2)


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_diagnostics_print_payload_inertly(payload):
    """A payload in an undefined name's line: the printed diagnostic holds no
    terminal control sequence and no bidi override."""
    case = flowdsl.parse(f"chart a {{\n unit 甲 {q(payload)}\n 甲 -> 未定义 -[{q(payload)}]-> 甲\n}}\n")
    out = case.format_diagnostics()
    assert "FD101" in out
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)


@pytest.mark.parametrize("bad", [
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><g onload="x"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><a x:href="http://e/">t</a></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://e/x)"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&lt;</svg>',
])
def test_inertness_oracle_rejects_active_svg(bad):
    """The checks above can fail: each of these is refused."""
    with pytest.raises((AssertionError, ET.ParseError)):
        assert_inert(bad)


def test_dot_oracle_rejects_injected_attributes():
    with pytest.raises(AssertionError):
        dot_accepts(b'digraph { a [image="/etc/passwd"] }')
    with pytest.raises(AssertionError):
        dot_accepts(b'digraph { a [label=<<IMG SRC="/etc/passwd"/>>] }')


def test_no_construct_reads_files_or_runs_code(monkeypatch):
    """Parsing, checking and DOT generation of a file full of paths, URLs and
    include-like text opens no file and starts no process."""
    import builtins
    import subprocess as sp

    text = business('<!ENTITY x SYSTEM "file:///etc/passwd">&x; @import "/etc/passwd"; %include /etc/passwd') \
        + '\ncase x "$(cat /etc/passwd)"\ntitle "`id`; {{7*7}} ${7*7} {% include \'/etc/passwd\' %}"\n'
    flowdsl.parse("chart warm {\n unit a\n}")  # the grammar is loaded once (from the package)

    def refuse(*args, **kwargs):
        raise AssertionError(f"opened or ran {args[:1]}")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.setattr(sp, "Popen", refuse)
    case = flowdsl.parse(text)
    # the layout DOT (the plain DOT of render("dot") is written from Graphviz's layout of it)
    dot = [view_to_dot(v.view).encode("utf-8") for v in case.views]
    monkeypatch.undo()
    assert case.ok, case.format_diagnostics()
    assert case.model.title == "`id`; {{7*7}} ${7*7} {% include '/etc/passwd' %}"
    assert b"49" not in dot[0] and b"root:" not in dot[0]
