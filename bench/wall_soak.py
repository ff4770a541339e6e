"""The wall for a week, accelerated: ``/wall`` in a real Chromium for the equivalent of N days
(default 7), sampling JS heap, DOM nodes, frame time and errors, and drawing them to a PNG.

Usage (from the repository root)::

    .venv/bin/python bench/wall_soak.py [--days 7] [--day-seconds 120] [--size 1920x1080]
                                        [--png docs/wall-soak.png] [--sample 4]

What is sped up, and how:

- **the clock**: the server's clock (``create_app(clock=)``) runs ``86400 / day_seconds`` times
  faster than real time from the moment the soak starts; the page follows it, as a TV follows
  a server whose clock differs from its own (``wall.js`` trusts ``/healthz``'s time), so the
  page's clock and its nightly reload (``wall.reload_at``, 03:00) run on the simulated day;
- **the collectors**: every source writes new points (and an article) and records a run every
  ``--data-every`` real seconds (2 s: every ~24 simulated minutes at 120 s a day), stamped with
  the simulated time (``bench/wall.py``'s writer);
- **rotation and refresh** run at fast real rates (``--rotate`` 3 s, ``--refresh`` 2 s): each
  simulated day has ~``day_seconds / refresh`` refreshes and ~``day_seconds / rotate`` screen
  changes.

Each simulated day also has a **source outage** (the probes write nothing and record failed
runs from 09:36 to 13:12, so their tiles go "delayed" and the down strip shows) and a **server
restart** at 16:48 (the HTTP server stops for ``--restart-seconds`` real seconds, then a new
app, with an empty cache, serves the same store on the same port).

Every ``--sample`` real seconds: the frames since the last sample (``requestAnimationFrame``
intervals: mean, max and frames over 50 ms), then forced garbage collection and CDP
``Performance.getMetrics`` (JSHeapUsedSize, Nodes). Errors: JavaScript exceptions on the page,
console errors, and a Dash error overlay on screen. The PNG is drawn by Plotly in the same
Chromium (no other plotting library). Exits 1 on a JavaScript exception, an error overlay, or
when the heap before the last nightly reload exceeds the one before the second by 10 % or more.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path[:0] = [str(ROOT / "tests" / "wall"), str(ROOT / "tests")]  # wall_seed, support

from pantau.dashboard.app import create_app  # noqa: E402
from pantau.data.store import Store  # noqa: E402
from wall_seed import open_wall, seed, wall_config  # noqa: E402

_spec = importlib.util.spec_from_file_location("wall_bench", ROOT / "bench" / "wall.py")
wall_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wall_bench)

DAY = 86400
OUTAGE = (0.40, 0.55)
"""The probes' outage in each simulated day, as fractions of the day (09:36 to 13:12)."""
RESTART_AT = 0.70
"""When the server restarts in each simulated day (16:48)."""
GROWTH_LIMIT = 0.10

FRAMES_JS = """(() => {
  const f = {n: 0, sum: 0, max: 0, long: 0};
  let last = 0;
  function step(t) {
    if (last) { const d = t - last; f.n++; f.sum += d; if (d > f.max) f.max = d;
                if (d > 50) f.long++; }
    last = t;
    requestAnimationFrame(step);
  }
  requestAnimationFrame(step);
  window.__soakFrames = () => {
    const o = {n: f.n, mean: f.n ? f.sum / f.n : 0, max: f.max, long: f.long};
    f.n = 0; f.sum = 0; f.max = 0; f.long = 0; last = 0;
    return o;
  };
})();"""


class SimClock:
    """Epoch seconds running ``speed`` times faster than real time from ``start``."""

    def __init__(self, start: float, speed: float):
        self.start, self.speed, self.m0 = start, speed, time.monotonic()

    def __call__(self) -> float:
        return self.start + (time.monotonic() - self.m0) * self.speed

    def day(self) -> float:
        """Simulated days since the start."""
        return (self() - self.start) / DAY


class Server:
    """The app on a fixed port, which can be stopped and started again (a new app each time)."""

    def __init__(self, cfg, store, clock):
        from werkzeug.serving import make_server

        self._make = make_server
        self.cfg, self.store, self.clock = cfg, store, clock
        self.port = 0
        self.srv = None
        self.start()

    def start(self) -> None:
        app = create_app(self.cfg, self.store, clock=self.clock)
        self.srv = self._make("127.0.0.1", self.port, app.server, threaded=True)
        self.port = self.srv.server_port
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.srv.shutdown()
        self.srv.server_close()


def sample(page, cdp) -> dict:
    frames = page.evaluate("window.__soakFrames ? window.__soakFrames() : null") or {}
    shown = page.evaluate("""() => [performance.timeOrigin,
        (document.getElementById('wall-clock-time') || {}).textContent || '']""")
    cdp.send("HeapProfiler.collectGarbage")
    cdp.send("HeapProfiler.collectGarbage")
    m = {x["name"]: x["value"] for x in cdp.send("Performance.getMetrics")["metrics"]}
    overlay = page.locator(".dash-fe-error__title, .dash-debug-menu, .dash-error-card").count()
    return {"heap_mb": m["JSHeapUsedSize"] / 2**20, "nodes": int(m["Nodes"]),
            "listeners": int(m["JSEventListeners"]), "frame_mean": frames.get("mean", 0.0),
            "frame_max": frames.get("max", 0.0), "frames": frames.get("n", 0),
            "long_frames": frames.get("long", 0), "overlay": overlay,
            "origin": shown[0], "clock": shown[1]}


