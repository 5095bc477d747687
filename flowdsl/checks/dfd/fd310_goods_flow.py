"""FD310: a goods arrow (=>) in a data flow diagram: DFDs carry data only."""

from ...codes import default_severity
from ...diagnostics import Diagnostic

CODE = "FD310"


def check(ctx):
    out = []
    for f in ctx.dfd.flows:
        if f.goods:
            what = f"“{f.name}” " if f.name else ""
            out.append(Diagnostic(CODE, default_severity(CODE),
                                  f"goods arrow {what}in a data flow diagram: a DFD shows data, not goods",
                                  f.span, "drop the physical flow, or write the document that goes with it "
                                          "as a data flow “-[名称]->”"))
    return out
