"""``flowdsl serve``'s JSON API over real HTTP: a server on 127.0.0.1 on a free port."""

from __future__ import annotations

import os

import pytest

from conftest import ROOT, needs_dot, needs_rsvg
from serve_fixtures import served

CASE = """chart leave "Leave request" {
  lanes clerk, manager
  unit clerk
  unit manager
  document form
  step fill "fill in the form" by clerk
  clerk -> fill -> form -> manager
}
"""
MISTAKE = CASE.replace("-> manager\n", "-> managr\n")
WRITEOFF = os.path.join(ROOT, "samples", "04-writeoff.flow")


@pytest.fixture(scope="module")
def api():
    with served() as client:
        yield client


@needs_dot
def test_render_returns_each_diagram_as_svg(api):
    status, res = api.json("POST", "/api/render", {"text": CASE})
    assert status == 200
    assert res["diagnostics"] == [] and res["error"] is None
    [d] = res["diagrams"]
    assert d["name"] == "leave" and d["title"] == "Leave request"
    assert d["svg"].startswith("<?xml") and "<svg" in d["svg"] and ">fill in</tspan>" in d["svg"] and ">the form<" in d["svg"]
    assert d["sheets"] == [d["svg"]]


def test_a_mistake_gives_its_diagnostic_with_the_span_in_either_language(api):
    status, en = api.json("POST", "/api/render", {"text": MISTAKE, "lang": "en"})
    assert status == 200 and en["diagrams"] == []
    [d] = [x for x in en["diagnostics"] if x["code"] == "FD101"]
    col = MISTAKE.splitlines()[6].index("managr") + 1
    assert (d["line"], d["col"], d["end_line"], d["end_col"]) == (7, col, 7, col + 6)
    assert d["severity"] == "error" and "managr" in d["message"] and "manager" in d["hint"]
    _, zh = api.json("POST", "/api/render", {"text": MISTAKE, "lang": "zh"})
    [z] = [x for x in zh["diagnostics"] if x["code"] == "FD101"]
    assert "没有声明" in z["message"] and "你是不是想写" in z["hint"]
    assert {k: z[k] for k in ("line", "col", "end_line", "end_col")} == {k: d[k] for k in ("line", "col", "end_line", "end_col")}


def test_check_gives_the_diagnostics_without_drawing(api):
    status, res = api.json("POST", "/api/check", {"text": MISTAKE})
    assert status == 200 and set(res) == {"diagnostics"}
    assert [d["code"] for d in res["diagnostics"]] == ["FD101"]
    _, clean = api.json("POST", "/api/check", {"text": CASE})
    assert clean == {"diagnostics": []}


@needs_dot
def test_the_switches_change_the_drawing(api):
    text = open(WRITEOFF, encoding="utf-8").read()
    _, book = api.json("POST", "/api/render", {"text": text})
    _, gs = api.json("POST", "/api/render", {"text": text, "notation": "gane-sarson"})
    names = [d["name"] for d in book["diagrams"]]
    assert names == [d["name"] for d in gs["diagrams"]] and len(names) > 2
    assert book["diagrams"][0]["svg"] == gs["diagrams"][0]["svg"]      # the business chart: no notation
    assert book["diagrams"][1]["svg"] != gs["diagrams"][1]["svg"]      # a DFD level: drawn otherwise
    _, v = api.json("POST", "/api/render", {"text": CASE, "lanes": "vertical"})
    _, h = api.json("POST", "/api/render", {"text": CASE, "lanes": "horizontal"})
    assert v["diagrams"][0]["svg"] != h["diagrams"][0]["svg"]
    assert 'class="flowdsl business"' in h["diagrams"][0]["svg"]
    _, o = api.json("POST", "/api/render", {"text": CASE, "edges": "orthogonal"})
    _, c = api.json("POST", "/api/render", {"text": CASE, "edges": "curved"})
    edges_o = [g.split("</g>")[0] for g in o["diagrams"][0]["svg"].split('<g class="edge ')[1:]]
    assert len(edges_o) == 3 and not any(" C" in g for g in edges_o)   # right angles: lines only
    assert " C" in c["diagrams"][0]["svg"]


