"""FD303: a data flow from one data store to another."""

from ._conn import wrong_pairs

CODE = "FD303"


def check(ctx):
    return wrong_pairs(ctx, CODE, {("store", "store")},
                       "data moves between stores only through a process",
                       "put the process that copies or transforms the data between them")
