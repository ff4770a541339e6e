"""Back and Forward in real Chromium: the page follows the URL (issue 17 item 9: after a region
change, Back put the province in the URL but the page kept showing Kota Mataram)."""

from __future__ import annotations

import re

import pytest
from ov_seed import DAY, END, METRICS, PROVINCE, T, expected, region_for, seed
from pantau.dashboard import fmt

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NAME = "lapor_complaints_received_count"
SPEC = next(m for m in METRICS if m["name"] == NAME)
WINDOWS = {"7d": (END - 7 * DAY, END), "30d": (END - 30 * DAY, END)}


def shown(seeded, period: str, region: str) -> str:
    exp = expected(seeded, SPEC, *WINDOWS[period], region_for(SPEC, region))
    return fmt.value(exp["value"], SPEC["unit"], "id")


@pytest.fixture
def base(sqlite_store, ov_config, live_app):
    seeded = seed(sqlite_store, ov_config)
    return live_app(ov_config, sqlite_store, clock=lambda: T), seeded


@pytest.mark.parametrize("size", [(1920, 1080), (390, 844)])
@pytest.mark.parametrize("where", ["overview", "metric"])
def test_back_and_forward_redraw_the_page_from_the_url(base, browser, artifacts, where, size):
    url, seeded = base
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = ctx.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    prefix, path, value = (("ov", "/", f"[data-metric={NAME}] .kpi-value") if where == "overview"
                           else ("metric", f"/metric/{NAME}", "#metric-summary .kpi-value"))
    page.goto(url + path)
    page.wait_for_selector(value)
    steps = [("7d", PROVINCE)]
    page.select_option(f"#{prefix}-region", "52.71")
    page.wait_for_url(re.compile(r".*region=52\.71$"))
    steps.append(("7d", "52.71"))
    page.locator(f"#{prefix}-period").get_by_text("30 hari", exact=True).click()
    page.wait_for_url(re.compile(r".*period=30d&region=52\.71$"))
    steps.append(("30d", "52.71"))
    assert shown(seeded, "30d", "52.71") != shown(seeded, "7d", "52.71") \
        != shown(seeded, "7d", PROVINCE)  # every step of the walk shows a different number

    def check(period: str, region: str):
        page.locator(value).filter(has_text=shown(seeded, period, region)).wait_for()
        assert page.input_value(f"#{prefix}-region") == region
        checked = page.locator(f"#{prefix}-period input:checked").get_attribute("value")
        assert checked == period
        assert ("region=52.71" in page.url) == (region != PROVINCE)
        assert ("period=30d" in page.url) == (period == "30d")

    check("30d", "52.71")
    page.go_back()
    check("7d", "52.71")
    page.go_back()
    check("7d", PROVINCE)  # the province in the URL and on the page
    page.screenshot(path=str(artifacts / f"history-back-{where}-{size[0]}.png"))
    page.go_forward()
    check("7d", "52.71")
    page.go_forward()
    check("30d", "52.71")
    # No history entry was added by the redraws: one more Back is the 7-day Kota Mataram view.
    page.go_back()
    check("7d", "52.71")
    assert page.errors == []
    ctx.close()
