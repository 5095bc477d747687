"""Mermaid: every diagram of every sample parses and renders with mermaid-cli (one run)."""

from __future__ import annotations

import os
import re
import subprocess

from export_tools import all_diagrams, mmdc

from flowdsl.export.mermaid import mid


def test_mermaid_text_is_faithful():
    for d in all_diagrams():
        text = d.export("mermaid").decode("utf-8")
        ids = set(re.findall(r"^\s*(\w+)@\{ shape: [\w-]+, label: \"[^\"\n]*\" \}$", text, re.M))
        assert ids == {mid(n.id) for n in d.view.nodes}, d.name
        arrows = re.findall(r"^  (\w+) (-->|==>)(?:\|\"[^\"]*\"\|)? (\w+)$", text, re.M)
        assert [(a, b) for a, _, b in arrows] == [(mid(e.src), mid(e.dst)) for e in d.view.edges]
        assert [k == "==>" for _, k, _ in arrows] == [e.style == "goods" for e in d.view.edges]
        lanes = re.findall(r'^  subgraph lane\d+\["([^"]*)"\]$', text, re.M)
        assert lanes == list(dict.fromkeys(d.view.lanes))


def test_mermaid_cli_renders_every_sample(tmp_path):
    cmd = mmdc(tmp_path)
    diagrams = all_diagrams()
    md = tmp_path / "all.md"
    md.write_text("\n".join("```mermaid\n" + d.export("mermaid").decode("utf-8") + "```\n" for d in diagrams),
                  encoding="utf-8")
    r = subprocess.run(cmd + ["-i", str(md), "-o", str(tmp_path / "out.md"), "-e", "svg", "-q"],
                       capture_output=True, timeout=600, cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    for i, d in enumerate(diagrams, 1):
        svg = (tmp_path / f"out-{i}.svg").read_text(encoding="utf-8")
        assert "Syntax error" not in svg and 'aria-roledescription="error"' not in svg, d.name
        assert 'aria-roledescription="flowchart' in svg, d.name
        # the texts are drawn (Mermaid puts labels in foreignObject HTML)
        for n in d.view.nodes:
            first = (n.label or "").split("\n")[0].strip()
            if first and not set(first) & set("<>&\"#"):
                assert first in svg, (d.name, first)
    assert os.path.exists(tmp_path / "out.md")
