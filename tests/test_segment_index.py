"""SegmentIndex (render/geometry.py) answers as a scan of every segment would (the label
placer's queries; its pruning must not change an answer)."""

from __future__ import annotations

import math
import random

from flowdsl.render.geometry import SegmentIndex, flatten, poly_box_dist, seg_box_dist, _seg_box


def _polys(rng: random.Random) -> dict[int, list]:
    out = {}
    for key in range(1, 9):
        pts = [(rng.uniform(0, 400), rng.uniform(0, 300))]
        for _ in range(rng.randint(1, 3)):
            pts += [(rng.uniform(0, 400), rng.uniform(0, 300)) for _ in range(3)]
        out[key] = flatten(pts, (pts[-1][0] + 1, pts[-1][1]))
    out[9] = [(10.0, 150.0), (390.0, 150.0)]          # a straight run, boxes touch it
    return out


def test_distance_and_other_within_match_a_full_scan():
    rng = random.Random(7)
    checked = hits = 0
    for _ in range(20):
        polys = _polys(rng)
        index = SegmentIndex(polys)
        for _ in range(60):
            x, y = rng.uniform(-20, 420), rng.choice([rng.uniform(-20, 320), 150.0 + rng.choice([0, 3, 8])])
            box = (x, y, x + rng.uniform(10, 80), y + rng.uniform(8, 30))
            scan = {k: poly_box_dist(p, box) for k, p in polys.items()}
            for key in polys:
                want = scan[key] if scan[key] <= 33 else math.inf
                got = index.distance(box, key, 33)
                assert got == want or abs(got - want) < 1e-9     # the same up to rounding
                for below in (5.0, 20.0, math.inf):
                    want_other = any(d < below and d <= 33 for k, d in scan.items() if k != key)
                    assert index.other_within(box, key, below, 33) == want_other
                    hits += want_other
                checked += 1
    assert checked == 20 * 60 * 9 and hits > 100


def test_segment_box_distance_by_clipping_is_the_same():
    rng = random.Random(3)
    for _ in range(5000):
        a = (rng.choice([rng.uniform(0, 100), 50.0]), rng.uniform(0, 100))
        b = (rng.uniform(0, 100), rng.choice([rng.uniform(0, 100), a[1]]))
        x0, x1 = sorted((rng.uniform(0, 100), rng.uniform(0, 100)))
        y0, y1 = sorted((rng.uniform(0, 100), rng.uniform(0, 100)))
        assert abs(_seg_box(*a, *b, (x0, y0, x1, y1)) - seg_box_dist(a, b, (x0, y0, x1, y1))) < 1e-9
    assert _seg_box(0, 5, 10, 5, (2, 0, 4, 10)) == 0.0           # passes through
    assert _seg_box(0, 15, 10, 15, (2, 0, 4, 10)) == 5.0         # above the box
