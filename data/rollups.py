"""Keep the rollups (1, 4, 6, 8, 12 hours and day) equal to what the raw samples say.

Levels build on each other: ``samples`` → ``rollup_1h`` → ``rollup_4h`` and ``rollup_6h`` →
``rollup_8h`` and ``rollup_12h`` → ``rollup_1d``; each level is computed from the coarsest finer
level that divides it (``data.schema.rollup_source``). Days start at the midnight recorded in
``meta.day_shift`` (the site's zone, see ``Store.upgrade``); the other levels at UTC midnight.
After samples of one series change, either
``refresh(conn, sid, lo, hi)`` recomputes every touched bucket from the table (any write), or
``update_from_points(conn, sid, ts, values)`` computes hours that held nothing before from the
arrays in hand and refreshes from the table only the hours that already held data (the bulk
path: a year of minute data is not read back). Plain SQL that SQLite and PostgreSQL read alike
(``WHERE 1 = 1`` keeps SQLite's parser from taking ``ON CONFLICT`` for a join constraint);
values are integers we computed, written as literals.
"""

from __future__ import annotations

import numpy as np
from pantau.data.buckets import align_down
from pantau.data.engine import run_sql
from pantau.data.schema import DAY, ROLLUP_CHAIN, ROLLUP_TABLES, level_shift, rollup_source
from sqlalchemy import Connection

_SET = ("cnt = excluded.cnt, total = excluded.total, vmin = excluded.vmin, "
        "vmax = excluded.vmax, last_ts = excluded.last_ts, last_val = excluded.last_val")

_HOUR = """
INSERT INTO rollup_1h (series_id, bucket, cnt, total, vmin, vmax, last_ts, last_val)
SELECT a.series_id, a.bucket, a.cnt, a.total, a.vmin, a.vmax, a.last_ts, s.value
FROM (SELECT series_id, ts - ts % 3600 AS bucket, COUNT(*) AS cnt, SUM(value) AS total,
             MIN(value) AS vmin, MAX(value) AS vmax, MAX(ts) AS last_ts
      FROM samples WHERE series_id IN ({sid}) AND ts >= {lo} AND ts < {hi}
      GROUP BY series_id, ts - ts % 3600) a
JOIN samples s ON s.series_id = a.series_id AND s.ts = a.last_ts
WHERE 1 = 1
ON CONFLICT (series_id, bucket) DO UPDATE SET {set}
"""

# SQLite returns, for a bare column beside MAX(), the value of the row holding the maximum
# (documented behaviour), which spares the join back to samples for the last value.
_HOUR_SQLITE = """
INSERT INTO rollup_1h (series_id, bucket, cnt, total, vmin, vmax, last_ts, last_val)
SELECT series_id, ts - ts % 3600, COUNT(*), SUM(value), MIN(value), MAX(value), MAX(ts), value
FROM samples WHERE series_id IN ({sid}) AND ts >= {lo} AND ts < {hi}
GROUP BY series_id, ts - ts % 3600
ON CONFLICT (series_id, bucket) DO UPDATE SET {set}
"""

_UPPER = """
INSERT INTO {table} (series_id, bucket, cnt, total, vmin, vmax, last_ts, last_val)
SELECT a.series_id, a.bucket, a.cnt, a.total, a.vmin, a.vmax, a.last_ts, r.last_val
FROM (SELECT series_id, {floor} AS bucket, SUM(cnt) AS cnt,
             SUM(total) AS total, MIN(vmin) AS vmin, MAX(vmax) AS vmax, MAX(last_ts) AS last_ts
      FROM {src} WHERE {where}
      GROUP BY series_id, {floor}) a
JOIN {src} r ON r.series_id = a.series_id AND r.bucket = a.last_ts - a.last_ts % {src_level}
WHERE 1 = 1
ON CONFLICT (series_id, bucket) DO UPDATE SET {set}
"""


def floor_sql(col: str, level: int, shift: int = 0) -> str:
    """SQL for the start of the ``level`` bucket holding ``col`` (see ``level_shift``)."""
    return f"({col} - (({col} + {shift}) % {level}))" if shift else f"({col} - {col} % {level})"


def day_shift(conn: Connection) -> int:
    """The stored ``meta.day_shift``: seconds east of UTC of the midnight starting days."""
    return int(run_sql(conn, "SELECT value FROM meta WHERE key = 'day_shift'").scalar_one())


def _ids(sids) -> str:
    return ",".join(str(int(s)) for s in (sids if isinstance(sids, list | tuple | set)
                                          else [sids]))


def _refresh_hours(conn: Connection, sids, lo: int, hi: int) -> None:
    hour = _HOUR_SQLITE if conn.dialect.name == "sqlite" else _HOUR
    run_sql(conn, hour.format(sid=_ids(sids), lo=align_down(lo, 3600),
                              hi=align_down(hi, 3600) + 3600, set=_SET))


