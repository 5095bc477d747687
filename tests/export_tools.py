"""Where the real tools that read our exports are (installed by ``make jsdeps`` and
scripts/ensure-system-deps.sh); a test skips, saying what to install, when one is missing."""

from __future__ import annotations

import glob
import json
import os
import shutil

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SAMPLES = sorted(glob.glob(os.path.join(ROOT, "samples", "*.flow")))
NPM_BIN = os.path.join(ROOT, ".npm", "node_modules", ".bin")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def mmdc(tmp) -> list[str]:
    """The mermaid-cli command line using Debian's Chromium (no sandbox: tests run as root)."""
    exe = os.path.join(NPM_BIN, "mmdc")
    if not os.path.exists(exe):
        pytest.skip("mermaid-cli missing: run `make jsdeps` (npm install into .npm/)")
    if CHROMIUM is None:
        pytest.skip("Chromium missing: apt-get install chromium")
    cfg = os.path.join(str(tmp), "puppeteer.json")
    with open(cfg, "w") as f:
        json.dump({"executablePath": CHROMIUM, "args": ["--no-sandbox", "--disable-gpu"]}, f)
    return [exe, "-p", cfg]


def node_script(name: str) -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js missing: apt-get install nodejs npm")
    if not os.path.isdir(os.path.join(ROOT, ".npm", "node_modules", "bpmn-moddle")):
        pytest.skip("bpmn-moddle missing: run `make jsdeps` (npm install into .npm/)")
    return [node, os.path.join(ROOT, "tests", name)]


def plantuml() -> list[str]:
    exe = shutil.which("plantuml")
    if exe is None:
        pytest.skip("PlantUML missing: apt-get install plantuml")
    return [exe]


def all_diagrams():
    import flowdsl

    out = []
    for path in SAMPLES:
        case = flowdsl.load(path)
        assert case.ok, path
        out += case.views
    return out
