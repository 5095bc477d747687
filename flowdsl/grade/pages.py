"""Writing the report folder: ``index.html`` (the class), ``grades.csv``, ``grades.json``,
and ``students/NAME.html`` with the marked diagrams ``students/NAME.K.svg`` (and .png /
.pdf when asked). Every file is written atomically."""

from __future__ import annotations

import json
import os

from ..app.writes import atomic_write


def page_names(students: list[str]) -> list[str]:
    """``students/NAME.html`` for each student, file-safe and unique (NAME-2 …)."""
    from ..app.outputs import safe_filename
    from .core import student_name

    seen: dict[str, int] = {}
    out = []
    for p in students:
        base = safe_filename(student_name(p))
        n = seen.get(base.lower(), 0) + 1
        seen[base.lower()] = n
        out.append(f"students/{base}{'' if n == 1 else f'-{n}'}.html")
    return out


def _diagnostics_html(g, lang: str) -> str:
    from ..api import diagnostics_html

    blocks = []
    for file, source in g.sources.items():
        diags = [d for d in g.diagnostics if d.file == file or d.file is None]
        if diags:
            blocks.append(diagnostics_html(diags, source, lang=lang))
    return "\n".join(blocks)


def write_student(g, row: dict, out: str, page: str, lang: str, figures: tuple[str, ...] = ("svg",)) -> None:
    from .figures import marked_views, render_marked
    from .report import student_page

    stem = page[: -len(".html")]
    shown: list[tuple[str, str]] = []
    k = 0
    for res in g.parts:
        try:
            views = marked_views(res)
        except Exception:  # a model the views cannot draw: the deductions still stand
            views = []
        for view, nodes, edges in views:
            k += 1
            for fmt in figures:
                try:
                    data = render_marked(view, nodes, edges, fmt)
                except Exception:
                    continue
                atomic_write(os.path.join(out, f"{stem}.{k}.{fmt}"), data)
                if fmt == "svg":
                    shown.append((f"{os.path.basename(stem)}.{k}.svg", view.title or view.name))
    html = student_page(row, shown, _diagnostics_html(g, lang), lang, "../index.html")
    atomic_write(os.path.join(out, page), html.encode("utf-8"))


def write_error(row: dict, out: str, page: str, lang: str) -> None:
    from .report import student_page

    atomic_write(os.path.join(out, page), student_page(row, [], "", lang, "../index.html").encode("utf-8"))


def write_class(rows: list[dict], out: str, lang: str) -> None:
    from .report import class_page, grades_csv

    atomic_write(os.path.join(out, "index.html"), class_page(rows, lang).encode("utf-8"))
    atomic_write(os.path.join(out, "grades.csv"), grades_csv(rows, lang))
    data = [{k: v for k, v in r.items() if k != "page"} for r in rows]
    atomic_write(os.path.join(out, "grades.json"), (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
