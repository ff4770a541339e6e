"""The wall's parts without a browser: URL parameters, freshness, arrangement, figures, tile
data on both backends and tile rendering (the refresh answer: test_wall_refresh.py)."""

from __future__ import annotations

import time

import pandas as pd
import pytest
from pantau.dashboard.app import create_app
from pantau.dashboard.figures.time_axis import tick_positions
from pantau.dashboard.figures.wall_bars import wall_bars
from pantau.dashboard.figures.wall_map import _box, _overlap, place_labels, wall_map
from pantau.dashboard.figures.wall_trend import wall_trend
from pantau.dashboard.wall import params as wall_params
from pantau.dashboard.wall.arrange import arrange
from pantau.dashboard.wall.freshness import freshness, mark_text, tile_sources
from pantau.dashboard.wall.refresh import tile_view
from pantau.dashboard.wall.tiledata import TileData, tile_data
from pantau.dashboard.wall.tiles import render
from pantau.data.config_models import Tile
from pantau.data.reference import load_geojson
from wall_seed import as_json, seed, texts, wall_config

NOW = 1_795_000_000


def _ctx(store, **sections):
    app = create_app(wall_config(**sections), store, clock=lambda: NOW)
    return app.ctx


# -- URL parameters ------------------------------------------------------------------------

def test_params_fall_back_to_config_and_clamp_refresh(sqlite_store):
    ctx = _ctx(sqlite_store, web={"min_refresh": "10s"})
    p = wall_params.parse(ctx, {"playlist": "media,nope,media,layanan", "rotate": "15s",
                                "refresh": "1", "theme": "neon"}, "id")
    assert p.playlist == ["media", "layanan"]
    assert (p.rotate, p.refresh, p.theme) == (15, 10, "dark")
    p = wall_params.parse(ctx, {"playlist": "nope", "rotate": "x", "refresh": "2m",
                                "theme": "light"}, "en")
    assert p.playlist == ["layanan", "pembangunan", "media"]  # wall.playlist
    assert (p.rotate, p.refresh, p.theme, p.lang) == (30, 120, "light", "en")


# -- freshness -----------------------------------------------------------------------------

def _row(status="UP", success=NOW - 30, samples=5, stale=False, interval=60):
    return {"status": status, "last_success_ts": success, "samples": samples, "stale": stale,
            "interval_s": interval, "enabled": True}


def test_freshness_against_each_sources_cadence():
    cfg = wall_config()
    kpi = Tile(view="kpi", metric="service_up", period=86400)
    probes = ("portal_ntbprov", "ppid_ntb", "satudata_ntb")
    assert tile_sources(cfg, kpi) == list(probes)
    ok = {p: _row() for p in probes}
    assert freshness(cfg, kpi, ok, NOW - 60, NOW).mark == "fresh"
    late = {**ok, "ppid_ntb": _row(success=NOW - 200)}  # > 1.5 x 1 min + grace
    f = freshness(cfg, kpi, late, NOW - 60, NOW)
    assert (f.mark, f.ts) == ("late", NOW - 200)
    down = {**ok, "ppid_ntb": _row("DOWN", success=NOW - 600, samples=0)}
    f = freshness(cfg, kpi, down, NOW - 60, NOW)
    assert (f.mark, f.ts) == ("delayed", NOW - 600)
    pending = {**ok, "ppid_ntb": _row("PENDING", samples=0)}
    assert freshness(cfg, kpi, pending, NOW - 60, NOW).delayed
    # a probe that measured a service as down still delivers data: not delayed
    measured = {**ok, "ppid_ntb": _row("DOWN", samples=3)}
    assert freshness(cfg, kpi, measured, NOW - 60, NOW).mark == "fresh"
    stale = {**ok, "ppid_ntb": _row(stale=True, success=NOW - 900)}
    assert freshness(cfg, kpi, stale, NOW - 60, NOW).delayed
    assert freshness(cfg, kpi, ok, None, NOW).mark == "waiting"
    assert freshness(cfg, kpi, {}, None, NOW).mark == "waiting"


