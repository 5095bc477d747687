"""The rubric: how many marks, what each criterion weighs, the synonyms a teacher accepts.

Defaults below; a teacher overrides any of them in a RUBRIC.toml::

    marks = 10                       # or "# 共10分" in the answer, or --marks
    round = 0.5                      # scores are rounded to this step
    [parts]                          # share of the marks of each part (default: equal)
    chart = 1
    dfd = 1
    [chart]                          # business chart criteria, relative weights (sum 10)
    units = 1.5
    [dfd]
    balancing = 1
    [extra]                          # what invented content and wrong arrows cost per item, and the cap
    node = 0.2
    [rules]                          # the student's own rule violations, each code at most once
    FD302 = 0.5
    [synonyms]
    采购订货单 = ["采购单", "订购单"]
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

#: business chart criteria and their weights (out of 10: scaled to the part's marks)
CHART = {"units": 1.5, "documents": 1.0, "ledgers": 1.5, "steps": 1.5, "flows": 2.0,
         "outcomes": 1.0, "goods": 1.0, "returns": 0.5}
#: DFD criteria (out of 10)
DFD = {"entities": 1.0, "processes": 1.5, "stores": 1.5, "flows": 4.0, "balancing": 1.0, "levels": 1.0}
#: invented content and wrong arrows: cost per item and at most (out of 10, scaled like the rest)
EXTRA = {"node": 0.2, "link": 0.25, "cap": 1.0}
#: the student's own rule violations found by the checks: marks lost, each code once (not scaled)
RULES = {"FD201": 0.25, "FD202": 0.25, "FD203": 0.25, "FD204": 0.25, "FD206": 0.25,
         "FD301": 1.0, "FD302": 1.0, "FD303": 1.0, "FD304": 0.25, "FD305": 0.25, "FD306": 0.25,
         "FD310": 0.25, "FD503": 0.25}

NAMES = {
    "units": ("单位", "units"), "documents": ("单据和报表", "documents and reports"),
    "ledgers": ("账簿", "ledgers"), "steps": ("处理步骤和判断", "steps and decisions"),
    "flows": ("流向", "flows"), "outcomes": ("判断结果的标注", "decision outcomes"),
    "goods": ("货物流", "goods flows"), "returns": ("退回与返回", "returns and loops"),
    "entities": ("外部实体", "external entities"), "processes": ("处理逻辑", "processes"),
    "stores": ("数据存储", "data stores"), "balancing": ("父图与子图平衡", "balancing"),
    "levels": ("分层", "levels"), "extra": ("多余或错误的内容", "invented or wrong content"),
    "rules": ("画法规则", "drawing rules"), "part": ("缺少的图", "missing diagram"),
    "syntax": ("无法读取的内容", "unreadable content"),
}


@dataclass
class Rubric:
    marks: float | None = None
    round: float = 0.5
    parts: dict[str, float] = field(default_factory=dict)
    chart: dict[str, float] = field(default_factory=lambda: dict(CHART))
    dfd: dict[str, float] = field(default_factory=lambda: dict(DFD))
    extra: dict[str, float] = field(default_factory=lambda: dict(EXTRA))
    rules: dict[str, float] = field(default_factory=lambda: dict(RULES))
    synonyms: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> "Rubric":
        r = cls()
        if "marks" in data:
            r.marks = float(data["marks"])
        if "round" in data:
            r.round = float(data["round"])
        for name in ("parts", "chart", "dfd", "extra", "rules"):
            table = data.get(name) or {}
            if not isinstance(table, dict):
                raise ValueError(f"[{name}] must be a table")
            getattr(r, name).update({str(k): float(v) for k, v in table.items()})
        for head, others in (data.get("synonyms") or {}).items():
            r.synonyms[str(head)] = [str(x) for x in (others if isinstance(others, list) else [others])]
        return r


def load_rubric(path: str) -> Rubric:
    """Read a RUBRIC.toml (UTF-8). Raises ValueError with a readable message."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as fh:
            return Rubric.from_dict(tomllib.load(fh))
    except (OSError, tomllib.TOMLDecodeError, TypeError) as exc:
        raise ValueError(f"{path}: {exc}") from exc


_MARKS = re.compile(r"共\s*(\d+(?:\.\d+)?)\s*分|total\s*[:=]?\s*(\d+(?:\.\d+)?)\s*marks", re.I)


def marks_in_comment(source: str) -> float | None:
    """The marks a ``# 共10分`` (or ``# total 10 marks``) comment of the answer gives.

    >>> marks_in_comment("# 习题 1（共 10 分）\\nchart a {}"), marks_in_comment("chart a {}")
    (10.0, None)
    """
    for line in source.splitlines():
        if "#" in line:
            m = _MARKS.search(line[line.index("#"):])
            if m:
                return float(m.group(1) or m.group(2))
    return None
