"""``flowdsl export FILE... --to drawio|mermaid|plantuml|bpmn|graphml|dot -o DIR``.

Sources are found as ``render`` finds them (folders searched recursively), each file
gets its own output folder (the input tree mirrored under ``-o``, so two students'
``hw.flow`` never collide) and distinct file names per diagram. Files are written
atomically. Exit codes: 0 all exported; 1 a file has errors or failed; 2 usage, a
missing path, or Graphviz missing.
"""

from __future__ import annotations

import os
import sys

MSG = {
    "en": {"missing": "flowdsl export: no such file or folder: {0}",
           "clash": "{0}: error: its output folder is already used by {1}; rename one of them",
           "failed": "{0}: error: export failed: {1}",
           "done": "flowdsl export: {0} file(s) written from {1} input(s), {2} failed, into {3}"},
    "zh": {"missing": "flowdsl export：文件或文件夹不存在：{0}",
           "clash": "{0}：错误：输出文件夹已被 {1} 使用；请重命名其中一个",
           "failed": "{0}：错误：导出失败：{1}",
           "done": "flowdsl export：从 {1} 个输入写出 {0} 个文件，失败 {2} 个，输出到 {3}"},
}


def add_parser(sub, lang: str) -> None:
    from ..app.cli import _common
    from . import FORMATS

    e = sub.add_parser("export", help="export diagrams for other tools: " + ", ".join(FORMATS))
    e.add_argument("paths", nargs="+", metavar="PATH", help="case files (.flow) or folders (searched recursively)")
    e.add_argument("--to", required=True, choices=tuple(FORMATS), help="the format to write")
    e.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    _common(e)


def run(args) -> int:
    from ..api import load
    from ..app.batch import format_case_diagnostics
    from ..app.sources import find_sources
    from ..app.cli import _color, _severities
    from ..app.writes import atomic_write
    from ..app.outputs import output_folders
    from ..render.backend import BackendMissing

    m = MSG[args.lang if args.lang in MSG else "en"]
    files, missing = find_sources(args.paths)
    for p in missing:
        print(m["missing"].format(p), file=sys.stderr)
    if missing and not files:
        return 2
    subs, clashes = output_folders(files, args.paths)
    severities = _severities(args.severity)
    color = _color(args.color, sys.stderr)
    written = failed = 0
    for i, (path, sub) in enumerate(zip(files, subs)):
        if sub is None:
            print(m["clash"].format(path, files[clashes[i]]), file=sys.stderr)
            failed += 1
            continue
        case = load(path, strict=args.strict, severities=severities, max_size=args.max_size)
        if case.diagnostics:
            print(format_case_diagnostics(case, color, args.lang), file=sys.stderr)
        if not case.ok:
            failed += 1
            continue
        try:
            outs = case.export(args.to)
        except BackendMissing as exc:
            print(m["failed"].format(path, exc), file=sys.stderr)
            return 2
        except Exception as exc:  # a bug must not stop the other files, nor show a traceback
            print(m["failed"].format(path, repr(exc)), file=sys.stderr)
            failed += 1
            continue
        for name, data in outs:
            atomic_write(os.path.join(args.output, sub, name), data)
            written += 1
    print(m["done"].format(written, len(files), failed, args.output), file=sys.stderr)
    return 1 if (failed or missing) else 0
