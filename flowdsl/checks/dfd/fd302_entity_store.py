"""FD302: a data flow between an external entity and a data store."""

from ._conn import wrong_pairs

CODE = "FD302"


def check(ctx):
    return wrong_pairs(ctx, CODE, {("entity", "store"), ("store", "entity")},
                       "an entity reaches a store only through a process",
                       "put the process that reads or records the data between them",
                       "外部实体只能通过处理逻辑存取数据存储",
                       "在两者之间加上读取或记录这些数据的处理逻辑")
