"""Pantau as an anonymous client would abuse it: the figures of issue 13's "Must show".

    .venv/bin/python bench/abuse.py [--requests 1000] [--keep DIR]

Writes a year of one-minute samples for two series (1.05 M samples) into a SQLite store,
starts the real web server (`pantau serve`: gunicorn, 2 workers, default limits) on a free
port, and measures over HTTP:

1. 1,000 distinct heavy /api/v1/series requests (six days at 1 minute, ``max_points=10000``,
   the window shifted by a second each, 4 clients at once): RSS of the web workers before,
   after, and its growth (Linux /proc; the sum over gunicorn's workers);
2. the XLSX of a year of minute data for one series (raw, no step): status and time to the
   answer, and the limit named;
3. /healthz p50/p95 while 8 clients ask heavy exports (XLSX and CSV) without pause, and how
   many exports were made (200) or refused (429);
4. /healthz while 50 connections that never finish their headers are held for 30 s.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
NOW = int(time.time()) // 60 * 60
YEAR = 365 * 86400
REGIONS = ("52.01", "52.71")


def fill(db: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from pantau.data.store import Store

    store = Store(f"sqlite:///{db}", retention_days=730, day_shift=8 * 3600)
    store.upgrade()
    ts = np.arange(NOW - YEAR, NOW, 60, dtype="int64")
    rng = np.random.default_rng(13)
    t0 = time.perf_counter()
    for region in REGIONS:
        wave = 100 + 20 * np.sin(ts / 86400 * 2 * np.pi) + rng.normal(0, 5, len(ts))
        store.write_points([("bench_value", {"region": region}, ts.tolist(),
                             np.round(wave, 3).tolist())])
    store.dispose()
    print(f"wrote {len(REGIONS)} series x {YEAR // 60:,} minutes in "
          f"{time.perf_counter() - t0:.1f} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def descendants(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        out += kids
        todo += kids
    return out


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def web_workers(serve_pid: int) -> list[int]:
    """gunicorn's workers: the leaves under `pantau serve` (the master has children)."""
    procs = descendants(serve_pid)
    return [p for p in procs if not descendants(p)]


def pct(values, p) -> float:
    return float(np.percentile(values, p)) if values else float("nan")


