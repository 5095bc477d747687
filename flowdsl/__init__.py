"""flowdsl: business flow charts (业务流程图) and leveled data flow diagrams (数据流程图) from text."""

from ._version import __version__

__all__ = ["__version__"]
