"""Store benchmark: ingest and bucketed-query speed against plain baselines, in one run.

    python bench/store.py [--days 365] [--series 10] [--pg URL]

On the same generated data (default 1 year of minute data for 10 series = 5.26 M samples):
(a) ingest rows/s through Pantau's import path (``pantau import``'s ``import_csv`` on a CSV
    file, and the bulk API ``Store.write_points``) vs raw ``sqlite3.executemany`` into the same
    table, and the ratios;
(b) time to answer the whole year in ~1000 buckets through ``data.queries.series`` vs
    ``pandas.read_sql`` + ``resample``, and the ratio;
(c) the same on PostgreSQL when one answers at ``--pg`` (default the local test server).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pantau.data import queries  # noqa: E402
from pantau.data.importer import import_csv  # noqa: E402
from pantau.data.store import Store  # noqa: E402

STEP = 8 * 3600  # a year in 1095 buckets, the "~1000" a chart asks for
AGG = "avg"


def generate(days: int, n_series: int, end: int):
    """Minute data: a daily rhythm plus noise, per series."""
    n = days * 1440
    ts = np.arange(end - n * 60, end, 60, dtype=np.int64)
    rng = np.random.default_rng(42)
    out = []
    for i in range(n_series):
        day = np.sin((ts % 86400) / 86400 * 2 * np.pi)
        vals = np.round(100 + 30 * day + rng.normal(0, 5, n) + i, 3)
        out.append((f"52.{i + 1:02d}", ts, vals))
    return out


def write_csv(path: Path, data) -> None:
    frames = [pd.DataFrame({"metric": "bench_metric", "ts": ts, "value": vals, "region": region})
              for region, ts, vals in data]
    pd.concat(frames).to_csv(path, index=False)


def raw_sqlite(path: Path, data) -> float:
    """Seconds for plain sqlite3.executemany of all rows into the same schema."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("CREATE TABLE samples (series_id INTEGER, ts BIGINT, value FLOAT, "
                "PRIMARY KEY (series_id, ts)) WITHOUT ROWID")
    rows = [(i + 1, int(t), float(v)) for i, (_, ts, vals) in enumerate(data)
            for t, v in zip(ts.tolist(), vals.tolist(), strict=True)]
    t0 = time.perf_counter()
    for k in range(0, len(rows), 250_000):
        con.executemany("INSERT INTO samples VALUES (?, ?, ?)", rows[k:k + 250_000])
        con.commit()
    took = time.perf_counter() - t0
    con.close()
    return took


def timed(fn, repeat: int = 7) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def query_bench(store: Store, start: int, end: int, label: str) -> None:
    q_time, df = timed(lambda: queries.series(store, "bench_metric", start, end, STEP, AGG))
    n_buckets = df.groupby("series_id").size().max()

    def pandas_path():
        raw = pd.read_sql("SELECT series_id, ts, value FROM samples", store.reader)
        raw["ts"] = pd.to_datetime(raw["ts"], unit="s")
        return raw.set_index("ts").groupby("series_id")["value"].resample(f"{STEP}s").mean()

    p_time, p = timed(pandas_path, repeat=2)
    same = np.allclose(np.sort(df["value"].to_numpy()), np.sort(p.dropna().to_numpy()))
    print(f"[{label}] query 1 year x {df['series_id'].nunique()} series in {n_buckets} buckets "
          f"(step {STEP // 3600}h, {AGG}) from {df.attrs['source']}: {q_time * 1000:.1f} ms")
    print(f"[{label}] pandas.read_sql + resample: {p_time * 1000:.0f} ms  "
          f"-> Pantau is {p_time / q_time:.0f}x faster; same numbers: {same}")
    # Other steps: with a rollup level of their own, and one that groups finer rows.
    for name, step in (("12h (automatic step of a year)", 43200), ("1d", 86400),
                       ("6h", 21600), ("3h (grouped from hourly rows)", 10800)):
        t, d = timed(lambda step=step: queries.series(store, "bench_metric", start, end, step,
                                                      AGG))
        print(f"[{label}]   year at {name}: {t * 1000:.1f} ms, {len(d):,} points "
              f"from {d.attrs['source']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--series", type=int, default=10)
    ap.add_argument("--pg", default=os.environ.get(
        "PANTAU_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    args = ap.parse_args()
    end = int(time.time()) // 3600 * 3600
    data = generate(args.days, args.series, end)
    n = sum(len(ts) for _, ts, _ in data)
    names = {"bench_metric"}
    print(f"data: {args.series} series x {args.days} days of minute data = {n:,} samples")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        csv_path = tmp / "history.csv"
        write_csv(csv_path, data)
        raw_s = raw_sqlite(tmp / "raw.db", data)
        print(f"[sqlite] raw sqlite3.executemany: {n / raw_s:,.0f} rows/s ({raw_s:.1f} s)")

        store = Store(f"sqlite:///{tmp / 'pantau.db'}", retention_days=3650)
        store.upgrade()
        t0 = time.perf_counter()
        report = import_csv(store, csv_path, names, now=end)
        imp_s = time.perf_counter() - t0
        assert report.written == n and report.rejected == 0, report.problems[:3]
        print(f"[sqlite] pantau import (CSV parse + checks + write + rollups): "
              f"{n / imp_s:,.0f} rows/s ({imp_s:.1f} s) -> {raw_s / imp_s:.2f}x raw")

        store2 = Store(f"sqlite:///{tmp / 'bulk.db'}", retention_days=3650)
        store2.upgrade()
        groups = [("bench_metric", {"region": r}, ts.tolist(), v.tolist()) for r, ts, v in data]
        t0 = time.perf_counter()
        for k in range(0, len(groups)):
            store2.write_points([groups[k]])
        bulk_s = time.perf_counter() - t0
        print(f"[sqlite] Store.write_points (write + rollups): {n / bulk_s:,.0f} rows/s "
              f"({bulk_s:.1f} s) -> {raw_s / bulk_s:.2f}x raw")
        store2.dispose()
        query_bench(store, end - args.days * 86400, end, "sqlite")
        store.dispose()

        try:
            pg = _pg_store(args.pg)
        except Exception as exc:  # no server: say so, the SQLite figures stand
            print(f"[postgresql] skipped: {type(exc).__name__}: {str(exc).splitlines()[0]}")
            return 0
        try:
            pg.upgrade()
            t0 = time.perf_counter()
            report = import_csv(pg, csv_path, names, now=end)
            pg_s = time.perf_counter() - t0
            print(f"[postgresql] pantau import (COPY + upsert + rollups): {n / pg_s:,.0f} rows/s "
                  f"({pg_s:.1f} s) -> {raw_s / pg_s:.2f}x raw sqlite3")
            query_bench(pg, end - args.days * 86400, end, "postgresql")
        finally:
            pg.dispose()
            _pg_drop(args.pg)
    return 0


_SCHEMA = "bench_store"


def _pg_store(base: str) -> Store:
    import sqlalchemy as sa

    eng = sa.create_engine(base, connect_args={"connect_timeout": 3})
    with eng.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {_SCHEMA} CASCADE")
        conn.exec_driver_sql(f"CREATE SCHEMA {_SCHEMA}")
    eng.dispose()
    sep = "&" if "?" in base else "?"
    return Store(f"{base}{sep}options=-csearch_path%3D{_SCHEMA}", retention_days=3650)


def _pg_drop(base: str) -> None:
    import sqlalchemy as sa

    eng = sa.create_engine(base)
    with eng.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {_SCHEMA} CASCADE")
    eng.dispose()


if __name__ == "__main__":
    sys.exit(main())
