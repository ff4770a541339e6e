"""Keep the hourly and daily rollups equal to what the raw samples say.

After samples of one series change between ``lo`` and ``hi``, ``refresh(conn, sid, lo, hi)``
recomputes every touched hour from ``samples`` and every touched day from ``rollup_1h``. Both
statements are plain SQL that SQLite and PostgreSQL read alike (``WHERE 1 = 1`` keeps SQLite's
parser from taking ``ON CONFLICT`` for a join constraint). Values are integers we computed, so
they are written into the SQL as literals.
"""

from __future__ import annotations

import numpy as np
from sqlalchemy import Connection

from data.engine import run_sql

_SET = ("cnt = excluded.cnt, total = excluded.total, vmin = excluded.vmin, "
        "vmax = excluded.vmax, last_ts = excluded.last_ts, last_val = excluded.last_val")

_HOUR = """
INSERT INTO rollup_1h (series_id, bucket, cnt, total, vmin, vmax, last_ts, last_val)
SELECT a.series_id, a.bucket, a.cnt, a.total, a.vmin, a.vmax, a.last_ts, s.value
FROM (SELECT series_id, ts - ts % 3600 AS bucket, COUNT(*) AS cnt, SUM(value) AS total,
             MIN(value) AS vmin, MAX(value) AS vmax, MAX(ts) AS last_ts
      FROM samples WHERE series_id = {sid} AND ts >= {lo} AND ts < {hi}
      GROUP BY series_id, ts - ts % 3600) a
JOIN samples s ON s.series_id = a.series_id AND s.ts = a.last_ts
WHERE 1 = 1
ON CONFLICT (series_id, bucket) DO UPDATE SET {set}
"""

_DAY = """
INSERT INTO rollup_1d (series_id, bucket, cnt, total, vmin, vmax, last_ts, last_val)
SELECT a.series_id, a.bucket, a.cnt, a.total, a.vmin, a.vmax, a.last_ts, r.last_val
FROM (SELECT series_id, bucket - bucket % 86400 AS bucket, SUM(cnt) AS cnt,
             SUM(total) AS total, MIN(vmin) AS vmin, MAX(vmax) AS vmax, MAX(last_ts) AS last_ts
      FROM rollup_1h WHERE series_id = {sid} AND bucket >= {lo} AND bucket < {hi}
      GROUP BY series_id, bucket - bucket % 86400) a
JOIN rollup_1h r ON r.series_id = a.series_id AND r.bucket = a.last_ts - a.last_ts % 3600
WHERE 1 = 1
ON CONFLICT (series_id, bucket) DO UPDATE SET {set}
"""


# SQLite returns, for a bare column beside MAX(), the value of the row holding the maximum
# (documented behaviour), which spares the join back to samples for the last value.
_HOUR_SQLITE = """
INSERT INTO rollup_1h (series_id, bucket, cnt, total, vmin, vmax, last_ts, last_val)
SELECT series_id, ts - ts % 3600, COUNT(*), SUM(value), MIN(value), MAX(value), MAX(ts), value
FROM samples WHERE series_id = {sid} AND ts >= {lo} AND ts < {hi}
GROUP BY series_id, ts - ts % 3600
ON CONFLICT (series_id, bucket) DO UPDATE SET {set}
"""


def _floor(ts: int, step: int) -> int:
    return ts - ts % step


def refresh(conn: Connection, sid: int, lo: int, hi: int) -> None:
    """Recompute the rollups of series ``sid`` for every bucket holding a ts in [lo, hi]."""
    h_lo, h_hi = _floor(lo, 3600), _floor(hi, 3600) + 3600
    hour = _HOUR_SQLITE if conn.dialect.name == "sqlite" else _HOUR
    run_sql(conn, hour.format(sid=int(sid), lo=h_lo, hi=h_hi, set=_SET))
    d_lo, d_hi = _floor(lo, 86400), _floor(hi, 86400) + 86400
    run_sql(conn, _DAY.format(sid=int(sid), lo=d_lo, hi=d_hi, set=_SET))


def is_fresh(conn: Connection, sid: int, lo: int, hi: int) -> bool:
    """True when series ``sid`` has no samples in the hours that [lo, hi] touches yet."""
    h_lo, h_hi = _floor(lo, 3600), _floor(hi, 3600) + 3600
    return run_sql(conn, f"SELECT 1 FROM samples WHERE series_id = {int(sid)} AND ts >= {h_lo} "
                         f"AND ts < {h_hi} LIMIT 1").first() is None


def insert_fresh(conn: Connection, sid: int, ts, values) -> None:
    """Hourly rollups of points written into hours that held nothing before (checked with
    ``is_fresh`` before the write), computed from the arrays in hand instead of re-reading
    millions of rows; then the days from the hours, as ``refresh`` does."""
    ts = np.asarray(ts, dtype=np.int64)
    values = np.asarray(values, dtype=np.float64)
    order = np.argsort(ts, kind="stable")
    ts, values = ts[order], values[order]
    # The same ts twice in one write: the last one is what the table keeps.
    keep = np.append(ts[1:] != ts[:-1], True)
    ts, values = ts[keep], values[keep]
    buckets = ts - ts % 3600
    starts = np.flatnonzero(np.append(True, buckets[1:] != buckets[:-1]))
    ends = np.append(starts[1:], len(ts)) - 1
    rows = zip([int(sid)] * len(starts), buckets[starts].tolist(),
               np.diff(np.append(starts, len(ts))).tolist(),
               np.add.reduceat(values, starts).tolist(),
               np.minimum.reduceat(values, starts).tolist(),
               np.maximum.reduceat(values, starts).tolist(),
               ts[ends].tolist(), values[ends].tolist(), strict=True)
    param = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    conn.exec_driver_sql(
        "INSERT INTO rollup_1h (series_id, bucket, cnt, total, vmin, vmax, last_ts, last_val) "
        f"VALUES ({', '.join([param] * 8)})", list(rows))
    lo, hi = int(ts[0]), int(ts[-1])
    d_lo, d_hi = _floor(lo, 86400), _floor(hi, 86400) + 86400
    run_sql(conn, _DAY.format(sid=int(sid), lo=d_lo, hi=d_hi, set=_SET))


def drop_before(conn: Connection, cutoff: int) -> None:
    """Forget rollup buckets that start before ``cutoff``'s bucket (retention); the caller
    refreshes the bucket that holds ``cutoff``."""
    run_sql(conn, f"DELETE FROM rollup_1h WHERE bucket < {_floor(int(cutoff), 3600) + 3600}")
    run_sql(conn, f"DELETE FROM rollup_1d WHERE bucket < {_floor(int(cutoff), 86400) + 86400}")
