"""Command line: ``flowdsl render`` / ``watch`` / ``check`` / ``fmt`` / ``explain``.

Exit codes: 0 clean; 1 diagnostics (``check``: any; ``render``: a file with errors or
a failed render); 2 usage or environment (a missing file, ``dot`` not installed).
Only argparse is imported at start-up; everything else when a command needs it.
"""

from __future__ import annotations

import argparse
import os
import sys

from .._version import __version__
from .cliargs import _budget, _max_size, _paper, _pipe_closed, _positive_number, _seconds
from .climessages import _msg, default_lang


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="flowdsl",
        description="Business flow charts (业务流程图) and data flow diagrams (数据流程图) from text.",
    )
    p.add_argument("--version", action="version", version=f"flowdsl {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser("render", help="render files or folders to SVG/PNG/PDF/DOT")
    _render_args(r)
    w = sub.add_parser("watch", help="render, then render again whenever a file is saved")
    _render_args(w)
    w.add_argument("--interval", type=_seconds, default=0.5, help="seconds between checks (default 0.5)")

    c = sub.add_parser("check", help="check files and print diagnostics")
    c.add_argument("paths", nargs="+", metavar="PATH")
    c.add_argument("--format", dest="output_format", choices=("text", "json"), default="text",
                   help="diagnostics as text (default) or JSON")
    _budget(c)
    c.add_argument("--fail-on", choices=("error", "warning"), default="warning",
                   help="exit 1 on errors only, or on errors and warnings (default: warning)")
    _common(c)

    f = sub.add_parser("fmt", help="rewrite files in canonical form (comments kept)")
    f.add_argument("paths", nargs="+", metavar="PATH")
    f.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    f.add_argument("--utf8", action="store_true",
                   help="write UTF-8 with LF line endings (default: keep each file's encoding and line endings)")
    _max_size(f)
    f.add_argument("--lang", choices=("zh", "en"), default=default_lang(), help="language of messages")

    e = sub.add_parser("explain", help="explain a diagnostic code (or list them all)")
    e.add_argument("code", nargs="?")
    e.add_argument("--lang", choices=("zh", "en"), default=default_lang(), help="language of the explanation")
    from ..grade.cli import add_parser as add_grade  # the grade subcommand lives in flowdsl/grade/cli.py
    add_grade(sub, default_lang())
    __import__("flowdsl.export.cli", fromlist=["add_parser"]).add_parser(sub, default_lang())
    __import__("flowdsl.app.derive_cli", fromlist=["add_parser"]).add_parser(sub, default_lang())
    __import__("flowdsl.app.dict_cli", fromlist=["add_parser"]).add_parser(sub, default_lang())
    __import__("flowdsl.app.serve", fromlist=["add_parser"]).add_parser(sub, default_lang())
    __import__("flowdsl.app.schema_cli", fromlist=["add_parser"]).add_parser(sub, default_lang())  # issue 14
    __import__("flowdsl.app.lsp_cli", fromlist=["add_parser"]).add_parser(sub, default_lang())  # issue 16
    return p


def _render_args(r: argparse.ArgumentParser) -> None:
    r.add_argument("paths", nargs="+", metavar="PATH", help="case files (.flow) or folders (searched recursively)")
    r.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    r.add_argument("-f", "--format", default="svg",
                   help="comma-separated formats: svg,png,pdf,dot,html (default: svg; html: decision tables and trees as pages)")
    r.add_argument("--logic-convert", action="store_true",
                   help="also draw each decision table as its equivalent tree and each tree as its table")
    r.add_argument("-j", "--jobs", type=int, default=0,
                   help="parallel workers (default: one per core; 1 = no worker processes)")
    r.add_argument("--force", action="store_true", help="render everything, ignoring the cache")
    r.add_argument("--notation", choices=("textbook", "gane-sarson", "yourdon"), default=None,
                   help="DFD notation (default: the file's option, else textbook)")
    r.add_argument("--edges", choices=("curved", "orthogonal"), default=None,
                   help="arrows as curves or right-angle routes (default: the file's option, else curved)")
    r.add_argument("--scale", type=_positive_number, default=1.0,
                   help="draw every output this many times its natural size (default 1)")
    r.add_argument("--dpi", type=_positive_number, default=None,
                   help="PNG resolution in dots per inch (default 144)")
    r.add_argument("--paper", type=_paper, default=None, metavar="A4|A3|letter|none",
                   help="paper to print on; a diagram too big for 8 pt text is split into sheets "
                        "(default: the file's option, else A4 for PDF and natural size for SVG/PNG)")
    r.add_argument("--orientation", choices=("portrait", "landscape", "auto"), default=None,
                   help="paper orientation (default: the file's option, else auto)")
    _budget(r)
    _common(r)


def _common(p: argparse.ArgumentParser) -> None:
    _max_size(p)
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--severity", action="append", default=[], metavar="CODE=LEVEL",
                   help="set a code's severity: error, warning or off (repeatable)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--lang", choices=("zh", "en"), default=default_lang(),
                   help="language of messages (default: from LANG / LC_ALL)")


