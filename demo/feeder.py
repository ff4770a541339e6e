"""The demo feeder: keeps the demo's local sources alive so the collectors see things change.

It owns a folder of source files and rewrites them as time passes:

- ``feeds/<outlet>.xml`` — RSS 2.0 / Atom feeds; a new article about once a minute overall;
- ``lapor/statistik.json`` — LAPOR! complaints received in the current minute per region;
- ``ntb112-panggilan.csv`` — NTB Call Center 112 calls per minute and region (last 2 hours);
- ``satudata.db`` — a SQLite copy of the Satu Data portal's per-minute statistics;
- ``metrics`` — a Prometheus text exposition of the data centre's ``node_load1``;
- ``bmkg/*.json`` — BMKG's quake feeds (a recorded week of quakes, replayed) and a village
  forecast per kabupaten/kota, in BMKG's formats (``pantau.demo.bmkg``);

and serves the folder over HTTP on 127.0.0.1, with ``/layanan/<service>/`` simulating the
e-services the demo probes (answering as slowly as the demo model says)::

    feeder = Feeder(Path("var/demo-sources"))
    feeder.prepare()                      # every file, as of now
    port = feeder.serve()                 # a thread; returns the port
    feeder.run(stop_event)                # ticks every few seconds until stop_event is set

Live sources run faster than life (``BOOST``) so a visitor sees counts move within a minute.
The numbers come from the same model as the history (``pantau.demo.metrics``).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import threading
import time
from datetime import datetime, timedelta, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
from pantau.demo import DEFAULT_SEED, HOSTS, OPDS, REGIONS, SERVICES, SITE
from pantau.demo.bmkg import bmkg_files
from pantau.demo.feeds import render_feed
from pantau.demo.metrics import (
    calls_112,
    datasets,
    downloads,
    lapor_followup,
    lapor_received,
    lapor_resolved,
    server_load,
    service_latency,
)
from pantau.demo.news import OUTLETS, DemoArticle, articles_between, make_article

WITA = timezone(timedelta(hours=8))
BOOST = {"lapor": 4.0, "112": 2.0, "downloads": 3.0}
"""How much faster than the modelled rate the live per-minute counts come."""
NEWS_EVERY = 60.0
"""Mean seconds between two new articles, all outlets together."""
FEED_ITEMS = 25
KEEP_MINUTES = 120
LIVE_N = 7
"""Live articles use this ``n`` in ``make_article`` so their links never meet the history's."""


def _write(path: Path, text: str) -> None:
    # Replace atomically, so a collector never reads half a file.
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _minute(ts: float) -> int:
    return int(ts) - int(ts) % 60