def _upper_sql(level: int, table: str, shift: int, where: str) -> str:
    src_level = rollup_source(level, shift)
    return _UPPER.format(table=table, src=ROLLUP_TABLES[src_level].name, src_level=src_level,
                         floor=floor_sql("bucket", level, level_shift(level, shift)),
                         where=where, set=_SET)


def _refresh_upper(conn: Connection, sids, lo: int, hi: int) -> None:
    shift = day_shift(conn)
    for level, table in ROLLUP_CHAIN[1:]:
        ls = level_shift(level, shift)
        where = (f"series_id IN ({_ids(sids)}) AND bucket >= {align_down(lo, level, -ls)} "
                 f"AND bucket < {align_down(hi, level, -ls) + level}")
        run_sql(conn, _upper_sql(level, table, shift, where))


def realign_days(conn: Connection, shift: int) -> None:
    """Rebuild ``rollup_1d`` with days starting at the midnight of UTC offset ``shift``
    (seconds east) and record it in ``meta``; the finer levels stay as they are."""
    shift %= DAY
    run_sql(conn, f"UPDATE meta SET value = '{int(shift)}' WHERE key = 'day_shift'")
    run_sql(conn, f"DELETE FROM {ROLLUP_TABLES[DAY].name}")
    run_sql(conn, _upper_sql(DAY, ROLLUP_TABLES[DAY].name, shift, "1 = 1"))


def refresh(conn: Connection, sids, lo: int, hi: int) -> None:
    """Recompute the rollups of series ``sids`` (one id or several) for every bucket holding
    a ts in [lo, hi]."""
    _refresh_hours(conn, sids, lo, hi)
    _refresh_upper(conn, sids, lo, hi)


def refresh_spans(conn: Connection, spans: dict[int, tuple[int, int]]) -> None:
    """Refresh many series at once: series whose changes fall in the same days share one
    statement per level (a collector's batch of 2,000 series is a handful of statements)."""
    groups: dict[tuple[int, int], list[int]] = {}
    for sid, (lo, hi) in spans.items():
        groups.setdefault((align_down(lo, 86400), align_down(hi, 86400)), []).append(sid)
    for sids in groups.values():
        lo = min(spans[s][0] for s in sids)
        hi = max(spans[s][1] for s in sids)
        for k in range(0, len(sids), 500):
            refresh(conn, sids[k:k + 500], lo, hi)


def _hour_rows(sid: int, ts: np.ndarray, values: np.ndarray) -> list[tuple]:
    order = np.argsort(ts, kind="stable")
    ts, values = ts[order], values[order]
    # The same ts twice in one write: the last one is what the table keeps.
    keep = np.append(ts[1:] != ts[:-1], True)
    ts, values = ts[keep], values[keep]
    buckets = ts - ts % 3600
    starts = np.flatnonzero(np.append(True, buckets[1:] != buckets[:-1]))
    ends = np.append(starts[1:], len(ts)) - 1
    return list(zip([int(sid)] * len(starts), buckets[starts].tolist(),
                    np.diff(np.append(starts, len(ts))).tolist(),
                    np.add.reduceat(values, starts).tolist(),
                    np.minimum.reduceat(values, starts).tolist(),
                    np.maximum.reduceat(values, starts).tolist(),
                    ts[ends].tolist(), values[ends].tolist(), strict=True))


def update_from_points(conn: Connection, sid: int, ts, values) -> None:
    """Bring the rollups of ``sid`` up to date after ``ts``/``values`` were written to
    ``samples`` (call it after the write, in the same transaction)."""
    ts = np.asarray(ts, dtype=np.int64)
    values = np.asarray(values, dtype=np.float64)
    if ts.size == 0:
        return
    lo, hi = int(ts.min()), int(ts.max())
    # Hours with a rollup row held data before this write: those are recomputed from the
    # table; every other hour holds exactly the points in hand (the rollups never lag).
    held = {r[0] for r in run_sql(conn, (
        f"SELECT bucket FROM rollup_1h WHERE series_id = {int(sid)} AND bucket >= "
        f"{align_down(lo, 3600)} AND bucket <= {align_down(hi, 3600)}"))}
    rows = _hour_rows(sid, ts, values)
    new = [r for r in rows if r[1] not in held]
    if new:
        param = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        conn.exec_driver_sql(
            "INSERT INTO rollup_1h (series_id, bucket, cnt, total, vmin, vmax, last_ts, "
            f"last_val) VALUES ({', '.join([param] * 8)})", new)
    for bucket in sorted(held):
        _refresh_hours(conn, sid, bucket, bucket)
    _refresh_upper(conn, sid, lo, hi)


def drop_before(conn: Connection, cutoff: int) -> None:
    """Forget rollup buckets up to the one holding ``cutoff`` (retention); the caller then
    refreshes the bucket that holds ``cutoff``."""
    shift = day_shift(conn)
    for level, table in ROLLUP_CHAIN:
        edge = align_down(int(cutoff), level, -level_shift(level, shift)) + level
        run_sql(conn, f"DELETE FROM {table} WHERE bucket < {edge}")
