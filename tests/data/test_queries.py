"""Named questions: buckets aggregated in the database, the same from rollups and raw rows,
identical on SQLite and PostgreSQL."""

from __future__ import annotations

import random

import pytest
from bucket_check import check_buckets
from pantau.data import queries
from pantau.data.batch import Batch, Sample
from pantau.data.buckets import align_down, nice_step, origin_for, rollup_level

NOW = 1_795_000_000 - 1_795_000_000 % 86400  # a UTC midnight
START = NOW - 10 * 86400


@pytest.fixture
def filled(store):
    """Three series of irregular data over 10 days, with a known list of points."""
    rnd = random.Random(7)
    pts = []
    for region in ("52.01", "52.71", "52.72"):
        ts = START + rnd.randint(0, 300)
        while ts < NOW:
            pts.append((region, ts, round(rnd.uniform(-50, 150), 3)))
            ts += rnd.randint(60, 2400)
    batch = Batch([Sample("m", v, {"region": r}, t) for r, t, v in pts])
    assert store.write(batch, {"m"}, now=NOW).written == len(pts)
    return store, pts


@pytest.mark.parametrize("agg", ["sum", "avg", "min", "max", "last"])
@pytest.mark.parametrize("step,origin,source", [
    (900, 0, "samples"), (3600, 0, "rollup_1h"), (6 * 3600, 0, "rollup_6h"),
    (3 * 3600, 0, "rollup_1h"), (18 * 3600, 0, "rollup_6h"),
    (4 * 3600, 0, "rollup_4h"), (8 * 3600, 0, "rollup_8h"), (12 * 3600, 0, "rollup_12h"),
    (24 * 3600, 0, "rollup_1d"), (16 * 3600, 0, "rollup_8h"), (3 * 86400, 0, "rollup_1d"),
    (86400, 0, "rollup_1d"), (86400, origin_for(86400, 8 * 3600), "rollup_8h"),
    (86400, origin_for(86400, 7 * 3600), "rollup_1h"), (2 * 86400, 0, "rollup_1d"),
])
def test_buckets_equal_an_independent_computation(filled, agg, step, origin, source):
    store, pts = filled
    check_buckets(store, pts, START, NOW, step, origin, agg, source)


def test_label_filters(filled):
    store, pts = filled
    df = queries.series(store, "m", START, NOW, 86400, "sum", {"region": "52.71"})
    assert set(df["region"]) == {"52.71"}
    df2 = queries.series(store, "m", START, NOW, 86400, "sum", {"region": ["52.71", "52.01"]})
    assert set(df2["region"]) == {"52.71", "52.01"}
    assert queries.series(store, "m", START, NOW, 3600, "sum", {"region": "99"}).empty
    assert queries.series(store, "nothing", START, NOW, 3600, "sum").empty


def test_latest_and_totals(filled):
    store, pts = filled
    lat = queries.latest(store, "m")
    for r in ("52.01", "52.71", "52.72"):
        last = max((p for p in pts if p[0] == r), key=lambda p: p[1])
        row = lat[lat["region"] == r].iloc[0]
        assert (int(row["ts"]), row["value"]) == (last[1], last[2])
    tot = queries.totals(store, "m", START, NOW, "sum", {"region": "52.72"})
    assert tot["value"].iloc[0] == pytest.approx(sum(v for r, _, v in pts if r == "52.72"))


def test_label_values(filled):
    store, _ = filled
    assert queries.label_values(store, "m") == {"region": ["52.01", "52.71", "52.72"]}


def test_bad_agg_is_refused(filled):
    store, _ = filled
    with pytest.raises(ValueError, match="agg must be one of"):
        queries.series(store, "m", START, NOW, 3600, "median")


def test_bucket_helpers():
    assert nice_step(365 * 86400, 1000) == 43200
    assert nice_step(86400, 1000) == 120
    assert rollup_level(86400, 0) == 86400
    assert rollup_level(86400, 57600) == 28800  # WITA days: 16:00 UTC is a multiple of 8 hours
    assert rollup_level(86400, 61200) == 3600  # WIB days
    assert rollup_level(43200, 0) == 43200 and rollup_level(7 * 86400, 0) == 86400
    assert rollup_level(300, 0) is None
    assert origin_for(86400, 8 * 3600) == 57600  # WITA midnight is 16:00 UTC
    assert align_down(NOW + 5, 86400, 57600) == NOW - 86400 + 57600
