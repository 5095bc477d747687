"""``flowdsl serve``'s JSON API, without the HTTP (``serve_http`` routes to it).

Every function takes the decoded JSON of a request and returns a dict to send back,
or raises :class:`ApiError` (a status and a message the page shows). A request names
its options as the page's switches do::

    {"text": "...", "notation": "gane-sarson", "paper": "A4", "lanes": "horizontal", "lang": "zh"}

``notation`` / ``paper`` / ``lanes`` / ``edges`` (curved / orthogonal) may be absent, null or "" (the file's own option).
Nothing here reads or writes files: the folder's files are in ``serve_files``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

#: the values each switch accepts ("" or None: what the file says)
NOTATIONS = ("textbook", "gane-sarson", "yourdon")
PAPERS = ("none", "A4", "A3", "letter")
LANES = ("vertical", "horizontal")
EDGES = ("curved", "orthogonal")
LANGS = ("en", "zh")
#: download formats: one file per diagram, or (draw.io) one file holding every diagram
DIAGRAM_FORMATS = ("svg", "png", "pdf")
CASE_FORMATS = ("drawio",)
#: the longest text accepted, in characters (a file may have 2 MB; so may the editor)
MAX_TEXT = 2 * 1024 * 1024

MIME = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf",
        "drawio": "application/vnd.jgraph.mxfile"}


class ApiError(Exception):
    """A request the API refuses: ``status`` (400, 404, 403 …) and its message in
    English and Chinese (the page shows the one of its language)."""

    def __init__(self, status: int, message: str, message_zh: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.message_zh = message_zh


def _choice(payload: dict, key: str, allowed: tuple[str, ...], default: str | None = None) -> str | None:
    value = payload.get(key)
    if value is None or value == "":
        return default
    if not isinstance(value, str) or value not in allowed:
        raise ApiError(400, f"{key} must be one of {', '.join(allowed)}", f"{key} 只能是 {'、'.join(allowed)} 之一")
    return value


class Request:
    """A render / check / download request, checked: the text and the switches."""

    def __init__(self, payload) -> None:
        if not isinstance(payload, dict):
            raise ApiError(400, "the request must be a JSON object", "请求必须是一个 JSON 对象")
        text = payload.get("text", "")
        if not isinstance(text, str):
            raise ApiError(400, "text must be a string", "text 必须是字符串")
        if len(text) > MAX_TEXT:
            raise ApiError(413, f"the text is longer than {MAX_TEXT} characters", f"文本超过 {MAX_TEXT} 个字符")
        self.text = text
        self.notation = _choice(payload, "notation", NOTATIONS)
        self.paper = _choice(payload, "paper", PAPERS)
        self.lanes = _choice(payload, "lanes", LANES)
        self.edges = _choice(payload, "edges", EDGES)
        self.lang = _choice(payload, "lang", LANGS, "en") or "en"
        name = payload.get("name")
        self.name = name if isinstance(name, str) and name else None

    def key(self) -> tuple:
        return (self.text, self.notation, self.paper, self.lanes, self.edges, self.lang, self.name)


def diagnostic_json(d, lang: str) -> dict:
    """One diagnostic as the page shows it (its text in ``lang``; positions 1-based,
    the end column the character after the last)."""
    return {"code": d.code, "severity": d.severity, "message": d.text(lang), "hint": d.hint_text(lang),
            "line": d.span.line, "col": d.span.column, "end_line": d.span.end_line,
            "end_col": d.span.end_column}


_REPARSE_LOCK = threading.Lock()
_REPARSER: list = []


def _reparser():
    """The server's one :class:`~flowdsl.lang.incremental.Reparser`: the statements
    of the texts typed last are not parsed again."""
    if not _REPARSER:
        from ..lang.incremental import Reparser

        _REPARSER.append(Reparser())
    return _REPARSER[0]


def _case(req: Request, budget: bool = True):
    """The parsed case with the switches applied, and its diagnostics (``budget``: the
    layout budget's FD701 included, so an oversized diagram is never laid out)."""
    from ..api import _parse
    from ..diagnostics.diagnostic import sort_key
    from ..model.limits import budget_diagnostics

    with _REPARSE_LOCK:
        case = _parse(req.text, req.name, False, None, {"notation": req.notation, "edges": req.edges},
                      _reparser().parse_text)
    if req.lanes and case.model is not None:
        for chart in case.model.charts:
            if chart.lanes is not None:
                chart.lane_direction = req.lanes  # type: ignore[assignment]
    if budget and case.ok:
        extra = budget_diagnostics(case)
        if extra:
            case.diagnostics = sorted(case.diagnostics + extra, key=sort_key)
    return case


def check(payload) -> dict:
    """``POST /api/check``: the diagnostics only (parse, lower, checks: no views, no
    layout; the layout budget is checked by ``render``)."""
    req = Request(payload)
    case = _case(req, budget=False)
    return {"diagnostics": [diagnostic_json(d, req.lang) for d in case.diagnostics]}


class Renderer:
    """Renders requests one at a time (the machine's cores go to one layout, not to
    the stale ones a typist leaves behind) and remembers the last few answers, so
    switching back to a text or an option answers at once, and the last diagrams
    drawn, so an edit lays out only the diagrams it changed."""

    def __init__(self, size: int = 32) -> None:
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple, dict] = OrderedDict()
        self._views: OrderedDict[tuple, list[str]] = OrderedDict()
        self._size = size

    def render(self, payload) -> dict:
        """``POST /api/render``: ``{diagrams: [{name, title, svg, sheets}], diagnostics,
        error}``; ``svg`` the first sheet, ``sheets`` every sheet on the paper chosen
        (one at the natural size without paper); ``error`` when layout failed (the
        diagnostics are still there)."""
        req = Request(payload)
        key = req.key()
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
            out = self._render(req)
            self._cache[key] = out
            if len(self._cache) > self._size:
                self._cache.popitem(last=False)
            return out

    def download(self, payload) -> tuple[str, str, bytes]:
        """:func:`download`, one at a time with the renders."""
        with self._lock:
            return download(payload)

    def _sheets(self, d, paper: str) -> list[str]:
        """The SVG sheets of one diagram, remembered by its view (views are frozen
        dataclasses, and rendering is deterministic): typing in one chart of a case
        lays out that chart again, not the others."""
        try:
            key = (type(d.view).__name__, d.view, paper)
            hit = self._views.get(key)
        except TypeError:  # a view that cannot be a key: drawn every time
            return [data.decode("utf-8") for _, data in d.files("svg", paper)]
        if hit is None:
            hit = [data.decode("utf-8") for _, data in d.files("svg", paper)]
            self._views[key] = hit
            if len(self._views) > 4 * self._size:
                self._views.popitem(last=False)
        else:
            self._views.move_to_end(key)
        return hit

    def _render(self, req: Request) -> dict:
        from ..render.backend import BackendMissing

        case = _case(req)
        out: dict = {"diagrams": [], "diagnostics": [diagnostic_json(d, req.lang) for d in case.diagnostics],
                     "error": None}
        if not case.ok:
            return out
        try:
            for d in case.diagrams:   # charts, DFD levels, ER diagrams
                sheets = self._sheets(d, req.paper or "none")
                out["diagrams"].append({"name": d.name, "title": d.title, "svg": sheets[0], "sheets": sheets})
        except BackendMissing as exc:
            out["error"] = str(exc)
        except Exception as exc:  # noqa: BLE001 (a bug must reach the page as a message, not kill the server)
            out["error"] = f"rendering failed: {exc!r}"
        return out


