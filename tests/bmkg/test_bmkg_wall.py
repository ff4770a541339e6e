"""BMKG on the wall: the gempa tile (the newest quake's magnitude, place, distance from the
centre of the site's area, time in the site's zone, tsunami potential; a warning in red; the
recent quakes mapped) and the cuaca tile (today's forecast per kabupaten/kota), BMKG credited,
drawn from data the ``bmkg`` kind collected from the fixtures through the runner. In Chromium
at 1920x1080 and 3840x2160, screenshots in test-artifacts/."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime

import pytest
from bmkg_helpers import bmkg_config, doc, fixture, open_wall
from pantau.collectors.runner import Runner
from pantau.dashboard.app import create_app
from pantau.dashboard.cache import Cache
from pantau.dashboard.wall.refresh import tile_answers

NOW = int(datetime(2026, 11, 30, 7, 0, tzinfo=UTC).timestamp())  # 15:00 WITA
SCREEN = {"id": "bmkg", "title": {"id": "Gempa dan Cuaca BMKG", "en": "BMKG"},
          "tiles": [{"view": "gempa", "period": "7d"}, {"view": "cuaca"}]}


def _texts(component) -> list[str]:
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        return [t for c in component for t in _texts(c)]
    children = getattr(component, "children", None)
    return _texts(children) if children is not None else []


def _collected(store, httpserver, autogempa: bytes | None = None):
    """The four BMKG sources collected once from the fixtures; the config with the screen."""
    for feed in ("autogempa", "gempaterkini", "gempadirasakan"):
        body = autogempa if feed == "autogempa" and autogempa else fixture(f"{feed}.json")
        httpserver.expect_request(f"/TEWS/{feed}.json").respond_with_data(body)
    for code in ("52.71.01.1004", "52.01.01.2002"):
        httpserver.expect_request("/cuaca", query_string=f"adm4={code}").respond_with_data(
            fixture(f"cuaca-{code}.json"))
    sources = [{"id": f"bmkg_{f}", "kind": "bmkg", "every": "5m",
                "options": {"feed": f, "url": httpserver.url_for(f"/TEWS/{f}.json")}}
               for f in ("gempaterkini", "gempadirasakan", "autogempa")]
    sources.append({"id": "bmkg_cuaca", "kind": "bmkg", "every": "3h", "options": {
        "feed": "cuaca", "adm4": ["52.71.01.1004", "52.01.01.2002"],
        "url": httpserver.url_for("/cuaca") + "?adm4={adm4}"}})
    cfg = bmkg_config(sources, screens=[SCREEN],
                      wall={"playlist": ["bmkg"], "rotate": "600s", "refresh": "2s"},
                      web={"min_refresh": "1s"})
    cfg = cfg.model_copy(update={"site": cfg.site.model_copy(update={"name": "Command Center "
                                                                              "NTB"})})
    runner = Runner.from_config(cfg, store, clock=lambda: NOW)
    for s in cfg.sources:
        assert runner.run(s).status == "up", s.id
    runner.close()
    return cfg


def _answers(cfg, store, lang="id"):
    ctx = create_app(cfg, store, clock=lambda: NOW, cache=Cache()).ctx
    return tile_answers(ctx, ["bmkg:0", "bmkg:1"], lang, "dark", NOW, {})


def _km(lat1, lon1, lat2, lon2):
    """Spherical law of cosines: an independent check of data.reference.geo's haversine."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    return 6371.0088 * math.acos(math.sin(p1) * math.sin(p2) +
                                 math.cos(p1) * math.cos(p2) * math.cos(dl))


def test_gempa_tile_says_what_happened_where_and_when(sqlite_store, httpserver):
    from pantau.data.reference.geo import area_centre

    cfg = _collected(sqlite_store, httpserver)
    view, _ = _answers(cfg, sqlite_store)["bmkg:0"]
    words = _texts(view.body)
    assert "5,2" in words and "M" in words
    assert "Pusat gempa berada di darat 12 km BaratLaut Lombok Timur" in words
    assert "14:05 WITA" in words  # 06:05:12 UTC in the site's zone (13:05 WIB in BMKG's text)
    lon, lat = area_centre("52")
    km = round(_km(-8.45, 116.20, lat, lon))
    assert f"{km} km dari pusat Nusa Tenggara Barat" in words, words
    assert "kedalaman 10 km" in words
    assert "Tidak berpotensi tsunami" in words
    assert "Dirasakan: IV Lombok Timur, III Mataram, II - III Lombok Utara" in words
    assert "wall-status-crit" not in view.class_name and "is-live" in view.class_name
    # the map: the site's regions, the older quakes near it, the newest in red,
    # the far ones counted outside
    fig = view.figure
    markers = [d for d in fig["data"] if d.get("mode") == "markers"]
    assert len(markers) == 2 and len(markers[1]["x"]) == 1
    assert markers[1]["x"] == [116.2] and markers[1]["marker"]["color"] == "#ff5a5f"
    assert len(markers[0]["x"]) == 3  # M5.6 at -9.85, M3.4, M4.1; Maluku, Poso, M7.1 outside
    notes = [a["text"] for a in fig["layout"]["annotations"]]
    assert "<b>M 5,2</b>" in notes and "3 di luar peta" in notes
    assert "7 gempa dalam 7 hari terakhir" in notes


