"""Headless Chromium (Debian's, driven by Playwright) opening a test page from disk, for the
tests that render our exports with the real viewers (bpmn-js, mxGraph); skips, saying what
to install, when Playwright, Chromium or the npm package is missing."""

from __future__ import annotations

import contextlib
import os

import pytest
from export_tools import CHROMIUM, ROOT


@contextlib.contextmanager
def opened(page_name: str, needs: str, viewport=(1600, 1000)):
    """(page, errors): ``tests/<page_name>`` loaded from disk; ``errors`` collects the page's
    uncaught errors and console errors. ``needs`` is the npm file the page loads."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    if CHROMIUM is None:
        pytest.skip("Chromium missing: apt-get install chromium")
    if not os.path.exists(os.path.join(ROOT, ".npm", "node_modules", needs)):
        pytest.skip(f"{needs} missing: run `make jsdeps` (npm install into .npm/)")
    with sync_api.sync_playwright() as p:
        args = ["--no-sandbox"] if os.geteuid() == 0 else []
        browser = p.chromium.launch(executable_path=CHROMIUM, args=args + ["--allow-file-access-from-files"])
        try:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto("file://" + os.path.join(ROOT, "tests", page_name))
            yield page, errors
        finally:
            browser.close()
