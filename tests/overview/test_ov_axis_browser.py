"""The drill-down's history axis as Chromium draws it: one tick per real date, equally spaced
(issue 17 item 2: "25, 27, 28 Nov" at equal spacing, 26 Nov skipped)."""

from __future__ import annotations

from datetime import date

import pytest
from ov_seed import T, seed

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MONTHS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Mei": 5, "Jun": 6, "Jul": 7, "Agu": 8,
          "Sep": 9, "Okt": 10, "Nov": 11, "Des": 12}
# Visible tick labels only: Plotly hides one that would overflow the plot's edge.
TICKS_JS = """() => Array.from(document.querySelectorAll('#metric-history .xtick text'))
  .map(el => [el.textContent, el.getBoundingClientRect()])
  .filter(([_, r]) => r.width > 0).map(([t, r]) => [t, r.x + r.width / 2])"""


def drawn_ticks(page, url: str) -> list[tuple[str, float]]:
    page.goto(url)
    page.wait_for_selector("#metric-history .xtick text")
    return [(text, x) for text, x in page.evaluate(TICKS_JS)]


@pytest.mark.parametrize("viewport", [(1920, 1080), (390, 844)])
def test_history_ticks_are_every_date_equally_spaced(sqlite_store, ov_config, live_app,
                                                      browser, artifacts, viewport):
    seed(sqlite_store, ov_config)
    base = live_app(ov_config, sqlite_store, clock=lambda: T)
    ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for query, most_days in (("", 1), ("?period=30d", 7)):
        ticks = drawn_ticks(page, f"{base}/metric/lapor_complaints_received_count{query}")
        days = [date(2026, MONTHS[t.split()[1]], int(t.split()[0])) for t, _ in ticks]
        gaps = {(b - a).days for a, b in zip(days, days[1:], strict=False)}
        assert len(ticks) >= 4 and len(gaps) == 1 and gaps.pop() <= most_days, ticks
        xs = [x for _, x in ticks]
        spacing = [b - a for a, b in zip(xs, xs[1:], strict=False)]
        page.locator("#metric-history").screenshot(
            path=str(artifacts / f"metric-axis-{viewport[0]}.png"))
        assert max(spacing) - min(spacing) < 2, ticks  # equal dates, equal distances
    ctx.close()
    assert errors == []