@needs_dot
def test_student_text_is_escaped_in_the_svg(api):
    text = CASE.replace('"fill in the form"', '"<script>alert(1)</script>"').replace('"Leave request"', '"<b>T</b>"')
    _, res = api.json("POST", "/api/render", {"text": text})
    svg = res["diagrams"][0]["svg"]
    assert "<script" not in svg and "&lt;script&gt;" in svg and "<b>" not in svg
    assert res["diagrams"][0]["title"] == "<b>T</b>"  # plain text: the page inserts it with textContent


@pytest.mark.parametrize("body, status", [
    ({"text": 3}, 400), ({"text": "", "notation": "uml"}, 400), ({"text": "", "paper": "A0"}, 400),
    ({"text": "", "lanes": "diagonal"}, 400), ({"text": "", "edges": "wavy"}, 400), ({"text": "", "lang": "fr"}, 400), ([1, 2], 400),
])
def test_bad_requests_are_refused_with_a_message(api, body, status):
    code, res = api.json("POST", "/api/render", body)
    assert code == status and res["error"]


def test_only_json_from_the_page_itself_is_answered(api):
    status, _, body = api.request("POST", "/api/render", raw=b'{"text": ""}', headers={"Content-Type": "text/plain"})
    assert status == 415 and b"application/json" in body
    status, _, _ = api.request("POST", "/api/render", raw=b"{not json", headers={"Content-Type": "application/json"})
    assert status == 400
    status, _, _ = api.request("POST", "/api/render", {"text": ""}, headers={"Origin": "http://evil.example"})
    assert status == 403
    status, _, _ = api.request("POST", "/api/render", {"text": ""}, headers={"Origin": api.url.rstrip("/")})
    assert status == 200
    # DNS rebinding: another name for this address is not this server's page
    status, _, _ = api.request("GET", "/api/info", headers={"Host": "evil.example:80"})
    assert status == 403
    status, _, _ = api.request("POST", "/api/render", raw=b"{}", headers={
        "Content-Type": "application/json", "Content-Length": str(10**9)})
    assert status == 413


