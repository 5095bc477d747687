r"""Quoting and escaping for the two languages the renderer writes: DOT and SVG/XML.

Everything here is pure and has no dependencies. Labels come from students, so every
function assumes hostile input: control characters are stripped, every character
that has a meaning in the target syntax is escaped, and the result can only ever be
literal text.

>>> quote_id("n1")
'n1'
>>> quote_id("graph")          # a DOT keyword must be quoted
'"graph"'
>>> print(quote_id('a"b'))
"a\"b"
>>> print(dot_label('say "hi"\nback\\slash \\l'))
say \"hi\"\nback\\slash \\l
>>> xml_escape('<script>alert("x")</script>')
'&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
"""

from __future__ import annotations

import re

__all__ = [
    "svg_text", "clean_text", "quote_id", "dot_string", "dot_label", "html_label_text",
    "xml_escape", "xml_attr", "css_ident",
]

# C0 controls except TAB/LF, DEL, C1 controls, lone surrogates, the Unicode
# non-characters XML 1.0 forbids, and the bidi override / isolate controls (they can
# visually reorder a label, which is a classic way to disguise text).
_CONTROL_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
    "\u202a-\u202e\u2066-\u2069]"
)
_ID_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_NUMERAL_RE = re.compile(r"-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)\Z")
_DOT_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})


def clean_text(text: object) -> str:
    """Return ``text`` as a str without control characters.

    Newlines are kept (they are line breaks), ``\\r\\n`` and ``\\r`` become ``\\n``,
    tabs become a space.

    >>> clean_text("a\\x00b\\r\\nc\\td\\u202e")
    'ab\\nc d'
    >>> clean_text(None)
    ''
    """
    if text is None:
        return ""
    s = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL_RE.sub("", s)


def _escape_dot(s: str) -> str:
    # Backslash first, so the escapes added afterwards are not doubled.
    return s.replace("\\", "\\\\").replace('"', '\\"')


def quote_id(ident: object) -> str:
    """A DOT ID: bare when it is a plain identifier or numeral, otherwise a quoted string.

    >>> quote_id("lane_1"), quote_id("12"), quote_id("Node")
    ('lane_1', '12', '"Node"')
    >>> quote_id("采购部")
    '"采购部"'
    >>> quote_id("a\\nb\\\\")
    '"ab\\\\\\\\"'
    """
    s = clean_text(ident).replace("\n", "")
    if (_ID_RE.match(s) and s.lower() not in _DOT_KEYWORDS) or _NUMERAL_RE.match(s):
        return s
    return '"' + _escape_dot(s) + '"'


def dot_string(text: object) -> str:
    """A double-quoted DOT string for a plain attribute value (no line breaks kept).

    >>> dot_string('x"y')
    '"x\\\\"y"'
    """
    return '"' + _escape_dot(clean_text(text).replace("\n", " ")) + '"'


def dot_label(text: object) -> str:
    """Escape ``text`` for the inside of a double-quoted DOT *label* (an escString).

    Graphviz interprets ``\\n``, ``\\l``, ``\\r``, ``\\N``, ``\\G``, ``\\E``... inside
    labels. Every backslash of the input is doubled so none of those sequences can be
    formed from student text; real newlines become ``\\n`` (a centred line break).
    The result does not include the surrounding quotes.

    >>> dot_label("a\\nb")
    'a\\\\nb'
    >>> dot_label("\\\\N")         # a literal backslash-N, not the node name
    '\\\\\\\\N'
    >>> dot_label("end\\\\")       # a trailing backslash cannot escape the closing quote
    'end\\\\\\\\'
    """
    return _escape_dot(clean_text(text)).replace("\n", "\\n")


def xml_escape(text: object) -> str:
    """Escape for XML text *and* attribute values (both quote kinds), controls stripped.

    >>> xml_escape("a & b < c > d ' e")
    'a &amp; b &lt; c &gt; d &#39; e'
    """
    s = clean_text(text)
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
             .replace('"', "&quot;").replace("'", "&#39;"))


def svg_text(text: object) -> str:
    """Escape student text for an SVG text node or attribute.

    Like :func:`xml_escape`, and also writes ``=`` and ``:`` as character references,
    so that not even the *characters* of ``onload=`` or ``javascript:`` appear in the
    file (the browser shows them unchanged; naive scanners stay quiet).

    >>> svg_text('<img onerror="x"> javascript:y')
    '&lt;img onerror&#61;&quot;x&quot;&gt; javascript&#58;y'
    """
    return xml_escape(text).replace("=", "&#61;").replace(":", "&#58;")


def xml_attr(text: object) -> str:
    """An XML attribute value (without quotes): escaped, newlines folded to spaces.

    >>> xml_attr('x"\\ny')
    'x&quot; y'
    """
    return xml_escape(clean_text(text).replace("\n", " "))


def html_label_text(text: object) -> str:
    """Text for a Graphviz HTML-like label: XML-escaped, newlines become ``<BR/>``.

    >>> html_label_text("a<b\\nc")
    'a&lt;b<BR/>c'
    """
    return "<BR/>".join(xml_escape(line) for line in clean_text(text).split("\n"))


def css_ident(text: object) -> str:
    """Reduce ``text`` to characters safe in a class name or XML id: [A-Za-z0-9_-].

    >>> css_ident('step" onload="x')
    'step-onload-x'
    """
    s = re.sub(r"[^A-Za-z0-9_-]+", "-", clean_text(text)).strip("-")
    return s or "x"
