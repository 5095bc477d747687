"""ELK against Graphviz on the layout measure (issue 9): ``python benchmarks/elk_compare.py
[--details] [--svg DIR] [--model-order] [FILES]``.

An experiment, not an engine: every DFD level of the samples (textbook notation) and every
business chart without swimlanes is laid out by Graphviz as ``flowdsl render`` does
(``layout_view``) and by ELK's ``layered`` algorithm (the npm package ``elkjs``, run by
``node`` through ``benchmarks/elk_layout.js``, one process for the whole batch), with
the same symbol sizes (those of the Graphviz layout), the same label sizes, the view's
direction, and ``elk.edgeRouting`` ORTHOGONAL and SPLINES. Charts with swimlanes are
skipped (ELK would need partitions or a hierarchy for the lanes).

ELK's result is turned into a :class:`flowdsl.render.layout.Layout` (polylines as
straight Bézier pieces, ELK's spline control points as they are, ELK's label centres as
``lp``), so :func:`flowdsl.render.measure.measure` reads it exactly as it reads
Graphviz's: figures a-f with flowdsl placing the labels on the arrows, and a and b once
more with the labels where ELK put them (``a elk``, ``b elk``); ``size`` is the drawing
(title and title block included) in points. None of flowdsl's after-layout passes
(beside, compact, uncross, ortho) runs on ELK's layout: it is ELK as it comes.
``--model-order`` asks ELK to keep the view's order of symbols and arrows and to break
cycles by it (:data:`MODEL_ORDER`).

elkjs is not a project dependency: ``npm install --prefix /tmp/elk elkjs`` (or set
``ELKJS_DIR`` to a ``node_modules`` folder holding it). Without node or elkjs the
script says so and exits 0.
"""

from __future__ import annotations

import glob
import json
import math
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

from flowdsl.render.measure import format_table, measure, sheet_size  # noqa: E402

ELKJS_DIR = os.environ.get("ELKJS_DIR", "/tmp/elk/node_modules")
SCRIPT = os.path.join(HERE, "elk_layout.js")
ROUTINGS = ("ORTHOGONAL", "SPLINES")
COLUMNS = ("labels", "a", "b", "c", "d", "e", "f", "a elk", "b elk", "size")
#: ELK options besides algorithm, direction and routing; the spacings are about
#: Graphviz's (nodesep 0.4 in, ranksep 0.42 in) so that the drawings compare
OPTIONS = {
    "elk.algorithm": "layered",
    "elk.edgeLabels.placement": "CENTER",
    "elk.spacing.nodeNode": "29",
    "elk.layered.spacing.nodeNodeBetweenLayers": "30",
    "elk.spacing.edgeNode": "12",
    "elk.spacing.edgeEdge": "10",
    "elk.layered.spacing.edgeNodeBetweenLayers": "12",
    "elk.layered.spacing.edgeEdgeBetweenLayers": "10",
    "elk.spacing.edgeLabel": "3",
    "elk.padding": "[top=4,left=4,bottom=4,right=4]",
    "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
    "elk.randomSeed": "1",
}
#: ``--model-order``: ELK keeps the order in which the view lists symbols and arrows
#: where it can (the numbered processes in order, as flowdsl's hints ask of Graphviz)
MODEL_ORDER = {"elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
               "elk.layered.crossingMinimization.forceNodeModelOrder": "false",
               "elk.layered.cycleBreaking.strategy": "MODEL_ORDER"}


def missing() -> str | None:
    """Why ELK cannot run here, or None."""
    if shutil.which("node") is None:
        return "node is not on PATH"
    if not os.path.isfile(os.path.join(ELKJS_DIR, "elkjs", "lib", "elk.bundled.js")):
        return (f"elkjs not found in {ELKJS_DIR} "
                "(npm install --prefix /tmp/elk elkjs, or set ELKJS_DIR)")
    return None


def views(files):
    """(sample, view) of every DFD level (textbook) and every chart without lanes."""
    import flowdsl
    out, skipped = [], []
    for path in files:
        sample = os.path.splitext(os.path.basename(path))[0]
        for d in flowdsl.load(path, notation="textbook").views:
            if d.view.kind not in ("dfd", "business"):
                continue
            (skipped if d.view.lanes else out).append((sample, d.view))
    return out, skipped


def elk_graph(view, gv_layout, routing: str, gid: str, extra: dict | None = None) -> dict:
    """The ELK graph of ``view``: symbols as big as in the Graphviz layout."""
    from flowdsl.render.dot import dot_node_names
    from flowdsl.render.labels import label_size
    from flowdsl.render.specs import edge_label_spec, is_flow_lr
    names = dot_node_names(view)
    children = []
    for node in view.nodes:
        nb = gv_layout.nodes.get(names[node.id])
        if nb is not None:
            children.append({"id": names[node.id], "width": nb.width, "height": nb.height})
    present = {c["id"] for c in children}
    edges = []
    for i, edge in enumerate(view.edges, 1):
        s, t = names[edge.src], names[edge.dst]
        if s not in present or t not in present:
            continue
        e = {"id": f"e{i}", "sources": [s], "targets": [t]}
        spec = edge_label_spec(edge)
        if spec is not None and spec.lines:
            w, h = label_size(spec.lines)
            e["labels"] = [{"text": " ".join(spec.lines), "width": w, "height": h}]
        edges.append(e)
    opts = dict(OPTIONS, **{"elk.direction": "RIGHT" if is_flow_lr(view) else "DOWN",
                            "elk.edgeRouting": routing}, **(extra or {}))
    return {"id": gid, "layoutOptions": opts, "children": children, "edges": edges}