def draw(samples: list[dict], events: dict, path: Path, title: str, browser) -> None:
    """The curves, drawn by Plotly in Chromium and saved as a PNG."""
    from plotly.subplots import make_subplots

    x = [s["day"] for s in samples]
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.06,
                        subplot_titles=("JS heap after forced GC (MB)", "DOM nodes",
                                        "frame time (ms): mean and max between samples"))
    fig.add_scatter(x=x, y=[s["heap_mb"] for s in samples], mode="lines+markers",
                    marker={"size": 3}, name="JS heap", row=1, col=1)
    fig.add_scatter(x=x, y=[s["nodes"] for s in samples], mode="lines", name="DOM nodes",
                    row=2, col=1)
    fig.add_scatter(x=x, y=[s["frame_mean"] for s in samples], mode="lines",
                    name="frame mean", row=3, col=1)
    fig.add_scatter(x=x, y=[s["frame_max"] for s in samples], mode="markers",
                    marker={"size": 3}, name="frame max", row=3, col=1)
    for a, b in events["outages"]:
        fig.add_vrect(x0=a, x1=b, fillcolor="orange", opacity=0.15, line_width=0)
    for d, _back in events["restarts"]:
        fig.add_vline(x=d, line={"color": "red", "dash": "dash", "width": 1})
    for d in events["reloads"]:
        fig.add_vline(x=d, line={"color": "green", "dash": "dot", "width": 1})
    fig.update_yaxes(type="log", row=3, col=1)
    fig.update_xaxes(range=[0, max(x[-1] if x else 1, 1)], dtick=1)
    fig.update_xaxes(title_text="simulated day (orange: source outage, red dashes: server "
                     "restart, green dots: page loads / nightly reloads)", row=3, col=1)
    fig.update_layout(title=title, width=1600, height=1000, showlegend=True,
                      template="plotly_white", margin={"l": 70, "r": 30, "t": 80, "b": 70})
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "soak.html"
        html.write_text(fig.to_html(include_plotlyjs=True, full_html=True))
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.goto(html.as_uri())
        page.wait_for_selector(".main-svg")
        page.screenshot(path=str(path))
        page.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=float, default=7)
    ap.add_argument("--day-seconds", type=float, default=120,
                    help="real seconds per simulated day (at least 90: the nightly reload "
                         "waits for the page to be up a minute)")
    ap.add_argument("--rotate", type=int, default=3)
    ap.add_argument("--refresh", type=int, default=2,
                    help="seconds between refreshes (every one computes every tile afresh: "
                         "the simulated clock moves the cache's time bucket on each)")
    ap.add_argument("--data-every", type=float, default=2.0)
    ap.add_argument("--restart-seconds", type=float, default=5.0)
    ap.add_argument("--sample", type=float, default=4.0, help="real seconds between samples")
    ap.add_argument("--size", default="1920x1080")
    ap.add_argument("--png", type=Path, default=ROOT / "docs" / "wall-soak.png")
    ap.add_argument("--json", type=Path, default=None, help="also write the samples here")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    wall_bench.wait_outside_the_page()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    logging.getLogger("pantau").setLevel(logging.ERROR)  # the outage's and restart's warnings
    speed = DAY / args.day_seconds
    tmp = tempfile.TemporaryDirectory()
    store = Store(f"sqlite:///{tmp.name}/soak.db")
    store.upgrade()
    # the simulated week starts at the site's midnight, so its days are calendar days (the
    # outage at 09:36, the restart at 16:48, the nightly reload at 03:00)
    tz = ZoneInfo(wall_config().site.timezone)
    start = datetime.now(tz).replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
    seed(store, now=start)
    clock = SimClock(start, speed)
    cfg = wall_config(web={"min_refresh": "1s"},
                      wall={"playlist": ["layanan", "pembangunan", "media"],
                            "rotate": f"{args.rotate}s", "refresh": f"{args.refresh}s",
                            "reload_at": "03:00"})
    server = Server(cfg, store, clock)
    stop = threading.Event()

    def down():
        frac = clock.day() % 1
        return {"probes"} if OUTAGE[0] <= frac < OUTAGE[1] else set()

    threading.Thread(target=wall_bench.writer,
                     args=(store, stop, speed, args.data_every, clock, down),
                     daemon=True).start()
    url = f"http://127.0.0.1:{server.port}/wall"
    width, height = (int(v) for v in args.size.lower().split("x"))

    samples: list[dict] = []
    events = {"outages": [], "restarts": [], "reloads": []}
    errors: list[str] = []
    console: list[tuple[float, str]] = []
    skipped: list[float] = []
    t_real = time.monotonic()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, headless=True,
                                     args=["--no-sandbox", "--disable-gpu",
                                           "--disable-dev-shm-usage"])
        page = browser.new_page(viewport={"width": width, "height": height})
        page.add_init_script(FRAMES_JS)
        page.on("pageerror", lambda exc: errors.append(f"day {clock.day():.2f}: {exc}"))
        page.on("console", lambda msg: console.append((clock.day(), msg.text))
                if msg.type == "error" else None)
        page.on("load", lambda _p: events["reloads"].append(clock.day()))
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        open_wall(page, url, timeout=90000)
        restarted_day = -1
        next_sample = time.monotonic()
        last_print = -1
        while clock.day() < args.days:
            day = clock.day()
            d = int(day)
            if day % 1 >= RESTART_AT and restarted_day < d:
                restarted_day = d
                server.stop()
                time.sleep(args.restart_seconds)
                server.start()
                events["restarts"].append((day, clock.day()))
            if time.monotonic() >= next_sample:
                next_sample = time.monotonic() + args.sample
                try:
                    s = sample(page, cdp)
                except Exception:  # the page is reloading at this very moment
                    skipped.append(day)
                    continue
                s["day"] = clock.day()
                samples.append(s)
            if d != last_print:
                last_print = d
                print(f"  day {d}: {len(samples)} samples, heap "
                      f"{samples[-1]['heap_mb'] if samples else 0:.1f} MB", flush=True)
            time.sleep(0.2)
        elapsed = time.monotonic() - t_real
        for d in range(int(args.days) + 1):
            a, b = d + OUTAGE[0], d + OUTAGE[1]
            if a < args.days:
                events["outages"].append((a, min(b, args.days)))
        title = (f"Pantau wall soak: {args.days:g} simulated days in {elapsed / 60:.0f} min "
                 f"(x{speed:g}), {args.size}, refresh {args.refresh} s, rotate {args.rotate} s")
        draw(samples, events, args.png, title, browser)
        browser.close()
    stop.set()
    server.stop()
    store.dispose()
    tmp.cleanup()
    if args.json:
        args.json.write_text(json.dumps({"samples": samples, "events": events}, indent=1))
    return report(samples, events, errors, console, skipped, args, speed, elapsed)


