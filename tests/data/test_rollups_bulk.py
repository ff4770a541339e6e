"""The bulk path's rollups (computed from the arrays in hand) equal those a refresh from the
table gives, including duplicates within a write and a series met twice in one call."""

from __future__ import annotations

import random

from pantau.data import rollups
from pantau.data.schema import ROLLUP_CHAIN
from sqlalchemy import text

NOW = 1_795_000_000


def rollup_rows(store, table):
    with store.reader.connect() as conn:
        return conn.execute(text(f"SELECT series_id, bucket, cnt, total, vmin, vmax, last_ts, "
                                 f"last_val FROM {table} ORDER BY series_id, bucket")).fetchall()


def test_bulk_rollups_equal_a_refresh(store):
    rnd = random.Random(3)
    ts = [NOW - 5 * 86400 + rnd.randint(0, 5 * 86400) for _ in range(3000)]
    ts += ts[:50]  # the same points again in the same write: the last value wins
    vals = [round(rnd.uniform(0, 10), 2) for _ in ts]
    other = [NOW - 3 * 86400 + i * 97 for i in range(500)]
    groups = [("m", {"r": "a"}, ts, vals), ("m", {"r": "b"}, other, [1.5] * 500),
              ("m", {"r": "b"}, [t + 13 for t in other], [2.5] * 500)]
    assert store.write_points(groups) == 4050
    tables = [table for _level, table in ROLLUP_CHAIN]
    got = [row for t in tables for row in rollup_rows(store, t)]
    with store.writer.begin() as conn:
        for t in tables:
            conn.exec_driver_sql(f"DELETE FROM {t}")
        for sid in (1, 2):
            rollups.refresh(conn, sid, NOW - 6 * 86400, NOW)
    want = [row for t in tables for row in rollup_rows(store, t)]
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert g[:3] == w[:3] and g[6] == w[6]
        assert [round(x, 6) for x in (g[3], g[4], g[5], g[7])] == \
            [round(x, 6) for x in (w[3], w[4], w[5], w[7])]
    # Writing into filled hours goes through the refresh from the table.
    assert store.write_points([("m", {"r": "a"}, [ts[0]], [99.0])]) == 1
    with store.reader.connect() as conn:
        assert conn.execute(text("SELECT vmax FROM rollup_1h WHERE series_id = 1 AND bucket = :b"),
                            {"b": ts[0] - ts[0] % 3600}).scalar_one() == 99.0