def test_tsunami_warning_in_red(sqlite_store, httpserver):
    d = doc("autogempa.json")
    d["Infogempa"]["gempa"].update({"DateTime": "2026-11-30T06:40:00+00:00",
                                    "Jam": "13:40:00 WIB", "Magnitude": "7.4",
                                    "Potensi": "Berpotensi tsunami, untuk diteruskan pada "
                                               "masyarakat"})
    cfg = _collected(sqlite_store, httpserver, json.dumps(d).encode())
    view, _ = _answers(cfg, sqlite_store)["bmkg:0"]
    assert "wall-status-crit" in view.class_name
    assert "Berpotensi tsunami, untuk diteruskan pada masyarakat" in _texts(view.body)
    assert "wall-quake-tsunami--warn" in json.dumps(view.body.to_plotly_json(),
                                                    default=lambda o: o.to_plotly_json())


@pytest.mark.browser
def test_tsunami_warning_in_chromium(browser, live_app, sqlite_store, httpserver, artifacts):
    d = doc("autogempa.json")
    d["Infogempa"]["gempa"].update({"DateTime": "2026-11-30T06:40:00+00:00",
                                    "Magnitude": "7.4", "Potensi": "Berpotensi tsunami, untuk "
                                    "diteruskan pada masyarakat"})
    cfg = _collected(sqlite_store, httpserver, json.dumps(d).encode())
    base = live_app(cfg, sqlite_store, clock=lambda: NOW)
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = ctx.new_page()
    try:
        open_wall(page, f"{base}/wall?playlist=bmkg&rotate=600", timeout=90000)
        page.wait_for_timeout(800)
        page.screenshot(path=str(artifacts / "wall-bmkg-tsunami-1920x1080.png"))
        warn = page.locator(".wall-screen.is-active .wall-quake-tsunami--warn")
        assert warn.inner_text() == "BERPOTENSI TSUNAMI, UNTUK DITERUSKAN PADA MASYARAKAT"
        colour = page.evaluate("getComputedStyle(document.querySelector("
                               "'.wall-quake-tsunami--warn')).backgroundColor")
        assert colour == "rgb(255, 90, 95)"  # the wall's crit red (dark theme)
        assert "14:40 WITA" in page.inner_text(".wall-screen.is-active")
    finally:
        ctx.close()


def test_cuaca_tile_today_per_kabupaten(sqlite_store, httpserver):
    cfg = _collected(sqlite_store, httpserver)
    view, _ = _answers(cfg, sqlite_store)["bmkg:1"]
    words = _texts(view.body)
    assert words[:4] == ["", "", "hujan maks.", "suhu maks."]
    # Lombok Barat first (52.01): its warnings first, in BMKG's words (two words a row)
    assert words[4:9] == ["Lombok Barat", "Hujan Lebat", "Hujan Petir", "12,6 mm", "30 °C"]
    # Kota Mataram: its commonest words (3 slots Berawan; then 1 each, by name)
    assert words[9:14] == ["Kota Mataram", "Berawan", "Cerah Berawan", "4,2 mm", "32 °C"]
    rows = view.body.children[1:]
    assert "is-warn" in rows[0].className and "is-warn" not in rows[1].className


def test_credit_and_english(sqlite_store, httpserver):
    from pantau.dashboard.wall.tiles import subtitle

    cfg = _collected(sqlite_store, httpserver)
    assert subtitle(cfg, cfg.screens[0].tiles[0], "id") == "7 hari terakhir · Sumber: BMKG"
    assert subtitle(cfg, cfg.screens[0].tiles[1], "id") == "per kabupaten/kota · Sumber: BMKG"
    view, _ = _answers(cfg, sqlite_store, "en")["bmkg:0"]
    assert "depth 10 km" in _texts(view.body)
    assert any(w.endswith("km from the centre of Nusa Tenggara Barat")
               for w in _texts(view.body))


def test_empty_store_is_calm(sqlite_store):
    cfg = bmkg_config([], screens=[SCREEN], wall={"playlist": ["bmkg"]})
    out = _answers(cfg, sqlite_store)
    for key in ("bmkg:0", "bmkg:1"):
        view, _ = out[key]
        assert "is-empty" in view.class_name and view.figure is None


@pytest.mark.browser
def test_wall_in_chromium_at_1080p_and_4k(browser, live_app, sqlite_store, httpserver, artifacts):
    cfg = _collected(sqlite_store, httpserver)
    base = live_app(cfg, sqlite_store, clock=lambda: NOW)
    for width, height in ((1920, 1080), (3840, 2160)):
        ctx = browser.new_context(viewport={"width": width, "height": height})
        page = ctx.new_page()
        errors = []
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        try:
            open_wall(page, f"{base}/wall?playlist=bmkg&rotate=600", timeout=90000)
            page.wait_for_timeout(800)
            page.screenshot(path=str(artifacts / f"wall-bmkg-{width}x{height}.png"))
            text = page.inner_text(".wall-screen.is-active")
            assert text.count("Sumber: BMKG") == 2
            assert "14:05 WITA" in text and "Tidak berpotensi tsunami" in text
            assert "Lombok Barat" in text and "Kota Mataram" in text
            boxes = page.evaluate("""() => [...document.querySelectorAll(
                '.wall-screen.is-active .wall-tile')].map(t => {
                  const r = t.getBoundingClientRect();
                  const inner = [...t.querySelectorAll('.wall-quake-place, .wall-quake-meta,'
                    + ' .wall-quake-tsunami, .wall-weather-row, .wall-fresh')];
                  return {w: r.width, h: r.height, out: inner.filter(e => {
                    const b = e.getBoundingClientRect();
                    return b.bottom > r.bottom + 1 || b.right > r.right + 1; }).length,
                    svg: !!t.querySelector('.main-svg')}; })""")
            assert len(boxes) == 2, boxes
            assert all(b["out"] == 0 for b in boxes), boxes
            assert boxes[0]["svg"], boxes  # the quake map is drawn
            scale = width / 1920
            assert boxes[0]["w"] > 1000 * scale and boxes[1]["w"] > 600 * scale, boxes
            assert errors == []
        finally:
            ctx.close()