def _inputs(args) -> tuple[list[str], list[str], int | None]:
    """The source files of ``args.paths``, the missing paths (each reported), and exit
    code 2 when nothing at all was found."""
    from .sources import find_sources
    from ..diagnostics.diagnostic import shown_name

    files, missing = find_sources(args.paths)
    for m in missing:
        print(_msg(args, "missing", shown_name(m)), file=sys.stderr)
    return files, missing, (2 if missing and not files else None)


def _severities(items: list[str]) -> dict[str, str]:
    from ..model.options import SEVERITY_WORDS

    out = {}
    for item in items:
        code, _, level = item.partition("=")
        if level not in SEVERITY_WORDS:
            print(f"flowdsl: --severity expects CODE=error|warning|off, got {item!r}", file=sys.stderr)
            raise SystemExit(2)
        out[code.strip().upper()] = SEVERITY_WORDS[level]
    return out


def _color(mode: str, stream) -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def _render_setup(args):
    """(tasks, missing, error exit code or None) for render / watch."""
    from .batch import make_tasks

    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in ("svg", "png", "pdf", "dot", "html")]
    if bad or not formats:
        print(_msg(args, "bad_format", ", ".join(bad) or "(none)"), file=sys.stderr)
        return [], [], 2
    files, missing, code = _inputs(args)
    if code is not None:
        return [], missing, code
    severities = tuple(sorted(_severities(args.severity).items()))
    color = _color(args.color, sys.stderr)
    tasks = make_tasks(files, args.paths, args.output, formats, strict=args.strict, severities=severities,
                       lang=args.lang, color=color, notation=args.notation, edges=getattr(args, "edges", None),
                       max_size=args.max_size,
                       max_nodes=args.max_nodes, max_edges=args.max_edges,
                       paper=args.paper, orientation=args.orientation, scale=args.scale, dpi=args.dpi,
                       logic_convert=getattr(args, "logic_convert", False))
    return tasks, missing, None


def _run_batch(args, tasks, missing, force: bool) -> int:
    from .batch import Progress, render_batch
    from ..diagnostics.diagnostic import shown_name

    if args.jobs < 0:
        print("flowdsl: -j expects a positive number", file=sys.stderr)
        return 2

    color = _color(args.color, sys.stderr)

    def report(res) -> None:
        if res.report:
            print(res.text(color), file=sys.stderr)

    progress = Progress(len(tasks), sys.stderr, lang=args.lang)
    results = render_batch(tasks, jobs=args.jobs or None, force=force, progress=progress, report=report)
    count = {s: sum(r.status == s for r in results) for s in ("rendered", "cached", "failed", "backend-missing")}
    print(_msg(args, "summary", rendered=count["rendered"], cached=count["cached"],
               failed=count["failed"] + count["backend-missing"],
               same=_unchanged_failures(args, results), files=len(results),
               diagrams=sum(r.diagrams for r in results), out=shown_name(args.output)), file=sys.stderr)
    if count["backend-missing"]:
        return 2
    return 1 if (count["failed"] or missing) else 0


def _unchanged_failures(args, results) -> str:
    n = sum(r.from_cache and r.status == "failed" for r in results)
    if not n:
        return ""
    return f"（其中 {n} 个未修改）" if args.lang == "zh" else f" ({n} unchanged since the last run)"


def cmd_render(args) -> int:
    tasks, missing, code = _render_setup(args)
    if code is not None:
        return code
    return _run_batch(args, tasks, missing, args.force)


def cmd_watch(args) -> int:
    from .watch import watch

    tasks, missing, code = _render_setup(args)
    if code is not None:
        return code
    first = _run_batch(args, tasks, missing, args.force)
    if first == 2:
        return 2

    from ..diagnostics.diagnostic import shown_name

    def rerender(changed: list[str]) -> None:
        for path in changed:
            print(_msg(args, "changed", shown_name(path)), file=sys.stderr)
        new_tasks, new_missing, _ = _render_setup(args)
        _run_batch(args, new_tasks, new_missing, False)

    print(_msg(args, "watching", len(tasks), ", ".join(shown_name(p) for p in args.paths)), file=sys.stderr)
    watch(args.paths, rerender, interval=args.interval)
    return 0


