"""FD302: a data flow between an external entity and a data store."""

from ._conn import wrong_pairs

CODE = "FD302"


def check(ctx):
    return wrong_pairs(ctx, CODE, {("entity", "store"), ("store", "entity")},
                       "an entity reaches a store only through a process",
                       "put the process that reads or records the data between them")
