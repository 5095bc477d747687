"""IPython / Jupyter support: ``%load_ext flowdsl`` registers the ``%flowdsl`` magic.

As a cell magic::

    %%flowdsl
    业务流程图 请假 {
      单位 员工
      单位 主管
      员工 -> 主管
    }

renders the cell's text: its diagnostics first (styled, with the caret under the
mistake), then every diagram as SVG. As a line magic, ``%flowdsl 作业.flow`` does the
same for a file. Options (``%%flowdsl?`` lists them; an unknown one is an error):
``--name 请假`` names the source in messages, ``--var case`` also stores the ``Case``
in ``case``, ``--lang zh`` prints the diagnostics in Chinese, ``--strict`` treats
warnings as errors, ``--scale 0.6`` / ``--width 500`` size the diagrams.
"""

from __future__ import annotations

__all__ = ["flowdsl_cell", "flowdsl_magic", "load_ipython_extension"]


def _arguments(func):
    """The magic's options, declared with IPython's ``magic_arguments`` (help text,
    ``%%flowdsl?``, a UsageError for an unknown option)."""
    from IPython.core.magic_arguments import argument, magic_arguments

    for arg in reversed([
        argument("file", nargs="?", default=None,
                 help="line magic: the .flow file to show (a cell magic shows the cell)"),
        argument("--name", default=None, help="the name of the source in messages"),
        argument("--var", default=None, help="also store the Case in this variable"),
        argument("--lang", choices=("en", "zh"), default="en", help="language of the diagnostics"),
        argument("--strict", action="store_true", help="treat warnings as errors"),
        argument("--scale", type=float, default=None, help="draw the diagrams this many times their size"),
        argument("--width", default=None, help="display width of each diagram (500 or 80%%)"),
    ]):
        func = arg(func)
    return magic_arguments(name="flowdsl")(func)


def _arg_names() -> list[str]:
    """The options of the magic.

    >>> _arg_names()
    ['file', '--name', '--var', '--lang', '--strict', '--scale', '--width']
    """
    parser = flowdsl_magic.parser
    return [a.option_strings[0] if a.option_strings else a.dest for a in parser._actions
            if a.dest != "help"]


def _show(case, args, shell) -> None:
    from IPython.display import HTML, display

    from ..api import diagnostics_html

    if case.diagnostics:
        display(HTML(diagnostics_html(case.diagnostics, case.source, lang=args.lang)))
    for d in case.diagrams:
        if args.scale or args.width:
            display(HTML(d.html(scale=args.scale, width=args.width)))
        else:
            display(d)
    if args.var and shell is not None:
        shell.user_ns[args.var] = case


def flowdsl_magic(line: str, cell: str | None = None, shell=None):
    """Show a case: the cell's text (``%%flowdsl``) or a file (``%flowdsl FILE``)."""
    from IPython.core.error import UsageError
    from IPython.core.magic_arguments import parse_argstring

    from ..api import load, parse

    args = parse_argstring(flowdsl_magic, line)
    if cell is None:
        if not args.file:
            raise UsageError("%flowdsl needs a file: %flowdsl 作业.flow (or use %%flowdsl with the case in the cell)")
        case = load(args.file, strict=args.strict)
    else:
        if args.file:
            raise UsageError(f"%%flowdsl takes the case from the cell, not from {args.file!r}; "
                             f"use the line magic %flowdsl {args.file}")
        case = parse(cell, name=args.name or "<cell>", strict=args.strict)
    if args.name and cell is None:
        case.name = args.name
    _show(case, args, shell)
    return None


try:
    flowdsl_magic = _arguments(flowdsl_magic)
except ImportError:  # pragma: no cover - without IPython there is no magic to run
    pass


def flowdsl_cell(line: str, cell: str, shell=None):
    """The cell magic (kept for callers of the first version)."""
    return flowdsl_magic(line, cell, shell)


def load_ipython_extension(ipython) -> None:
    """Called by ``%load_ext flowdsl``: ``%flowdsl`` as a line and as a cell magic."""

    def magic(line: str, cell: str | None = None):
        return flowdsl_magic(line, cell, ipython)

    magic.__doc__ = flowdsl_magic.__doc__
    magic.parser = flowdsl_magic.parser   # so that %%flowdsl? shows the options
    ipython.register_magic_function(magic, magic_kind="line_cell", magic_name="flowdsl")
