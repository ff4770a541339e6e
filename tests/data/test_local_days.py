"""Daily rollups start at the site's local midnight (WIB, WITA, WIT), on both backends: a year
of local days is read row for row, the numbers equal a computation from the raw points, and a
store whose zone changes rebuilds its days."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest
from bucket_check import check_buckets
from pantau.data import rollups
from pantau.data.batch import Batch, Sample
from pantau.data.buckets import origin_for
from pantau.data.schema import ROLLUP_CHAIN
from pantau.data.store import Store
from sqlalchemy import text

NOW = 1_795_000_000 - 1_795_000_000 % 86400  # a UTC midnight
START = NOW - 12 * 86400
ZONES = {"WIB": 7 * 3600, "WITA": 8 * 3600, "WIT": 9 * 3600}


def points(seed: int = 11):
    rnd = random.Random(seed)
    out = []
    for region in ("52.01", "52.71"):
        ts = START + rnd.randint(0, 600)
        while ts < NOW:
            out.append((region, ts, round(rnd.uniform(-20, 120), 3)))
            ts += rnd.randint(120, 3000)
    return out


def check(store, pts, step, origin, agg, source):
    check_buckets(store, pts, START, NOW, step, origin, agg, source)


def write(store, pts, bulk: bool):
    if bulk:
        by = defaultdict(lambda: ([], []))
        for r, t, v in pts:
            by[r][0].append(t)
            by[r][1].append(v)
        store.write_points([("m", {"region": r}, ts, vs) for r, (ts, vs) in by.items()])
    else:
        batch = Batch([Sample("m", v, {"region": r}, t) for r, t, v in pts])
        assert store.write(batch, {"m"}, now=NOW).written == len(pts)


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("bulk", [False, True], ids=["write", "write_points"])
def test_local_days_are_one_row_each(store_url, zone, bulk):
    offset = ZONES[zone]
    store = Store(store_url, retention_days=730, day_shift=offset)
    store.upgrade()
    try:
        pts = points()
        write(store, pts, bulk)
        day = origin_for(86400, offset)
        for agg in ("sum", "avg", "min", "max", "last"):
            check(store, pts, 86400, day, agg, "rollup_1d")
        check(store, pts, 2 * 86400, origin_for(2 * 86400, offset), "avg", "rollup_1d")
        # UTC days are still answered, from the finer levels
        check(store, pts, 86400, 0, "sum", "rollup_12h")
        with store.reader.connect() as conn:
            buckets = [r[0] for r in conn.execute(text("SELECT DISTINCT bucket FROM rollup_1d"))]
        assert buckets and all((b + offset) % 86400 == 0 for b in buckets)
    finally:
        store.dispose()


def test_a_new_zone_rebuilds_the_days(store_url):
    utc = Store(store_url, retention_days=730)
    utc.upgrade()
    pts = points(5)
    write(utc, pts, bulk=False)
    check(utc, pts, 86400, 0, "sum", "rollup_1d")
    utc.dispose()

    wib = Store(store_url, retention_days=730, day_shift=ZONES["WIB"])
    assert wib.day_shift == 0  # as stored, until upgrade moves the days
    check(wib, pts, 86400, origin_for(86400, ZONES["WIB"]), "avg", "rollup_1h")
    wib.upgrade()
    assert wib.day_shift == ZONES["WIB"]
    for agg in ("sum", "last", "max"):
        check(wib, pts, 86400, origin_for(86400, ZONES["WIB"]), agg, "rollup_1d")
    # the rebuilt days equal days refreshed from the samples
    with wib.reader.connect() as conn:
        rebuilt = conn.execute(text("SELECT * FROM rollup_1d ORDER BY series_id, bucket")).all()
    with wib.writer.begin() as conn:
        for _, table in ROLLUP_CHAIN:
            conn.exec_driver_sql(f"DELETE FROM {table}")
        rollups.refresh(conn, [1, 2], START - 86400, NOW + 86400)
    with wib.reader.connect() as conn:
        fresh = conn.execute(text("SELECT * FROM rollup_1d ORDER BY series_id, bucket")).all()
    assert [r[:3] for r in rebuilt] == [r[:3] for r in fresh]
    assert [pytest.approx(tuple(r[3:])) for r in rebuilt] == [tuple(r[3:]) for r in fresh]
    wib.dispose()


def test_retention_keeps_local_days_right(store_url):
    store = Store(store_url, retention_days=730, day_shift=ZONES["WITA"])
    store.upgrade()
    try:
        pts = points(9)
        write(store, pts, bulk=True)
        cutoff = START + 5 * 86400 + 3 * 3600 + 17  # inside a WITA day
        store.delete_before(cutoff)
        kept = [p for p in pts if p[1] >= cutoff]
        check(store, kept, 86400, origin_for(86400, ZONES["WITA"]), "sum", "rollup_1d")
        check(store, kept, 86400, origin_for(86400, ZONES["WITA"]), "min", "rollup_1d")
    finally:
        store.dispose()
