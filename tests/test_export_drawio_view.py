"""draw.io files drawn by mxGraph (the library draw.io is built on, npm ``mxgraph``) in
headless Chromium: every page of every sample's file decodes with no error and every
vertex and edge is drawn, with its text. Core mxGraph lacks draw.io's own shape set: the
shapes it draws as rectangles are exactly draw.io's (documents, ledgers, steps...)."""

from __future__ import annotations

import os

import flowdsl
from browser_tools import opened
from drawio_read import read_pages, text
from export_tools import SAMPLES
from test_export_drawio import KNOWN_SHAPES

MXCLIENT = "mxgraph/javascript/mxClient.js"


def test_mxgraph_draws_every_cell_of_every_page():
    shot = os.environ.get("FLOWDSL_DRAWIO_SHOT")  # a folder: keep a screenshot of each page
    with opened("drawio_view.html", MXCLIENT) as (page, errors):
        for path in SAMPLES:
            [(_, data)] = flowdsl.load(path).export("drawio")
            pages = read_pages(data)
            for i, (name, cells) in enumerate(pages):
                res = page.evaluate("([xml, i]) => show(xml, i)", [data.decode("utf-8"), i])
                assert res["pages"] == len(pages)
                drawn = {d["id"]: d for d in res["drawn"]}
                ours = {cid for cid, c in cells.items() if c.vertex or c.edge}
                assert set(drawn) == ours, (path, name)
                missing = [cid for cid, d in drawn.items() if not d["shape"]]
                assert missing == [], (path, name, missing)
                for cid, c in cells.items():
                    want = "".join(text(c.value).split())
                    if want:  # the label is drawn, CJK intact (html labels: compare without breaks)
                        assert want in "".join(drawn[cid]["text"].split()), (path, name, cid, want)
                assert set(res["fallback"]) <= KNOWN_SHAPES, res["fallback"]
                if shot:
                    page.set_viewport_size({"width": res["width"], "height": min(res["height"], 4000)})
                    stem = os.path.splitext(os.path.basename(path))[0]
                    page.screenshot(path=os.path.join(shot, f"{stem}-p{i + 1}.png"), full_page=True)
        assert errors == []
