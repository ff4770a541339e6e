"""/explore never dead-ends (issue 17 item 6): a step too fine for the range is coarsened and
said so in Indonesian, bars stay readable, two metrics as areas do not paint one block; and
what a person reads is Indonesian (item 7: step names, error texts)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BARS_JS = """() => Array.from(document.querySelectorAll('#ex-chart .barlayer .trace'))
  .map(tr => Array.from(tr.querySelectorAll('.point path'))
    .map(p => p.getBoundingClientRect().width))"""


def drawn(page, layer: str = "scatterlayer"):
    page.wait_for_selector(f"#ex-chart .{layer} .trace", timeout=20000)
    page.wait_for_selector("#ex-grid .ag-row", timeout=20000)
    page.wait_for_timeout(300)


def test_a_year_at_one_minute_is_coarsened_and_said_so(page, ex_app, artifacts):
    page.goto(ex_app + "/explore?metric=lapor_count&from=now-365d&to=now&step=1m")
    drawn(page)
    assert not page.locator("#ex-error").is_visible()
    note = page.locator("#ex-note").inner_text()
    # 365 days at 1 minute: 525 600 points a series; the finest step within 10 000 is 1 h
    assert "Langkah 1 menit memberi 525.600 titik per seri" in note and "per 1 jam" in note
    assert "langkah 1 jam" in page.locator("#ex-summary").inner_text()
    assert "step=1h" in page.locator("#ex-dl-csv").get_attribute("href")
    assert page.locator("#ex-chart .scatterlayer .trace").count() >= 1
    page.screenshot(path=str(artifacts / "explore-year-1m.png"), full_page=True)
    assert not page.errors


def test_bars_over_a_day_are_readable(page, ex_app, artifacts):
    page.goto(ex_app + "/explore?metric=lapor_count&from=now-24h&to=now&chart=bar"
              "&region=52.71")
    drawn(page, "barlayer")
    widths = page.evaluate(BARS_JS)
    assert widths and all(len(w) <= 100 for w in widths), [len(w) for w in widths]
    visible = [x for w in widths for x in w if x > 0]
    assert min(visible) >= 4, min(visible)  # 720 bars were under 2 px at this size
    assert "langkah 15 menit" in page.locator("#ex-summary").inner_text()
    page.screenshot(path=str(artifacts / "explore-bars-24h.png"), full_page=True)
    assert not page.errors


def test_two_metrics_as_areas_fill_only_the_first(page, ex_app, artifacts):
    page.goto(ex_app + "/explore?metric=lapor_count&metric2=service_up&from=now-2d&to=now"
              "&chart=area")
    drawn(page)
    traces = page.locator("#ex-chart .scatterlayer .trace")
    n = traces.count()
    filled = page.locator("#ex-chart .scatterlayer .trace .fills path").count()
    legend = page.evaluate("() => Array.from(document.querySelectorAll("
                           "'#ex-chart .legendtext')).map(e => e.textContent)")
    first = [x for x in legend if x.startswith("Aduan masuk")]
    assert n == len(legend) and 0 < filled == len(first) < n, (n, filled, legend)
    # the compared ratio keeps its own aggregation (avg): never the sum of its samples
    cells = page.locator("#ex-grid .ag-cell").all_inner_texts()
    ratios = [float(c.rstrip("%").replace(",", ".")) for c in cells if c.endswith("%")]
    assert ratios and max(ratios) <= 100, max(ratios)
    page.screenshot(path=str(artifacts / "explore-area-two-metrics.png"), full_page=True)
    assert not page.errors


def test_what_a_person_reads_is_indonesian(page, ex_app):
    page.goto(ex_app + "/explore?metric=lapor_count&from=now-2d&to=now")
    drawn(page)
    page.locator("#ex-step").click()
    page.wait_for_selector("[role=option]")
    options = page.locator("[role=option]").all_inner_texts()
    assert {"1 menit", "1 jam", "1 hari", "Otomatis"} <= set(options), options
    page.keyboard.press("Escape")
    page.goto(ex_app + "/explore?metric=tidak_ada&from=now-2d")
    page.wait_for_selector("#ex-error", state="visible", timeout=20000)
    text = page.locator("#ex-error").inner_text()
    assert "metrik tidak dikenal" in text and "catalogue" not in text, text
    page.goto(ex_app + "/explore?metric=lapor_count&from=now-2d&step=0")
    page.wait_for_selector("#ex-error", state="visible", timeout=20000)
    assert "langkah waktu tidak dapat dipakai" in page.locator("#ex-error").inner_text()
    assert not page.errors
