"""The demo feeder: its files are what the real collectors read, and they change over time."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pantau.collectors.prometheus import parse_exposition
from pantau.collectors.rss import parse_feed
from pantau.demo.feeder import FEED_ITEMS, NEWS_EVERY, Feeder
from pantau.demo.news import OUTLETS

T0 = 1795_790_000  # 2026-11-27 around 19:13 WITA: an evening, outlets publishing


class Clock:
    def __init__(self, t: float):
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def feeder(tmp_path):
    clock = Clock(T0)
    f = Feeder(tmp_path / "demo-sources", clock=clock)
    f.prepare()
    f.clock_ = clock
    yield f
    f.close()


def test_prepare_writes_every_source_file(feeder):
    folder = feeder.folder
    for outlet, o in OUTLETS.items():
        body = (folder / "feeds" / f"{outlet}.xml").read_bytes()
        entries = parse_feed(body, f"file://{outlet}")
        assert len(entries) == FEED_ITEMS
        assert all(e.link.startswith(o.site) for e in entries)
    assert b"<feed" in (folder / "feeds" / "kabar_tambora.xml").read_bytes()   # Atom
    lapor = json.loads((folder / "lapor" / "statistik.json").read_text())
    assert [d["kode_wilayah"] for d in lapor["data"]][:2] == ["52.01", "52.02"]
    assert lapor["periode"].endswith("+08:00")
    header = (folder / "ntb112-panggilan.csv").read_text().splitlines()[0]
    assert header == "waktu,kode_wilayah,nama_wilayah,panggilan"
    samples = parse_exposition((folder / "metrics").read_text())
    assert {s[1]["host"] for s in samples} == {"app-01", "db-01", "web-01"}


def test_time_passing_changes_the_sources(feeder):
    first_titles = {o: feeder.feeds[o][0].url for o in OUTLETS}
    csv_before = (feeder.folder / "ntb112-panggilan.csv").read_text().count("\n")
    changed = []
    for step in range(1, 21):                       # 20 minutes, ticking every minute
        feeder.clock_.t = T0 + 60 * step
        changed += feeder.tick()
    assert feeder.published >= 20 * 60 / NEWS_EVERY / 3
    assert any(feeder.feeds[o][0].url != first_titles[o] for o in OUTLETS)
    assert changed.count("lapor") == 20
    lapor = json.loads((feeder.folder / "lapor" / "statistik.json").read_text())
    assert lapor["periode"].startswith("2026-11-27T")
    csv_after = (feeder.folder / "ntb112-panggilan.csv").read_text().count("\n")
    assert csv_after == csv_before + 20 * 10        # one row per region and minute
    import sqlite3

    with sqlite3.connect(feeder.folder / "satudata.db") as db:
        minutes = db.execute("SELECT COUNT(DISTINCT menit) FROM statistik_menit").fetchone()[0]
    assert minutes == 21


def test_http_serves_feeds_metrics_and_simulated_services_but_not_the_database(feeder):
    port = feeder.serve()
    base = f"http://127.0.0.1:{port}"
    with urllib.request.urlopen(base + "/layanan/satudata_ntb/", timeout=10) as r:
        assert r.status == 200 and b"Satu Data NTB" in r.read()
    with urllib.request.urlopen(base + "/metrics", timeout=10) as r:
        assert len(parse_exposition(r.read().decode())) == 3
    for path in ("/layanan/nope/", "/satudata.db", "/layanan/pantau_web/"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(base + path, timeout=10)
        assert err.value.code == 404


@pytest.fixture
def healthz():
    """A stand-in for Pantau's own /healthz (the end-to-end test probes the real one)."""
    class H(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200 if self.path == "/healthz" else 404)
            self.end_headers()
            self.wfile.write(b'{"status":"ok"}')

        def log_message(self, *a):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def test_every_demo_source_collects_with_the_real_collectors(tmp_path, healthz, render_demo):
    """The demo config, the feeder and the collector kinds fit: every source runs UP, with
    samples and nothing refused."""
    from pantau.collectors.runner import Runner
    from pantau.data.store import Store

    folder = tmp_path / "demo dir: spaces & colons"   # paths as users have them
    folder.mkdir()
    f = Feeder(folder / "demo-sources")
    f.prepare()
    try:
        cfg = render_demo(folder, feeds=f"http://127.0.0.1:{f.serve()}", pantau=healthz)
        store = Store(cfg.store.url, retention_days=cfg.store.retention_days)
        store.upgrade()
        runner = Runner.from_config(cfg, store)
        results = {s.id: runner.run(s) for s in cfg.sources}
        runner.close()
        store.dispose()
    finally:
        f.close()
    problems = {k: (r.status, r.error) for k, r in results.items()
                if r.status != "up" or r.rejected or not r.samples}
    assert problems == {}
    assert sum(r.articles for r in results.values()) == len(OUTLETS) * FEED_ITEMS