def report(samples, events, errors, console, skipped, args, speed, elapsed) -> int:
    print(f"wall soak: {args.days:g} simulated days in {elapsed:.0f} s real (x{speed:g}), "
          f"{args.size}, refresh every {args.refresh} s, rotate every {args.rotate} s, every "
          f"source writes "
          f"every {args.data_every:g} s real; a source outage and a server restart each day")
    print(f"samples: {len(samples)} (every {args.sample:g} s real; {len(skipped)} skipped "
          f"while the page was reloading); page loads (first load and "
          f"nightly reloads): {len(events['reloads'])} at days "
          + ", ".join(f"{d:.2f}" for d in events["reloads"]))
    print(f"{'day':>4}{'heap MB min-max':>18}{'DOM nodes':>14}{'frame mean':>12}"
          f"{'frame max':>11}{'>50 ms':>8}")
    day_max = []
    for d in range(int(-(-args.days // 1))):
        rows = [s for s in samples if d <= s["day"] < d + 1]
        if not rows:
            continue
        heaps = [s["heap_mb"] for s in rows]
        nodes = [s["nodes"] for s in rows]
        means = [s["frame_mean"] for s in rows if s["frames"]]
        day_max.append(max(heaps))
        print(f"{d + 1:>4}{min(heaps):>9.1f}-{max(heaps):<8.1f}{min(nodes):>7}-{max(nodes):<6}"
              f"{statistics.mean(means) if means else 0:>10.1f}ms"
              f"{max(s['frame_max'] for s in rows):>9.0f}ms"
              f"{sum(s['long_frames'] for s in rows):>8}")
    overlay = sum(1 for s in samples if s["overlay"])
    # from each restart until the new server answers, and a refresh later: console errors then
    # are the expected failed requests
    late = (args.refresh + 2) / args.day_seconds
    during = [c for c in console
              if any(a <= c[0] <= b + late for a, b in events["restarts"])]
    other = [c for c in console if c not in during]
    print(f"JavaScript exceptions: {len(errors)}; Dash error overlay seen in {overlay} samples; "
          f"console errors: {len(during)} while the server was restarting (failed requests), "
          f"{len(other)} at other times")
    for line in errors[:6] + [f"day {d:.2f}: {t}" for d, t in other[:6]]:
        print("  " + line[:200])
    growth = (day_max[-1] - day_max[1]) / day_max[1] if len(day_max) > 2 else 0.0
    print(f"the day's highest heap, day 2 -> day {len(day_max)}: "
          + (f"{day_max[1]:.1f} -> {day_max[-1]:.1f} MB ({growth * 100:+.1f}%)"
             if len(day_max) > 2 else "n/a (fewer than 3 days)"))
    print(f"PNG: {args.png}")
    ok = not errors and not overlay and not other and growth < GROWTH_LIMIT
    print("OK" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
