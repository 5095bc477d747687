"""Property tests of balancing: generated balanced hierarchies pass; dropping one
boundary flow from a child diagram always yields FD501 naming that flow."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import flowdsl


@st.composite
def hierarchies(draw):
    """(lines, removable): the text of a balanced leveled DFD, one flow per line, and
    the indexes of the lines that are boundary flows of a child diagram."""
    n_ent = draw(st.integers(1, 3))
    ents = [f"实{i}" for i in range(n_ent)]
    lines: list[tuple[str, str | None]] = [(f"entity {e}", None) for e in ents]
    counter = iter(range(10_000))

    def fresh() -> str:
        return f"流{next(counter)}"

    def diagram(path: str, io: list[tuple[str, str, str]], depth: int, indent: str) -> None:
        """Emit a diagram with 1-3 processes; ``io``: (outside end, "in"/"out", flow name)
        it must show (empty on the first breakdown, which draws its own)."""
        n = draw(st.integers(1, 3))
        procs = [f"处{path}{i}" for i in range(n)]
        flows: list[tuple[str, str, str, bool]] = []     # (src, dst, name, boundary)
        for outside, direction, name in io:
            p = draw(st.sampled_from(procs))
            flows.append((outside, p, name, True) if direction == "in" else (p, outside, name, True))
        if not io:                                       # first breakdown: the system's own flows
            for _ in range(draw(st.integers(1, 4))):
                e, p = draw(st.sampled_from(ents)), draw(st.sampled_from(procs))
                flows.append((e, p, fresh(), False) if draw(st.booleans()) else (p, e, fresh(), False))
        for a, b in zip(procs, procs[1:]):
            flows.append((a, b, fresh(), False))
        for i, p in enumerate(procs):
            mine = [(dst if src == p else src, "out" if src == p else "in", name)
                    for src, dst, name, _ in flows if p in (src, dst)]
            if depth < 2 and mine and draw(st.booleans()):
                lines.append((f"{indent}process {p} {{", None))
                diagram(f"{path}{i}_", mine, depth + 1, indent + "  ")
                lines.append((f"{indent}}}", None))
            else:
                lines.append((f"{indent}process {p}", None))
        for src, dst, name, boundary in flows:
            lines.append((f"{indent}{src} -[{name}]-> {dst}", name if boundary and depth > 0 else None))

    diagram("", [], 0, "  ")
    return lines


def text_of(lines) -> str:
    return "dfd 系统 {\n" + "\n".join(line for line, _ in lines) + "\n}\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hierarchies())
def test_generated_balanced_hierarchy_passes_balancing(lines):
    case = flowdsl.parse(text_of(lines))
    assert not [d for d in case.diagnostics if d.code.startswith(("FD0", "FD1"))], case.format_diagnostics()
    assert "FD501" not in [d.code for d in case.diagnostics], case.format_diagnostics()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hierarchies(), st.data())
def test_removing_a_boundary_flow_is_reported_by_name(lines, data):
    removable = [i for i, (_, tag) in enumerate(lines) if tag]
    if not removable:
        return
    i = data.draw(st.sampled_from(removable))
    name = lines[i][1]
    case = flowdsl.parse(text_of(lines[:i] + lines[i + 1:]))
    hits = [d for d in case.diagnostics
            if d.code == "FD501" and f"“{name}”" in d.message and "missing" in d.message]
    assert hits, case.format_diagnostics()
