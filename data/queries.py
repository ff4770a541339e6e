"""Named questions pages and the API ask of the store. The only reader of the database.

Every function takes the ``Store`` and returns a pandas DataFrame (or a plain value).
Aggregation over time happens in the database, on integer timestamps, from the hourly or daily
rollups when the step allows it (``data.buckets.rollup_level``), from raw samples otherwise.

Every question that chooses series takes ``scope``: the Kemendagri code of the region the
asker is limited to (``current().region`` on the web; None: the whole site). Series are
chosen in one place, ``series_labels``, which keeps only those in scope
(``data.access.labels_in_scope``: the region, the places inside it, and province-wide
series), so no other kabupaten's series leaves this module for a scoped asker.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence

import numpy as np
import pandas as pd
from pantau.data.access import labels_in_scope
from pantau.data.buckets import align_down, align_up, rollup_level
from pantau.data.engine import fetch_rows
from pantau.data.rollups import floor_sql
from pantau.data.schema import ROLLUP_CHAIN, level_shift
from pantau.data.store import Store
from sqlalchemy import text

AGGS = ("sum", "avg", "last", "min", "max")
_RAW = {"sum": "SUM(value)", "avg": "AVG(value)", "min": "MIN(value)", "max": "MAX(value)"}
_ROLL = {"sum": "SUM(total)", "avg": "SUM(total) / SUM(cnt)", "min": "MIN(vmin)",
         "max": "MAX(vmax)"}
_EXACT = {"sum": "total", "avg": "total / cnt", "min": "vmin", "max": "vmax", "last": "last_val"}

Filters = Mapping[str, str | Sequence[str]]


def _matches(labels: dict, filters: Filters | None) -> bool:
    for name, want in (filters or {}).items():
        have = labels.get(name)
        if isinstance(want, str | int | float):
            if have != str(want):
                return False
        elif have not in {str(w) for w in want}:
            return False
    return True


def series_labels(store: Store, metric: str, filters: Filters | None = None,
                  scope: str | None = None) -> dict[int, dict]:
    """``{series_id: labels}`` of the series of ``metric`` that match every label filter and
    are in ``scope`` (``data.access.labels_in_scope``; None: every series)."""
    with store.reader.connect() as conn:
        rows = conn.execute(text("SELECT id, labels FROM series WHERE metric = :m ORDER BY id"),
                            {"m": metric}).fetchall()
    out = {}
    for sid, raw in rows:
        labels = json.loads(raw)
        if _matches(labels, filters) and labels_in_scope(labels, scope):
            out[sid] = labels
    return out


def label_values(store: Store, metric: str, scope: str | None = None) -> dict[str, list[str]]:
    """Every label name of ``metric`` with its sorted values: ``{"region": ["52.01", ...]}``;
    with ``scope``, of the series in scope only (a scoped asker learns no other region)."""
    out: dict[str, set[str]] = {}
    for labels in series_labels(store, metric, scope=scope).values():
        for k, v in labels.items():
            out.setdefault(k, set()).add(v)
    return {k: sorted(v) for k, v in sorted(out.items())}


def _frame(rows, labels: dict[int, dict]) -> pd.DataFrame:
    # Column arrays built once from the driver's tuples: pandas' row-wise constructor and
    # SQLAlchemy Row objects each cost more than the query for ten thousand rows.
    cols = list(zip(*rows, strict=True)) if rows else [(), (), ()]
    df = pd.DataFrame({
        "series_id": np.array(cols[0], dtype="int64"),
        "ts": np.array(cols[1], dtype="int64"),
        "value": np.array(cols[2], dtype="float64"),
    })
    names = sorted({k for lab in labels.values() for k in lab})
    for name in names:
        df[name] = df["series_id"].map({sid: lab.get(name) for sid, lab in labels.items()})
    df.attrs["labels"] = labels
    df.attrs["label_names"] = names
    return df


def series(store: Store, metric: str, start: int, end: int, step: int, agg: str,
           filters: Filters | None = None, origin: int = 0,
           labels: dict[int, dict] | None = None, scope: str | None = None) -> pd.DataFrame:
    """Points of every matching series of ``metric`` in buckets of ``step`` seconds.

    Buckets start at ``origin + k*step``; ``start`` is aligned down and ``end`` up to them.
    Returns columns ``series_id, ts, value`` plus one column per label name, sorted by series
    and time; ``ts`` is the bucket start (UTC epoch seconds). ``attrs`` holds ``labels``
    (series_id -> labels), ``step``, ``start``, ``end``, ``agg`` and ``source`` (which table
    answered). ``labels``: the ``series_labels`` of ``metric`` and ``filters`` when the caller
    already holds them (those out of ``scope`` are dropped all the same).
    """
    if agg not in AGGS:
        raise ValueError(f"agg must be one of {', '.join(AGGS)}")
    step, origin = int(step), int(origin) % int(step)
    lo, hi = align_down(int(start), step, origin), align_up(int(end), step, origin)
    if hi <= lo:
        hi = lo + step
    if labels is None:
        labels = series_labels(store, metric, filters, scope)
    elif scope is not None:
        labels = {sid: lab for sid, lab in labels.items() if labels_in_scope(lab, scope)}
    shift = store.day_shift
    level = rollup_level(step, origin, shift)
    table = dict(ROLLUP_CHAIN).get(level, "samples")
    rows: list = []
    if labels:
        ids = ",".join(str(int(s)) for s in labels)
        col = "bucket" if level else "ts"
        bexpr = f"({col} - (({col} - {origin}) % {step}))"
        where = f"series_id IN ({ids}) AND {col} >= {lo} AND {col} < {hi}"
        if level == step:
            # One rollup row per bucket: read it as it stands, in primary-key order.
            sql = (f"SELECT series_id, bucket, {_EXACT[agg]} FROM {table} WHERE {where} "
                   f"ORDER BY series_id, bucket")
        elif agg == "last":
            last_ts = "MAX(last_ts)" if level else "MAX(ts)"
            value, join = ("r.last_val", "r.bucket = " + floor_sql(
                "a.lt", level, level_shift(level, shift))) if level else ("r.value", "r.ts = a.lt")
            sql = (f"SELECT a.series_id, a.b, {value} FROM (SELECT series_id, {bexpr} AS b, "
                   f"{last_ts} AS lt FROM {table} WHERE {where} GROUP BY series_id, {bexpr}) a "
                   f"JOIN {table} r ON r.series_id = a.series_id AND {join} "
                   f"ORDER BY a.series_id, a.b")
        else:
            expr = (_ROLL if level else _RAW)[agg]
            sql = (f"SELECT series_id, {bexpr} AS b, {expr} FROM {table} WHERE {where} "
                   f"GROUP BY series_id, {bexpr} ORDER BY series_id, b")
        with store.reader.connect() as conn:
            rows = fetch_rows(conn, sql)
    df = _frame(rows, labels)
    df.attrs.update(step=step, start=lo, end=hi, agg=agg, origin=origin, source=table,
                    metric=metric)
    return df


def latest(store: Store, metric: str, filters: Filters | None = None,
           scope: str | None = None) -> pd.DataFrame:
    """The newest point of every matching series in ``scope``: columns ``series_id, ts,
    value`` + labels."""
    labels = series_labels(store, metric, filters, scope)
    rows: list = []
    if labels:
        ids = ",".join(str(int(s)) for s in labels)
        sql = (f"SELECT s.id, x.ts, x.value FROM series s JOIN samples x ON x.series_id = s.id "
               f"AND x.ts = (SELECT MAX(ts) FROM samples WHERE series_id = s.id) "
               f"WHERE s.id IN ({ids}) ORDER BY s.id")
        with store.reader.connect() as conn:
            rows = fetch_rows(conn, sql)
    return _frame(rows, labels)


def totals(store: Store, metric: str, start: int, end: int, agg: str,
           filters: Filters | None = None, scope: str | None = None) -> pd.DataFrame:
    """One value per matching series in ``scope`` over [start, end) by ``agg``: columns as
    ``series``.

    Hours whole inside the range are read from the hourly rollup when ``start`` and ``end``
    fall on the hour, from raw samples otherwise.
    """
    span = max(1, int(end) - int(start))
    return series(store, metric, start, int(start) + span, span, agg, filters,
                  origin=int(start) % span, scope=scope)


def metric_names(store: Store) -> list[str]:
    """Names of the metrics that have at least one series."""
    with store.reader.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT DISTINCT metric FROM series "
                                                "ORDER BY metric"))]


def _points_sql(labels: dict[int, dict], start: int, end: int) -> str:
    ids = ",".join(str(int(s)) for s in labels)
    return (f"SELECT series_id, ts, value FROM samples WHERE series_id IN ({ids}) "
            f"AND ts >= {int(start)} AND ts < {int(end)} ORDER BY series_id, ts")


def points(store: Store, metric: str, start: int, end: int,
           filters: Filters | None = None, scope: str | None = None) -> pd.DataFrame:
    """Raw samples of the matching series in ``scope`` in [start, end): for exports of stored
    values."""
    labels = series_labels(store, metric, filters, scope)
    rows: list = []
    if labels:
        with store.reader.connect() as conn:
            rows = fetch_rows(conn, _points_sql(labels, start, end))
    df = _frame(rows, labels)
    df.attrs.update(metric=metric, start=int(start), end=int(end), step=None, agg=None,
                    source="samples")
    return df


def count_points(store: Store, metric: str, start: int, end: int,
                 filters: Filters | None = None, scope: str | None = None) -> int:
    """How many raw samples ``points`` would return: to refuse an export before reading it."""
    labels = series_labels(store, metric, filters, scope)
    if not labels:
        return 0
    ids = ",".join(str(int(s)) for s in labels)
    with store.reader.connect() as conn:
        rows = fetch_rows(conn, f"SELECT COUNT(*) FROM samples WHERE series_id IN ({ids}) "
                                f"AND ts >= {int(start)} AND ts < {int(end)}")
    return int(rows[0][0])


def points_chunks(store: Store, metric: str, start: int, end: int,
                  filters: Filters | None = None, rows: int = 20_000,
                  scope: str | None = None) -> Iterator[pd.DataFrame]:
    """``points`` as frames of at most ``rows`` rows in the same order, read through one
    cursor (server-side on PostgreSQL, whose ordinary cursor holds the whole result): an
    export of any length in constant memory."""
    labels = series_labels(store, metric, filters, scope)
    if not labels:
        return
    with store.reader.connect() as conn:
        dbapi = conn.connection.driver_connection
        cur = dbapi.cursor(name="pantau_points") if conn.dialect.name == "postgresql" \
            else dbapi.cursor()
        try:
            cur.execute(_points_sql(labels, start, end))
            while batch := cur.fetchmany(rows):
                df = _frame(batch, labels)
                df.attrs.update(metric=metric, start=int(start), end=int(end), step=None,
                                agg=None, source="samples")
                yield df
        finally:
            cur.close()
