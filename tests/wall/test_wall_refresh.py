"""The refresh answer: ten screens cost one query, figures are resent only when their data
changes, store errors keep what is shown, failing sources mark their tiles, the page is frames
that the first refresh fills."""

from __future__ import annotations

import time

import dash
from pantau.dashboard.app import create_app
from pantau.dashboard.cache import Cache
from pantau.dashboard.pages import wall as wall_page
from pantau.dashboard.wall.refresh import tile_answers
from sqlalchemy import create_engine, event
from wall_seed import as_json, fail_source, runs_ok, texts, wall_config


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


def test_ten_screens_asking_the_same_thing_cost_one_query(ntb_history):
    now = [time.time() // 10 * 10 + 0.1]  # the start of a 10 s (min_refresh) window
    app = create_app(wall_config(web={"min_refresh": "10s"}), ntb_history, clock=lambda: now[0],
                     cache=Cache())
    ctx = app.ctx
    out = _outputs(ctx, ["layanan", "media"])
    queries = _count_queries(ntb_history)
    first = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, {})
    assert queries, "the first screen must ask the store"
    asked = len(queries)
    for _ in range(9):  # nine more screens, within the same min_refresh window
        now[0] += 0.5
        again = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, {})
    assert len(queries) == asked
    assert as_json(again[:4]) == as_json(first[:4])
    # a screen that already shows this answer is sent nothing for its tiles
    known = first[4]
    same = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, known)
    assert all(v is dash.no_update for part in same[:4] for v in part)
    assert len(queries) == asked
    # the next window asks again
    now[0] += 10
    wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, known)
    assert len(queries) > asked


def test_a_figure_is_sent_again_only_when_its_data_changes(ntb_history):
    now = [time.time()]
    ctx = create_app(wall_config(web={"min_refresh": "10s"}), ntb_history, clock=lambda: now[0],
                     cache=Cache()).ctx
    out = _outputs(ctx, ["pembangunan"])
    first = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, {})
    assert all(isinstance(f, dict) for f in first[3])
    now[0] += 70  # the sources ran again: every mark moves on, the maps' data does not
    runs_ok(ntb_history, now[0])
    second = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, first[4])
    graphs = [o["id"]["index"] for o in out[3]]
    maps = [i for i, key in enumerate(graphs) if key in ("pembangunan:0", "pembangunan:1")]
    assert len(maps) == 2 and all(second[3][i] is dash.no_update for i in maps)
    assert all(f is not dash.no_update for f in second[1])  # "Diperbarui" with the new time


def test_store_errors_keep_the_last_good_value(ntb_history):
    now = time.time()
    app = create_app(wall_config(), ntb_history, clock=lambda: now, cache=Cache())
    ctx = app.ctx
    out = _outputs(ctx, ["layanan"])
    good = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, {})
    assert all("is-live" in c for c in good[0])
    ctx.cache.clear()
    broken = create_engine("sqlite:////nonexistent/dir/pantau.db")
    ntb_history.reader, kept = broken, ntb_history.reader
    try:
        bad = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, good[4])
    finally:
        ntb_history.reader = kept
    classes, fresh, bodies, figures, _hashes, strip, strip_cls, ticker = bad
    assert all("is-delayed" in c for c in classes)
    assert all("DATA TERTUNDA" in texts(f) for f in fresh)
    assert all(b is dash.no_update for b in bodies)  # what was shown stays
    assert all(f is dash.no_update for f in figures)
    assert strip is dash.no_update and ticker is dash.no_update
    # the store answers again: the tiles come back by themselves
    ctx.cache.clear()
    again = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, bad[4])
    assert all("is-live" in c for c in again[0])


def test_a_failed_source_marks_its_tiles_and_the_strip(ntb_history):
    ctx = create_app(wall_config(), ntb_history, cache=Cache()).ctx
    fail_source(ntb_history, "lapor_ntb")
    out = _outputs(ctx, ["layanan"])
    res = wall_page.refresh_outputs(ctx, out, {"lang": "id", "theme": "dark"}, {})
    by_key = dict(zip([o["id"]["index"] for o in out[0]], res[0], strict=True))
    assert "is-delayed" in by_key["layanan:0"] and "is-delayed" in by_key["layanan:4"]
    assert "is-live" in by_key["layanan:2"] and "is-live" in by_key["layanan:5"]
    assert res[5] == "Sumber data mati: lapor_ntb" and "is-shown" in res[6]
    runs_ok(ntb_history, sources=["lapor_ntb"])
    ctx.cache.clear()
    answers = tile_answers(ctx, ["layanan:0", "nope:1", "layanan:99"], "id", "dark",
                           time.time(), {})
    assert "is-live" in answers["layanan:0"][0].class_name
    assert set(answers) == {"layanan:0"}  # keys of a stale page that name no tile: ignored


def test_layout_is_frames_and_the_first_refresh_fills_them(ntb_history):
    ctx = create_app(wall_config(site={"name": "CC NTB", "timezone": "Asia/Makassar",
                                       "region": "52", "demo": True}), ntb_history,
                     cache=Cache()).ctx
    queries = _count_queries(ntb_history)
    layout = wall_page.layout(ctx, "id", {"playlist": "layanan", "theme": "light"}, "/wall")
    raw = as_json(layout)
    assert "wall wall--light" in raw and "DEMO" in raw and '"data-zone": "WITA"' in raw
    assert raw.count("is-loading") == 6 and "Memuat" in raw  # calm frames, never blank
    assert '"data-refresh": "2"' in raw  # wall.refresh 2 s (min_refresh 1 s)
    assert len(queries) <= 8  # the ticker and the health of the sources, no tile queries
    first = wall_page.refresh_outputs(ctx, _outputs(ctx, ["layanan"]),
                                      {"lang": "id", "theme": "light"}, {})
    assert all("is-live" in c for c in first[0])
    assert all(texts(f)[0].startswith("Diperbarui ") for f in first[1])


def test_a_screen_without_tiles_or_no_screens_at_all_is_calm(sqlite_store):
    ctx = create_app(wall_config(screens=[{"id": "kosong", "title": "Kosong", "tiles": []}],
                                 wall={"playlist": ["kosong"]}), sqlite_store).ctx
    assert "Belum ada data" in as_json(wall_page.layout(ctx, "id", {}, "/wall"))
    ctx = create_app(wall_config(screens=[], wall={}), sqlite_store).ctx
    assert "Belum ada layar" in as_json(wall_page.layout(ctx, "id", {}, "/wall"))


def test_the_down_strip_names_sources_by_their_titles(ntb_history):
    ctx = create_app(wall_config(), ntb_history, cache=Cache()).ctx
    fail_source(ntb_history, "ppid_ntb")
    fail_source(ntb_history, "lapor_ntb")
    out = _outputs(ctx, ["layanan"])
    for lang, want in (("id", "Sumber data mati: lapor_ntb, PPID NTB"),
                       ("en", "Sources down: lapor_ntb, NTB information desk")):
        ctx.cache.clear()
        res = wall_page.refresh_outputs(ctx, out, {"lang": lang, "theme": "dark"}, {})
        assert res[5] == want  # a source without a title in config keeps its id
