"""The demo's BMKG: the feeder serves a recorded quake sequence and a forecast for NTB in
BMKG's formats on 127.0.0.1, the demo config's bmkg sources collect them through the runner
(no internet), and the demo wall has a screen with the gempa and cuaca tiles."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bmkg_helpers import open_wall
from pantau.collectors.runner import Runner
from pantau.data import quakes, weather
from pantau.demo import render_config
from pantau.demo.bmkg import SEQUENCE, quakes_until
from pantau.demo.feeder import Feeder

T0 = int(datetime(2026, 12, 2, 6, 40, tzinfo=UTC).timestamp())  # Wednesday 14:40 WITA


def _demo(tmp_path, port):
    from pantau.config import load

    path = tmp_path / "demo-config.yaml"
    path.write_text(render_config({
        "STORE_URL": f"sqlite:///{tmp_path / 'demo.db'}", "FEEDS": f"http://127.0.0.1:{port}",
        "SOURCES": str(tmp_path / "demo-sources"), "PANTAU": "http://127.0.0.1:8"}),
        encoding="utf-8")
    return load(str(path))


def test_sequence_replays_weekly_in_order():
    got = quakes_until(T0, 60)
    assert [q["ts"] for q in got] == sorted((q["ts"] for q in got), reverse=True)
    assert len({q["ts"] for q in got}) == len(got)
    assert got[0]["ts"] <= T0 and got[0]["magnitude"] == 5.2  # Wednesday 14:05 WITA
    week_later = quakes_until(T0 + 7 * 86400, 60)
    assert week_later[0]["ts"] == got[0]["ts"] + 7 * 86400
    assert len(SEQUENCE) == 11


def _collect_demo(tmp_path, feeder):
    from pantau.data.store import Store

    cfg = _demo(tmp_path, feeder.serve())
    store = Store(cfg.store.url, retention_days=cfg.store.retention_days)
    store.upgrade()
    runner = Runner.from_config(cfg, store, clock=lambda: T0)
    for s in cfg.sources:
        if s.kind == "bmkg":
            assert runner.run(s).status == "up"
    runner.close()
    return cfg, store


@pytest.mark.browser
@pytest.mark.parametrize("theme", ["dark", "light"])
def test_demo_bmkg_screen_in_chromium(tmp_path, browser, live_app, artifacts, theme):
    """The demo's bmkg screen with its ten kabupaten/kota: every row inside the tile."""
    feeder = Feeder(tmp_path / "demo-sources", clock=lambda: T0)
    feeder.prepare()
    try:
        cfg, store = _collect_demo(tmp_path, feeder)
        base = live_app(cfg, store, clock=lambda: T0)
        ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
        page = ctx.new_page()
        try:
            open_wall(page, f"{base}/wall?playlist=bmkg&rotate=600&theme={theme}", 90000)
            page.wait_for_timeout(800)
            page.screenshot(path=str(artifacts / f"wall-bmkg-demo-{theme}.png"))
            rows = page.evaluate("""() => { const t = document.querySelector(
                '.wall-screen.is-active .wall-tile--cuaca').getBoundingClientRect();
                return [...document.querySelectorAll('.wall-screen.is-active '
                  + '.wall-weather-row:not(.wall-weather-head)')].map(r => {
                  const b = r.getBoundingClientRect(); return b.bottom <= t.bottom; }); }""")
            assert rows == [True] * 10
            assert page.inner_text(".wall-screen.is-active").count("Sumber: BMKG") == 2
        finally:
            ctx.close()
        store.dispose()
    finally:
        feeder.close()


def test_feeder_serves_bmkg_and_the_demo_collects_it(tmp_path):
    from pantau.data.store import Store

    feeder = Feeder(tmp_path / "demo-sources", clock=lambda: T0)
    feeder.prepare()
    port = feeder.serve()
    try:
        cfg = _demo(tmp_path, port)
        store = Store(cfg.store.url, retention_days=cfg.store.retention_days)
        store.upgrade()
        runner = Runner.from_config(cfg, store, clock=lambda: T0)
        ids = [s.id for s in cfg.sources if s.kind == "bmkg"]
        assert ids == ["bmkg_autogempa", "bmkg_gempaterkini", "bmkg_gempadirasakan",
                       "bmkg_cuaca"]
        for sid in ids:
            res = runner.run(cfg.source(sid))
            assert (res.status, res.rejected) == ("up", 0), (sid, res.error)
        n = quakes.count(store)
        for sid in ids[:3]:  # again: the same quakes, no new rows
            runner.run(cfg.source(sid))
        runner.close()
        assert quakes.count(store) == n and n >= 10
        latest = quakes.latest(store)
        assert latest.ts == quakes_until(T0)[0]["ts"] and latest.magnitude == 5.2
        assert latest.tsunami == "Tidak berpotensi tsunami" and latest.felt
        today = weather.today(store, T0, cfg.site.timezone)
        assert [r.region for r in today] == ["52.01", "52.02", "52.03", "52.04", "52.05",
                                             "52.06", "52.07", "52.08", "52.71", "52.72"]
        assert all(r.words and r.temp_c is not None for r in today)
        store.dispose()
    finally:
        feeder.close()
    screen = cfg.screen("bmkg")
    assert [t.view for t in screen.tiles] == ["gempa", "cuaca"]
    assert "bmkg" in cfg.wall.playlist


def test_history_continues_into_what_the_collector_stores():
    """The demo's history of the bmkg_* metrics (demo.metrics) equals what the bmkg kind makes
    of the feeder's forecast at the same moment: no step where the history meets the live
    data."""
    import json

    import numpy as np
    from pantau.collectors.bmkg import today_samples
    from pantau.collectors.bmkg_parse import parse_forecast
    from pantau.demo.bmkg import VILLAGES, bmkg_files
    from pantau.demo.metrics import bmkg_rain, bmkg_slots, bmkg_temp

    for t in (T0, T0 - 3 * 3600 - 17, T0 - 3 * 86400 + 5000, T0 + 9 * 3600):
        files = bmkg_files(t, 52)
        for kab, (adm4, *_rest) in VILLAGES.items():
            slots, refused = parse_forecast(json.loads(files[f"bmkg/cuaca/{adm4}.json"]))
            assert refused == []
            live = {(s.metric, s.labels.get("cuaca")): s.value
                    for s in today_samples(slots, t, "Asia/Makassar")}
            ts = np.array([t], dtype=np.int64)
            hist = {("bmkg_hujan_maks_mm", None): bmkg_rain(52, ts, 0, {"region": kab})[1],
                    ("bmkg_suhu_maks_c", None): bmkg_temp(52, ts, 0, {"region": kab})[1]}
            for (metric, word), v in live.items():
                if word is not None:
                    hist[(metric, word)] = bmkg_slots(52, ts, 0, {"region": kab,
                                                                  "cuaca": word})[1]
                assert list(hist[(metric, word)]) == [v], (t, kab, metric, word)
