"""Every command the tutorials (and docs/cli.md) show is run, and what it prints is compared
with what the page shows (issue 10, item 9).

The convention in the markdown:

- A ```` ```console ```` block holds commands, each on a line starting with ``$ ``, each
  followed by the text it prints (stdout and stderr together, as on a terminal). They run
  in a scratch folder, in page order, with ``samples/`` available.
- ``<!-- file: NAME -->`` on the line before a ```` ```flowdsl ```` block writes the block to
  ``NAME`` in that folder (a later block of the same name replaces it), ``<!-- append: NAME -->``
  adds the block at its end;
  ``<!-- replace NAME: OLD => NEW -->`` edits it (the edit the page asks the reader to make);
  ``<!-- copy: SRC -> DST -->`` copies a file.
- ```` ```python ```` blocks run (in the same folder) and must not fail.
- No ``flowdsl`` command may hide in a ```` ```sh ```` block: shown commands are run.

Compared after normalising the version number and trailing spaces; run with ``LANG=C.UTF-8``
(a page shows Chinese messages with ``--lang zh``).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, needs_rsvg

PAGES = ["docs/tutorial.en.md", "docs/tutorial.zh.md", "docs/cli.md"]
DIRECTIVE = re.compile(r"<!--\s*(file|append|replace|copy)\b:?\s*(.*?)\s*-->")


def blocks(text: str):
    """(kind, info, body lines, directive before it) for every fenced block, in order."""
    lines = text.split("\n")
    i, pending = 0, None
    while i < len(lines):
        line = lines[i]
        m = DIRECTIVE.search(line)
        if m:
            yield "directive", m.group(1), m.group(2), i + 1
            i += 1
            continue
        if line.startswith("```"):
            info = line[3:].strip()
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            yield "block", info, lines[i + 1:j], i + 2
            i = j + 1
            continue
        i += 1


def normalise(text: str) -> str:
    from flowdsl import __version__

    text = text.replace(f"flowdsl {__version__}", "flowdsl VERSION")
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))


def run(command: str, cwd: str) -> str:
    argv = shlex.split(command)
    assert argv[0] == "flowdsl", f"only flowdsl commands are run: {command}"
    env = dict(os.environ, PYTHONUNBUFFERED="1", NO_COLOR="1", LANG="C.UTF-8")
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    proc = subprocess.run([sys.executable, "-m", "flowdsl", *argv[1:]], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    return proc.stdout.decode("utf-8")


def sessions(body: list[str]) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for line in body:
        if line.startswith("$ "):
            out.append((line[2:], []))
        else:
            assert out, f"output before any command: {line!r}"
            out[-1][1].append(line)
    return out


@needs_rsvg
@pytest.mark.parametrize("page", PAGES)
def test_every_command_shown_prints_what_the_page_shows(page, tmp_path):
    text = open(os.path.join(ROOT, page), encoding="utf-8").read()
    os.symlink(os.path.join(ROOT, "samples"), tmp_path / "samples")
    pending_file = None
    ran = 0
    for kind, info, body, line in blocks(text):
        where = f"{page}:{line}"
        if kind == "directive":
            if info in ("file", "append"):
                pending_file = (info, body)
            elif info == "replace":
                name, _, edit = body.partition(":")
                old, _, new = edit.partition("=>")
                path = tmp_path / name.strip()
                src = path.read_text(encoding="utf-8")
                assert old.strip() in src, f"{where}: {old.strip()!r} not in {name}"
                path.write_text(src.replace(old.strip(), new.strip(), 1), encoding="utf-8")
            else:
                a, _, b = body.partition("->")
                (tmp_path / b.strip()).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(tmp_path / a.strip(), tmp_path / b.strip())
            continue
        if info == "flowdsl" and pending_file:
            mode, name = pending_file
            with open(tmp_path / name, "a" if mode == "append" else "w", encoding="utf-8") as fh:
                fh.write(("\n" if mode == "append" else "") + "\n".join(body) + "\n")
        elif info == "console":
            for command, expected in sessions(body):
                got = run(command, str(tmp_path))
                assert normalise(got) == normalise("\n".join(expected)), f"{where}: $ {command}"
                ran += 1
        elif info == "python":
            proc = subprocess.run([sys.executable, "-"], input="\n".join(body).encode(), cwd=tmp_path,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
            assert proc.returncode == 0, f"{where}: {proc.stdout.decode()}"
        elif info in ("sh", "bash", "shell"):
            hidden = [b for b in body if b.lstrip().startswith("flowdsl ")]
            assert hidden == [], f"{where}: show flowdsl commands in a console block, where they are run"
        pending_file = None if info == "flowdsl" else pending_file
    assert ran >= 3, f"{page}: no console block found"
