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
import importlib.util
import json
import logging
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
    fail_source,
    open_wall,
    runs_ok,
    seed,
    wall_config,
)

LIMIT = 0.05


def wait_outside_the_page() -> None:
    """Playwright's ``wait_for_function`` polls through ``new Function`` inside the page, which
    the app's Content-Security-Policy refuses; ask from outside the page instead, as the tests
    do (``tests/conftest.py``)."""
    from playwright.sync_api import Page

    spec = importlib.util.spec_from_file_location("pantau_tests_conftest",
                                                  ROOT / "tests" / "conftest.py")
    conftest = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conftest)
    Page.wait_for_function = conftest._wait_for_function_outside


def heap_classes(cdp, save: Path | None = None) -> dict[str, tuple[int, int]]:
    """A heap snapshot (CDP ``HeapProfiler.takeHeapSnapshot``) summed by what its nodes are:
    ``{"object Foo" | "closure f" | "string" | ...: (count, self bytes)}``; the snapshot itself
    is written to ``save`` (open it in Chromium's DevTools, Memory tab) when given."""
    chunks: list[str] = []
    handler = lambda ev: chunks.append(ev["chunk"])  # noqa: E731
    cdp.on("HeapProfiler.addHeapSnapshotChunk", handler)
    cdp.send("HeapProfiler.takeHeapSnapshot", {"reportProgress": False})
    cdp.remove_listener("HeapProfiler.addHeapSnapshotChunk", handler)
    raw = "".join(chunks)
    if save is not None:
        save.write_text(raw)
    snap = json.loads(raw)
    meta = snap["snapshot"]["meta"]
    fields = meta["node_fields"]
    width = len(fields)
    kinds = meta["node_types"][0]
    i_type, i_name, i_size = (fields.index(f) for f in ("type", "name", "self_size"))
    nodes, strings = snap["nodes"], snap["strings"]
    out: dict[str, list[int]] = {}
    for k in range(0, len(nodes), width):
        kind = kinds[nodes[k + i_type]]
        if kind in ("object", "closure", "native"):
            key = f"{kind} {strings[nodes[k + i_name]][:60]}"
        else:
            key = kind
        row = out.setdefault(key, [0, 0])
        row[0] += 1
        row[1] += nodes[k + i_size]
    return {k: (v[0], v[1]) for k, v in out.items()}


def print_diff(a: dict, b: dict, top: int = 15) -> None:
    """The kinds of heap node that grew most in bytes between snapshots ``a`` and ``b``."""
    rows = []
    for key in set(a) | set(b):
        (na, sa), (nb, sb) = a.get(key, (0, 0)), b.get(key, (0, 0))
        rows.append((sb - sa, nb - na, key, nb, sb))
    rows.sort(reverse=True)
    print(f"heap snapshot: what grew most ({top} kinds)")
    for dbytes, dcount, key, nb, sb in rows[:top]:
        print(f"  {dbytes / 1024:+9.1f} KB {dcount:+7d}  {key}  (now {nb} nodes, "
              f"{sb / 1024:.0f} KB)")


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
            "listeners": min(int(m["JSEventListeners"]) for m in readings),
            # Dash's undo history (wall.js keeps it short): one entry per refresh otherwise
            "history": page.evaluate("(() => { const s = window.store && window.store.getState();"
                                     " return s && s.history ? s.history.past.length : -1; })()")}


PRODUCTION_REFRESH = 30
CADENCE = {"probes": 60, "lapor": 900, "rss": 600, "satudata": 3600}
"""Seconds between runs of the sources of config.yaml, by group."""
GROUP_SOURCES = {"probes": list(PROBES), "lapor": ["lapor_ntb"],
                 "rss": [o[0] for o in OUTLETS], "satudata": ["satudata_db"]}


