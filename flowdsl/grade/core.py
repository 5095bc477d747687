"""The Grade and the grading of one student (see the package docstring)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .rubric import Rubric, load_rubric, marks_in_comment
from .score import Deduction, PartResult

SYNTAX = ("FD001", "FD002", "FD003")


@dataclass
class Grade:
    file: str | None
    student: str
    status: str                     #: graded / manual (the teacher should look) / error
    score: float
    max: float
    deductions: list[Deduction] = field(default_factory=list)
    diagnostics: list = field(default_factory=list)      #: the student's flowdsl diagnostics
    parts: list[PartResult] = field(default_factory=list)  #: for the report's marked diagrams
    sources: dict[str, str] = field(default_factory=dict)   #: file -> text (for the report)

    def to_dict(self, lang: str = "en") -> dict:
        return {"file": self.file, "student": self.student, "status": self.status,
                "score": self.score, "max": self.max,
                "deductions": [d.to_dict() for d in self.deductions],
                "diagnostics": [d.to_dict(lang) for d in self.diagnostics]}


def _first_syntax_line(case) -> int | None:
    bad = [d.span.line for d in case.diagnostics if d.code in SYNTAX and d.span.line]
    return min(bad) if bad else None


def _repairs(text: str, line: int) -> list[str]:
    """Candidate texts for a syntax error at ``line`` (1-based), line numbers kept where
    possible: a ``}`` closing a block left open (on the blank line above, or at the end of
    the file), then the offending line blanked."""
    lines = text.split("\n")
    out = []
    k = line - 1
    above = next((j for j in range(k - 1, max(k - 4, -1), -1) if j < len(lines) and not lines[j].strip()), None)
    if above is not None:
        out.append("\n".join(lines[:above] + ["}"] + lines[above + 1:]))
    out.append(text + "\n}\n")
    if k < len(lines) and lines[k].strip():
        out.append("\n".join(lines[:k] + [""] + lines[k + 1:]))
    return out


def _recover(case):
    """A case that does not parse, parsed again after each repair that gets the parser
    further (close a block left open, or blank the line it stops at), until it parses or
    no repair helps. The student's line numbers stay valid for every line kept."""
    from ..api import parse

    for _ in range(40):
        line = _first_syntax_line(case)
        if case.model is not None or line is None:
            break
        tried = [parse(t, name=case.name) for t in _repairs(case.source, line)]
        better = [c for c in tried if c.model is not None or (_first_syntax_line(c) or 0) > line]
        if not better:
            break
        case = next((c for c in better if c.model is not None), better[0])
    return case


def load_student(path: str) -> tuple[list, list, dict[str, str], bool]:
    """(models [(file, CaseModel)], diagnostics, sources, recovered) of a student's file
    or folder (every .flow inside, in name order)."""
    from ..api import load
    from ..app.sources import find_sources

    files = [path] if os.path.isfile(path) else find_sources([path])[0]
    models, diags, sources, recovered = [], [], {}, False
    for f in files:
        case = load(f)
        sources[f] = case.source
        diags += case.diagnostics
        if case.model is None and any(d.code in SYNTAX for d in case.diagnostics):
            case = _recover(case)
            recovered = True
            diags += [d.with_file(f) for d in case.diagnostics if d.code not in SYNTAX]
        elif case.model is None:
            recovered = True
        if case.model is not None:
            models.append((f, case.model))
    return models, diags, sources, recovered


def _max_marks(rubric: Rubric, answer_source: str, marks: float | None) -> float:
    if marks is not None:
        return float(marks)
    if rubric.marks is not None:
        return rubric.marks
    return marks_in_comment(answer_source) or 10.0


def grade_models(answer_models: list, answer_source: str, student_models: list, diagnostics: list,
                 rubric: Rubric | None = None, marks: float | None = None, *, file: str | None = None,
                 student: str = "", recovered: bool = False) -> Grade:
    from .match import Synonyms
    from .score import answer_parts, grade_part, pair_parts, round_to, rule_deductions

    rubric = rubric or Rubric()
    total = _max_marks(rubric, answer_source, marks)
    syn = Synonyms(rubric.synonyms)
    a_parts = answer_parts(answer_models)
    s_parts = answer_parts(student_models)
    weights = [rubric.parts.get(p.kind, 1.0) for p in a_parts]
    deductions: list[Deduction] = []
    results: list[PartResult] = []
    for (a, s), w in zip(pair_parts(a_parts, s_parts), weights):
        res, ded = grade_part(a, s, total * w / (sum(weights) or 1), rubric, syn, diagnostics)
        results.append(res)
        deductions += ded
    if s_parts:
        deductions += rule_deductions(diagnostics, rubric)
    lost = sum(d.lost for d in deductions)
    score = max(0.0, min(total, round_to(total - lost, rubric.round))) if a_parts else 0.0
    status = "manual" if recovered else "graded"
    return Grade(file, student, status, score, total, deductions, list(diagnostics), results)


def student_name(path: str) -> str:
    base = os.path.basename(os.path.normpath(path))
    return base[:-5] if base.endswith(".flow") else base


def grade_student(answer, path: str, rubric: Rubric | None = None, marks: float | None = None) -> Grade:
    """Grade one student's file or folder against ``answer`` (a Case). Never raises on a
    bad student file: an unreadable one is graded ``manual`` with its diagnostics."""
    models, diags, sources, recovered = load_student(path)
    g = grade_models([(answer.name, answer.model)] if answer.model else [], answer.source, models, diags,
                     rubric, marks, file=path, student=student_name(path), recovered=recovered)
    g.sources = sources
    return g


def grade(answer_case, student_case, rubric: Rubric | str | None = None, marks: float | None = None) -> Grade:
    """``flowdsl.grade(answer, student)``: Cases (from ``flowdsl.parse``/``load``) or paths.
    ``rubric``: a Rubric or the path of a RUBRIC.toml."""
    from ..api import Case, load

    if isinstance(rubric, str):
        rubric = load_rubric(rubric)
    if isinstance(answer_case, str):
        answer_case = load(answer_case)
    if answer_case.model is None:
        from ..api import FlowdslError
        raise FlowdslError(answer_case.diagnostics, answer_case.source)
    if isinstance(student_case, str):
        return grade_student(answer_case, student_case, rubric, marks)
    assert isinstance(student_case, Case)
    if student_case.model is None:
        student_case = _recover(student_case)
        recovered = True
    else:
        recovered = False
    models = [(student_case.name, student_case.model)] if student_case.model is not None else []
    g = grade_models([(answer_case.name, answer_case.model)], answer_case.source, models,
                     student_case.diagnostics, rubric, marks, file=student_case.name,
                     student=student_name(student_case.name or ""), recovered=recovered)
    g.sources = {student_case.name or "": student_case.source}
    return g

