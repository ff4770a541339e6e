"""Measure the wall's memory in a real Chromium: JS heap and DOM nodes after the first refresh
cycle and after N (default 200) more cycles of an accelerated refresh, with data changing
every cycle.

Usage (from the repository root)::

    .venv/bin/python bench/wall.py [--cycles 200] [--refresh 1] [--rotate 5] [--chromium PATH]

It seeds a temporary SQLite store with the wall's test history, serves the app on 127.0.0.1,
and, while a writer thread adds a point and a successful run every second (so every refresh
brings new content to draw), drives ``/wall`` at 1920x1080 with ``web.min_refresh`` and
``wall.refresh`` at ``--refresh`` seconds (production: 30 s). Before each measurement it forces
a garbage collection (CDP ``HeapProfiler.collectGarbage``), then reads CDP
``Performance.getMetrics`` (JSHeapUsedSize, Nodes, JSEventListeners) and counts the elements
of the document. Prints both measurements and the growth; exits 1 when the heap or the DOM
grows by 10 % or more.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "wall"))

from wall_seed import open_wall, runs_ok, seed, wall_config  # noqa: E402

from dashboard.app import create_app  # noqa: E402
from data.store import Store  # noqa: E402

LIMIT = 0.10


def measure(page, cdp) -> dict:
    cdp.send("HeapProfiler.collectGarbage")
    page.wait_for_timeout(300)
    cdp.send("HeapProfiler.collectGarbage")
    page.wait_for_timeout(100)
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return {"heap_mb": metrics["JSHeapUsedSize"] / 2**20,
            "nodes": int(metrics["Nodes"]),
            "elements": page.evaluate("document.getElementsByTagName('*').length"),
            "listeners": int(metrics["JSEventListeners"])}


def writer(store: Store, stop: threading.Event) -> None:
    """New data every second: a service probe point, a complaint, successful runs."""
    while not stop.is_set():
        now = int(time.time())
        store.write_points([
            ("service_up", {"service": "ppid_ntb"}, [now], [float(now % 7 != 0)]),
            ("lapor_complaints_received_count", {"region": "52.71"}, [now], [1.0])])
        runs_ok(store, now)
        stop.wait(1.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cycles", type=int, default=200)
    ap.add_argument("--refresh", type=int, default=1, help="seconds between refreshes")
    ap.add_argument("--rotate", type=int, default=5, help="seconds per screen")
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
    threading.Thread(target=writer, args=(store, stop), daemon=True).start()
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
    print(f"wall memory, 1920x1080, refresh every {args.refresh} s, rotate every {args.rotate} s,"
          f" new data every second")
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
