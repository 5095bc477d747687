"""``flowdsl derive FILE [CHART] -o NEW.flow``: a first DFD drafted from a business chart
(``flowdsl.model.derive``); ``--er``: a first ER diagram from the data dictionary
(``flowdsl.model.derive_er``); printed or written atomically; the input is never overwritten.
Exit codes: 0 written; 1 the file has errors or no such chart; 2 usage or a missing file."""

from __future__ import annotations

_CLI = {
    "en": {"missing": "flowdsl derive: no such file: {0}",
           "same": "flowdsl derive: refusing to overwrite the input {0}; write the draft to a new file",
           "errors": "{0}: the file has errors; fix them first (flowdsl check)",
           "failed": "{0}: error: {1}", "done": "flowdsl derive: wrote {0}"},
    "zh": {"missing": "flowdsl derive：文件不存在：{0}",
           "same": "flowdsl derive：不会覆盖输入文件 {0}；请把初稿写到新文件",
           "errors": "{0}：文件有错误，请先改正（flowdsl check）",
           "failed": "{0}：错误：{1}", "done": "flowdsl derive：已写出 {0}"},
}


def add_parser(sub, lang: str) -> None:
    from .cliargs import _max_size

    p = sub.add_parser("derive", help="draft a data flow diagram from a business chart (new .flow text)")
    p.add_argument("path", metavar="FILE", help="a case file with a business chart")
    p.add_argument("chart", nargs="?", metavar="CHART", help="the chart to derive from (default: every chart)")
    p.add_argument("--er", action="store_true",
                   help="draft an ER diagram from the data dictionary's stores instead (issue 14)")
    p.add_argument("-o", "--output", metavar="NEW.flow", help="write here (default: print to stdout)")
    _max_size(p)
    p.add_argument("--lang", choices=("zh", "en"), default=lang, help="language of messages")


def run(args) -> int:
    import os
    import sys

    from ..model.derive import DeriveError
    from ..model.derive_er import DeriveErError
    from .cliargs import load_or_report
    from .writes import atomic_write

    m = _CLI[args.lang if args.lang in _CLI else "en"]
    if args.output and os.path.isfile(args.path) and os.path.exists(args.output) \
            and os.path.samefile(args.output, args.path):
        print(m["same"].format(args.path), file=sys.stderr)
        return 2
    case, code = load_or_report(args.path, args.max_size, args.lang, m)
    if case is None:
        return code
    try:
        text = case.derive_er() if args.er else case.derive_dfd(args.chart)
    except (DeriveError, DeriveErError) as exc:
        print(m["failed"].format(args.path, exc), file=sys.stderr)
        return 1
    if not args.output:
        sys.stdout.write(text)
        return 0
    atomic_write(args.output, text.encode("utf-8"))
    print(m["done"].format(args.output), file=sys.stderr)
    return 0
