"""The ``/sources`` page: every source's health from real runs of the runner (local servers,
a fixed clock), worst first, times in WITA, stale flags, errors, and a self-refresh."""

from __future__ import annotations

import re
import sqlite3
import threading

import pytest
from collector_helpers import FIXTURES
from pantau.collectors.runner import Runner
from pantau.data.store import RunRecord
from support.feeds import FEEDS

NOW = 1_780_308_000  # 2026-06-01 10:00 UTC = 18:00 WITA, after the feed's last item
VALUES = [{"metric": "lapor_complaints_received_count", "path": "data[].masuk",
           "labels": {"region": "data[].kode_wilayah"}}]
METRICS_EXTRA = [{"name": "ipm_score", "title": "IPM", "unit": "index", "stale_after": "400d"}]


@pytest.fixture
def scene(store, threaded_server, make_config, clock, tmp_path):
    """A config like config.yaml's, its sources run for real against local answers."""
    from collector_helpers import METRICS

    release = threading.Event()
    srv = threaded_server
    srv.expect_request("/lapor").respond_with_data((FIXTURES / "lapor_statistik.json")
                                                   .read_bytes())
    srv.expect_request("/portal").respond_with_data("<title>Portal NTB</title>")
    srv.expect_request("/ppid").respond_with_data("Service Unavailable", status=503)
    srv.expect_request("/satudata").respond_with_handler(lambda r: (release.wait(10), "x")[1])
    srv.expect_request("/feed").respond_with_data(
        (FEEDS / "lensa-ekonomi" / "2026-06-01.xml").read_bytes())
    srv.expect_request("/metrics").respond_with_data(
        (FIXTURES / "node_exporter.txt").read_text())
    db = tmp_path / "satudata.db"
    sqlite3.connect(db).execute("CREATE TABLE other (x)").connection.commit()
    metrics = [m for m in METRICS if m["name"] != "ipm_score"] + METRICS_EXTRA
    cfg = make_config([
        {"id": "lapor_ntb", "kind": "http_json", "every": "15m", "timeout": "20s",
         "retries": 2, "options": {"url": srv.url_for("/lapor"), "values": VALUES}},
        {"id": "portal_ntbprov", "kind": "http_probe", "every": "1m", "timeout": "10s",
         "retries": 2, "options": {"url": srv.url_for("/portal")}},
        {"id": "ppid_ntb", "kind": "http_probe", "every": "1m", "timeout": "10s",
         "retries": 2, "options": {"url": srv.url_for("/ppid")}},
        {"id": "satudata_ntb", "kind": "http_probe", "every": "1m", "timeout": "1s",
         "retries": 2, "options": {"url": srv.url_for("/satudata"),
                                   "expect_text": "Satu Data"}},
        {"id": "indikator_ntb", "kind": "csv", "cron": "0 6 * * *", "timeout": "1m",
         "options": {"path": str(FIXTURES / "indikator_ntb.csv"), "delimiter": ";",
                     "decimal": ",", "timestamp": {"column": "tahun", "format": "%Y"},
                     "values": [{"metric": "ipm_score", "column": "ipm",
                                 "labels": {"region": "kode_wilayah"}}]}},
        {"id": "satudata_db", "kind": "sql", "every": "1h", "timeout": "30s",
         "options": {"url": f"sqlite:///{db}", "query": "SELECT organisasi AS opd, COUNT(*) "
                     "AS datasets FROM dataset GROUP BY organisasi",
                     "values": [{"metric": "opendata_datasets_count", "column": "datasets",
                                 "labels": {"opd": "opd"}}]}},
        {"id": "pusat_data", "kind": "prometheus", "every": "1m", "timeout": "10s",
         "options": {"url": srv.url_for("/metrics"), "include": "^node_load1$",
                     "rename": {"node_load1": "server_load"}}},
        {"id": "suara_ntb", "kind": "rss", "every": "10m", "timeout": "30s",
         "options": {"url": srv.url_for("/feed"), "outlet": "Suara NTB",
                     "channel": "media_massa"}},
        {"id": "diskominfotik_ntb", "kind": "rss", "every": "30m", "enabled": False,
         "options": {"url": srv.url_for("/feed"), "outlet": "Diskominfotik NTB",
                     "channel": "media_interaktif"}},
    ], metrics=metrics, web={"min_refresh": "2s"})
    store.retention_days = 3650
    clock.now = NOW - 3 * 3600
    runner = Runner.from_config(cfg, store, clock=clock)
    runner.run(cfg.source("indikator_ntb"))          # this morning; stale after 400 days only
    runner.run(cfg.source("satudata_db"))            # fails: no such table
    clock.now = NOW - 40 * 60
    runner.run(cfg.source("suara_ntb"))              # 40 min ago, every 10m: stale
    clock.now = NOW - 120
    for sid in ("ppid_ntb", "portal_ntbprov"):
        runner.run(cfg.source(sid))
    for _ in range(2):
        clock.now += 30
        runner.run(cfg.source("ppid_ntb"))           # third failure: DOWN
    clock.now = NOW - 20
    runner.run(cfg.source("lapor_ntb"))
    runner.run(cfg.source("satudata_ntb"))           # times out: PENDING
    release.set()
    runner.close()
    clock.now = NOW
    return cfg


