"""FD301: a data flow from one external entity to another (outside the system)."""

from ._conn import wrong_pairs

CODE = "FD301"


def check(ctx):
    return wrong_pairs(ctx, CODE, {("entity", "entity")},
                       "what passes between two external entities is outside the system",
                       "drop the flow, or route it through the process that handles it",
                       "两个外部实体之间传递的数据在系统之外",
                       "删除这条数据流，或让它经过处理这些数据的处理逻辑")
