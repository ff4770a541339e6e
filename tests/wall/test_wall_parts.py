"""The wall's parts without a browser: URL parameters, freshness, arrangement, figures, tile
rendering, the shared cache and what happens when the store fails."""

from __future__ import annotations

import json
import time

import dash
import pandas as pd
import plotly.utils
import pytest
from sqlalchemy import create_engine, event
from wall_seed import fail_source, runs_ok, seed, wall_config

from dashboard.app import create_app
from dashboard.cache import Cache
from dashboard.figures.wall_bars import wall_bars
from dashboard.figures.wall_map import _box, _overlap, place_labels, wall_map
from dashboard.figures.wall_style import tick_times
from dashboard.figures.wall_trend import wall_trend
from dashboard.pages import wall as wall_page
from dashboard.wall import params as wall_params
from dashboard.wall.arrange import arrange
from dashboard.wall.freshness import freshness, mark_text, tile_sources
from dashboard.wall.refresh import tile_answers, tile_view
from dashboard.wall.tiledata import TileData, tile_data
from dashboard.wall.tiles import render
from data.config_models import Tile
from data.reference import load_geojson

NOW = 1_795_000_000


def _json(x) -> str:
    return json.dumps(x, cls=plotly.utils.PlotlyJSONEncoder)


def _texts(component) -> list[str]:
    """Every string child in a Dash component tree."""
    out = []
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        for c in component:
            out += _texts(c)
        return out
    children = getattr(component, "children", None)
    return _texts(children) if children is not None else out


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
    from dashboard.wall.freshness import Freshness

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
    hours = tick_times(day + 1234, day + 86400, tz)
    assert all((t + 8 * 3600) % 3600 == 0 for t in hours) and len(hours) <= 6
    days = tick_times(day + 500, day + 30 * 86400, tz)
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
    from dashboard.wall.freshness import Freshness

    cfg = wall_config()
    tile = Tile(view="headlines")
    data = TileData(view="headlines", last_ts=NOW, items=[
        {"title": "<script>alert(1)</script>Banjir", "outlet": "<b>X</b>", "url": None,
         "ts": NOW},
        {"title": "Aman", "outlet": "Y", "url": "https://y.example.id/a", "ts": NOW}])
    view = render(cfg, tile, data, Freshness("fresh", NOW), NOW, "id", "Asia/Makassar", "dark")
    raw = _json(view.body)
    assert "<script>alert(1)</script>Banjir" in _texts(view.body)
    assert '"type": "A"' in raw and raw.count('"type": "A"') == 1  # the unsafe one is a Span
    assert "dangerously" not in raw.lower()


def test_empty_store_gives_calm_tiles(sqlite_store):
    ctx = _ctx(sqlite_store)
    for screen in ctx.config.screens:
        for tile in screen.tiles:
            view, digest = tile_view(ctx, tile, "id", "dark", NOW)
            assert "is-empty" in view.class_name, (tile, view.class_name)
            texts = _texts(view.body) + _texts(view.fresh)
            assert texts.count("Belum ada data") == 1 and "Menunggu data pertama" in texts
            assert digest != "failed"


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


# -- refresh: cache, floor, store errors ---------------------------------------------------

def _count_queries(store) -> list:
    seen: list = []
    event.listen(store.reader, "before_cursor_execute", lambda *a, **k: seen.append(1))
    return seen


def _outputs(ctx, playlist: list[str]) -> list:
    keys = [f"{s}:{i}" for s in playlist for i in range(len(ctx.config.screen(s).tiles))]
    charts = [k for k in keys if ctx.config.screen(k.split(":")[0]).tiles[
        int(k.split(":")[1])].view in ("line", "area", "bar", "map")]
    return [[{"id": {"type": f"wall-{part}", "index": k}} for k in (charts if part == "graph"
                                                                     else keys)]
            for part in ("tile", "fresh", "body", "graph")]


def test_ten_screens_asking_the_same_thing_cost_one_query(seeded):
    now = [time.time() // 10 * 10 + 0.1]  # the start of a 10 s (min_refresh) window
    app = create_app(wall_config(web={"min_refresh": "10s"}), seeded, clock=lambda: now[0],
                     cache=Cache())
    ctx = app.ctx
    out = _outputs(ctx, ["layanan", "media"])
    queries = _count_queries(seeded)
    first = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, {})
    assert queries, "the first screen must ask the store"
    asked = len(queries)
    for _ in range(9):  # nine more screens, within the same min_refresh window
        now[0] += 0.5
        again = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, {})
    assert len(queries) == asked
    assert _json(again[:4]) == _json(first[:4])
    # a screen that already shows this answer is sent nothing for its tiles
    known = first[4]
    same = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, known)
    assert all(v is dash.no_update for part in same[:4] for v in part)
    assert len(queries) == asked
    # the next window asks again
    now[0] += 10
    wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, known)
    assert len(queries) > asked


