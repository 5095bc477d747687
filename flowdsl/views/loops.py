"""Which arrows close a loop, following the story the student wrote.

Both views (business charts and DFDs) mark such arrows ``back`` so that the layout
keeps the reading order: a depth-first search visits the nodes in the order the flows
first mention them, and an edge to a node still on the search path loops back
(退回, 重新盘点, 不合格 …). Iterative: no recursion limit on long chains.
"""

from __future__ import annotations

from typing import Hashable, Iterable, Sequence


def back_edges(edges: Sequence[tuple[Hashable, Hashable]], order: Iterable[Hashable] = ()) -> set[int]:
    """Indexes of the ``(src, dst)`` pairs that close a loop. Nodes are visited in
    ``order`` first, then in the order the edges first mention them.

    >>> sorted(back_edges([("甲", "乙"), ("乙", "丙"), ("丙", "甲")]))
    [2]
    >>> sorted(back_edges([("a", "b"), ("b", "a"), ("b", "c")]))
    [1]
    """
    story: dict = {}
    for k in order:
        story.setdefault(k, len(story))
    for src, dst in edges:
        story.setdefault(src, len(story))
        story.setdefault(dst, len(story))
    succ: dict = {}
    for i, (src, dst) in enumerate(edges):
        succ.setdefault(src, []).append((i, dst))
    for lst in succ.values():
        lst.sort(key=lambda t: (story[t[1]], t[0]))
    state: dict = {}
    back: set[int] = set()
    for root in sorted(story, key=story.__getitem__):
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(succ.get(root, ())))]
        while stack:
            node, it = stack[-1]
            for i, nxt in it:
                if state.get(nxt) == 1:
                    back.add(i)
                elif nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, iter(succ.get(nxt, ()))))
                    break
            else:
                state[node] = 2
                stack.pop()
    return back