def test_health_rows_worst_first(store, scene, clock):
    from pantau.dashboard.context import AppContext
    from pantau.dashboard.pages import sources

    ctx = AppContext(config=scene, store=store, clock=clock)
    df = sources.health(ctx)
    got = list(zip(df["source_id"], df["status"], df["stale"], df["state"], strict=True))
    assert got == [
        ("ppid_ntb", "DOWN", True, "DOWN"),          # never succeeded: down is what counts
        ("satudata_db", "PENDING", True, "STALE"),
        ("satudata_ntb", "PENDING", True, "STALE"),
        ("suara_ntb", "UP", True, "STALE"),          # 40 minutes without a run, every 10m
        ("pusat_data", "NEW", False, "NEW"),
        ("indikator_ntb", "UP", False, "UP"),
        ("lapor_ntb", "UP", False, "UP"),
        ("portal_ntbprov", "UP", False, "UP"),
        ("diskominfotik_ntb", "DISABLED", False, "DISABLED"),
    ]
    assert sources.stale_limits(scene) == {"indikator_ntb": 400 * 86400}


@pytest.mark.browser
@pytest.mark.slow
def test_sources_page_in_the_browser(store, scene, clock, live_app, page, artifacts):
    base = live_app(scene, store, clock=clock)
    page.goto(base + "/sources")
    page.wait_for_selector("#src-table")
    rows = page.locator("#src-table tbody tr")
    assert rows.count() == 9
    assert rows.nth(0).get_attribute("id") == "src-row-ppid_ntb"
    assert page.inner_text("#src-status-ppid_ntb") == "Mati"
    assert "bg-danger" in page.get_attribute("#src-status-ppid_ntb", "class")
    assert "bg-success" in page.get_attribute("#src-status-lapor_ntb", "class")
    assert page.inner_text("#src-status-pusat_data") == "Belum jalan"
    # one status per source: a stale one reads Basi (its last run's word in the hint)
    assert page.inner_text("#src-status-suara_ntb") == "Basi"
    assert page.inner_text("#src-status-satudata_ntb") == "Basi"
    assert "proses terakhir: Tertunda" in page.get_attribute("#src-status-satudata_ntb",
                                                            "title")
    assert page.locator("[id^=src-stale-]").count() == 0
    # ... so the counts add up to the sources: 1 mati · 3 basi · 1 belum jalan · 3 normal ·
    # 1 nonaktif
    counts = page.locator(".src-count").all_inner_texts()
    assert counts == ["1 mati", "3 basi", "1 belum jalan", "3 normal", "1 nonaktif"], counts
    assert sum(int(c.split()[0]) for c in counts) == rows.count()
    ppid = page.inner_text("#src-row-ppid_ntb")
    assert "HTTP 503, expected 200-399" in ppid
    # times in the site's zone; to the second for a source running every minute ...
    assert re.search(r"1 Jun 2026 17:59:\d\d WITA", ppid), ppid
    assert re.search(r"1 Jun 2026 18:0\d:\d\d WITA",
                     page.inner_text("#src-row-ppid_ntb td[data-label='Jadwal berikut']"))
    # ... to the minute for one running daily
    assert re.fullmatch(r"\d+ \w+ 2026 \d\d:\d\d WITA", page.inner_text(
        "#src-row-indikator_ntb td[data-label='Jadwal berikut']").strip())
    satudata = page.inner_text("#src-row-satudata_ntb")
    assert "timed out after 1s" in satudata
    assert "no such table: dataset" in page.inner_text("#src-row-satudata_db")
    lapor = page.inner_text("#src-row-lapor_ntb")
    assert "10 / 0" in lapor                         # samples / rejected of the last run
    assert "diperbarui 18:00:00 WITA" in page.inner_text(".src-updated")
    page.screenshot(path=str(artifacts / "sources.png"), full_page=True)

    # It refreshes itself (min_refresh 2 s here): a new run shows without a reload.
    store.record_run(RunRecord("pusat_data", NOW + 1, NOW + 2, "up", 1, 0, None))
    clock.now = NOW + 5
    page.wait_for_function(
        "document.querySelector('#src-status-pusat_data').innerText === 'Normal'",
        timeout=8000)

    page.goto(base + "/sources?lang=en")
    page.wait_for_selector("#src-table")
    assert page.inner_text("#src-status-ppid_ntb") == "Down"
    assert "Last success" in page.inner_text("#src-table thead")
    page.screenshot(path=str(artifacts / "sources-en.png"), full_page=True)
    # a phone: each source a card, nothing wider than the screen
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/sources")
    page.wait_for_selector("#src-table")
    page.screenshot(path=str(artifacts / "sources-390x844.png"))
    box = page.locator("#src-row-ppid_ntb td[data-label='Jadwal berikut']").bounding_box()
    assert box["x"] + box["width"] <= 390, box
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    assert page.errors == []
