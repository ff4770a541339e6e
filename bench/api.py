"""Latency and size of /api/v1/series over a year of minute data (issue 6's target).

    .venv/bin/python bench/api.py [--repeat 30] [--keep DIR]

Writes 1 year of one-minute samples for 10 series (5.26 M samples) into a temporary SQLite
store through the store's bulk path (``Store.write_points``, which also fills the hourly and
daily rollups), then asks ``/api/v1/series`` through the Flask test client at several steps,
the query cache off (every request reaches the database), and prints p50/p95 latency and the
response size raw and gzipped. Target: p95 <= 50 ms and payload <= 100 KB.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NOW = 1_790_000_000 - 1_790_000_000 % 60
YEAR = 365 * 86400
SERIES = 10
QUERIES = [
    ("1 year, automatic step", "from=now-365d"),
    ("1 year, step 1d", "from=now-365d&step=1d"),
    ("1 year, step 6h", "from=now-365d&step=6h"),
    ("1 year, step 1h", "from=now-365d&step=1h"),
    ("1 year, step 1h, one region", "from=now-365d&step=1h&region=52.01"),
    ("1 day, step 5m", "from=now-1d&step=5m"),
    ("1 day, step 1m", "from=now-1d&step=1m"),
    ("30 days, step 1h, agg max", "from=now-30d&step=1h&agg=max"),
]
# The shape-keeping path (/explore's lines, chart files): the asked step is read whole and
# each line reduced by LTTB. Printed apart: the target is for the API's default answers.
LTTB_QUERIES = [
    ("1 year, step 1h, max_points=1200", "from=now-365d&step=1h&max_points=1200"),
    ("30 days, step 5m, max_points=1200", "from=now-30d&step=5m&max_points=1200"),
]


def config():
    from pantau.data.config import parse_config

    return parse_config({
        "site": {"name": "Bench", "timezone": "Asia/Makassar"},
        "store": {"retention_days": 730},
        "web": {"cache_ttl": "10s"},
        "metrics": [{"name": "bench_value", "title": "Bench", "unit": "count", "agg": "avg"}],
    }, kinds={}, env={})


def fill(store) -> float:
    """Write the year; return seconds taken."""
    ts = np.arange(NOW - YEAR, NOW, 60, dtype="int64")
    rng = np.random.default_rng(6)
    t0 = time.perf_counter()
    for i in range(SERIES):
        wave = 100 + 20 * np.sin(ts / 86400 * 2 * np.pi) + rng.normal(0, 5, len(ts))
        store.write_points([("bench_value", {"region": f"52.{i + 1:02d}"}, ts.tolist(),
                             np.round(wave, 3).tolist())])
    return time.perf_counter() - t0


def pct(values: list[float], p: float) -> float:
    return float(np.percentile(values, p))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--keep", help="reuse/keep the database in this folder")
    args = ap.parse_args(argv)

    from pantau.dashboard.app import create_app
    from pantau.dashboard.cache import Cache
    from pantau.data.store import Store

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pantau-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "bench.db"
    fresh = not db.exists()
    # as `pantau` opens it: daily rollups start at the site's local midnight (WITA)
    store = Store(f"sqlite:///{db}", retention_days=730, clock=lambda: NOW, day_shift=8 * 3600)
    store.upgrade()
    if fresh:
        took = fill(store)
        print(f"wrote {SERIES} series x {YEAR // 60} minutes = {SERIES * YEAR // 60:,} samples "
              f"in {took:.1f} s ({SERIES * YEAR // 60 / took:,.0f} samples/s)")
    cfg = config()
    # ttl 0: every request is computed (the cache would answer repeats in microseconds)
    app = create_app(cfg, store, clock=lambda: NOW, cache=Cache())
    app.ctx.config = cfg.model_copy(update={"web": cfg.web.model_copy(update={"cache_ttl": 0})})
    client = app.server.test_client()
    import gc

    gc.freeze()  # as pantau.wsgi does once the app is built
    print(f"\n/api/v1/series?metric=bench_value&... on SQLite, {args.repeat} requests each, "
          f"cache off\n")
    import os

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; wall time is "
          f"what a client waits, CPU time what this process spent\n")
    print(f"{'query':34} {'points':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
          f"{'CPU p50':>7} {'CPU p95':>7} {'JSON KB':>8} {'gzip KB':>8}")
    ok = True
    for name, qs in QUERIES + LTTB_QUERIES:
        if (name, qs) == LTTB_QUERIES[0]:
            print("LTTB path (asked step kept, lines reduced; not part of the target):")
        url = "/api/v1/series?metric=bench_value&" + qs
        first = client.get(url)
        assert first.status_code == 200, first.get_json()
        times, cpu = [], []
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            resp = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            assert resp.status_code == 200
        body = resp.get_json()
        points = sum(len(s["points"]) for s in body["series"])
        raw = len(resp.data)
        gz = len(client.get(url, headers={"Accept-Encoding": "gzip"}).data)
        p95 = pct(times, 95)
        if (name, qs) in QUERIES:
            ok &= p95 <= 50 and gz <= 100 * 1024
        print(f"{name:34} {points:7d} {statistics.median(times):7.1f} {p95:7.1f} "
              f"{max(times):7.1f} {statistics.median(cpu):7.1f} {pct(cpu, 95):7.1f} "
              f"{raw / 1024:8.1f} {gz / 1024:8.1f}")
    print("\ntarget p95 <= 50 ms and gzipped payload <= 100 KB:", "met" if ok else "NOT met "
          "for every row")
    if not args.keep:
        store.dispose()
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
