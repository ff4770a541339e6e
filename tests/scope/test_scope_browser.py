"""The pages as a principal limited to 52.71, in Chromium: /, /metric/<m>, /explore and /wall
show Kota Mataram and the province total, never another kabupaten/kota (its name, its map
shape, its bar, its line or its filter option)."""

from __future__ import annotations

import threading

import pytest
from scope.scope_world import OTHERS, foreign_in, scoped_app, seed_world
from wall.wall_seed import open_wall

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PLOT = "document.querySelector('{} .js-plotly-plot')"


@pytest.fixture
def scoped_url(sqlite_store):
    """Base URL of the app over the scope world, every request acting for 52.71."""
    from werkzeug.serving import make_server

    seed_world(sqlite_store)
    srv = make_server("127.0.0.1", 0, scoped_app(sqlite_store).server, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


def _names(page, selector: str) -> list:
    """The trace names of the Plotly graph under ``selector``."""
    return page.evaluate(f"{PLOT.format(selector)}.data.map(t => t.name)")


def _options(page, select: str) -> list[str]:
    """The options a select offers (without its empty placeholder)."""
    return [o for o in page.locator(f"{select} option").all_text_contents() if o]


def _no_foreign(page) -> None:
    text = page.locator("body").inner_text()
    assert [OTHERS[c] for c in foreign_in(text)] == []


def test_overview_offers_only_the_scope_and_the_province(page, scoped_url, artifacts):
    page.goto(scoped_url + "/")
    page.wait_for_selector("#ov-card-wilayah-lapor_count", timeout=20000)
    assert _options(page, "#ov-region") == ["Seluruh provinsi", "Kota Mataram"]
    _no_foreign(page)
    province = page.locator("#ov-card-wilayah-lapor_count").inner_text()
    page.locator("#ov-region").select_option("52.71")
    page.wait_for_function("location.search.includes('region=52.71')", timeout=10000)
    page.wait_for_function(f"""() => document.querySelector('#ov-card-wilayah-lapor_count')
        .innerText !== {province!r}""", timeout=10000)
    _no_foreign(page)
    # a URL naming another kabupaten shows the province total, as any unknown code does
    page.goto(scoped_url + "/?region=52.01")
    page.wait_for_selector("#ov-card-wilayah-lapor_count", timeout=20000)
    assert page.locator("#ov-region").input_value() == "52"
    assert page.locator("#ov-card-wilayah-lapor_count").inner_text() == province
    _no_foreign(page)
    assert not page.errors


def test_metric_page_maps_tables_and_breakdowns_hold_only_the_scope(page, scoped_url,
                                                                      artifacts):
    page.goto(scoped_url + "/metric/lapor_count?period=7d")
    page.wait_for_selector("#metric-map .js-plotly-plot .choroplethlocation", timeout=20000)
    page.wait_for_selector("#metric-by-region .js-plotly-plot", timeout=20000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "scope-metric.png"), full_page=True)
    locations = page.evaluate(f"{PLOT.format('#metric-map')}.data"
                              ".flatMap(t => t.locations || [])")
    assert locations == ["52.71"]
    bars = page.evaluate(f"{PLOT.format('#metric-by-region')}.data.flatMap(t => "
                         "[...(t.y || []), ...(t.x || [])]).filter(v => typeof v === 'string')")
    assert bars and set(bars) <= {"Kota Mataram", "52.71"}, bars
    rows = page.locator("#metric-region-table tbody tr").all_inner_texts()
    assert len(rows) == 1 and "Kota Mataram" in rows[0]
    assert _options(page, "#metric-region") == ["Seluruh provinsi", "Kota Mataram"]
    _no_foreign(page)
    assert not page.errors


def test_explore_draws_only_the_scope_and_refuses_another_region(page, scoped_url):
    page.goto(scoped_url + "/explore?metric=lapor_count&from=now-2d&to=now")
    page.wait_for_selector("#ex-chart .js-plotly-plot .scatterlayer .trace", timeout=20000)
    page.wait_for_selector("#ex-grid .ag-row", timeout=20000)
    assert page.locator("#ex-chart .scatterlayer .trace").count() == 1
    assert "Kota Mataram" in page.locator("#ex-grid .ag-header").inner_text()
    _no_foreign(page)
    page.locator("#ex-filters").click()  # the filter options: only 52.71's
    page.wait_for_selector("[role=option]", timeout=10000)
    options = page.locator("[role=option]").all_inner_texts()
    assert options and all("Kota Mataram" in o for o in options), options
    _no_foreign(page)
    page.keyboard.press("Escape")

    page.goto(scoped_url + "/explore?metric=lapor_count&from=now-2d&to=now&region=52.01")
    page.wait_for_selector("#ex-error", state="visible", timeout=20000)
    assert "di luar wilayah akses" in page.locator("#ex-error").inner_text()
    assert "Kota Mataram" in page.locator("#ex-error").inner_text()
    assert page.locator("#ex-grid .ag-row").count() == 0
    assert page.locator("#ex-chart .scatterlayer .trace").count() == 0
    assert not page.errors


def test_wall_tiles_hold_only_the_scope(page, scoped_url, artifacts):
    open_wall(page, scoped_url + "/wall?playlist=wilayah&rotate=600")
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "scope-wall.png"))
    tile = ".wall-screen.is-active .wall-tile--{}"
    assert _names(page, tile.format("map")) == ["52.71"]  # one shape: Kota Mataram
    bars = page.evaluate(f"{PLOT.format(tile.format('bar'))}.data.flatMap(t => "
                         "[...(t.x || []), ...(t.y || [])]).filter(v => typeof v === 'string')")
    assert bars and set(bars) <= {"Kota Mataram", "Mataram", "52.71"}, bars
    lines = _names(page, tile.format("line"))
    assert len(lines) == 1, lines
    kpi = page.locator(tile.format("kpi")).inner_text()
    assert any(ch.isdigit() for ch in kpi)
    _no_foreign(page)
    assert not page.errors
