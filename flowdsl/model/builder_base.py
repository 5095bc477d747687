"""What every part of a case under construction (a chart's, a DFD's, the data
dictionary's builder) hands back to its case, so that one chain can go from one part
to the next (:mod:`flowdsl.model.builder`)."""

from __future__ import annotations

from typing import Iterable


def as_list(x: str | Iterable[str] | None) -> list[str]:
    """One name or several (``reads="库存帐"`` or ``reads=["a", "b"]``) as a list."""
    if x is None:
        return []
    return [x] if isinstance(x, str) else [str(v) for v in x]


# the annotations name the builders as strings only: importing them here would close a
# circle (they import this module)


class PartOfCase:
    """The case's methods, reached from any of its parts."""

    parent: "CaseBuilder"

    def chart(self, name: str, title: str | None = None) -> "ChartBuilder":
        """Start the case's next chart."""
        return self.parent.chart(name, title)

    def dfd(self, name: str, title: str | None = None) -> "DfdBuilder":
        """Start the case's next data flow diagram."""
        return self.parent.dfd(name, title)

    @property
    def case(self) -> "CaseBuilder":
        return self.parent

    @property
    def model(self) -> "CaseModel":
        return self.parent.model

    def to_text(self, lang: str = "zh") -> str:
        return self.parent.to_text(lang)

    def build(self, **kwargs):
        return self.parent.build(**kwargs)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.parent._repr_mimebundle_(include, exclude)

    def dictionary(self, title: str | None = None) -> "DictBuilder":
        """The case's data dictionary."""
        return self.parent.dictionary(title)
