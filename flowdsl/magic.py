"""IPython / Jupyter support: ``%load_ext flowdsl`` registers the ``%%flowdsl`` cell magic.

    %%flowdsl
    业务流程图 请假 {
      单位 员工
      单位 主管
      员工 -> 主管
    }

renders the cell's text: its diagnostics first (styled, with the caret under the
mistake), then every diagram as SVG. ``%%flowdsl --name 请假 --lang zh`` names the
source in messages; ``%%flowdsl --var case`` also stores the ``Case`` in ``case``.
"""

from __future__ import annotations

import shlex

__all__ = ["flowdsl_cell", "load_ipython_extension"]


def _options(line: str) -> dict[str, str]:
    """``--name X --var Y --strict`` → {"name": "X", "var": "Y", "strict": ""}.

    >>> _options("--name 请假 --strict --var c")
    {'name': '请假', 'strict': '', 'var': 'c'}
    """
    out: dict[str, str] = {}
    words = shlex.split(line)
    i = 0
    while i < len(words):
        w = words[i]
        if w.startswith("--"):
            key = w[2:]
            if i + 1 < len(words) and not words[i + 1].startswith("--"):
                out[key] = words[i + 1]
                i += 2
                continue
            out[key] = ""
        i += 1
    return out


def flowdsl_cell(line: str, cell: str, shell=None):
    """Parse ``cell``, display its diagnostics and diagrams; returns nothing (the
    ``Case`` goes into the variable named by ``--var``)."""
    from IPython.display import HTML, display

    from .api import diagnostics_html, parse

    opts = _options(line)
    case = parse(cell, name=opts.get("name") or "<cell>", strict="strict" in opts)
    if case.diagnostics:
        display(HTML(diagnostics_html(case.diagnostics, case.source, lang=opts.get("lang") or "en")))
    for d in case.views:
        display(d)
    if opts.get("var") and shell is not None:
        shell.user_ns[opts["var"]] = case
    return None


def load_ipython_extension(ipython) -> None:
    """Called by ``%load_ext flowdsl``."""

    def magic(line: str, cell: str):
        return flowdsl_cell(line, cell, ipython)

    magic.__doc__ = flowdsl_cell.__doc__
    ipython.register_magic_function(magic, magic_kind="cell", magic_name="flowdsl")
