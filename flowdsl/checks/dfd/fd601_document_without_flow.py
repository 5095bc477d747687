"""FD601 (cross-view): a document or report of the business chart with no data flow of
that name in the DFD (documents carried on arrows become data flows).

A data dictionary entry relates differently named items: ``define 不合格采购单 = 退书单``
says the flow carries the chart's 退书单.
"""

from .crossview import compare

CODE = "FD601"


def check_case(case):
    return compare(case, CODE, {"document", "report"}, "flow",
                   "document “{doc}” of business chart “{chart}” has no data flow in DFD “{dfd}”",
                   "name a data flow after it, or relate them in the data dictionary: “define 数据流名 = {doc}”",
                   "业务流程图“{chart}”中的单据“{doc}”在数据流程图“{dfd}”中没有对应的数据流",
                   "用它的名称命名一条数据流，或在数据字典中把两者联系起来：“define 数据流名 = {doc}”")