def test_headlines_are_delayed_only_when_every_feed_fails():
    cfg = wall_config()
    tile = Tile(view="headlines")
    feeds = tile_sources(cfg, tile)
    assert feeds == ["suara_ntb", "lombok_post", "insidelombok"]
    rows = {f: _row(interval=600) for f in feeds}
    rows["suara_ntb"] = _row("DOWN", samples=0)
    assert freshness(cfg, tile, rows, NOW - 10, NOW).mark == "late"
    rows = {f: _row("DOWN", samples=0, success=NOW - 4000) for f in feeds}
    assert freshness(cfg, tile, rows, NOW - 10, NOW).mark == "delayed"


def test_mark_texts_in_both_languages():
    from pantau.dashboard.wall.freshness import Freshness

    tz = "Asia/Makassar"
    ts = 1_795_000_000 - 1_795_000_000 % 86400  # 08:00 WITA
    assert mark_text(Freshness("fresh", ts), ts + 60, "id", tz) == ["Diperbarui 08:00 WITA"]
    assert mark_text(Freshness("delayed", ts), ts + 60, "id", tz) == [
        "DATA TERTUNDA", "sejak 08:00 WITA"]
    assert mark_text(Freshness("delayed", ts), ts + 3 * 86400, "en", tz) == [
        "DATA DELAYED", "since 18 Nov 2026 08:00 WITA"]
    assert mark_text(Freshness("waiting"), ts, "id", tz) == ["Menunggu data pertama"]


# -- arrangement ---------------------------------------------------------------------------

def test_arrangement_of_the_production_screens():
    cfg = wall_config()
    lay = arrange(cfg.screen("layanan").tiles)
    assert (lay.band, lay.main, lay.side, lay.main_row) == ([0, 1, 2], [3, 4], [5], True)
    pem = arrange(cfg.screen("pembangunan").tiles)
    assert (pem.band, pem.main, pem.side) == ([], [0, 1], [2, 3])
    med = arrange(cfg.screen("media").tiles)
    assert (med.band, med.main, med.side) == ([], [0], [1, 2])
    only = arrange([Tile(view="headlines")])
    assert (only.main, only.side) == ([0], [])


# -- figures -------------------------------------------------------------------------------

def test_trend_has_one_line_per_label_value():
    cfg = wall_config()
    metric = cfg.metric("service_up")
    frame = pd.DataFrame({"ts": [NOW, NOW + 900, NOW, NOW + 900],
                          "group": ["a", "a", "b", "b"], "value": [1.0, 0.5, 1.0, 1.0]})
    fig = wall_trend(frame, metric, "id", "Asia/Makassar", "dark", names={"a": "Portal"})
    assert [t.name for t in fig.data] == ["Portal", "b"]
    assert fig.layout.separators == ",." and fig.layout.showlegend
    area = wall_trend(frame[frame.group == "a"], metric, "en", "Asia/Makassar", "light",
                      area=True)
    assert area.data[0].fill == "tozeroy" and not area.layout.showlegend


def test_ticks_fall_on_round_local_times():
    tz = "Asia/Makassar"
    day = 1_795_000_000 - 1_795_000_000 % 86400 - 8 * 3600  # local midnight
    hours = tick_positions(day + 1234, day + 86400, tz, 6)
    assert all((t + 8 * 3600) % 3600 == 0 for t in hours) and len(hours) <= 6
    days = tick_positions(day + 500, day + 30 * 86400, tz, 6)
    assert all((t + 8 * 3600) % 86400 == 0 for t in days) and len(days) <= 6


def test_bars_are_sorted_with_values_written():
    cfg = wall_config()
    metric = cfg.metric("lapor_complaints_received_count")
    frame = pd.DataFrame({"group": ["52.01", "52.71", "52.02"], "value": [5.0, 1234.0, 50.0]})
    fig = wall_bars(frame, metric, "id", "dark", names={"52.71": "Kota Mataram"})
    bar = fig.data[0]
    assert list(bar.y) == ["52.01", "52.02", "Kota Mataram"]  # largest drawn on top
    assert list(bar.text) == ["5", "50", "1.234"]


