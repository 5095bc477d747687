"""The documentation tools, by building real sites in a temporary folder: ```` ```flowdsl ````
fences in MkDocs (pymdown-extensions' SuperFences) and the Sphinx directive ``.. flowdsl::``.
The diagrams are in the HTML as inline SVG with their Chinese text; a broken case shows
its diagnostics (and the build warns), never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

import pytest

GOOD = """chart 请假 "请假流程" {
  unit 员工
  unit 主管
  单据 请假单
  员工 -> 请假单 -> 主管
}
"""
DFD = """dfd 订货 {
  entity 客户
  process P1 接单
  客户 -[订单]-> P1 -[回执]-> 客户
}
"""
BROKEN = """chart 请假 {
  unit 员工
  员工 -> 请假表
}
"""


def svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, re.S)


def build(cmd: list[str], cwd) -> subprocess.CompletedProcess:
    p = subprocess.run(cmd, cwd=str(cwd), capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "Traceback" not in p.stdout + p.stderr
    return p


def fence(body: str, options: str = "") -> str:
    return f"```flowdsl{(' ' + options) if options else ''}\n{body}```\n"


def test_mkdocs_site_has_the_diagrams_inline(tmp_path):
    pytest.importorskip("mkdocs")
    pytest.importorskip("pymdownx")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: 课程笔记
        markdown_extensions:
          - pymdownx.superfences:
              custom_fences:
                - name: flowdsl
                  class: flowdsl
                  validator: !!python/name:flowdsl.app.mkdocs_fence.validator
                  format: !!python/name:flowdsl.app.mkdocs_fence.formatter
        """), encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(
        "# 请假\n\n" + fence(GOOD) + "\n## 数据流程图\n\n" + fence(DFD, '{views="订货-0" lang="zh"}')
        + "\n## 错误\n\n" + fence(BROKEN, '{lang="zh"}') + "\n## 选项\n\n" + fence(GOOD, "{colour=red}"),
        encoding="utf-8")
    p = build([sys.executable, "-m", "mkdocs", "build", "-d", "site"], tmp_path)
    html = (tmp_path / "site" / "index.html").read_text("utf-8")
    figures = svgs(html)
    assert len(figures) == 2                                   # the chart, and only level 0 of the DFD
    assert 'class="flowdsl business"' in figures[0] and ">请假单<" in figures[0] and ">主管<" in figures[0]
    assert ">接单<" in figures[1] and "<figcaption>" in html
    assert "<code" not in html.split("<h2", 1)[0]               # drawn, not shown as code
    ids = re.findall(r'\sid="([^"]+)"', "".join(figures))
    assert len(ids) == len(set(ids))                           # two diagrams on a page never share an ID
    broken = html.split("错误", 1)[1]
    assert "错误[FD101]" in broken and "业务流程图“请假”中没有声明“请假表”" in broken and "^^^" in broken
    assert "unknown fence option colour" in html
    assert "a ```flowdsl block has errors" in p.stderr and "unknown fence option colour" in p.stderr
    strict = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site2"], cwd=str(tmp_path),
                            capture_output=True, text=True, timeout=300)
    assert strict.returncode != 0 and "Traceback" not in strict.stderr      # --strict stops on a broken case


def test_sphinx_site_has_the_diagrams_inline(tmp_path):
    pytest.importorskip("sphinx")
    src = tmp_path / "src"
    (src / "cases").mkdir(parents=True)
    (src / "conf.py").write_text('project = "课程"\nextensions = ["flowdsl.app.sphinx_ext"]\n', encoding="utf-8")
    (src / "cases" / "dfd.flow").write_text(DFD, encoding="utf-8")

    def directive(args: str, body: str = "", **options: str) -> str:
        opts = "".join(f"   :{k}: {v}\n" for k, v in options.items())
        return f".. flowdsl::{(' ' + args) if args else ''}\n{opts}\n" + textwrap.indent(body, "   ") + "\n"

    (src / "index.rst").write_text(
        "请假\n====\n\n" + directive("", GOOD) + "\n数据流程图\n----------\n\n"
        + directive("cases/dfd.flow", views="订货-context, 订货-0")
        + "\n错误\n----\n\n" + directive("", BROKEN, lang="zh"), encoding="utf-8")
    p = build([sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(tmp_path / "out")], tmp_path)
    html = (tmp_path / "out" / "index.html").read_text("utf-8")
    figures = svgs(html)
    assert len(figures) == 3
    assert ">请假单<" in figures[0] and ">客户<" in figures[1] and ">接单<" in figures[2]
    assert "<?xml" not in html and all('style="max-width:100%;height:auto"' in f for f in figures)
    broken = html.split("<h2>错误", 1)[1]
    assert "错误[FD101]" in broken and "请假表" in broken
    assert "index.rst" in p.stderr and "the case has errors" in p.stderr      # a warning at the directive
    assert os.path.exists(tmp_path / "out" / "index.html")


def test_sphinx_other_builders_get_the_text(tmp_path):
    pytest.importorskip("sphinx")
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["flowdsl.app.sphinx_ext"]\n', encoding="utf-8")
    (src / "index.rst").write_text("T\n=\n\n.. flowdsl::\n\n" + textwrap.indent(GOOD, "   "), encoding="utf-8")
    build([sys.executable, "-m", "sphinx", "-b", "text", "-q", str(src), str(tmp_path / "out")], tmp_path)
    text = (tmp_path / "out" / "index.txt").read_text("utf-8")
    assert "员工 -> 请假单 -> 主管" in text and "<svg" not in text
