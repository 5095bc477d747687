"""Textbook tidying of a view before layout (issue 9): what sits beside what, and where
a repeated copy or a local end saves an arrow across the sheet.

* a ledger (business chart) sits beside the step that writes it (else the first that
  reads it): same rank, to its side. Users far apart in the story each get their own
  copy, drawn with the repeat mark (option ``auto_repeat = off`` turns this off);
* a return to a unit far above (``不合格，退回`` to the supplier) goes to a repeated copy
  of the unit beside the returning step;
* a branch that ends the process far from the main end gets its own 结束.

"Far" is measured in story ranks: the longest path from a start over the arrows that
are not loop-backs, ledger arrows left out. Pure and deterministic.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .graph import VEdge, VNode

#: a unit, entity or end more than this many ranks away gets a copy / its own end
FAR = 2
#: users of one ledger more than this many ranks apart get separate copies
FAR_LEDGER = 1
#: "beside" pairs: (node id, anchor id): the node is laid out on the anchor's rank
Beside = tuple[tuple[str, str], ...]


def story_ranks(nodes, edges, skip=frozenset()) -> dict[str, int]:
    """Longest-path rank of every node over the forward (non-back) edges, leaving out
    edges touching ``skip``. Nodes on a leftover cycle keep the rank reached so far."""
    ids = [n.id for n in nodes]
    succ: dict[str, list[str]] = {i: [] for i in ids}
    indeg = {i: 0 for i in ids}
    for e in edges:
        if e.back or e.src == e.dst or e.src in skip or e.dst in skip:
            continue
        if e.src in succ and e.dst in indeg:
            succ[e.src].append(e.dst)
            indeg[e.dst] += 1
    rank = {i: 0 for i in ids}
    queue = [i for i in ids if indeg[i] == 0]
    k = 0
    while k < len(queue):
        n = queue[k]
        k += 1
        for m in succ[n]:
            rank[m] = max(rank[m], rank[n] + 1)
            indeg[m] -= 1
            if indeg[m] == 0:
                queue.append(m)
    return rank


def rank_groups(users: list[str], rank: dict[str, int], far: int | None) -> list[list[str]]:
    """``users`` (in story order) cut into groups: a new group starts where a user is
    more than ``far`` ranks after the first of the current group (``None``: one group).

    >>> rank_groups(["a", "b", "c"], {"a": 0, "b": 1, "c": 5}, 2)
    [['a', 'b'], ['c']]
    >>> rank_groups(["a", "c"], {"a": 0, "c": 5}, None)
    [['a', 'c']]
    """
    groups: list[list[str]] = []
    for u in users:
        if groups and (far is None or rank.get(u, 0) - rank.get(groups[-1][0], 0) <= far):
            groups[-1].append(u)
        else:
            groups.append([u])
    return groups


def _copy(node: VNode, k: int, lane: str | None) -> VNode:
    return replace(node, id=f"{node.id}r{k}", repeat=True, lane=lane)


def tidy_chart(nodes: list[VNode], edges: list[VEdge], auto_repeat: bool = True,
               lanes: bool = False) -> tuple[list[VNode], list[VEdge], Beside]:
    """Ledgers beside their users, repeated copies and local ends (see the module doc)."""
    by_id = {n.id: n for n in nodes}
    ledgers = [n for n in nodes if n.kind == "ledger"]
    rank = story_ranks(nodes, edges, skip={n.id for n in ledgers})
    order = {n.id: i for i, n in enumerate(nodes)}
    nodes = list(nodes)
    edges = list(edges)
    beside: list[tuple[str, str]] = []

    def insert_after(anchor: str, node: VNode) -> None:
        nodes.append(node)   # at the end: the other nodes keep their DOT names
        by_id[node.id] = node

    for led in ledgers:
        uses = [(i, e.dst if e.src == led.id else e.src, e.src == led.id)
                for i, e in enumerate(edges) if led.id in (e.src, e.dst) and e.src != e.dst]
        users = sorted(dict.fromkeys(u for _, u, _ in uses), key=lambda u: (rank.get(u, 0), order.get(u, 0)))
        if not users:
            continue
        groups = rank_groups(users, rank, FAR_LEDGER if auto_repeat else None)
        writers = [u for _, u, reads in uses if not reads]
        home = next((g for g in groups if writers and writers[0] in g), groups[0])
        copies = 0
        for g in [home] + [g for g in groups if g is not home]:
            anchor = next((u for u in writers if u in g), g[0])
            vid = led.id
            if g is not home:
                copies += 1
                copy = _copy(led, copies, by_id[anchor].lane if lanes else None)
                insert_after(led.id, copy)
                vid = copy.id
                for i, u, reads in uses:
                    if u in g:
                        e = edges[i]
                        edges[i] = replace(e, src=vid if reads else e.src, dst=e.dst if reads else vid,
                                           back=False)
            beside.append((vid, anchor))
        # the ledger's arrows no longer loop back once it sits beside its step
        for i, u, reads in uses:
            if edges[i].back and u in [x for g in groups for x in g]:
                edges[i] = replace(edges[i], back=False)

    if auto_repeat:
        edges = _short_returns(nodes, edges, rank, by_id, beside, insert_after, lanes)
        nodes, edges = _local_ends(nodes, edges, rank)
    return nodes, edges, tuple(beside)


def _short_returns(nodes, edges, rank, by_id, beside, insert_after, lanes):
    """A loop-back arrow to a unit more than FAR ranks above goes to a repeated copy of
    the unit beside the step it comes from."""
    copies: dict[str, int] = {}
    out = []
    for e in edges:
        unit = by_id.get(e.dst)
        if (e.back and unit is not None and unit.kind in ("unit", "unit_ext")
                and rank.get(e.src, 0) - rank.get(e.dst, 0) > FAR):
            copies[unit.id] = copies.get(unit.id, 0) + 1
            copy = _copy(unit, copies[unit.id], unit.lane if lanes else None)
            insert_after(unit.id, copy)
            beside.append((copy.id, e.src))
            out.append(replace(e, dst=copy.id, back=False))
        else:
            out.append(e)
    return out


def _local_ends(nodes, edges, rank):
    """Branches that end far above the main end (or above it in another lane)
    get their own 结束 below the step."""
    ends = [n for n in nodes if n.kind == "end"]
    if len(ends) != 1:
        return nodes, edges
    end = ends[0]
    into = [e for e in edges if e.dst == end.id and not e.back]
    if len(into) < 2:
        return nodes, edges
    last = max(rank.get(e.src, 0) for e in into)
    by_id = {n.id: n for n in nodes}
    nodes = list(nodes)
    out = []
    k = 0
    for e in edges:
        far = last - rank.get(e.src, 0)
        other_lane = by_id[e.src].lane != end.lane
        if e in into and (far > FAR or (other_lane and far >= 1)):
            k += 1
            local = replace(end, id=f"{end.id}{k + 1}", lane=by_id[e.src].lane)
            nodes.append(local)
            out.append(replace(e, dst=local.id))
        else:
            out.append(e)
    return nodes, out


_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)(?=[\s、.．:：)）]|$)")


def step_number(label: str) -> tuple[int, ...] | None:
    """The number a step's text starts with: "6 审核销售发票" -> (6,), "4.2 评审" -> (4, 2).

    >>> step_number("4.2 评审总体设计"), step_number("收货"), step_number("2026年计划")
    ((4, 2), None, None)
    """
    m = _NUMBER.match(label or "")
    return tuple(int(x) for x in m.group(1).split(".")) if m else None


def number_order(nodes, edges) -> tuple[tuple[str, str], ...]:
    """Invisible "comes after" pairs that draw numbered steps in numeric order: every step
    numbered n before every step with the next number, unless the arrows already say
    so or say the opposite (a loop back to an earlier number)."""
    groups: dict[tuple[int, ...], list[str]] = {}
    for n in nodes:
        if n.kind in ("step", "decision"):
            num = step_number(n.label)
            if num is not None:
                groups.setdefault(num, []).append(n.id)
    if len(groups) < 2:
        return ()
    succ: dict[str, list[str]] = {}
    for e in edges:
        if not e.back:
            succ.setdefault(e.src, []).append(e.dst)
    seen_from: dict[str, set[str]] = {}

    def reach(a: str) -> set[str]:
        if a not in seen_from:
            out, stack = set(), [a]
            while stack:
                for m in succ.get(stack.pop(), ()):
                    if m not in out:
                        out.add(m)
                        stack.append(m)
            seen_from[a] = out
        return seen_from[a]

    keys = sorted(groups)
    pairs = []
    for a, b in zip(keys, keys[1:]):
        for x in groups[a]:
            for y in groups[b]:
                if y not in reach(x) and x not in reach(y):
                    pairs.append((x, y))
                    succ.setdefault(x, []).append(y)
                    seen_from.clear()
    return tuple(pairs)


def split_entities(nodes: list[VNode], edges: list[VEdge]) -> tuple[list[VNode], list[VEdge]]:
    """An external entity that both sends and receives is drawn twice, as textbooks do:
    the sender on the input side, a repeated copy (with the repeat mark) that takes the
    flows it receives on the output side; no flow then loops back across the sheet."""
    nodes = list(nodes)
    edges = list(edges)
    for x in [n for n in nodes if n.kind == "entity" and not n.repeat]:
        if any(n.id.startswith(x.id + "r") for n in nodes):
            continue   # the file already asks for a copy (option repeat)
        if any(e.src == x.id for e in edges) and any(e.dst == x.id for e in edges):
            copy = _copy(x, 1, None)
            nodes.append(copy)
            edges = [replace(e, dst=copy.id, back=False) if e.dst == x.id else e for e in edges]
    # an entity used by processes far apart in the story: one more copy per far group
    rank = story_ranks(nodes, edges)
    for x in [n for n in nodes if n.kind == "entity"]:
        users = sorted({e.dst if e.src == x.id else e.src for e in edges if x.id in (e.src, e.dst)},
                       key=lambda u: (rank.get(u, 0), u))
        groups = rank_groups(users, rank, FAR)
        for k, g in enumerate(groups[1:], 2):
            copy = replace(x, id=f"{x.id}g{k}", repeat=True)
            nodes.append(copy)
            edges = [replace(e, src=copy.id if e.src == x.id and e.dst in g else e.src,
                             dst=copy.id if e.dst == x.id and e.src in g else e.dst) for e in edges]
    return nodes, edges


def tidy_dfd(nodes: list[VNode], edges: list[VEdge], auto_repeat: bool = True
             ) -> tuple[list[VNode], list[VEdge], Beside]:
    """Entities and stores of a DFD next to the processes that use them.

    Entities that send and receive are split (:func:`split_entities`). The processes
    using one store are grouped by story rank (a group spans at
    most ``FAR`` ranks). The group with its first writer keeps the symbol, every other
    group gets a repeated copy (unless ``auto_repeat`` is off). A store that one process
    both reads and writes, or that a process reads before the process that writes it,
    is laid out beside that reader: both arrows are then short, none loops around the
    sheet.
    """
    nodes = list(nodes)
    edges = list(edges)
    if auto_repeat:
        nodes, edges = split_entities(nodes, edges)
    rank = story_ranks(nodes, edges)
    order = {n.id: i for i, n in enumerate(nodes)}
    beside: list[tuple[str, str]] = []
    kind = {n.id: n.kind for n in nodes}
    for x in [n for n in nodes if n.kind == "store"]:
        uses = [(i, e.dst if e.src == x.id else e.src, e.src == x.id)
                for i, e in enumerate(edges) if x.id in (e.src, e.dst) and e.src != e.dst
                and kind.get(e.dst if e.src == x.id else e.src) == "process"]
        users = sorted(dict.fromkeys(u for _, u, _ in uses), key=lambda u: (rank.get(u, 0), order[u]))
        if not users:
            continue
        groups = rank_groups(users, rank, FAR if auto_repeat else None)
        writers = [u for _, u, out in uses if not out]
        home = (next((g for g in groups if writers[0] in g), groups[0])
                if x.kind == "store" and writers else groups[0])
        copies = 0
        for g in [home] + [g for g in groups if g is not home]:
            vid = x.id
            if g is not home:
                copies += 1
                copy = _copy(x, copies, None)
                nodes.append(copy)
                vid = copy.id
            mine = [(i, u, out) for i, u, out in uses if u in g]
            for i, u, out in mine:
                e = edges[i]
                if vid != x.id:
                    e = replace(e, src=vid if out else e.src, dst=e.dst if out else vid)
                edges[i] = e
            readers = {u for _, u, out in mine if out}
            writers_g = {u for _, u, out in mine if not out}
            first_write = min((rank.get(u, 0) for u in writers_g), default=None)
            # read and written by one process, or read before it is written: beside that
            # reader (a store written, then read further on sits between them by itself)
            near = sorted((u for u in readers if u in writers_g or
                           (first_write is not None and rank.get(u, 0) <= first_write)),
                          key=lambda u: (rank.get(u, 0), order[u]))
            if near:
                anchor = near[0]
                beside.append((vid, anchor))
                for i, u, out in mine:
                    if u == anchor:
                        edges[i] = replace(edges[i], back=False)
    return nodes, edges, tuple(beside)