def run_elk(graphs: list[dict]) -> list[dict]:
    env = dict(os.environ, ELKJS_DIR=ELKJS_DIR)
    out = subprocess.run(["node", SCRIPT], input=json.dumps(graphs), capture_output=True,
                         text=True, env=env, timeout=600, check=True)
    return json.loads(out.stdout)


def to_layout(res: dict):
    """ELK's result as a flowdsl Layout (arrow tips ``ARROW_LEN`` beyond the line)."""
    from flowdsl.render.layout import EdgePath, Layout, NodeBox
    from flowdsl.render.svg import ARROW_LEN
    nodes = {c["id"]: NodeBox(c["id"], c["x"] + c["width"] / 2, c["y"] + c["height"] / 2,
                              c["width"], c["height"]) for c in res.get("children", [])}
    edges = []
    for e in res.get("edges", []):
        secs = e.get("sections") or []
        if not secs:
            continue
        pts = []
        for sec in secs:   # one section per edge in a flat graph
            pts += [sec["startPoint"], *sec.get("bendPoints", []), sec["endPoint"]]
        pts = [(p["x"], p["y"]) for p in pts]
        spline = len(pts) % 3 == 1 and res["layoutOptions"]["elk.edgeRouting"] == "SPLINES"
        tip = pts[-1]
        # the line stops an arrowhead short of the symbol, as Graphviz's does
        a = pts[-2]
        d = math.dist(a, tip) or 1.0
        k = min(ARROW_LEN, d * 0.5) / d
        base = (tip[0] - (tip[0] - a[0]) * k, tip[1] - (tip[1] - a[1]) * k)
        pts[-1] = base
        if spline:
            bez = pts
        else:
            bez = [pts[0]]
            for p, q in zip(pts, pts[1:]):
                bez += [p, q, q]
        lp = None
        if e.get("labels"):
            lb = e["labels"][0]
            if "x" in lb:
                lp = (lb["x"] + lb["width"] / 2, lb["y"] + lb["height"] / 2)
        edges.append(EdgePath(e["id"], e["sources"][0], e["targets"][0], tuple(bez), tip,
                              None, lp))
    return Layout(res.get("width", 0.0), res.get("height", 0.0), nodes, tuple(edges), {})


def figures(view, layout) -> dict:
    fig = measure(view, layout)
    own = measure(view, layout, placed=False)
    fig["a elk"], fig["b elk"] = own["a"], own["b"]
    w, h = sheet_size(view, layout)
    fig["size"] = f"{w:.0f}x{h:.0f}"
    fig["area"] = w * h
    return fig


def main(argv: list[str]) -> int:
    if "--help" in argv or "-h" in argv:
        print(__doc__)
        return 0
    why = missing()
    if why:
        print(f"elk_compare: skipped: {why}")
        return 0
    from flowdsl.render import layout_view
    details = "--details" in argv
    svg_dir = None
    if "--svg" in argv:
        k = argv.index("--svg")
        svg_dir = argv[k + 1]
        argv = argv[:k] + argv[k + 2:]
    files = [a for a in argv if not a.startswith("--")] or sorted(
        glob.glob(os.path.join(ROOT, "samples", "*.flow")))
    todo, skipped = views(files)
    gv = [layout_view(v) for _, v in todo]
    extra = MODEL_ORDER if "--model-order" in argv else None
    graphs = [elk_graph(v, lay, r, f"{n}:{r}", extra) for n, (v, lay) in enumerate(zip((v for _, v in todo), gv))
              for r in ROUTINGS]
    results = {g["id"]: g for g in run_elk(graphs)}
    engines = ("graphviz",) + tuple(f"elk {r.lower()}" for r in ROUTINGS)
    rows = {e: [] for e in engines}
    for n, ((sample, view), lay) in enumerate(zip(todo, gv)):
        rows["graphviz"].append((view.name, figures(view, lay)))
        for r in ROUTINGS:
            res = results[f"{n}:{r}"]
            if "error" in res:
                print(f"   {view.name} [elk {r}]: ELK failed: {res['error']}")
                continue
            elay = to_layout(res)
            rows[f"elk {r.lower()}"].append((view.name, figures(view, elay)))
            if svg_dir:
                from flowdsl.render.svg import view_to_svg
                os.makedirs(svg_dir, exist_ok=True)
                with open(os.path.join(svg_dir, f"{view.name}-elk-{r.lower()}.svg"), "w",
                          encoding="utf-8") as fh:
                    fh.write(view_to_svg(view, elay))
    for kind, title in (("dfd", "DFD levels (textbook)"), ("business", "business charts without lanes")):
        names = {v.name for _, v in todo if v.kind == kind}
        for e in engines:
            mine = [(d, f) for d, f in rows[e] if d in names]
            print(f"== {title}: {e}")
            table = format_table(mine, COLUMNS, lowest=()).split("\n")
            table[-1] = table[-1][:-6] + f"{'-':>6}"   # no total for the sizes
            print("\n".join(table))
            if details:
                for d, f in mine:
                    for item in f["details"]:
                        print(f"   {d}: " + " ".join(str(x) for x in item))
            print()
    print("== totals (size: summed drawing area, 1000 pt²)")
    totals = []
    for kind, title in (("dfd", "DFD"), ("business", "chart")):
        names = {v.name for _, v in todo if v.kind == kind}
        for e in engines:
            mine = [f for d, f in rows[e] if d in names]
            t = {c: sum(f[c] for f in mine) for c in COLUMNS if c != "size"}
            t["size"] = round(sum(f["area"] for f in mine) / 1000)
            t["n"] = len(mine)
            totals.append((f"{title} {e}", t))
    print(format_table(totals, ("n",) + COLUMNS, title="diagrams / engine", lowest=()).rsplit("\n", 2)[0])
    if skipped:
        print("skipped (swimlanes; ELK would need partitions or a hierarchy): "
              + ", ".join(v.name for _, v in skipped))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
