"""Phone and desktop in real Chromium (issue 17 item 8: at 390x844 the menu took a third of the
screen, controls ran past the right edge, the chart toolbar covered the legend) and the chart
toolbar in Indonesian (item 7)."""

from __future__ import annotations

import pytest
from ov_seed import T, seed

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE, DESKTOP = (390, 844), (1920, 1080)
PAGES = {"overview": ("/", "[data-metric] .kpi-value"),
         "metric": ("/metric/lapor_complaints_received_count", "#metric-history .xtick"),
         "explore": ("/explore", ".ex-controls"),
         "media": ("/media", ".media-filters")}
RIGHTS_JS = """(sel) => Array.from(document.querySelectorAll(sel))
  .filter(e => e.getBoundingClientRect().width > 0)
  .map(e => [e.id || e.className, e.getBoundingClientRect().right])"""


def overlap(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


@pytest.fixture
def base(sqlite_store, ov_config, live_app):
    seed(sqlite_store, ov_config)
    return live_app(ov_config, sqlite_store, clock=lambda: T)


def new_page(browser, size):
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]},
                              has_touch=size == PHONE, is_mobile=size == PHONE)
    page = ctx.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return ctx, page


@pytest.mark.parametrize("name", list(PAGES))
def test_phone_menu_folds_and_controls_stay_on_screen(base, browser, artifacts, name):
    path, ready = PAGES[name]
    ctx, page = new_page(browser, PHONE)
    page.goto(base + path)
    page.wait_for_selector(ready, timeout=20000)
    page.wait_for_timeout(300)
    page.screenshot(path=str(artifacts / f"phone-{name}.png"))
    nav = page.locator("#navbar").bounding_box()
    assert nav["height"] < 844 / 8, nav  # folded: the brand, the badge and the toggler
    assert not page.get_by_role("link", name="Eksplorasi").is_visible()
    page.locator("#nav-toggle").click()
    page.get_by_role("link", name="Eksplorasi").wait_for(state="visible")
    page.wait_for_timeout(500)  # the collapse animates open
    page.screenshot(path=str(artifacts / f"phone-{name}-menu.png"))
    page.locator("#nav-toggle").click()
    page.get_by_role("link", name="Eksplorasi").wait_for(state="hidden")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    controls = page.evaluate(RIGHTS_JS, ".filter-bar .btn, .filter-bar select, "
                                        ".ex-controls .dash-dropdown, .ex-controls input, "
                                        ".media-filters .btn, .media-filters select")
    assert controls and all(right <= PHONE[0] - 8 for _, right in controls), controls
    assert page.errors == []
    ctx.close()


def test_phone_chart_toolbar_does_not_cover_the_legend_and_speaks_indonesian(base, browser,
                                                                              artifacts):
    ctx, page = new_page(browser, PHONE)
    page.goto(base + "/metric/lapor_complaints_received_count")
    page.wait_for_selector("#metric-history .legend", timeout=20000)
    graph = page.locator("#metric-history")
    graph.scroll_into_view_if_needed()
    graph.hover()
    page.wait_for_selector("#metric-history .modebar-btn", state="visible")
    bar = page.locator("#metric-history .modebar").bounding_box()
    legend = page.locator("#metric-history .legend").bounding_box()
    assert not overlap(bar, legend), (bar, legend)
    graph.screenshot(path=str(artifacts / "phone-metric-history.png"))
    titles = page.evaluate("() => Array.from(document.querySelectorAll("
                           "'#metric-history .modebar-btn')).map(b => b.dataset.title)")
    assert "Perbesar" in titles and "Atur ulang sumbu" in titles, titles
    assert not {"Zoom in", "Reset axes", "Pan"} & set(titles), titles
    assert page.errors == []
    ctx.close()


def test_desktop_menu_is_open_without_a_toggler(base, browser, artifacts):
    ctx, page = new_page(browser, DESKTOP)
    page.goto(base + "/metric/lapor_complaints_received_count")
    page.wait_for_selector("#metric-history .xtick", timeout=20000)
    assert page.get_by_role("link", name="Eksplorasi").is_visible()
    assert not page.locator("#nav-toggle").is_visible()
    page.screenshot(path=str(artifacts / "desktop-metric.png"))
    page.goto(base + "/metric/lapor_complaints_received_count?lang=en")
    page.wait_for_selector("#metric-history .modebar-btn", state="attached", timeout=20000)
    titles = page.evaluate("() => Array.from(document.querySelectorAll("
                           "'#metric-history .modebar-btn')).map(b => b.dataset.title)")
    assert "Zoom in" in titles  # English stays English
    assert page.errors == []
    ctx.close()
