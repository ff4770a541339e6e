"""The wall's ``spbe`` tile in Chromium at 1920x1080 and 3840x2160, on the demo's SPBE
history beside the production screens: every kabupaten/kota of the latest year with the index
and predikat ``pantau.data.spbe`` computes (Indonesian decimals), the province's headline, no
scrollbar, no overlay, nothing cut off. Screenshots in test-artifacts/ (look at them)."""

from __future__ import annotations

import time

import pytest
from pantau.data.spbe_answers import book
from pantau.demo.spbe import write_spbe
from wall_seed import open_wall, production_raw

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OVERLAY = "[class*='dash-fe-error'], .dash-error-card, #_dash-global-error-container *"
CUT = """() => [...document.querySelectorAll('.wall-spbe-row, .wall-spbe-foot')]
  .filter(el => { const r = el.getBoundingClientRect(),
                        p = el.closest('.wall-tile').getBoundingClientRect();
                  return r.bottom > p.bottom + 1 || r.right > p.right + 1; })
  .map(el => el.innerText)"""
OVERFLOW = """() => [...document.querySelectorAll('.wall-spbe-name, .wall-spbe-value')]
  .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.innerText)"""


def test_spbe_tile_at_1080p_and_4k(page, wall_url, ntb_history, artifacts):
    write_spbe(ntb_history, "52", 7, int(time.time()))
    screens = production_raw()["screens"] + [
        {"id": "spbe", "title": {"id": "Evaluasi SPBE", "en": "SPBE"},
         "tiles": [{"view": "spbe"}, {"view": "topics", "period": "7d"}]}]
    base = wall_url(screens=screens, wall={"playlist": ["spbe"], "rotate": "10m",
                                           "refresh": "15s"})
    b = book(ntb_history, "52")
    ranks = b.ranking(2024)
    for width, height in ((1920, 1080), (3840, 2160)):
        page.set_viewport_size({"width": width, "height": height})
        open_wall(page, f"{base}/wall?playlist=spbe&rotate=600", timeout=60000)
        page.wait_for_selector(".wall-tile--spbe.is-live .wall-spbe-row", timeout=60000)
        page.wait_for_timeout(800)
        page.screenshot(path=str(artifacts / f"wall-spbe-{width}x{height}.png"))
        rows = page.locator(".wall-tile--spbe .wall-spbe-row")
        assert rows.count() == 10
        for i, r in enumerate(ranks):
            row = rows.nth(i)
            assert row.get_attribute("data-region") == r.region
            value = f"{round(r.index + 1e-9, 2):.2f}".replace(".", ",")
            assert row.locator(".wall-spbe-value").inner_text() == value
            assert row.locator(".spbe-chip").inner_text() == r.predikat
        foot = page.locator(".wall-tile--spbe .wall-spbe-foot").inner_text()
        assert "Provinsi Nusa Tenggara Barat" in foot and "7 dari 10" in foot
        assert "Evaluasi 2024" in page.locator(".wall-tile--spbe").inner_text()
        assert page.evaluate(CUT) == [] and page.evaluate(OVERFLOW) == []
        assert page.locator(OVERLAY).count() == 0
    assert page.errors == []
