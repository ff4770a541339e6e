"""/aduan in Chromium: the demo's complaint stream at 1920x1080 and 390x844 (screenshots in
test-artifacts, looked at), and the hand-computed fixture's numbers as the page shows them."""

from __future__ import annotations

import pytest
from aduan_fixtures import config, demo_stream
from pantau.data.complaint_views import page_view
from pantau.data.periods import window
from support.aduan_seed import NOW, seed

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE, DESKTOP = (390, 844), (1920, 1080)
READY = "#aduan-oldest tbody tr"
CHARTS = ("#aduan-backlog .trace", "#aduan-agency .trace", "#aduan-map .choropleth",
          "#aduan-share .scatterlayer .trace")


def open_page(browser, size, url):
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]},
                              has_touch=size == PHONE, is_mobile=size == PHONE)
    page = ctx.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto(url)
    page.wait_for_selector(READY, timeout=60000)
    for sel in CHARTS:
        page.wait_for_selector(sel, state="attached", timeout=60000)
    page.wait_for_timeout(500)
    return ctx, page


@pytest.fixture
def demo(sqlite_store, live_app):
    cfg = config()
    demo_stream(sqlite_store, cfg)
    return cfg, sqlite_store, live_app(cfg, sqlite_store, clock=lambda: NOW)


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1920x1080", "390x844"])
def test_the_page_of_the_demo_stream(demo, browser, artifacts, size):
    cfg, store, base = demo
    ctx, page = open_page(browser, size, base + "/aduan")
    page.screenshot(path=str(artifacts / f"aduan-{size[0]}x{size[1]}.png"), full_page=True)
    assert page.errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    start, end = window("90d", NOW, cfg.site.timezone)
    view = page_view(store, cfg, start, end, NOW, None, None)
    assert view.overdue_total > 0 and view.open_total > view.overdue_total
    shown = page.locator("#aduan-overdue_total").inner_text()
    assert shown == f"{view.overdue_total:,}".replace(",", ".")
    assert page.locator("h1").inner_text() == "Aduan Masyarakat (SP4N-LAPOR!)"
    for words in ("Tunggakan per tahap", "Lewat tenggat per OPD", "Lewat tenggat per wilayah",
                  "Tepat waktu per tahap", "Median hari kerja per tahap",
                  "Aduan lewat tenggat terlama"):
        assert page.get_by_text(words, exact=True).count() == 1, words
    # the slow OPD of the demo is the first bar; kabupaten names on the map and in the table
    assert "Dinas PUPR" in page.locator("#aduan-agency").inner_text()
    table = page.locator("#aduan-oldest").inner_text()
    assert "Kabupaten" in table or "Kota" in table
    assert len(page.locator(READY).all()) == 10
    # the table's days late are inside the screen (not behind a horizontal scroll)
    late = page.locator("#aduan-oldest tbody tr td.text-end").first.bounding_box()
    assert late["x"] + late["width"] <= size[0] - 8, late
    if size == DESKTOP:
        page.select_option("#aduan-region", "52.71")
        page.wait_for_function("() => location.search.includes('region=52.71')",
                               timeout=60000)
        page.wait_for_timeout(1500)
        scoped = page_view(store, cfg, start, end, NOW, "52.71", None)
        page.wait_for_function(
            f"() => document.querySelector('#aduan-overdue_total').innerText === "
            f"'{scoped.overdue_total:,}'.replace(',', '.')", timeout=60000)
        page.screenshot(path=str(artifacts / "aduan-1920x1080-mataram.png"), full_page=True)
    ctx.close()


def test_the_hand_computed_fixture_as_the_page_shows_it(sqlite_store, live_app, browser):
    cfg = config()
    seed(sqlite_store)
    base = live_app(cfg, sqlite_store, clock=lambda: NOW)
    ctx, page = open_page(browser, DESKTOP, base + "/aduan")
    assert page.locator("#aduan-open_total").inner_text() == "9"
    assert page.locator("#aduan-overdue_total").inner_text() == "6"
    first = page.locator(READY).first.locator("td").all_inner_texts()
    assert first == ["C", "Dinas Kesehatan", "Kabupaten Lombok Barat", "Tindak lanjut",
                     "10 Apr 2026", "23"]
    medians = page.locator("#aduan-medians").inner_text()
    assert "1,5 hari kerja" in medians and "tenggat 60 hari" in medians
    assert page.get_by_role("link", name="Aduan").first.get_attribute("href") == "/aduan"
    assert page.errors == []
    ctx.close()
