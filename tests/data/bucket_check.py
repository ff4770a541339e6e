"""The independent computation of time buckets, shared by the query tests: plain Python over
the points written, never through data.queries."""

from __future__ import annotations

from collections import defaultdict

import pytest
from pantau.data import queries


def expected(pts, step, origin, agg, regions=None) -> dict:
    """``{(region, bucket start): value}`` of ``pts`` (``(region, ts, value)`` triples)."""
    groups = defaultdict(list)
    for r, t, v in sorted(pts, key=lambda p: p[1]):
        if regions and r not in regions:
            continue
        groups[(r, t - (t - origin) % step)].append(v)
    fn = {"sum": sum, "avg": lambda v: sum(v) / len(v), "min": min, "max": max,
          "last": lambda v: v[-1]}[agg]
    return {k: fn(v) for k, v in groups.items()}


def check_buckets(store, pts, start, end, step, origin, agg, source) -> None:
    """``queries.series`` of metric ``m`` answers from ``source`` exactly what ``expected``
    computes."""
    df = queries.series(store, "m", start, end, step, agg, origin=origin)
    assert df.attrs["source"] == source
    got = {(r, int(t)): v for r, t, v in zip(df["region"], df["ts"], df["value"], strict=True)}
    want = expected(pts, step, origin, agg)
    assert got.keys() == want.keys()
    for k, v in want.items():
        assert got[k] == pytest.approx(v, rel=1e-9, abs=1e-9), k