def test_a_figure_is_sent_again_only_when_its_data_changes(seeded):
    now = [time.time()]
    ctx = create_app(wall_config(web={"min_refresh": "10s"}), seeded, clock=lambda: now[0],
                     cache=Cache()).ctx
    out = _outputs(ctx, ["pembangunan"])
    first = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, {})
    assert all(isinstance(f, dict) for f in first[3])
    now[0] += 70  # the sources ran again: every mark moves on, the maps' data does not
    runs_ok(seeded, now[0])
    second = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, first[4])
    graphs = [o["id"]["index"] for o in out[3]]
    maps = [i for i, key in enumerate(graphs) if key in ("pembangunan:0", "pembangunan:1")]
    assert len(maps) == 2 and all(second[3][i] is dash.no_update for i in maps)
    assert all(f is not dash.no_update for f in second[1])  # "Diperbarui" with the new time


def test_store_errors_keep_the_last_good_value(seeded):
    now = time.time()
    app = create_app(wall_config(), seeded, clock=lambda: now, cache=Cache())
    ctx = app.ctx
    out = _outputs(ctx, ["layanan"])
    good = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, {})
    assert all("is-live" in c for c in good[0])
    ctx.cache.clear()
    broken = create_engine("sqlite:////nonexistent/dir/pantau.db")
    seeded.reader, kept = broken, seeded.reader
    try:
        bad = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, good[4])
    finally:
        seeded.reader = kept
    classes, fresh, bodies, figures, _hashes, strip, strip_cls, ticker = bad
    assert all("is-delayed" in c for c in classes)
    assert all("DATA TERTUNDA" in _texts(f) for f in fresh)
    assert all(b is dash.no_update for b in bodies)  # what was shown stays
    assert all(f is dash.no_update for f in figures)
    assert strip is dash.no_update and ticker is dash.no_update
    # the store answers again: the tiles come back by themselves
    ctx.cache.clear()
    again = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, bad[4])
    assert all("is-live" in c for c in again[0])


def test_a_failed_source_marks_its_tiles_and_the_strip(seeded):
    ctx = create_app(wall_config(), seeded, cache=Cache()).ctx
    fail_source(seeded, "lapor_ntb")
    out = _outputs(ctx, ["layanan"])
    res = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, {})
    by_key = dict(zip([o["id"]["index"] for o in out[0]], res[0], strict=True))
    assert "is-delayed" in by_key["layanan:0"] and "is-delayed" in by_key["layanan:4"]
    assert "is-live" in by_key["layanan:2"] and "is-live" in by_key["layanan:5"]
    assert res[5] == "Sumber data mati: lapor_ntb" and "is-shown" in res[6]
    runs_ok(seeded, sources=["lapor_ntb"])
    ctx.cache.clear()
    answers = tile_answers(ctx, ["layanan:0", "nope:1", "layanan:99"], "id", "dark",
                           time.time(), {})
    assert "is-live" in answers["layanan:0"][0].class_name
    assert set(answers) == {"layanan:0"}  # keys of a stale page that name no tile: ignored


def test_layout_is_frames_and_the_first_refresh_fills_them(seeded):
    ctx = create_app(wall_config(site={"name": "CC NTB", "timezone": "Asia/Makassar",
                                       "region": "52", "demo": True}), seeded,
                     cache=Cache()).ctx
    queries = _count_queries(seeded)
    layout = wall_page.layout(ctx, "id", {"playlist": "layanan", "theme": "light"}, "/wall")
    raw = _json(layout)
    assert "wall wall--light" in raw and "DEMO" in raw and '"data-zone": "WITA"' in raw
    assert raw.count("is-loading") == 6 and "Memuat" in raw  # calm frames, never blank
    assert '"interval": 2000' in raw  # wall.refresh 2 s (min_refresh 1 s)
    assert len(queries) <= 8  # the ticker and the health of the sources, no tile queries
    first = wall_page.refresh_outputs(ctx, _outputs(ctx, ["layanan"]),
                                      {"lang": "id", "theme": "light"}, {})
    assert all("is-live" in c for c in first[0])
    assert all(_texts(f)[0].startswith("Diperbarui ") for f in first[1])


def test_a_screen_without_tiles_or_no_screens_at_all_is_calm(sqlite_store):
    ctx = create_app(wall_config(screens=[{"id": "kosong", "title": "Kosong", "tiles": []}],
                                 wall={"playlist": ["kosong"]}), sqlite_store).ctx
    assert "Belum ada data" in _json(wall_page.layout(ctx, "id", {}, "/wall"))
    ctx = create_app(wall_config(screens=[], wall={}), sqlite_store).ctx
    assert "Belum ada layar" in _json(wall_page.layout(ctx, "id", {}, "/wall"))
