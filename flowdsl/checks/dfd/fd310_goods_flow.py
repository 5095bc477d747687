"""FD310: a goods arrow (=>) in a data flow diagram: DFDs carry data only."""

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic

CODE = "FD310"


def check(ctx):
    out = []
    for f in ctx.dfd.flows:
        if f.goods:
            what = f"“{f.name}” " if f.name else ""
            what_zh = f"“{f.name}”" if f.name else ""
            out.append(Diagnostic(CODE, default_severity(CODE),
                                  f"goods arrow {what}in a data flow diagram: a DFD shows data, not goods",
                                  f.span, "drop the physical flow, or write the document that goes with it "
                                          "as a data flow “-[名称]->”",
                                  message_zh=f"数据流程图中出现了货物箭头{what_zh}：数据流程图只表示数据，不表示货物",
                                  hint_zh="去掉这条物流，或把随货物传递的单据写成数据流“-[名称]->”"))
    return out
