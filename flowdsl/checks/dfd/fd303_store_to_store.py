"""FD303: a data flow from one data store to another."""

from ._conn import wrong_pairs

CODE = "FD303"


def check(ctx):
    return wrong_pairs(ctx, CODE, {("store", "store")},
                       "data moves between stores only through a process",
                       "put the process that copies or transforms the data between them",
                       "数据存储之间的数据只能经过处理逻辑传递",
                       "在两者之间加上复制或加工这些数据的处理逻辑")