def test_the_page_and_its_files_come_from_the_package(api):
    status, headers, body = api.request("GET", "/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in headers["content-security-policy"] and headers["x-content-type-options"] == "nosniff"
    assert b'src="/static/vendor/codemirror/codemirror.js"' in body and b"http" not in body.split(b"<body>")[1]
    for path in ("/static/vendor/codemirror/codemirror.js", "/static/vendor/codemirror/simple.js",
                 "/static/app.js", "/static/flowdsl-mode.js", "/static/app.css"):
        status, headers, body = api.request("GET", path)
        assert status == 200 and len(body) > 500, path
    status, _, lic = api.request("GET", "/static/vendor/codemirror/LICENSE")
    assert status == 200 and b"MIT License" in lic and b"Marijn Haverbeke" in lic
    assert api.request("GET", "/static/../serve.py")[0] == 404
    assert api.request("GET", "/nothing")[0] == 404
    assert api.request("DELETE", "/api/render")[0] == 405


def test_syntax_words_come_from_the_grammar(api):
    status, res = api.json("GET", "/api/syntax")
    assert status == 200
    assert {"chart", "业务流程图", "unit", "单位", "dfd", "数据流程图", "lanes", "泳道"} <= set(res["keywords"])
    assert {"start", "开始", "end", "结束"} <= set(res["constants"])
    assert not set(res["keywords"]) & set(res["constants"])


def test_without_a_folder_no_file_is_reachable(api):
    assert api.json("GET", "/api/info")[1]["folder"] is None
    for method, path in (("GET", "/api/files"), ("GET", "/api/file?path=a.flow")):
        status, res = api.json(method, path)
        assert status == 404 and "no folder" in res["error"]
    status, _ = api.json("PUT", "/api/file?path=a.flow", {"text": "x"})
    assert status == 404


@needs_rsvg
@pytest.mark.parametrize("fmt, magic, ctype", [
    ("svg", b"<?xml", "image/svg+xml"), ("png", b"\x89PNG", "image/png"), ("pdf", b"%PDF", "application/pdf"),
    ("drawio", b"<mxfile", "application/vnd.jgraph.mxfile"),
])
def test_downloads(api, fmt, magic, ctype):
    status, headers, body = api.request("POST", "/api/download", {"text": CASE, "format": fmt, "index": 0})
    assert status == 200 and magic in body[:60] and headers["content-type"] == ctype
    stem = "case" if fmt == "drawio" else "leave"  # draw.io: one file, a page per diagram
    assert headers["content-disposition"].startswith("attachment")
    assert headers["content-disposition"].endswith(f"filename*=UTF-8''{stem}.{fmt}")


def test_downloads_refuse_a_text_with_errors_or_a_missing_diagram(api):
    status, res = api.json("POST", "/api/download", {"text": MISTAKE, "format": "svg", "index": 0})
    assert status == 422 and "errors" in res["error"]
    assert api.json("POST", "/api/download", {"text": CASE, "format": "svg", "index": 5})[0] == 404
    assert api.json("POST", "/api/download", {"text": CASE, "format": "exe", "index": 0})[0] == 400


ER = """er 选课 "选课 E-R 图" {
  entity 学生 (学号*, 姓名)
  entity 课程 (课程号*, 课程名)
  relationship 选修: 学生 m -- 课程 n (成绩)
}
"""


@needs_dot
def test_er_diagrams_are_drawn_and_left_out_of_drawio(api):
    _, res = api.json("POST", "/api/render", {"text": CASE + ER})
    assert [d["name"] for d in res["diagrams"]] == ["leave", "选课"] and res["error"] is None
    assert 'class="flowdsl er"' in res["diagrams"][1]["svg"]
    status, _, body = api.request("POST", "/api/download", {"text": CASE + ER, "format": "drawio"})
    assert status == 200 and body.count(b"<diagram ") == 1
    status, res = api.json("POST", "/api/download", {"text": ER, "format": "drawio"})
    assert status == 404 and "数据流程图" in res["error_zh"]


def test_a_refused_body_is_not_read_as_the_next_request(api):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", api.port, timeout=60)
    try:
        smuggled = b"GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        conn.request("POST", "/api/render", body=smuggled, headers={"Content-Type": "text/plain"})
        r = conn.getresponse()
        assert r.status == 415
        r.read()
        with pytest.raises((ConnectionError, http.client.HTTPException, OSError)):
            conn.request("GET", "/api/info")  # the server closed the connection: nothing smuggled
            conn.getresponse().read()
    finally:
        conn.close()


def test_every_static_file_is_package_data():
    """The wheel ships the page: every file under flowdsl/static matches a package-data pattern."""
    import fnmatch
    import pathlib
    import tomllib

    root = pathlib.Path(ROOT)
    patterns = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]["flowdsl"]
    files = [p.relative_to(root / "flowdsl").as_posix() for p in (root / "flowdsl" / "static").rglob("*") if p.is_file()]
    assert "static/vendor/codemirror/LICENSE" in files and "static/index.html" in files
    # fnmatch's * also crosses "/", setuptools' does not: compare folder by folder
    missing = [f for f in files if not any(fnmatch.fnmatch(f, pat) and f.count("/") == pat.count("/") for pat in patterns)]
    assert missing == []


@needs_dot
def test_an_edit_lays_out_only_the_diagrams_it_changed(monkeypatch):
    from flowdsl import api as api_module
    from flowdsl.app.serve_api import Renderer

    two = CASE + CASE.replace("chart leave", "chart other").replace("Leave request", "Other")
    r = Renderer()
    first = r.render({"text": two})
    drawn = []
    files = api_module.Diagram.files
    monkeypatch.setattr(api_module.Diagram, "files", lambda self, *a, **k: drawn.append(self.name) or files(self, *a, **k))
    edited = two.replace('"fill in the form"', '"fill in the new form"', 1)
    second = r.render({"text": edited})
    assert drawn == ["leave"]
    assert second["diagrams"][1] == first["diagrams"][1]
    assert ">the new form<" in second["diagrams"][0]["svg"] or ">new form<" in second["diagrams"][0]["svg"]
    assert second == Renderer().render({"text": edited})   # the same as drawing everything anew
