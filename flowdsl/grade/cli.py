"""``flowdsl grade ANSWER STUDENT... [-o DIR] [--rubric R] [--marks N] [--format text|json|csv]
[--lang zh|en] [-j N] [--figures svg,png,pdf]``.

A STUDENT is a file, or a folder: a class folder holds one .flow per student or one
folder per student. Each student is graded (and, with ``-o``, drawn and written) in a
worker process of its own; whatever one file does, the others are graded.
Exit codes: 0 every student graded; 1 some need the teacher (manual / error); 2 usage.
Only argparse is imported until the command runs.
"""

from __future__ import annotations

import argparse
import os
import sys

MSG = {
    "en": {"missing": "flowdsl grade: no such file or folder: {0}", "answer": "flowdsl grade: the answer has errors:",
           "rubric": "flowdsl grade: bad rubric: {0}", "none": "flowdsl grade: no student files found",
           "done": "flowdsl grade: {0} student(s), {1} graded, {2} for the teacher to look at; reports in {3}"},
    "zh": {"missing": "flowdsl grade：文件或文件夹不存在：{0}", "answer": "flowdsl grade：答案文件有错误：",
           "rubric": "flowdsl grade：评分标准文件有误：{0}", "none": "flowdsl grade：没有找到学生的文件",
           "done": "flowdsl grade：共 {0} 名学生，{1} 名已批改，{2} 名需要老师查看；报告在 {3}"},
}


def add_parser(sub, lang: str) -> None:
    g = sub.add_parser("grade", help="mark students' files against the teacher's answer")
    g.add_argument("answer", metavar="ANSWER", help="the teacher's answer (.flow)")
    g.add_argument("students", nargs="+", metavar="STUDENT",
                   help="student files, or class folders (one .flow or one folder per student)")
    g.add_argument("-o", "--output", default=None, help="write the reports (HTML pages, grades.csv) into this folder")
    g.add_argument("--rubric", default=None, help="RUBRIC.toml: marks, weights, synonyms")
    g.add_argument("--marks", type=float, default=None, help="marks of the exercise (default: rubric, 共N分, 10)")
    g.add_argument("--format", dest="output_format", choices=("text", "json", "csv"), default="text",
                   help="what to print: a table (default), JSON or CSV")
    g.add_argument("--lang", choices=("zh", "en"), default=lang, help="language of reasons and reports")
    g.add_argument("-j", "--jobs", type=int, default=0, help="parallel workers (default: one per core)")
    g.add_argument("--figures", default="svg", help="formats of the marked diagrams: svg,png,pdf (default svg)")


def students_of(paths: list[str]) -> tuple[list[str], list[str]]:
    """Each student's path (a file, or a folder of files) and the paths that do not exist."""
    from ..app.outputs import is_source_name

    found, missing = [], []
    for p in paths:
        if os.path.isfile(p):
            found.append(p)
        elif os.path.isdir(p):
            for name in sorted(os.listdir(p)):
                full = os.path.join(p, name)
                if (os.path.isfile(full) and is_source_name(name)) or os.path.isdir(full):
                    found.append(full)
        else:
            missing.append(p)
    return found, missing


_STATE: dict = {}


def _init(answer_path: str, rubric_path: str | None, marks: float | None, out: str | None,
          lang: str, figures: tuple[str, ...]) -> None:
    from ..api import load
    from .rubric import Rubric, load_rubric

    _STATE.update(answer=load(answer_path), rubric=load_rubric(rubric_path) if rubric_path else Rubric(),
                  marks=marks, out=out, lang=lang, figures=figures)


def _one(job: tuple[int, str, str]) -> dict:
    """Grade (and write the page of) one student; never raises."""
    from .core import grade_student, student_name

    index, path, page = job
    try:
        g = grade_student(_STATE["answer"], path, _STATE["rubric"], _STATE["marks"])
        row = g.to_dict(_STATE["lang"])
        if _STATE["out"]:
            from .pages import write_student
            write_student(g, row, _STATE["out"], page, _STATE["lang"], _STATE["figures"])
    except Exception as exc:  # a student's file must never stop the class
        row = {"file": path, "student": student_name(path), "status": "error", "score": 0.0,
               "max": 0.0, "deductions": [], "diagnostics": [], "error": f"{type(exc).__name__}: {exc}"}
        if _STATE["out"]:
            from .pages import write_error
            write_error(row, _STATE["out"], page, _STATE["lang"])
    row["page"] = page
    return row


