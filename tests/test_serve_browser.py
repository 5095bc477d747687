"""``flowdsl serve`` in a real browser: headless Chromium (Debian's ``/usr/bin/chromium``)
driven by Playwright, no browser download. Loads the page, types a case, sees its
SVG; types a mistake, sees the diagnostic listed and marked in the editor; opens,
saves and downloads; every request goes to the server itself (the page works offline).

Screenshots go to ``FLOWDSL_SCREENSHOTS`` (a folder) when it is set, else beside the
test's temporary files."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import ROOT, needs_dot
from serve_fixtures import served

CHROMIUM = os.environ.get("FLOWDSL_CHROMIUM", "/usr/bin/chromium")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
pytestmark = [needs_dot, pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM}")]

CASE = """业务流程图 采购 "采购业务流程图" {
泳道 采购部, 供应商
单位 采购部
单位 供应商
单据 订货单
步骤 编制 "编制订货单" 由 采购部 产生 订货单
采购部 -> 编制 -> 订货单 -> 供应商
}
"""


@pytest.fixture
def shots(tmp_path):
    folder = os.environ.get("FLOWDSL_SCREENSHOTS") or str(tmp_path / "screenshots")
    os.makedirs(folder, exist_ok=True)
    return folder


@pytest.fixture
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"] if os.geteuid() == 0 else [])
        try:
            yield b
        finally:
            b.close()


def open_page(browser, url):
    """A page on ``url`` with every request it makes and every script error recorded."""
    page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page.requests, page.errors = [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("body[data-rendered]", state="attached", timeout=60000)
    return page


def rendered_after(page, before: str) -> None:
    # (selectors, not wait_for_function: the page's CSP forbids the eval that needs)
    page.wait_for_selector(f"body[data-rendered]:not([data-rendered='{before}'])", state="attached", timeout=60000)


def replace_text(page, text: str) -> None:
    """Select everything in the editor and type ``text`` key by key, as a student would."""
    page.click(".CodeMirror-code")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text, delay=5)


def test_type_a_case_see_it_drawn_then_a_mistake_marked(browser, shots):
    with served(lang="zh") as api:
        page = open_page(browser, api.url)
        assert page.locator("#diagrams svg").count() == 1           # the starter case
        before = page.get_attribute("body", "data-rendered")
        replace_text(page, CASE)
        page.wait_for_selector("#diagrams svg text:has-text('编制订货单')", timeout=60000)
        rendered_after(page, before)
        assert page.locator("#diagrams figure").count() == 1
        assert page.inner_text("#diagrams figcaption .title") == "采购业务流程图"
        assert page.inner_text("#diag-count") == "没有问题"
        assert page.locator(".CodeMirror .cm-keyword", has_text="业务流程图").count() == 1  # syntax colours
        assert page.locator(".CodeMirror .cm-operator").count() >= 3
        assert page.locator(".CodeMirror-linenumber", has_text="8").count() == 1
        page.screenshot(path=os.path.join(shots, "serve-1-case.png"))

        # a mistake: a name never declared, on line 7
        before = page.get_attribute("body", "data-rendered")
        page.keyboard.press("Control+End")
        page.keyboard.press("ArrowUp")
        page.keyboard.press("ArrowUp")
        page.keyboard.press("End")
        page.keyboard.type(" -> 仓库")
        page.wait_for_selector("#diagnostics li.fd-error", timeout=60000)
        rendered_after(page, before)
        item = page.locator("#diagnostics li.fd-error").first
        assert item.locator(".code").inner_text() == "FD101"
        col = len(CASE.splitlines()[6]) + len(" -> ") + 1
        assert item.locator(".pos").inner_text() == f"第 7 行第 {col} 列"
        assert "仓库" in item.locator(".msg").inner_text()
        mark = page.locator(".CodeMirror .fd-mark.fd-error")
        assert mark.count() == 1 and mark.inner_text() == "仓库"
        assert "FD101" in mark.get_attribute("title")
        gutter = page.locator(".CodeMirror-gutter-wrapper .fd-gutter-mark.fd-error")
        assert gutter.count() == 1
        assert page.locator("#diagrams").get_attribute("class") == "stale"   # the last correct drawing, dimmed
        page.screenshot(path=os.path.join(shots, "serve-2-mistake.png"))

        # the same diagnostic in English when the language switch says so
        before = page.get_attribute("body", "data-rendered")
        page.select_option("#lang", "en")
        rendered_after(page, before)
        assert page.locator("#diagnostics li .pos").first.inner_text() == f"line 7, column {col}"
        assert "not declared" in page.locator("#diagnostics li .msg").first.inner_text()
        # clicking it selects the mistake in the editor
        page.click("#diagnostics li")
        assert page.evaluate("window.flowdslEditor.getSelection()") == "仓库"
        assert page.errors == []
        assert all(u.startswith(api.url) for u in page.requests), page.requests   # nothing from elsewhere


def test_student_text_stays_text(browser, shots):
    with served(lang="en") as api:
        page = open_page(browser, api.url)
        before = page.get_attribute("body", "data-rendered")
        text = 'chart x "<img src=x onerror=window.pwned=1>" {\n unit a\n document d\n a -> d\n}\n'
        bad = 'option notation = "<img src=y onerror=window.pwned=2>"\n' + text
        page.evaluate("t => window.flowdslEditor.setValue(t)", bad)
        rendered_after(page, before)
        item = page.locator("#diagnostics li", has_text="FD103")
        assert "“<img src=y onerror=window.pwned=2>” is not a value" in item.locator(".msg").inner_text()
        page.screenshot(path=os.path.join(shots, "serve-3-escaped-diagnostic.png"))
        before = page.get_attribute("body", "data-rendered")
        page.evaluate("t => window.flowdslEditor.setValue(t)", text)
        rendered_after(page, before)
        assert page.inner_text("#diagrams figcaption .title") == "<img src=x onerror=window.pwned=1>"
        assert page.locator("#diagrams img, #diagnostics img").count() == 0
        assert page.evaluate("window.pwned") is None
        page.screenshot(path=os.path.join(shots, "serve-4-escaped-title.png"))


def test_open_save_switch_and_download_in_a_folder(browser, shots, tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    for name in ("04-writeoff.flow", "01-purchasing.flow"):
        shutil.copy(os.path.join(ROOT, "samples", name), folder / name)
    with served(folder, lang="zh") as api:
        page = open_page(browser, api.url)
        assert page.locator("#file option").all_inner_texts() == ["01-purchasing.flow", "04-writeoff.flow"]
        before = page.get_attribute("body", "data-rendered")
        page.select_option("#file", "04-writeoff.flow")
        rendered_after(page, before)
        n = page.locator("#diagrams figure").count()
        assert n >= 3
        # a row of links, one per diagram, with the titles as text
        assert page.locator("#toc .toc-item").count() == n
        assert page.locator("#toc .toc-item").first.inner_text() == "报损业务流程图"
        before = page.get_attribute("body", "data-rendered")
        first_dfd = page.locator("#diagrams figure").nth(1).inner_html()
        page.select_option("#notation", "gane-sarson")
        rendered_after(page, before)
        assert page.locator("#diagrams figure").nth(1).inner_html() != first_dfd
        page.screenshot(path=os.path.join(shots, "serve-5-folder.png"), full_page=False)

        with page.expect_download() as dl:
            page.locator("#diagrams figure").first.locator("button", has_text="SVG").click()
        assert dl.value.suggested_filename == "报损.svg"
        assert b"<svg" in open(dl.value.path(), "rb").read(300)
        with page.expect_download() as dl:
            page.click("#drawio")
        assert dl.value.suggested_filename.endswith(".drawio")

        page.click(".CodeMirror-code")
        page.keyboard.press("Control+Home")
        page.keyboard.type("# 课堂上改过\n")
        page.keyboard.press("Control+S")
        page.wait_for_selector("#status:text-is('已保存')", timeout=30000)
        assert (folder / "04-writeoff.flow").read_text(encoding="utf-8").startswith("# 课堂上改过\n# 案例 4")
        assert page.errors == []
