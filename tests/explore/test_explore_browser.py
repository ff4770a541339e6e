"""/explore in Chromium: the URL drives the view, controls write the URL (and back works),
the chart and table show, and the download buttons deliver files."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEW = "/explore?metric=lapor_count&from=now-2d&to=now&region=52.71&region=52.72"


def wait_drawn(page):
    page.wait_for_selector("#ex-chart .js-plotly-plot .scatterlayer .trace", timeout=20000)
    page.wait_for_selector("#ex-grid .ag-row", timeout=20000)


def test_explore_url_chart_table_and_downloads(page, ex_app, artifacts):
    page.goto(ex_app + VIEW)
    wait_drawn(page)
    page.wait_for_timeout(300)
    page.screenshot(path=str(artifacts / "explore.png"), full_page=True)
    assert page.locator("#ex-chart .scatterlayer .trace").count() == 2  # two regions
    summary = page.locator("#ex-summary").inner_text()
    assert "WITA" in summary and "2 seri" in summary
    controls = page.locator(".ex-controls").inner_text()
    assert "Kota Mataram" in controls and "52.71" not in controls  # names, not codes
    # the table holds exactly the drawn points (2 days at the automatic 5 m step)
    header = page.locator("#ex-grid .ag-header").inner_text()
    assert "Waktu (WITA)" in header and "Kota Mataram" in header and "Kota Bima" in header
    assert "52.71" not in header
    legend = page.locator("#ex-chart .legendtext").all_text_contents()
    assert sorted(legend) == ["Kota Bima", "Kota Mataram"], legend

    # a control writes the URL, and back restores the view
    page.locator("label", has_text="Batang").click()
    page.wait_for_function("location.search.includes('chart=bar')", timeout=10000)
    page.wait_for_selector("#ex-chart .barlayer .trace", timeout=10000)
    assert "region=52.71" in page.url
    page.go_back()
    page.wait_for_function("!location.search.includes('chart=bar')", timeout=10000)
    page.wait_for_selector("#ex-chart .scatterlayer .trace", timeout=10000)
    assert page.locator("#ex-chart-type input[value=line]").is_checked()

    # downloads carry the same state
    csv_href = page.locator("#ex-dl-csv").get_attribute("href")
    assert "region=52.71" in csv_href and "step=5m" in csv_href
    with page.expect_download() as dl:
        page.locator("#ex-dl-csv").click()
    text = open(dl.value.path(), encoding="utf-8").read()
    assert text.startswith("metric,ts,value,region")
    assert {line.split(",")[3] for line in text.strip().splitlines()[1:]} == {"52.71",
                                                                             "52.72"}
    with page.expect_download() as dl:
        page.locator("#ex-dl-xlsx").click()
    assert open(dl.value.path(), "rb").read(2) == b"PK"
    with page.expect_download() as dl:
        page.locator("#ex-dl-png").click()
    assert open(dl.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    assert not page.errors


def test_explore_bad_url_shows_the_error_and_english(page, ex_app, artifacts):
    page.goto(ex_app + "/explore?metric=lapor_count&step=0&lang=en")
    page.wait_for_selector("#ex-error", state="visible", timeout=20000)
    assert "step" in page.locator("#ex-error").inner_text()
    page.goto(ex_app + "/explore?metric=service_up&from=now-1d&shift=1d&lang=en")
    wait_drawn(page)
    assert "1 day earlier" in page.locator("#ex-grid .ag-header").inner_text()
    page.screenshot(path=str(artifacts / "explore-compare-en.png"), full_page=True)
    assert not page.errors


def test_bars_finer_than_the_chart_are_aggregated_and_said_so(page, ex_app, artifacts):
    """2 days at 1 minute is 2,880 bars per region: the chart shows the smallest nice step
    that gives at most 100 readable bars (computed in the database), the table the same
    points, and the note says what was asked; the CSV link keeps the asked step."""
    page.goto(ex_app + "/explore?metric=lapor_count&from=now-2d&to=now&step=1m&chart=bar"
              "&region=52.71")
    page.wait_for_selector("#ex-chart .barlayer .trace", timeout=20000)
    page.wait_for_selector("#ex-grid .ag-row", timeout=20000)
    note = page.locator("#ex-note").inner_text()
    assert "Batang per 1 menit" in note and "per 30 menit" in note and "2.880" in note
    assert "langkah 30 menit" in page.locator("#ex-summary").inner_text()
    assert "step=1m" in page.locator("#ex-dl-csv").get_attribute("href")
    page.screenshot(path=str(artifacts / "explore-coarsened.png"), full_page=True)
    assert not page.errors
