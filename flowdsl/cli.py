"""Command line: ``flowdsl render`` / ``check`` / ``explain``.

Exit codes: 0 clean; 1 diagnostics (``check``: any; ``render``: a file with errors or
a failed render); 2 usage or environment (a missing file, ``dot`` not installed).
Only argparse is imported at start-up; everything else when a command needs it.
"""

from __future__ import annotations

import argparse
import os
import sys

from ._version import __version__

SOURCE_SUFFIXES = (".flow", ".flowdsl")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="flowdsl",
        description="Business flow charts (业务流程图) and data flow diagrams (数据流程图) from text.",
    )
    p.add_argument("--version", action="version", version=f"flowdsl {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser("render", help="render files or folders to SVG/PNG/PDF/DOT")
    r.add_argument("paths", nargs="+", metavar="PATH", help="case files (.flow) or folders (searched recursively)")
    r.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    r.add_argument("-f", "--format", default="svg", help="comma-separated formats: svg,png,pdf,dot (default: svg)")
    _common(r)

    c = sub.add_parser("check", help="check files and print diagnostics")
    c.add_argument("paths", nargs="+", metavar="PATH")
    c.add_argument("--format", dest="output_format", choices=("text", "json"), default="text",
                   help="diagnostics as text (default) or JSON")
    _common(c)

    e = sub.add_parser("explain", help="explain a diagnostic code (or list them all)")
    e.add_argument("code", nargs="?")
    return p


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--severity", action="append", default=[], metavar="CODE=LEVEL",
                   help="set a code's severity: error, warning or off (repeatable)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")


def _sources(paths: list[str]) -> tuple[list[str], list[str]]:
    """Files to process (folders searched recursively, sorted) and missing paths."""
    files: list[str] = []
    missing: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            found = []
            for root, dirs, names in os.walk(p):
                dirs.sort()
                found += [os.path.join(root, n) for n in names if n.endswith(SOURCE_SUFFIXES)]
            files += sorted(found)
        elif os.path.isfile(p):
            files.append(p)
        else:
            missing.append(p)
    return files, missing


def _severities(items: list[str]) -> dict[str, str]:
    from .options import SEVERITY_WORDS

    out = {}
    for item in items:
        code, _, level = item.partition("=")
        if level not in SEVERITY_WORDS:
            raise SystemExit(f"flowdsl: --severity expects CODE=error|warning|off, got {item!r}")
        out[code.strip().upper()] = SEVERITY_WORDS[level]
    return out


def _color(mode: str, stream) -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def _out_name(src: str, roots: list[str]) -> str:
    """Output subfolder for a source: its path below the folder given, without suffix."""
    src_abs = os.path.abspath(src)
    for r in roots:
        r_abs = os.path.abspath(r)
        if os.path.isdir(r) and src_abs.startswith(r_abs + os.sep):
            return os.path.splitext(os.path.relpath(src_abs, r_abs))[0]
    return os.path.splitext(os.path.basename(src))[0]


def _safe_filename(name: str) -> str:
    bad = '<>:"/\\|?*\x00'
    cleaned = "".join("_" if (c in bad or ord(c) < 32) else c for c in name).strip(" .")
    return cleaned or "diagram"


def cmd_render(args) -> int:
    from .api import load
    from .io import atomic_write
    from .render.backend import BackendMissing, RenderError

    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in ("svg", "png", "pdf", "dot")]
    if bad or not formats:
        print(f"flowdsl: unknown format {', '.join(bad) or '(none)'}; use svg, png, pdf or dot", file=sys.stderr)
        return 2
    files, missing = _sources(args.paths)
    for m in missing:
        print(f"flowdsl: no such file or folder: {m}", file=sys.stderr)
    if missing and not files:
        return 2
    severities = _severities(args.severity)
    color = _color(args.color, sys.stderr)
    rendered = failed = written = 0
    for path in files:
        case = load(path, strict=args.strict, severities=severities)
        if case.diagnostics:
            print(case.format_diagnostics(color), file=sys.stderr)
        if not case.ok:
            failed += 1
            continue
        sub = _out_name(path, args.paths)
        try:
            outputs = []
            for diagram in case.views:
                for fmt in formats:
                    outputs.append((os.path.join(args.output, sub, f"{_safe_filename(diagram.name)}.{fmt}"),
                                    diagram.render(fmt)))
            for target, data in outputs:  # all rendered first: a failure writes nothing
                atomic_write(target, data)
                written += 1
        except BackendMissing as e:
            print(f"flowdsl: {e}", file=sys.stderr)
            return 2
        except (RenderError, OSError) as e:
            print(f"{path}: error: rendering failed: {e}", file=sys.stderr)
            failed += 1
            continue
        rendered += 1
    print(f"flowdsl: {rendered} rendered, {failed} failed, {written} files written to {args.output}",
          file=sys.stderr)
    return 1 if failed or missing else 0


def cmd_check(args) -> int:
    import json

    from .api import load

    files, missing = _sources(args.paths)
    for m in missing:
        print(f"flowdsl: no such file or folder: {m}", file=sys.stderr)
    if missing and not files:
        return 2
    severities = _severities(args.severity)
    color = _color(args.color, sys.stdout)
    all_diags = []
    for path in files:
        case = load(path, strict=args.strict, severities=severities)
        all_diags += case.diagnostics
        if args.output_format == "text" and case.diagnostics:
            print(case.format_diagnostics(color))
    if args.output_format == "json":
        print(json.dumps([d.to_dict() for d in all_diags], ensure_ascii=False, indent=2))
    else:
        errors = sum(d.severity == "error" for d in all_diags)
        warnings = len(all_diags) - errors
        print(f"flowdsl: {len(files)} file(s) checked, {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if (all_diags or missing) else 0


def cmd_explain(args) -> int:
    from .codes import CODES

    if not args.code:
        for code, c in CODES.items():
            print(f"{code}  {c.severity:<7}  {c.summary} / {c.summary_zh}")
        return 0
    code = args.code.upper()
    if code not in CODES:
        print(f"flowdsl: unknown code {args.code}", file=sys.stderr)
        return 2
    c = CODES[code]
    print(f"{code} ({c.severity}): {c.summary}\n{code}（{c.severity}）：{c.summary_zh}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return 2
    try:
        return {"render": cmd_render, "check": cmd_check, "explain": cmd_explain}[args.command](args)
    except KeyboardInterrupt:
        return 130
