"""``/spbe`` and the SPBE card on ``/`` in real Chromium, on the demo's SPBE history: the
numbers on screen are ``pantau.data.spbe``'s, written the Indonesian way (3,52); a click on
the map chooses the region; no overlay, nothing past the right edge at 390x844. Screenshots
in test-artifacts/ (look at them)."""

from __future__ import annotations

import time

import pytest
from pantau.data import spbe
from pantau.data.spbe_answers import book
from pantau.demo.spbe import write_spbe
from support.config import config_from

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OVERLAY = "[class*='dash-fe-error'], .dash-error-card, #_dash-global-error-container *"


def raw() -> dict:
    return {"site": {"name": "Command Center NTB", "timezone": "Asia/Makassar", "region": "52",
                     "demo": True},
            "metrics": [{"name": "lapor_count", "title": "Aduan", "agg": "sum"}],
            "screens": [{"id": "spbe", "title": {"id": "Evaluasi SPBE", "en": "SPBE"},
                         "tiles": [{"view": "spbe"}]}]}


@pytest.fixture
def base(sqlite_store, live_app):
    write_spbe(sqlite_store, "52", 7, int(time.time()))
    return live_app(config_from(raw()), sqlite_store)


def _num(v: float) -> str:
    return f"{spbe.published(v):.2f}".replace(".", ",")


def test_spbe_page_desktop(base, page, sqlite_store, artifacts):
    b = book(sqlite_store, "52")
    ranks = b.ranking(2024)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(base + "/spbe")
    page.wait_for_selector("#spbe-map .main-svg", timeout=60000)
    page.wait_for_selector("#spbe-breakdown .main-svg", timeout=60000)
    page.wait_for_selector("#spbe-trend .main-svg", timeout=60000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "spbe-1920x1080.png"), full_page=True)
    assert page.locator(OVERLAY).count() == 0 and page.errors == []
    # the demo says so
    assert "rekaan" in page.locator("#spbe-demo").inner_text()
    # the ranking: every kabupaten/kota of 2024, best first, values as data.spbe computes
    rows = page.locator("#spbe-table tbody tr")
    assert rows.count() == 10
    for i, r in enumerate(ranks):
        cells = rows.nth(i).locator("td").all_inner_texts()
        assert rows.nth(i).get_attribute("data-region") == r.region
        assert cells[2] == _num(r.index) and cells[3] == r.predikat, (i, cells)
    # the province's own evaluation heads the page, with its predikat
    head = b.headline(2024, "52")
    assert _num(head.index) in page.locator("#spbe-sum-headline").inner_text()
    # the detail is the lowest region's by default; its weakest indicators start at its
    # lowest level
    low = ranks[-1].region
    ev = b.get(2024, low)
    first = page.locator("#spbe-weakest li").first.inner_text()
    assert f"Tingkat {min(ev.scores.values())}" in first
    # a published year: 2023's Kota Mataram equals the published 3,47 and says "diumumkan"
    page.select_option("#spbe-year", "2023")
    page.wait_for_function("() => document.querySelector('#spbe-table tbody tr')"
                           " && location.search.includes('year=2023')", timeout=30000)
    mataram = page.locator("#spbe-table tr[data-region='52.71'] td").all_inner_texts()
    assert mataram[2] == "3,47" and mataram[-1] == "diumumkan", mataram
    bima = page.locator("#spbe-table tr[data-region='52.72'] td").all_inner_texts()
    assert bima[-1] == "rekaan"
    # a click on a region of the map chooses it (Plotly's clickData -> the region select)
    before = page.evaluate("location.search")
    shapes = page.locator("#spbe-map path.choroplethlocation")
    assert shapes.count() == 10
    shapes.nth(3).click(force=True)
    page.wait_for_function(f"() => location.search !== {before!r}", timeout=30000)
    clicked = page.evaluate("new URLSearchParams(location.search).get('region')")
    assert clicked != ranks[-1].region and clicked in {r.region for r in ranks}
    assert page.locator("#spbe-table tr.is-selected").get_attribute("data-region") == clicked
    # and the select does the same
    page.select_option("#spbe-region", "52.71")
    page.wait_for_function("() => document.getElementById('spbe-detail-title')"
                           ".innerText.includes('Kota Mataram')", timeout=30000)
    page.wait_for_selector("#spbe-breakdown .main-svg", timeout=30000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "spbe-1920x1080-mataram-2023.png"), full_page=True)
    assert "region=52.71" in page.evaluate("location.search")
    assert page.locator(OVERLAY).count() == 0 and page.errors == []


def test_spbe_page_phone_and_overview_card(base, browser, sqlite_store, artifacts):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                              has_touch=True)
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "/spbe?year=2024&region=52.05")
    page.wait_for_selector("#spbe-breakdown .main-svg", timeout=60000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "spbe-390x844.png"), full_page=True)
    page.locator("#spbe-breakdown").screenshot(path=str(artifacts /
                                                       "spbe-390x844-breakdown.png"))
    page.screenshot(path=str(artifacts / "spbe-390x844-top.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert "Dompu" in page.locator("#spbe-detail-title").inner_text()
    # the card on /
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(base + "/")
    page.wait_for_selector("[data-metric='spbe'] .kpi-value", timeout=60000)
    page.screenshot(path=str(artifacts / "spbe-overview-card.png"))
    head = book(sqlite_store, "52").headline(2024, "52")
    text = page.locator("[data-metric='spbe']").inner_text()
    assert _num(head.index) in text and head.predikat in text
    assert f"{head.reached} dari {head.counted} kabupaten/kota" in text
    page.locator("[data-metric='spbe'] a").click()
    page.wait_for_selector("#spbe-table", timeout=30000)
    assert errors == []
    ctx.close()
