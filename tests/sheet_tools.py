"""What the sheet tests share: the off-page connectors of a split diagram."""

from __future__ import annotations

import re


def connector_pairs(sheets) -> tuple[dict, dict]:
    """The connectors leaving (“至第b张”) and arriving (“接第a张”) on ``sheets``, each by
    letter: (sheet number, the other sheet's number, the connector's id, the sheet's view).
    A letter leaves at most once and arrives at most once."""
    outs: dict = {}
    ins: dict = {}
    for k, s in enumerate(sheets, 1):
        for nd in s.view.nodes:
            if nd.kind == "connector":
                side = outs if nd.location.startswith("至") else ins
                assert nd.label not in side
                side[nd.label] = (k, int(re.search(r"\d+", nd.location)[0]), nd.id, s.view)
    return outs, ins
