"""``flowdsl dict FILE… -o DIR -f md,html,csv``: the data dictionary of each file as the
textbook's cards (``export.dict_cards``, ``export.dict_html``), written atomically as
``DIR/NAME-dictionary.html`` …; the cards' labels in the file's keyword language unless
``--labels``. Exit codes: 0 written; 1 a file has errors (nothing written for it); 2 usage
or a missing file."""

from __future__ import annotations

FORMATS = ("md", "html", "csv")
_CLI = {
    "en": {"missing": "flowdsl dict: no such file: {0}",
           "format": "flowdsl dict: unknown format “{0}” (use md, html, csv)",
           "errors": "{0}: the file has errors; fix them first (flowdsl check)",
           "done": "flowdsl dict: wrote {0}", "empty": "{0}: warning: the file has no data dictionary entries"},
    "zh": {"missing": "flowdsl dict：文件不存在：{0}",
           "format": "flowdsl dict：未知的格式“{0}”（可用 md、html、csv）",
           "errors": "{0}：文件有错误，请先改正（flowdsl check）",
           "done": "flowdsl dict：已写出 {0}", "empty": "{0}：警告：文件中没有数据字典条目"},
}


def add_parser(sub, lang: str) -> None:
    from .cliargs import _max_size

    p = sub.add_parser("dict", help="write the data dictionary (数据字典) as cards: Markdown, printable HTML, CSV")
    p.add_argument("paths", nargs="+", metavar="FILE", help="case files (.flow)")
    p.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    p.add_argument("-f", "--format", default="html", help="comma-separated: md,html,csv (default: html)")
    p.add_argument("--labels", choices=("zh", "en"), help="language of the cards (default: the file's keywords)")
    _max_size(p)
    p.add_argument("--lang", choices=("zh", "en"), default=lang, help="language of messages")


def run(args) -> int:
    import os
    import sys

    from ..api import load
    from .batch import format_case_diagnostics
    from .writes import atomic_write

    m = _CLI[args.lang if args.lang in _CLI else "en"]
    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    for f in formats:
        if f not in FORMATS:
            print(m["format"].format(f), file=sys.stderr)
            return 2
    status = 0
    for path in args.paths:
        if not os.path.isfile(path):
            print(m["missing"].format(path), file=sys.stderr)
            return 2
        case = load(path, max_size=args.max_size)
        if case.diagnostics:
            print(format_case_diagnostics(case, False, args.lang), file=sys.stderr)
        if not case.ok or case.model is None:
            print(m["errors"].format(path), file=sys.stderr)
            status = 1
            continue
        dd = case.dictionary
        if args.labels:
            dd.lang = args.labels
        if not dd.entries:
            print(m["empty"].format(path), file=sys.stderr)
        stem = os.path.splitext(os.path.basename(path))[0]
        for f in formats:
            data = {"md": lambda: dd.to_markdown().encode("utf-8"), "html": lambda: dd.to_html().encode("utf-8"),
                    "csv": dd.to_csv}[f]()
            out = os.path.join(args.output, f"{stem}-dictionary.{f}")
            atomic_write(out, data)
            print(m["done"].format(out), file=sys.stderr)
    return status
