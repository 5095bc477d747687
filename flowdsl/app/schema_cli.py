"""``flowdsl schema FILE [-f md|html|sql] [--dialect sqlite|mysql|postgresql] [-o OUT]``: the
relational schema of the file's ER diagrams (:mod:`flowdsl.export.schema`), printed or
written atomically. Exit codes: 0 done; 1 the file has errors or no ER diagram; 2 usage
or a missing file."""

from __future__ import annotations

_CLI = {
    "en": {"missing": "flowdsl schema: no such file: {0}",
           "errors": "{0}: the file has errors; fix them first (flowdsl check)",
           "none": "{0}: the file has no ER diagram (er / ER图)",
           "no_er": "{0}: no ER diagram named “{1}” (its ER diagrams: {2})",
           "done": "flowdsl schema: wrote {0}"},
    "zh": {"missing": "flowdsl schema：文件不存在：{0}",
           "errors": "{0}：文件有错误，请先改正（flowdsl check）",
           "none": "{0}：文件中没有ER图（ER图 / er）",
           "no_er": "{0}：没有名为“{1}”的ER图（文件中的ER图：{2}）",
           "done": "flowdsl schema：已写出 {0}"},
}


def add_parser(sub, lang: str) -> None:
    from .cliargs import _max_size

    p = sub.add_parser("schema", help="the relational schema and SQL DDL of the ER diagrams")
    p.add_argument("path", metavar="FILE", help="a case file with an ER diagram")
    p.add_argument("er", nargs="?", metavar="ER", help="the ER diagram (default: every one)")
    p.add_argument("-f", "--format", choices=("md", "html", "sql"), default="md",
                   help="md: 学生(<u>学号</u>, …) in Markdown (default); html; sql: CREATE TABLE")
    p.add_argument("--dialect", choices=("sqlite", "mysql", "postgresql"), default="sqlite",
                   help="the SQL dialect of -f sql (default sqlite)")
    p.add_argument("-o", "--output", metavar="OUT", help="write here (default: print to stdout)")
    _max_size(p)
    p.add_argument("--lang", choices=("zh", "en"), default=lang, help="language of messages")


def schema_text(model, fmt: str = "md", dialect: str = "sqlite", name: str | None = None) -> str:
    """The schema of ``model``'s ER diagrams (or of the one named ``name``) as text."""
    from ..export.schema import schema, to_html, to_markdown, to_sql

    ers = [e for e in model.ers if name is None or e.name == name]
    if fmt == "html":
        rels = [r for e in ers for r in schema(e)]
        return to_html(rels, ers[0].title or ers[0].name if len(ers) == 1 else None)
    parts = []
    for e in ers:
        rels = schema(e)
        parts.append(to_sql(rels, dialect, e.title or e.name) if fmt == "sql" else to_markdown(rels, e.title or e.name))
    return "\n".join(parts)


def run(args) -> int:
    import sys

    from .cliargs import load_or_report
    from .writes import atomic_write

    m = _CLI[args.lang if args.lang in _CLI else "en"]
    case, code = load_or_report(args.path, args.max_size, args.lang, m)
    if case is None:
        return code
    names = [e.name for e in case.model.ers]
    if not names:
        print(m["none"].format(args.path), file=sys.stderr)
        return 1
    if args.er is not None and args.er not in names:
        print(m["no_er"].format(args.path, args.er, ", ".join(names)), file=sys.stderr)
        return 1
    text = schema_text(case.model, args.format, args.dialect, args.er)
    if not args.output:
        sys.stdout.write(text)
        return 0
    atomic_write(args.output, text.encode("utf-8"))
    print(m["done"].format(args.output), file=sys.stderr)
    return 0
