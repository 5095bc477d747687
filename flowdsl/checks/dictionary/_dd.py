"""What the dictionary checks share: the complete dictionary, names, and the data items
a name stands for (its composition expanded down to data items)."""

from __future__ import annotations

from functools import cached_property

from ...model.dictionary_fill import complete


class DictContext:
    def __init__(self, case) -> None:
        self.case = case
        self.dictionary = complete(case)
        self.declared = case.dictionary.declared
        self.entries = self.dictionary.entries
        self.by_name = self.dictionary.by_name()
        self.gaps: dict = {}          #: id(dfd) -> what lowering could not resolve (set by run)

    @cached_property
    def parts(self) -> dict[str, list[str]]:
        return {e.name: e.parts for e in self.entries if e.composition is not None}

    def items(self, name: str) -> set[str] | None:
        """The data items ``name`` is made of (itself when it has no composition); None
        when something on the way is neither defined nor composed (nothing can be said)."""
        out: set[str] = set()
        seen: set[str] = set()
        todo = [name]
        while todo:
            x = todo.pop()
            if x in seen:
                continue
            seen.add(x)
            e = self.by_name.get(x)
            if e is not None and e.composition is not None:
                todo.extend(e.parts)
            elif e is not None and e.kind == "item":
                out.add(x)
            else:
                return None
        return out

    @property
    def dfd_elements(self):
        """(dfd, kind, name, span) of every named element and data flow of the DFDs."""
        for d in self.case.dfds:
            for n in d.nodes:
                yield d, n.kind, n.name, n.span
            for f in d.flows:
                if f.name and not f.goods:
                    yield d, "flow", f.name, f.span
