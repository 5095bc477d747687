"""FD602 (cross-view): a ledger (账簿/台帐/档案) of the business chart with no data store
of that name in the DFD (files and ledgers become data stores)."""

from .crossview import compare

CODE = "FD602"


def check_case(case):
    return compare(case, CODE, {"ledger"}, "store",
                   "ledger “{doc}” of business chart “{chart}” has no data store in DFD “{dfd}”",
                   "name a data store after it, or relate them in the data dictionary: “define 存储名 = {doc}”",
                   "业务流程图“{chart}”中的账簿“{doc}”在数据流程图“{dfd}”中没有对应的数据存储",
                   "用它的名称命名一个数据存储，或在数据字典中把两者联系起来：“define 存储名 = {doc}”")
