"""PlantUML: every diagram of every sample renders with Debian's plantuml (one run)."""

from __future__ import annotations

import re
import subprocess

from export_tools import all_diagrams, plantuml


def test_plantuml_text_is_faithful():
    for d in all_diagrams():
        text = d.export("plantuml").decode("utf-8")
        ids = re.findall(r'^\s*\w+ "[^"\n]*" as (\w+)', text, re.M)
        assert set(ids) - {f"lane{k}" for k in range(1, 99)} == {n.id for n in d.view.nodes}
        arrows = re.findall(r"^(\w+) (-->|-\[bold\]->) (\w+)", text, re.M)
        assert [(a, b) for a, _, b in arrows] == [(e.src, e.dst) for e in d.view.edges]
        assert [k != "-->" for _, k, _ in arrows] == [e.style == "goods" for e in d.view.edges]


def test_plantuml_renders_every_sample(tmp_path):
    cmd = plantuml()
    diagrams = all_diagrams()
    for i, d in enumerate(diagrams, 1):
        (tmp_path / f"d{i:02d}.puml").write_bytes(d.export("plantuml"))
    r = subprocess.run(cmd + ["-tsvg", "-charset", "UTF-8", "-failfast2"] + sorted(str(p) for p in tmp_path.glob("*.puml")),
                       capture_output=True, timeout=600)
    assert r.returncode == 0, (r.stdout + r.stderr).decode()[-2000:]
    for i, d in enumerate(diagrams, 1):
        svg = (tmp_path / f"d{i:02d}.svg").read_text(encoding="utf-8")
        assert "Syntax Error" not in svg and "Error line" not in svg, d.name
        for e in d.view.edges:
            if e.label and not set(e.label) & set("<>&\""):
                assert e.label in svg, (d.name, e.label)