def test_map_fills_every_region_and_keeps_labels_apart():
    cfg = wall_config()
    metric = cfg.metric("ipm_score")
    gj = load_geojson()
    frame = pd.DataFrame({"group": ["52.71", "52.01", "52.72"], "value": [81.6, 72.7, 78.9]})
    fig = wall_map(frame, metric, "id", gj, "dark")
    assert len(fig.data) == 10 and all(t.fill == "toself" for t in fig.data)
    colours = {t.name: t.fillcolor for t in fig.data}
    assert colours["52.71"] != colours["52.01"]
    assert colours["52.02"] == "#2a3447"  # no data: the theme's grey
    texts = [a.text for a in fig.layout.annotations]
    assert "<b>Kota Mataram</b><br>81,6" in texts and "Lombok Tengah" in texts
    assert len(texts) == 10 and any(a.showarrow for a in fig.layout.annotations)
    # labels that would cover one another move apart; the first (largest region) stays put
    placed = place_labels([(100, 100, "<b>A</b><br>1"), (105, 102, "<b>B</b><br>2"),
                           (98, 99, "<b>C</b><br>3")], (800, 300))
    boxes = [_box(100 + dx, 100 + dy, "<b>A</b><br>1") for dx, dy in placed]
    assert placed[0] == (0.0, 0.0)
    assert all(_overlap(a, b, pad=0) == 0 for i, a in enumerate(boxes) for b in boxes[i + 1:])


# -- tiles ---------------------------------------------------------------------------------

def test_feed_text_becomes_text_children_and_only_http_links():
    from pantau.dashboard.wall.freshness import Freshness

    cfg = wall_config()
    tile = Tile(view="headlines")
    data = TileData(view="headlines", last_ts=NOW, items=[
        {"title": "<script>alert(1)</script>Banjir", "outlet": "<b>X</b>", "url": None,
         "ts": NOW},
        {"title": "Aman", "outlet": "Y", "url": "https://y.example.id/a", "ts": NOW}])
    view = render(cfg, tile, data, Freshness("fresh", NOW), NOW, "id", "Asia/Makassar", "dark")
    raw = as_json(view.body)
    assert "<script>alert(1)</script>Banjir" in texts(view.body)
    assert '"type": "A"' in raw and raw.count('"type": "A"') == 1  # the unsafe one is a Span
    assert "dangerously" not in raw.lower()


def test_empty_store_gives_calm_tiles(sqlite_store):
    ctx = _ctx(sqlite_store)
    for screen in ctx.config.screens:
        for tile in screen.tiles:
            view, hashes = tile_view(ctx, tile, "id", "dark", NOW)
            assert "is-empty" in view.class_name, (tile, view.class_name)
            assert "is-delayed" not in view.class_name  # an empty store is not a failing one
            words = texts(view.body) + texts(view.fresh)
            assert words.count("Belum ada data") == 1 and "Menunggu data pertama" in words
            assert all(h is not None for h in hashes[:3])  # class, mark and body are set


def test_tile_data_on_both_backends(store):
    now = int(time.time())
    seed(store, now, days=10)
    ctx = create_app(wall_config(), store, clock=lambda: now).ctx
    kpi = tile_data(ctx, Tile(view="kpi", metric="lapor_complaints_received_count",
                              period=7 * 86400), now)
    assert kpi.value and kpi.value > 0 and kpi.previous is not None and not kpi.anchored
    line = tile_data(ctx, Tile(view="line", metric="service_up", period=86400, by="service"),
                     now)
    assert set(line.frame["group"]) == {"portal_ntbprov", "ppid_ntb", "satudata_ntb"}
    assert line.frame.groupby("group").size().max() <= 97
    bars = tile_data(ctx, Tile(view="bar", metric="lapor_complaints_received_count",
                               period=30 * 86400, by="region"), now)
    assert len(bars.frame) == 10 and bars.frame["value"].is_monotonic_decreasing
    ipm = tile_data(ctx, Tile(view="kpi", metric="ipm_score", period=400 * 86400), now)
    assert ipm.anchored and ipm.value == pytest.approx(73.6, abs=0.5)  # the last good value
    topics = tile_data(ctx, Tile(view="topics", period=7 * 86400), now)
    assert {i["topic"] for i in topics.items} >= {"spbe", "bencana"}
    heads = tile_data(ctx, Tile(view="headlines", limit=5), now)
    assert len(heads.items) == 5 and all(i["url"].startswith("https://") for i in heads.items)