def cmd_fmt(args) -> int:
    from .batch import format_case_diagnostics
    from ..diagnostics.diagnostic import shown_name
    from ..lang.format import FormatError, format_text
    from ..lang.source import decode, encode_like, read_bytes, sniff
    from .writes import rewrite

    files, missing, code = _inputs(args)
    if code is not None:
        return code
    changed = same = failed = skipped = 0
    named = {os.path.abspath(p) for p in args.paths if os.path.isfile(p)}
    for path in files:
        data, problem = read_bytes(path, args.max_size)
        text = None
        if problem is None:
            text, problem = decode(data or b"")
        try:
            if problem is not None:
                raise FormatError(problem.message, [problem])
            out = format_text(text or "")
        except FormatError as e:
            # a file that does not parse cannot be formatted: a failure when named,
            # skipped (and reported) when found in a folder
            if e.diagnostics and os.path.abspath(path) not in named:
                skipped += 1
            else:
                failed += 1
            if e.diagnostics:
                from ..api import Case

                case = Case(source=text or "", name=path, diagnostics=[d.with_file(path) for d in e.diagnostics])
                print(format_case_diagnostics(case, _color("auto", sys.stderr), args.lang), file=sys.stderr)
            else:
                print(f"{shown_name(path)}: error: {e}", file=sys.stderr)
            continue
        encoding, newline = ("utf-8", "\n") if args.utf8 else sniff(data or b"", text or "")
        new = encode_like(out, encoding, newline)
        if new == data:
            same += 1
            continue
        if args.check:
            changed += 1
            print(_msg(args, "would_change", shown_name(path)))
            continue
        try:
            rewrite(path, new)
        except OSError as e:
            failed += 1
            why = e.strerror or str(e)
            print(f"{shown_name(path)}: 错误：无法写回：{why}" if args.lang == "zh" else
                  f"{shown_name(path)}: error: cannot write it back: {why}", file=sys.stderr)
            continue
        changed += 1
        print(_msg(args, "reformatted", shown_name(path)))
    print(_msg(args, "fmt_summary", changed, _msg(args, "fmt_would" if args.check else "fmt_done"), same,
               skipped, failed), file=sys.stderr)
    if failed or missing or (args.check and changed):
        return 1
    return 0


def cmd_check(args) -> int:
    import json

    from ..api import load
    from ..diagnostics.diagnostic import format_case_diagnostics

    files, missing, code = _inputs(args)
    if code is not None:
        return code
    severities = _severities(args.severity)
    color = _color(args.color, sys.stdout)
    all_diags = []
    for path in files:
        case = load(path, strict=args.strict, severities=severities, max_size=args.max_size)
        if case.ok:  # a diagram render would refuse to lay out (FD701) is reported here too
            from ..diagnostics.diagnostic import sort_key
            from ..model.limits import budget_diagnostics

            extra = budget_diagnostics(case, args.max_nodes, args.max_edges)
            if extra:
                case.diagnostics = sorted(case.diagnostics + extra, key=sort_key)
        all_diags += case.diagnostics
        if args.output_format == "text" and case.diagnostics:
            print(format_case_diagnostics(case, color, args.lang))
    errors = sum(d.severity == "error" for d in all_diags)
    warnings = len(all_diags) - errors
    if args.output_format == "json":
        print(json.dumps([d.to_dict(args.lang) for d in all_diags], ensure_ascii=False, indent=2))
    # the counts apart (also under --format json, on stderr), so a script can tell them apart
    print(_msg(args, "checked", len(files), errors, warnings), file=sys.stderr)
    failing = errors if args.fail_on == "error" else errors + warnings
    return 1 if (failing or missing) else 0


def cmd_explain(args) -> int:
    from ..diagnostics.codes import CODES
    from ..diagnostics.explain import explain

    if not args.code:
        for code, c in CODES.items():
            print(f"{code}  {c.severity:<7}  {c.summary} / {c.summary_zh}")
        return 0
    code = args.code.upper()
    if code not in CODES:
        print(_msg(args, "unknown_code", args.code), file=sys.stderr)
        return 2
    print(explain(code, args.lang))
    return 0


COMMANDS = {"render": cmd_render, "watch": cmd_watch, "check": cmd_check, "fmt": cmd_fmt, "explain": cmd_explain,
            "grade": lambda args: __import__("flowdsl.grade.cli", fromlist=["run"]).run(args),
            "export": lambda args: __import__("flowdsl.export.cli", fromlist=["run"]).run(args),
            "derive": lambda args: __import__("flowdsl.app.derive_cli", fromlist=["run"]).run(args),
            "dict": lambda args: __import__("flowdsl.app.dict_cli", fromlist=["run"]).run(args),
            "serve": lambda args: __import__("flowdsl.app.serve", fromlist=["run"]).run(args),
            "schema": lambda args: __import__("flowdsl.app.schema_cli", fromlist=["run"]).run(args),
            "lsp": lambda args: __import__("flowdsl.app.lsp_cli", fromlist=["run"]).run(args)}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return 2
    try:
        code = COMMANDS[args.command](args)
        if not sys.stdout.closed:   # flowdsl lsp closes it on exit
            sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `flowdsl explain | head`: the reader has gone; exit quietly
        return _pipe_closed()
    except OSError as exc:   # e.g. the output redirected to a full disk: a message, no traceback
        where = f": {exc.filename}" if exc.filename else ""
        try:
            print(f"flowdsl: {exc.strerror or exc}{where}", file=sys.stderr)
        except OSError:
            pass
        return 1