def writer(store: Store, stop: threading.Event, speed: float, every_cycle: float | None,
           clock=time.time, down=frozenset) -> None:
    """Collectors at work: each source group writes new points (and an article for the feeds)
    and a successful run on its production cadence divided by ``speed``, or every
    ``every_cycle`` seconds for all groups. Points and runs are stamped by ``clock``; a group
    named in ``down()`` writes nothing and records a failed run instead (a source outage)."""
    rng = random.Random(7)
    due = dict.fromkeys(CADENCE, 0.0)
    n = 0
    while not stop.is_set():
        now_real = time.time()
        now = clock()
        ts = int(now)
        out = down()
        for group, every in CADENCE.items():
            if now_real < due[group]:
                continue
            due[group] = now_real + (every_cycle or every / speed)
            n += 1
            if group in out:
                for sid in GROUP_SOURCES[group]:
                    fail_source(store, sid, now)
            elif group == "probes":
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
    ap.add_argument("--warmup", type=int, default=50,
                    help="refresh cycles before the baseline measurement (default 50)")
    ap.add_argument("--size", default="1920x1080", help="browser window, e.g. 3840x2160")
    ap.add_argument("--diff", type=Path, default=None, metavar="DIR",
                    help="heap snapshots at the baseline and the end, saved in DIR: print "
                         "what grew")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    wait_outside_the_page()

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request

    tmp = tempfile.TemporaryDirectory()
    store = Store(f"sqlite:///{tmp.name}/bench.db")
    store.upgrade()
    seed(store)
    cfg = wall_config(web={"min_refresh": f"{args.refresh}s"},
                      wall={"playlist": ["layanan", "pembangunan", "media"],
                            "rotate": f"{args.rotate}s", "refresh": f"{args.refresh}s"})
    app = create_app(cfg, store)
    cycles: list[tuple[float, int]] = []

    # Refresh cycles are counted by the server: listening to the page's responses would turn on
    # DevTools' Network domain, which keeps response bodies in the page's process (a TV has no
    # DevTools, and the bench would measure its buffer).
    @app.server.after_request
    def _count(resp):
        from flask import request

        if request.path == "/_dash-update-component" and b"wall-ticker" in request.get_data():
            cycles.append((time.monotonic(), resp.status_code))
        return resp

    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = threading.Event()
    speed = PRODUCTION_REFRESH / args.refresh
    writing = threading.Thread(target=writer, args=(store, stop, speed, args.data_every),
                               daemon=True)
    writing.start()
    url = f"http://127.0.0.1:{server.server_port}/wall"

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, headless=True,
                                     args=["--no-sandbox", "--disable-gpu",
                                           "--disable-dev-shm-usage", "--enable-precise-memory-info"])
        width, height = (int(v) for v in args.size.lower().split("x"))
        page = browser.new_page(viewport={"width": width, "height": height})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))

        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        t0 = time.monotonic()
        open_wall(page, url, timeout=60000)
        # baseline: --warmup refresh cycles answered once the page is fully drawn (compiled
        # code, Plotly's first drawings and caches that fill once are not growth)
        start = len(cycles)
        while len(cycles) <= start + max(0, args.warmup - 1):
            page.wait_for_timeout(100)
        first = measure(page, cdp)
        snap_first = heap_classes(cdp, args.diff / "first.heapsnapshot") if args.diff else None
        n_first = len(cycles)
        last_report = time.monotonic()
        next_sample = n_first + args.sample if args.sample else None
        mid_snap = False
        while len(cycles) < n_first + args.cycles:
            page.wait_for_timeout(500)
            if args.diff and not mid_snap and len(cycles) >= n_first + args.cycles // 2:
                # the middle snapshot: what was allocated before it and is still there at the
                # end is what the page keeps (the three-snapshot technique)
                heap_classes(cdp, args.diff / "middle.heapsnapshot")
                mid_snap = True
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
        snap_after = heap_classes(cdp, args.diff / "last.heapsnapshot") if args.diff else None
        n_after = len(cycles)
        elapsed = time.monotonic() - t0
        browser.close()
    stop.set()
    writing.join(timeout=10)
    server.shutdown()
    store.dispose()
    tmp.cleanup()

    ok_status = sum(1 for _, s in cycles if s in (200, 204))
    pace = (f"every source writes every {args.data_every:g} s" if args.data_every else
            f"sources write on their production cadence x{speed:g} (probes every "
            f"{CADENCE['probes'] / speed:g} s, feeds {CADENCE['rss'] / speed:g} s, LAPOR "
            f"{CADENCE['lapor'] / speed:g} s)")
    print(f"wall memory, {args.size}, refresh every {args.refresh} s (x{speed:g} the production "
          f"{PRODUCTION_REFRESH} s), rotate every {args.rotate} s; {pace}")
    print(f"refresh cycles: {n_after} ({ok_status} answered 200/204) in {elapsed:.0f} s; "
          f"measured after cycle {n_first} (page fully drawn) and {n_after - n_first} "
          f"cycles later")
    print(f"{'':14}{'cycle ' + str(n_first):>14}{'cycle ' + str(n_after):>14}{'growth':>10}")
    worst = 0.0
    for key, label in (("heap_mb", "JS heap (MB)"), ("nodes", "DOM nodes"),
                       ("elements", "elements"), ("listeners", "listeners"),
                       ("history", "Dash history")):
        a, b = first[key], after[key]
        growth = (b - a) / a if a else 0.0
        if key in ("heap_mb", "nodes"):
            worst = max(worst, growth)
        fa = f"{a:.2f}" if isinstance(a, float) else str(a)
        fb = f"{b:.2f}" if isinstance(b, float) else str(b)
        print(f"{label:14}{fa:>14}{fb:>14}{growth * 100:>9.1f}%")
    if snap_first is not None:
        code = [sum(v[1] for k, v in snap.items() if k == "code") / 2**20
                for snap in (snap_first, snap_after)]
        rest = [first["heap_mb"] - code[0], after["heap_mb"] - code[1]]
        print(f"of the JS heap, compiled code (V8's code space, grows while the JIT optimizes "
              f"hot functions): {code[0]:.2f} -> {code[1]:.2f} MB; the rest: {rest[0]:.2f} -> "
              f"{rest[1]:.2f} MB ({(rest[1] - rest[0]) / rest[0] * 100:+.1f}%)")
        print_diff(snap_first, snap_after)
    if errors:
        print("page errors:", *errors, sep="\n  ")
    verdict = "OK" if worst < LIMIT and not errors else "FAIL"
    print(f"{verdict}: largest growth of heap or DOM nodes {worst * 100:.1f}% "
          f"(limit {LIMIT * 100:.0f}%)")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
