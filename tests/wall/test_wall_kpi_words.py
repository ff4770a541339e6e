"""Issue 17, item 10 on the wall: a KPI's status reads in the one vocabulary of the text
catalogue (``kpi.status.*``: Baik / Waspada / Kritis, as on ``/``), and a KPI's target is shown
in Indonesian as in English, whole, however narrow the tile or long its title."""

from __future__ import annotations

import pytest
from pantau.dashboard.i18n import catalogue
from wall_seed import open_wall, wall_raw

KPI_SCREEN = {"id": "kpi", "title": {"id": "Kinerja", "en": "Performance"}, "tiles": [
    {"metric": "lapor_complaints_received_count", "view": "kpi", "period": "7d",
     "title": {"id": "Aduan LAPOR! yang masuk dari seluruh kabupaten/kota",
               "en": "LAPOR! complaints received from every regency and city"}},
    {"metric": "lapor_complaints_resolved_ratio", "view": "kpi", "period": "30d"},
    {"metric": "service_up", "view": "kpi", "period": "24h"},
    {"view": "headlines", "limit": 6},
    {"metric": "service_up", "view": "line", "period": "24h", "by": "service"},
]}

TILES = """() => [...document.querySelectorAll('.wall-screen.is-active .wall-tile--kpi')].map(
  t => {
    const sub = t.querySelector('.wall-tile-sub'), pill = t.querySelector('.wall-kpi-status');
    const box = sub.getBoundingClientRect(), tile = t.getBoundingClientRect();
    return {sub: sub.textContent, cut: sub.scrollWidth > sub.clientWidth + 1,
            inside: box.bottom <= tile.bottom && box.height > 0,
            status: pill ? pill.textContent : null};
  })"""


def test_one_status_vocabulary_in_the_catalogue():
    keys = set(catalogue())
    assert {"kpi.status.ok", "kpi.status.warn", "kpi.status.crit"} <= keys
    assert not [k for k in keys if k.startswith(("wall.status.", "overview.status."))]


@pytest.mark.browser
@pytest.mark.parametrize("lang,words,target", [
    ("id", {"Baik", "Waspada", "Kritis"}, "Target"), ("en", {"On track", "Warning", "Critical"},
                                                      "Target")])
def test_kpi_tiles_say_status_and_target(browser, live_app, ntb_history, artifacts, lang, words,
                                         target):
    from pantau.data.config import parse_config
    from wall_seed import KINDS

    raw = wall_raw(wall={"playlist": ["kpi"], "rotate": "600s", "refresh": "2s"})
    raw["screens"] = [*raw["screens"], KPI_SCREEN]
    base = live_app(parse_config(raw, kinds=KINDS, env={}), ntb_history)
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = ctx.new_page()
    try:
        open_wall(page, f"{base}/wall?playlist=kpi&rotate=600&lang={lang}")
        page.wait_for_timeout(700)
        page.screenshot(path=str(artifacts / f"wall-kpi-words-{lang}.png"))
        tiles = page.evaluate(TILES)
        assert len(tiles) == 3, tiles
        for tile in tiles:
            assert f"{target} " in tile["sub"], tile    # every one of them has a target
            assert not tile["cut"] and tile["inside"], tile
            assert tile["status"] in words, tile
        assert "Normal" not in page.inner_text(".wall-screen.is-active")
    finally:
        ctx.close()
