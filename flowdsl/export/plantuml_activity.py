"""A business chart as a PlantUML activity diagram with swimlanes.

Walks the chart from its start (then every symbol nothing leads to, in view order): each
symbol becomes a statement in the partition ``|lane|`` of its lane (a chart without lanes:
the lane of the unit it follows, each unit circle opening its own), steps ``:text;``,
documents and ledgers as objects ``:text]``, units ``:text|``, start / end as ``start`` /
``stop``. A symbol with several ways out opens ``if (…) then (outcome) … else … endif``
(a decision, or when every way out is labelled) or ``fork … fork again … end fork``; an
arrow to a symbol already written (a return, a merge, a second reader of a document) is a
note ``→ target: label`` on its source, so every arrow and label is stated; a branch that
ends there is ``detach``-ed (it does not run on past the ``endif``).
"""

from __future__ import annotations

from flowdsl.render.quote import clean_text
from flowdsl.views.graph import View, VNode

#: symbol kind -> (opening, closing) of its activity statement
BOXES = {"document": (":", "]"), "ledger": (":", "]"), "collect": (":", "]"), "unit": (":", "|"),
         "unit_ext": (":", "|"), "connector": (":", ">")}
DATA = ("document", "ledger", "collect")
WIDE = {"|": "｜", "]": "］", ">": "＞"}


def creole(s: str) -> str:
    """Text PlantUML shows as written: creole and HTML-like markup (``<img:…>``,
    ``**``, ``[[link]]`` …) escaped with ``~``, line breaks as ``\\n``.

    >>> creole('<img:/etc/passwd> **x** [[a]]')
    '~<img:~/etc~/passwd~> ~*~*x~*~* ~[~[a~]~]'
    """
    out = []
    # a backslash made full width: PlantUML 1.2020 reads ``\;`` and ``\n`` even after ``~``
    for ch in clean_text(s).replace("\\", "＼"):
        if ch == "\n":
            out.append("\\n")
        elif ch in "<>*_/-~[]{}\"'#=|^;":
            out.append("~" + ch)
        else:
            out.append(ch)
    return "".join(out)


def condition(s: str) -> str:
    """Text inside ``then (…)``: parentheses made full width (no escape read there)."""
    return creole(s).replace("(", "（").replace(")", "）")


def lane_name(s: str) -> str:
    """A swimlane name between ``|…|``: bars made full width."""
    return creole((s or "").replace("|", "｜"))


def to_activity(view: View) -> list[str]:
    from flowdsl.render.specs import edge_text

    from .mermaid import node_text

    nodes = {n.id: n for n in view.nodes}
    outs: dict[str, list] = {n.id: [] for n in view.nodes}
    has_in: set[str] = set()
    for e in view.edges:
        outs[e.src].append(e)
        if e.src != e.dst:
            has_in.add(e.dst)
    lanes = set(view.lanes)
    done: set[str] = set()
    out: list[str] = []
    state = {"lane": None}
    lane_of: dict[str, str | None] = {}

    def label(n: VNode) -> str:
        return creole(node_text(view, n))

    def partition(lane: str | None) -> None:
        if lane and lane != state["lane"]:
            out.append(f"|{lane_name(lane)}|")
            state["lane"] = lane

    def walk(n: VNode, lane: str | None, depth: int) -> bool:
        """Write ``n`` and what follows it; True when that flow ended (stop, detach)."""
        done.add(n.id)
        if lane is None:     # a flow of its own: in the lane of what it leads to
            lane = next((lane_of[e.dst] for e in outs[n.id] if e.dst in lane_of), None)
        if n.lane in lanes:
            lane = n.lane
        elif n.kind in ("unit", "unit_ext") and not lanes:
            lane = node_text(view, n).replace("\n", " ")
        partition(lane)
        lane_of[n.id] = lane
        pad = "  " * depth
        if n.kind == "start":
            out.append(pad + "start")
        elif n.kind == "end":
            out.append(pad + "stop")
        else:
            a, b = BOXES.get(n.kind, (":", ";"))
            # (PlantUML ends ``:…|`` at the first bar, escaped or not: a full-width one)
            text = label(n) if b == ";" else creole(node_text(view, n).replace(b, WIDE[b]))
            out.append(f"{pad}{a}{text}{b}")
        for e in inputs.get(n.id, ()):
            text = edge_text(e)
            out.append(f"{pad}note left: ← {label(nodes[e.src])}" + (f"（{creole(text)}）" if text else ""))
        new = [e for e in outs[n.id] if e.dst not in done and e.dst != n.id]
        seen_new: set[str] = set()
        new = [e for e in new if not (e.dst in seen_new or seen_new.add(e.dst))]
        for e in outs[n.id]:
            if e not in new:
                text = edge_text(e)
                out.append(f"{pad}note right: → {label(nodes[e.dst])}" + (f"（{creole(text)}）" if text else ""))
        if not new:
            if n.kind == "end":
                return True
            if depth:
                out.append(pad + "detach")
            return bool(depth)
        if len(new) == 1:
            e = new[0]
            text = edge_text(e)
            if text:
                out.append(f"{pad}-> {creole(text)};")
            return walk(nodes[e.dst], lane, depth)
        at = len(out)       # notes found late go here, under the activity
        branches = []
        for e in new:
            if e.dst in done:      # written by an earlier branch: a note after all
                text = edge_text(e)
                out.insert(at, f"{pad}note right: → {label(nodes[e.dst])}" + (f"（{creole(text)}）" if text else ""))
                at += 1
                continue
            start = len(out)
            ended = walk(nodes[e.dst], lane, depth + 1)
            partition(lane)
            branches.append((e, out[start:], ended))
            del out[start:]
        if len(branches) == 1:
            e, body, ended = branches[0]
            text = edge_text(e)
            out.extend(([f"{pad}-> {creole(text)};"] if text else []) + [x[2:] if x.startswith("  ") else x for x in body])
            return ended
        branch = n.kind == "decision" or all(edge_text(e) for e, _, _ in branches)
        for i, (e, body, _) in enumerate(branches):
            text = condition(edge_text(e))
            if branch:
                head = "if ()" if i == 0 else "elseif ()" if i < len(branches) - 1 else "else"
                out.append(f"{pad}{head} then ({text})" if head != "else" else f"{pad}else ({text})")
            else:
                out.append(pad + ("fork" if i == 0 else "fork again"))
                if text:
                    out.append(f"{pad}  -> {text};")
            out.extend(body)
        out.append(pad + ("endif" if branch else "end fork"))
        # (a fork joins again at ``end fork``, whatever its branches do)
        return branch and all(ended for _, _, ended in branches)

    # a document or ledger nothing leads to (a ledger a step reads): a note on its readers
    inputs: dict[str, list] = {}
    for n in view.nodes:
        if n.kind in DATA and n.id not in has_in and outs[n.id]:
            done.add(n.id)
            for e in outs[n.id]:
                inputs.setdefault(e.dst, []).append(e)
    roots = [n for n in view.nodes if n.kind == "start"] + [n for n in view.nodes if n.id not in has_in]
    # every lane declared first: PlantUML orders the lanes by their first mention
    order = list(dict.fromkeys(view.lanes)) or list(dict.fromkeys(
        node_text(view, n).replace("\n", " ") for n in view.nodes if n.kind in ("unit", "unit_ext")))
    out += [f"|{lane_name(lane)}|" for lane in order]
    ended = True
    for n in roots + list(view.nodes):
        if n.id not in done:
            if not ended:           # a flow of its own (a ledger read by a step …)
                out.append("detach")
            ended = walk(n, None, 0)
    return out