def _one_of(init: tuple, jobs: list[tuple[int, str, str]]) -> list[dict]:
    """Several students on any executor's worker: the answer is loaded once per
    process (or again when another class is graded there)."""
    if _STATE.get("init") != init:
        _init(*init)
        _STATE["init"] = init
    return [_one(j) for j in jobs]


def grade_class(answer: str, students: list[str], rubric: str | None = None, marks: float | None = None,
                out: str | None = None, lang: str = "zh", jobs: int = 0,
                figures: tuple[str, ...] = ("svg",), executor=None) -> list[dict]:
    """Grade every student (in worker processes when ``jobs`` != 1); rows in the order given.

    ``executor``: any :class:`concurrent.futures.Executor` (a process pool, a Dask or Ray
    executor spreading a MOOC's submissions over a cluster) to grade on instead of a
    pool of our own; it is not shut down. Its workers must see the answer, student and
    output paths (a shared file system)."""
    from .pages import page_names

    jobs_list = [(i, p, page) for i, (p, page) in enumerate(zip(students, page_names(students)))]
    init = (answer, rubric, marks, out, lang, figures)
    workers = jobs or os.cpu_count() or 1
    if executor is not None:
        size = max(1, min(16, len(jobs_list) // (workers * 8)))
        chunks = [jobs_list[k:k + size] for k in range(0, len(jobs_list), size)]
        futures = [executor.submit(_one_of, init, c) for c in chunks]
        rows = [row for f in futures for row in f.result()]
    elif workers == 1 or len(jobs_list) < 4:
        _init(*init)
        rows = [_one(j) for j in jobs_list]
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=init) as pool:
            rows = list(pool.map(_one, jobs_list, chunksize=max(1, len(jobs_list) // (workers * 8))))
    if out:
        from .pages import write_class
        write_class(rows, out, lang)
    return rows


def run(args: argparse.Namespace) -> int:
    m = MSG[args.lang]
    if not os.path.isfile(args.answer):
        print(m["missing"].format(args.answer), file=sys.stderr)
        return 2
    from ..api import load

    answer = load(args.answer)
    if answer.model is None:
        print(m["answer"], file=sys.stderr)
        print(answer.format_diagnostics(lang=args.lang), file=sys.stderr)
        return 2
    if args.rubric:
        from .rubric import load_rubric
        try:
            load_rubric(args.rubric)
        except ValueError as exc:
            print(m["rubric"].format(exc), file=sys.stderr)
            return 2
    students, missing = students_of(args.students)
    # the answer itself is never a student (a teacher may name the folder that holds both)
    students = [s for s in students if not (os.path.isfile(s) and os.path.samefile(s, args.answer))]
    for p in missing:
        print(m["missing"].format(p), file=sys.stderr)
    if missing:
        return 2
    if not students:
        print(m["none"], file=sys.stderr)
        return 2
    figures = tuple(f.strip().lower() for f in args.figures.split(",") if f.strip())
    rows = grade_class(args.answer, students, args.rubric, args.marks, args.output, args.lang,
                       args.jobs, figures)
    _print(rows, args.output_format, args.lang)
    graded = sum(r["status"] == "graded" for r in rows)
    if args.output:
        print(m["done"].format(len(rows), graded, len(rows) - graded, args.output), file=sys.stderr)
    return 0 if graded == len(rows) else 1


def _print(rows: list[dict], fmt: str, lang: str) -> None:
    if fmt == "json":
        import json
        print(json.dumps([{k: v for k, v in r.items() if k != "page"} for r in rows], ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        from .report import grades_csv
        sys.stdout.write(grades_csv(rows, lang).decode("utf-8").lstrip("\ufeff"))
        return
    from .score import criterion_name
    for r in rows:
        print(f"{r['student']}\t{r['score']:g}/{r['max']:g}\t{r['status']}")
        for d in r["deductions"]:
            where = f"  [{d['line']}:{d['column']}]" if d.get("line") else ""
            print(f"    -{d['lost']:.2f}  {criterion_name(d['criterion'], lang)}: "
                  f"{d['reason'] if lang == 'zh' else d['reason_en']}{where}")
        if r.get("error"):
            print(f"    {r['error']}")
