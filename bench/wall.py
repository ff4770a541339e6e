"""Measure the wall's memory in a real Chromium: JS heap and DOM nodes after the first refresh
cycle and after N (default 200) more cycles of an accelerated refresh.

Usage (from the repository root)::

    .venv/bin/python bench/wall.py [--cycles 200] [--refresh 1] [--rotate 5]
                                   [--data-every SECONDS] [--sample K] [--chromium PATH]

It seeds a temporary SQLite store with the wall's test history and serves the app on
127.0.0.1 with ``web.min_refresh`` and ``wall.refresh`` at ``--refresh`` seconds (production:
30 s, so 1 s runs the wall 30 times faster). A writer thread plays the collectors at the same
speed-up: each source of config.yaml writes new points (the feeds an article) and a successful
run on its own cadence divided by it (probes every 2 s, feeds every 20 s, LAPOR every 30 s at
x30); ``--data-every 1`` makes every source write every second instead, a harsher load where
charts change on every refresh. Chromium shows ``/wall`` at 1920x1080, rotating through the
three screens. Before each measurement it forces garbage collection (CDP
``HeapProfiler.collectGarbage``) and reads CDP ``Performance.getMetrics`` (JSHeapUsedSize,
Nodes, JSEventListeners) three times, keeping the least, and counts the document's elements.
Prints both measurements and the growth; exits 1 when the heap or the DOM grows by 10 % or
more. ``--sample K`` also prints a measurement every K cycles, to tell growth that levels off
(compiled code, caches) from a leak.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path[:0] = [str(ROOT / "tests" / "wall"), str(ROOT / "tests")]  # wall_seed, support

from pantau.dashboard.app import create_app  # noqa: E402
from pantau.data.batch import Article, Batch  # noqa: E402
from pantau.data.store import Store  # noqa: E402
from wall_seed import (  # noqa: E402
    HEADLINES,
    OUTLETS,
    PROBES,
    open_wall,
    runs_ok,
    seed,
    wall_config,
)

LIMIT = 0.10


def measure(page, cdp, samples: int = 3) -> dict:
    """Heap and DOM after forced garbage collection: the least of ``samples`` readings taken
    300 ms apart (a refresh answer being parsed at the moment of one reading is not memory the
    page keeps)."""
    readings = []
    for _ in range(samples):
        cdp.send("HeapProfiler.collectGarbage")
        cdp.send("HeapProfiler.collectGarbage")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        readings.append(metrics)
        page.wait_for_timeout(300)
    return {"heap_mb": min(m["JSHeapUsedSize"] for m in readings) / 2**20,
            "nodes": min(int(m["Nodes"]) for m in readings),
            "elements": page.evaluate("document.getElementsByTagName('*').length"),
            "listeners": min(int(m["JSEventListeners"]) for m in readings)}


PRODUCTION_REFRESH = 30
CADENCE = {"probes": 60, "lapor": 900, "rss": 600, "satudata": 3600}
"""Seconds between runs of the sources of config.yaml, by group."""


def writer(store: Store, stop: threading.Event, speed: float, every_cycle: float | None) -> None:
    """Collectors at work: each source group writes new points (and an article for the feeds)
    and a successful run on its production cadence divided by ``speed``, or every
    ``every_cycle`` seconds for all groups."""
    rng = random.Random(7)
    due = dict.fromkeys(CADENCE, 0.0)
    n = 0
    while not stop.is_set():
        now = time.time()
        ts = int(now)
        for group, every in CADENCE.items():
            if now < due[group]:
                continue
            due[group] = now + (every_cycle or every / speed)
            n += 1
            if group == "probes":
                store.write_points(
                    [("service_up", {"service": p}, [ts], [float(rng.random() > 0.03)])
                     for p in PROBES] +
                    [("service_latency_seconds", {"service": p}, [ts], [rng.uniform(0.2, 1.2)])
                     for p in PROBES])
                runs_ok(store, now, PROBES)
            elif group == "lapor":
                store.write_points([("lapor_complaints_received_count",
                                     {"region": rng.choice(["52.01", "52.71", "52.03"])},
                                     [ts], [float(rng.randint(1, 3))])])
                runs_ok(store, now, ["lapor_ntb"])
            elif group == "rss":
                sid, outlet, channel = OUTLETS[n % len(OUTLETS)]
                title, topics = HEADLINES[n % len(HEADLINES)]
                store.write(Batch(articles=[Article(
                    url=f"https://{sid}.example.id/bench/{n}", title=f"{title} ({n})",
                    outlet=outlet, channel=channel, published_ts=ts, source_id=sid,
                    topics=tuple(topics))]), catalogue=(), now=ts)
                store.write_points([("news_articles_count", {"outlet": outlet}, [ts], [1.0])])
                runs_ok(store, now, [o[0] for o in OUTLETS])
            else:
                store.write_points([("opendata_downloads_count", {"opd": "Bappeda"}, [ts],
                                     [float(rng.randint(20, 140))])])
                runs_ok(store, now, ["satudata_db"])
        stop.wait(0.2)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cycles", type=int, default=200)
    ap.add_argument("--refresh", type=int, default=1, help="seconds between refreshes")
    ap.add_argument("--rotate", type=int, default=5, help="seconds per screen")
    ap.add_argument("--data-every", type=float, default=None, metavar="SECONDS",
                    help="every source writes new data this often (default: its production "
                         "cadence sped up as much as the refresh is)")
    ap.add_argument("--sample", type=int, default=0,
                    help="also measure every SAMPLE cycles (to see a trend)")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    tmp = tempfile.TemporaryDirectory()
    store = Store(f"sqlite:///{tmp.name}/bench.db")
    store.upgrade()
    seed(store)
    cfg = wall_config(web={"min_refresh": f"{args.refresh}s"},
                      wall={"playlist": ["layanan", "pembangunan", "media"],
                            "rotate": f"{args.rotate}s", "refresh": f"{args.refresh}s"})
    app = create_app(cfg, store)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = threading.Event()
    speed = PRODUCTION_REFRESH / args.refresh
    threading.Thread(target=writer, args=(store, stop, speed, args.data_every),
                     daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/wall"

    cycles = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, headless=True,
                                     args=["--no-sandbox", "--disable-gpu",
                                           "--disable-dev-shm-usage", "--enable-precise-memory-info"])
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))

        def on_response(resp):
            if "_dash-update-component" in resp.url and "wall-refresh" in (
                    resp.request.post_data or ""):
                cycles.append((time.monotonic(), resp.status))

        page.on("response", on_response)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        t0 = time.monotonic()
        open_wall(page, url, timeout=60000)
        # baseline: the first refresh cycle answered once the page is fully drawn
        start = len(cycles)
        while len(cycles) <= start:
            page.wait_for_timeout(100)
        first = measure(page, cdp)
        n_first = len(cycles)
        last_report = time.monotonic()
        next_sample = n_first + args.sample if args.sample else None
        while len(cycles) < n_first + args.cycles:
            page.wait_for_timeout(500)
            if next_sample and len(cycles) >= next_sample:
                m = measure(page, cdp)
                print(f"  cycle {len(cycles)}: heap {m['heap_mb']:.2f} MB, "
                      f"{m['nodes']} nodes", flush=True)
                next_sample += args.sample
            elif time.monotonic() - last_report > 30:
                print(f"  ... {len(cycles)} cycles", flush=True)
                last_report = time.monotonic()
        page.wait_for_timeout(1500)
        after = measure(page, cdp)
        n_after = len(cycles)
        elapsed = time.monotonic() - t0
        browser.close()
    stop.set()
    server.shutdown()
    store.dispose()
    tmp.cleanup()

    ok_status = sum(1 for _, s in cycles if s in (200, 204))
    pace = (f"every source writes every {args.data_every:g} s" if args.data_every else
            f"sources write on their production cadence x{speed:g} (probes every "
            f"{CADENCE['probes'] / speed:g} s, feeds {CADENCE['rss'] / speed:g} s, LAPOR "
            f"{CADENCE['lapor'] / speed:g} s)")
    print(f"wall memory, 1920x1080, refresh every {args.refresh} s (x{speed:g} the production "
          f"{PRODUCTION_REFRESH} s), rotate every {args.rotate} s; {pace}")
    print(f"refresh cycles: {n_after} ({ok_status} answered 200/204) in {elapsed:.0f} s; "
          f"measured after cycle {n_first} (page fully drawn) and {n_after - n_first} "
          f"cycles later")
    print(f"{'':14}{'cycle ' + str(n_first):>14}{'cycle ' + str(n_after):>14}{'growth':>10}")
    worst = 0.0
    for key, label in (("heap_mb", "JS heap (MB)"), ("nodes", "DOM nodes"),
                       ("elements", "elements"), ("listeners", "listeners")):
        a, b = first[key], after[key]
        growth = (b - a) / a if a else 0.0
        if key in ("heap_mb", "nodes"):
            worst = max(worst, growth)
        fa = f"{a:.2f}" if isinstance(a, float) else str(a)
        fb = f"{b:.2f}" if isinstance(b, float) else str(b)
        print(f"{label:14}{fa:>14}{fb:>14}{growth * 100:>9.1f}%")
    if errors:
        print("page errors:", *errors, sep="\n  ")
    verdict = "OK" if worst < LIMIT and not errors else "FAIL"
    print(f"{verdict}: largest growth of heap or DOM nodes {worst * 100:.1f}% "
          f"(limit {LIMIT * 100:.0f}%)")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
