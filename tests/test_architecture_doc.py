"""docs/architecture.md maps every module of the package (issue 18): a module is mapped
when its path is named, when a row names its folder and its file name (``report.py,
pages.py``), or when a pattern in a row matches it (``fd2*.py``, ``flowdsl/*/__init__.py``)."""

from __future__ import annotations

import fnmatch
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "architecture.md").read_text("utf-8")
ROWS = [line for line in DOC.splitlines() if line.startswith("| `")]


def _mapped(rel: str) -> bool:
    folder, name = rel.rsplit("/", 1)
    for row in ROWS:
        tokens = re.findall(r"`([^`]+)`", row)
        dirs = {t.rsplit("/", 1)[0] for t in tokens if "/" in t} | {t.rstrip("/") for t in tokens if t.endswith("/")}
        for t in tokens:
            if t == rel or fnmatch.fnmatch(rel, t):
                return True
            if "/" not in t and folder in dirs and (t == name or fnmatch.fnmatch(name, t)):
                return True
        if folder in dirs and re.search(rf"`{re.escape(name)}`|[ ,`]{re.escape(name)}\b", row):
            return True
    return False


def test_every_module_is_in_the_architecture_map():
    missing = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "flowdsl").rglob("*.py"))
               if not _mapped(str(p.relative_to(ROOT)))]
    assert not missing, "not in docs/architecture.md: " + ", ".join(missing)


def test_the_map_check_can_fail():
    assert not _mapped("flowdsl/render/no_such_module.py")
    assert _mapped("flowdsl/checks/fd201_decision_outcomes.py")