def probe_healthz(base: str, stop: threading.Event, out: list[float], fails: list[int]):
    with httpx.Client(timeout=10) as client:
        while not stop.is_set():
            t0 = time.perf_counter()
            try:
                ok = client.get(f"{base}/healthz").status_code == 200
            except httpx.HTTPError:
                ok = False
            out.append(time.perf_counter() - t0)
            if not ok:
                fails.append(1)
            stop.wait(0.2)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--hold", type=int, default=30, help="seconds to hold half-open sockets")
    ap.add_argument("--keep", help="reuse/keep the database in this folder")
    ap.add_argument("--parts", default="1234", help="which measurements to run (default all)")
    ap.add_argument("--cache-ttl", type=int, default=10,
                    help="web.cache_ttl in seconds (default 10, Pantau's default; 3600 keeps "
                         "every answer until the byte bound pushes it out: the worst case)")
    args = ap.parse_args(argv)

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pantau-abuse-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "abuse.db"
    if not db.exists():
        fill(db)
    cfg = folder / "config.yaml"
    cfg.write_text(f"""
site: {{name: Abuse, timezone: Asia/Makassar, region: "52"}}
store: {{url: "sqlite:///{db}", retention_days: 730}}
web: {{workers: 2, access_log: false, cache_ttl: {args.cache_ttl}}}
metrics:
  - {{name: bench_value, title: Bench, unit: count, agg: avg}}
""")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    serve = subprocess.Popen([sys.executable, "-m", "pantau", "serve", "-c", str(cfg), "--port",
                              str(port)], cwd=folder, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or serve.poll() is not None:
                print("the server did not start")
                return 1
            time.sleep(0.5)
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
        if "1" in args.parts:
            heavy_series(base, serve.pid, args.requests, args.cache_ttl)
        if "2" in args.parts:
            xlsx_year(base)
        if "3" in args.parts:
            exports_vs_healthz(base)
        if "4" in args.parts:
            half_open(base, port, args.hold)
        print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    finally:
        serve.terminate()
        try:
            serve.wait(30)
        except subprocess.TimeoutExpired:
            serve.kill()
    return 0


def heavy_series(base: str, serve_pid: int, n: int, ttl: int) -> None:
    def rss() -> float:
        return sum(rss_mb(p) for p in web_workers(serve_pid))

    with httpx.Client(timeout=60) as warm:  # every worker imports and answers once first
        for _ in range(8):
            warm.get(f"{base}/api/v1/series?metric=bench_value&from=now-6d&step=1m"
                     "&max_points=10000")
    before = rss()
    sizes, statuses, times, marks = [], [], [], []
    lock = threading.Lock()
    todo = iter(range(n))

    def client():
        with httpx.Client(timeout=120) as c:
            while True:
                with lock:
                    i = next(todo, None)
                if i is None:
                    return
                end = NOW - i
                t0 = time.perf_counter()
                r = c.get(f"{base}/api/v1/series?metric=bench_value&from={end - 6 * 86400}"
                          f"&to={end}&step=1m&max_points=10000")
                with lock:
                    times.append(time.perf_counter() - t0)
                    statuses.append(r.status_code)
                    sizes.append(len(r.content))
                    if len(statuses) % (n // 4 or 1) == 0:
                        marks.append(f"{len(statuses)}: {rss() - before:+.0f} MB")

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - t0
    after = rss()
    ok = statuses.count(200)
    print(f"1. {n:,} distinct heavy /api/v1/series (6 days at 1 min x {len(REGIONS)} series, "
          f"max_points=10000, window shifted 1 s each; 4 clients): {ok} x 200 in {took:.0f} s, "
          f"answers {statistics.mean(sizes) / 1024:.0f} KB, p50 {pct(times, 50) * 1000:.0f} ms")
    print(f"   web workers' RSS: {before:.0f} MB before, {after:.0f} MB after: "
          f"growth {after - before:+.0f} MB (query cache: 64 MB per worker, ttl {ttl} s)")
    print(f"   growth after each quarter: {', '.join(marks)}")


def xlsx_year(base: str) -> None:
    t0 = time.perf_counter()
    r = httpx.get(f"{base}/api/v1/export.xlsx?metric=bench_value&from=now-365d&region=52.01",
                  timeout=600)
    took = time.perf_counter() - t0
    body = r.json() if r.headers.get("content-type") == "application/json" else {}
    print(f"\n2. XLSX of a year of minute data, one series, raw: HTTP {r.status_code} in "
          f"{took * 1000:.0f} ms: {body.get('error', f'{len(r.content)} bytes')}")


def exports_vs_healthz(base: str, clients: int = 8, seconds: int = 20) -> None:
    urls = [f"{base}/api/v1/export.xlsx?metric=bench_value&from=now-365d&step=1h",
            f"{base}/api/v1/series?metric=bench_value&from=now-6d&step=1m&format=csv"]
    stop = threading.Event()
    counts: dict[int, int] = {}
    lock = threading.Lock()

    def exporter(k: int):
        with httpx.Client(timeout=120) as c:
            i = k
            while not stop.is_set():
                try:
                    code = c.get(urls[i % len(urls)]).status_code
                except httpx.HTTPError:
                    code = 0
                with lock:
                    counts[code] = counts.get(code, 0) + 1
                i += 1

    lat: list[float] = []
    fails: list[int] = []
    threads = [threading.Thread(target=exporter, args=(k,)) for k in range(clients)]
    threads.append(threading.Thread(target=probe_healthz, args=(base, stop, lat, fails)))
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    print(f"\n3. {clients} clients asking heavy exports (XLSX of a year at 1 h, CSV of 6 days "
          f"at 1 min) for {seconds} s: answers {dict(sorted(counts.items()))}")
    print(f"   /healthz meanwhile: {len(lat)} probes, {len(fails)} failed, "
          f"p50 {pct(lat, 50) * 1000:.0f} ms, p95 {pct(lat, 95) * 1000:.0f} ms, "
          f"max {max(lat) * 1000:.0f} ms")


def half_open(base: str, port: int, hold: int, n: int = 50) -> None:
    def connect():
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: pantau\r\nX-Never-Ends: ")
        s.setblocking(False)
        return s

    def dropped(s):
        try:
            return s.recv(64) == b""
        except BlockingIOError:
            return False
        except OSError:
            return True

    socks = [connect() for _ in range(n)]
    lat: list[float] = []
    fails: list[int] = []
    stop = threading.Event()
    probe = threading.Thread(target=probe_healthz, args=(base, stop, lat, fails))
    probe.start()
    reopened = 0
    until = time.monotonic() + hold
    while time.monotonic() < until:
        for i, s in enumerate(socks):
            if dropped(s):
                s.close()
                socks[i] = connect()
                reopened += 1
        time.sleep(0.2)
    stop.set()
    probe.join()
    for s in socks:
        s.close()
    print(f"\n4. {n} half-open connections held {hold} s ({reopened} reopened after the server "
          f"dropped them): /healthz {len(lat)} probes, {len(fails)} failed, "
          f"p50 {pct(lat, 50) * 1000:.0f} ms, p95 {pct(lat, 95) * 1000:.0f} ms, "
          f"max {max(lat) * 1000:.0f} ms")


if __name__ == "__main__":
    sys.exit(main())