def _wita(ts: int, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return datetime.fromtimestamp(ts, WITA).strftime(fmt)


def _one(fn, seed, ts, dur, labels) -> float:
    _t, v = fn(seed, np.array([int(ts)], dtype=np.int64), np.array([float(dur)]), labels)
    return float(v[0]) if len(v) else float("nan")


class Feeder:
    """The demo's local sources in ``folder`` (see the module docstring)."""

    def __init__(self, folder: Path, seed: int = DEFAULT_SEED, clock=time.time):
        self.folder = Path(folder)
        self.seed = seed
        self.clock = clock
        self.rng = random.Random(seed)
        self.feeds: dict[str, list[DemoArticle]] = {}
        self.next_article: dict[str, float] = {}
        self.minutes: dict[int, dict] = {}     # minute -> drawn counts
        self.published = 0
        self.server: ThreadingHTTPServer | None = None
        self._lock = threading.Lock()

    # -- files ------------------------------------------------------------------------------
    def prepare(self) -> None:
        """Write every source file as of now: feeds hold the latest articles of the stream."""
        now = int(self.clock())
        (self.folder / "feeds").mkdir(parents=True, exist_ok=True)
        (self.folder / "lapor").mkdir(exist_ok=True)
        (self.folder / "bmkg" / "cuaca").mkdir(parents=True, exist_ok=True)
        total = sum(o.per_day for o in OUTLETS.values())
        for outlet, o in OUTLETS.items():
            recent = articles_between(self.seed, outlet, now - 30 * 86400, now)
            self.feeds[outlet] = list(reversed(recent))[:FEED_ITEMS]
            self.next_article[outlet] = now + self.rng.expovariate(o.per_day / total / NEWS_EVERY)
            self._write_feed(outlet, now)
        with sqlite3.connect(self.folder / "satudata.db") as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS statistik_menit (menit TEXT NOT NULL, "
                       "organisasi TEXT NOT NULL, dataset INTEGER NOT NULL, "
                       "unduhan INTEGER NOT NULL, PRIMARY KEY (menit, organisasi))")
            db.execute("DELETE FROM statistik_menit")
        db.close()
        self.tick(now)

    def _write_feed(self, outlet: str, now: int) -> None:
        _write(self.folder / "feeds" / f"{outlet}.xml", render_feed(outlet, self.feeds[outlet], now))

    def _draw_minute(self, minute: int) -> dict:
        s = self.seed
        lapor = {code: {
            "masuk": int(_one(lapor_received, s, minute, 60 * BOOST["lapor"], {"region": code})),
            "rasio_selesai": _one(lapor_resolved, s, minute, 60, {"region": code}),
            "hari": _one(lapor_followup, s, minute, 60, {"region": code}),
        } for code in REGIONS}
        calls = {code: int(_one(calls_112, s, minute, 60 * BOOST["112"], {"region": code}))
                 for code in REGIONS}
        opd = {name: (int(_one(datasets, s, minute, 60, {"opd": name})),
                      int(_one(downloads, s, minute, 60 * BOOST["downloads"], {"opd": name})))
               for name in OPDS}
        return {"lapor": lapor, "calls": calls, "opd": opd}

    def _write_minute_files(self, minute: int) -> None:
        drawn = self.minutes[minute]
        data = [{"kode_wilayah": code, "nama_wilayah": REGIONS[code][0], "masuk": v["masuk"],
                 "rasio_selesai": v["rasio_selesai"], "rata_hari_tindak_lanjut": v["hari"]}
                for code, v in drawn["lapor"].items()]
        _write(self.folder / "lapor" / "statistik.json", json.dumps(
            {"sumber": SITE["lapor"],
             "periode": _wita(minute, "%Y-%m-%dT%H:%M:00+08:00"), "data": data},
            ensure_ascii=False, indent=1))
        lines = ["waktu,kode_wilayah,nama_wilayah,panggilan"]
        for m in sorted(self.minutes):
            for code, n in self.minutes[m]["calls"].items():
                lines.append(f"{_wita(m)},{code},{REGIONS[code][0]},{n}")
        _write(self.folder / "ntb112-panggilan.csv", "\n".join(lines) + "\n")
        with sqlite3.connect(self.folder / "satudata.db", timeout=10) as db:
            db.executemany("INSERT OR REPLACE INTO statistik_menit VALUES (?, ?, ?, ?)",
                           [(_wita(minute), name, ds, dl)
                            for name, (ds, dl) in drawn["opd"].items()])
            db.execute("DELETE FROM statistik_menit WHERE menit < ?",
                       (_wita(minute - KEEP_MINUTES * 60),))
        db.close()

    def _write_metrics(self, now: int) -> None:
        lines = ["# HELP node_load1 1m load average.", "# TYPE node_load1 gauge"]
        for host in HOSTS:
            lines.append(f'node_load1{{host="{host}"}} '
                         f'{_one(server_load, self.seed, now, 300, {"host": host}):.2f}')
        _write(self.folder / "metrics", "\n".join(lines) + "\n")

    # -- time passing -----------------------------------------------------------------------
    def tick(self, now: float | None = None) -> list[str]:
        """Bring the files up to ``now``; return what changed (for logs and tests)."""
        now = int(self.clock() if now is None else now)
        changed = []
        with self._lock:
            minute = _minute(now)
            if minute not in self.minutes:
                self.minutes[minute] = self._draw_minute(minute)
                for old in [m for m in self.minutes if m < minute - KEEP_MINUTES * 60]:
                    del self.minutes[old]
                self._write_minute_files(minute)
                for path, text in bmkg_files(minute, self.seed).items():
                    _write(self.folder / path, text)
                changed += ["lapor", "ntb112", "satudata", "bmkg"]
            total = sum(o.per_day for o in OUTLETS.values())
            for outlet, due in self.next_article.items():
                if now >= due:
                    article = make_article(self.seed, outlet, now, LIVE_N)
                    self.feeds[outlet] = [article, *self.feeds[outlet]][:FEED_ITEMS]
                    self._write_feed(outlet, now)
                    self.published += 1
                    rate = OUTLETS[outlet].per_day / total / NEWS_EVERY
                    self.next_article[outlet] = now + self.rng.expovariate(rate)
                    changed.append(f"feed:{outlet}")
            self._write_metrics(now)
        return changed

    def run(self, stop: threading.Event, every: float = 5.0, heartbeat=None) -> None:
        """Tick every ``every`` seconds until ``stop`` is set; call ``heartbeat(now)`` after
        each tick. A failing tick is reported and the feeder goes on."""
        while not stop.is_set():
            try:
                self.tick()
                if heartbeat:
                    heartbeat(int(self.clock()))
            except Exception as exc:  # a feeder hiccup must not end the demo
                print(f"pantau demo: feeder: {type(exc).__name__}: {exc}", flush=True)
            stop.wait(every)

    # -- HTTP -------------------------------------------------------------------------------
    def latency(self, service: str) -> float:
        """How long the simulated ``service`` takes to answer now (seconds, at most 3)."""
        v = _one(service_latency, self.seed, self.clock(), 300, {"service": service})
        return 0.05 if v != v else min(v, 3.0)

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """Serve the folder (and the simulated services) in a daemon thread; return the port."""
        handler = partial(_Handler, directory=str(self.folder), feeder=self)
        self.server = ThreadingHTTPServer((host, port), handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, name="demo-feeder-http",
                         daemon=True).start()
        return self.server.server_address[1]

    def close(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".xml": "application/xml",
                      ".json": "application/json", ".csv": "text/csv", "": "text/plain"}

    def __init__(self, *args, feeder: Feeder, **kw):
        self.feeder = feeder
        super().__init__(*args, **kw)

    def do_GET(self):  # noqa: N802 (the http.server naming)
        parts = self.path.split("?")[0].strip("/").split("/")
        if parts[0] == "layanan":
            return self._service(parts[1] if len(parts) > 1 else "")
        if parts[0].endswith(".db") or parts[0].startswith("."):
            self.send_error(404)
            return None
        return super().do_GET()

    def _service(self, service: str):
        if service not in SERVICES or service == "pantau_web":
            self.send_error(404)
            return
        time.sleep(self.feeder.latency(service))
        title = SERVICES[service][0]
        body = (f"<!doctype html><html lang=id><head><meta charset=utf-8><title>{title} "
                f"(demo)</title></head><body><h1>{title}</h1><p>Layanan simulasi untuk demo "
                "Pantau.</p></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 (the http.server signature)
        pass
