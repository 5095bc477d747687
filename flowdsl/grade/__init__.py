"""Grading: a student's case marked against the teacher's answer.

    >>> import flowdsl
    >>> answer = flowdsl.parse("# 共10分\\nchart a {\\n unit 甲\\n unit 乙\\n 单据 表\\n 甲 -> 表 -> 乙\\n}")
    >>> student = flowdsl.parse("chart b {\\n unit 乙\\n unit 甲\\n 甲 -> 乙\\n}")
    >>> g = flowdsl.grade(answer, student)
    >>> g.score, g.max, g.status, [d.criterion for d in g.deductions]
    (7.0, 10.0, 'graded', ['documents', 'flows', 'flows', 'extra'])

See docs/grading.md. networkx is imported by the matching only.
"""

import sys as _sys

__all__ = ["grade", "Grade", "Deduction", "Rubric", "load_rubric", "load_student", "grade_student"]

# Nothing is imported here: `flowdsl --version` builds the grade subcommand's arguments
# (flowdsl/grade/cli.py) and must not pay for dataclasses, pydantic or networkx.
_LAZY = {"grade": "core", "Grade": "core", "load_student": "core", "grade_student": "core",
         "Deduction": "score", "Rubric": "rubric", "load_rubric": "rubric"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'flowdsl.grade' has no attribute {name!r}")


class _CallableModule(type(_sys)):
    """``flowdsl.grade`` is this package and the function at once: ``flowdsl.grade(answer,
    student)`` calls :func:`flowdsl.grade.core.grade` (a subpackage attribute always wins
    over a function of the same name, so the package itself answers the call)."""

    def __call__(self, answer_case, student_case, rubric=None, marks=None):
        from .core import grade

        return grade(answer_case, student_case, rubric, marks)


_sys.modules[__name__].__class__ = _CallableModule