def download(payload) -> tuple[str, str, bytes]:
    """``POST /api/download``: (file name, MIME type, bytes) of one diagram (``index``:
    its place in ``diagrams``, from 0; ``format``: svg, png or pdf) or of the whole case (``format``: drawio)."""
    from .outputs import diagram_stems, safe_filename

    req = Request(payload)
    fmt = _choice(payload, "format", DIAGRAM_FORMATS + CASE_FORMATS)
    if fmt is None:
        raise ApiError(400, "format is missing", "缺少 format")
    case = _case(req)
    if not case.ok:
        raise ApiError(422, "the text has errors; fix them before downloading", "文本有错误，请改正后再下载")
    if fmt in CASE_FORMATS:
        from ..export import export_files

        # draw.io holds business charts and DFD levels (an E-R diagram has no exporter yet)
        views = [d for d in case.views if d.view.kind in ("business", "dfd")]
        if not views:
            raise ApiError(404, "the text has no business chart or data flow diagram",
                           "文本中没有业务流程图或数据流程图")
        stem = (case.model.name if case.model else None) or "case"
        [(name, data)] = export_files(views, fmt, [d.name for d in views], safe_filename(stem))
        return name, MIME[fmt], data
    index = payload.get("index")
    views = case.diagrams
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(views):
        raise ApiError(404, f"index must number a diagram of the text (0 to {len(views) - 1})",
                       f"index 必须是文本中一张图的序号（0 到 {len(views) - 1}）")
    stems, _ = diagram_stems([d.name for d in views], list(case.dfd_levels))
    paper = req.paper or ("A4" if fmt == "pdf" else "none")
    return f"{stems[index]}.{fmt}", MIME[fmt], views[index].render(fmt, paper=paper)


def syntax() -> dict:
    """``GET /api/syntax``: the words the editor colours, from the grammar (both
    keyword languages): keywords, and the constants (start/end, severities)."""
    from ..lang.keywords import keyword_spellings
    from ..model.options import SEVERITY_WORDS

    constants = {"start", "开始", "end", "结束"} | set(SEVERITY_WORDS)
    words = set(keyword_spellings())
    return {"keywords": sorted(words - constants, key=lambda w: (-len(w), w)),
            "constants": sorted(constants, key=lambda w: (-len(w), w))}
