"""Issue 17, item 3: the wall's availability chart. A ratio runs 0-100 %, never 0-200 %; each
series carries its source's title from config, not its id; lines lying on one another stay
distinguishable (own colour, own dash, widths falling so each colour shows as a band)."""

from __future__ import annotations

import pandas as pd
import pytest
from pantau.dashboard.figures.wall_trend import wall_trend
from wall_seed import PROBE_TITLES, PROBES, open_wall, wall_config

NOW = 1_795_000_000


def _flat(groups) -> pd.DataFrame:
    ts = [NOW - 300 * i for i in range(12)]
    return pd.DataFrame({"ts": ts * len(groups), "group": [g for g in groups for _ in ts],
                         "value": [1.0] * (len(ts) * len(groups))})


def test_a_flat_ratio_at_100_percent_keeps_a_0_to_100_percent_axis():
    metric = wall_config().metric("service_up")
    for groups in (["a"], ["a", "b", "c", "d"]):
        fig = wall_trend(_flat(groups), metric, "id", "Asia/Makassar")
        y = fig.layout.yaxis
        assert y.autorange is False
        assert -0.05 <= y.range[0] <= 0 and 1 <= y.range[1] <= 1.05, y.range
        assert list(y.tickvals) == [0, 0.25, 0.5, 0.75, 1] and y.tickformat == ".0%"


def test_overlapping_lines_differ_in_colour_dash_and_width():
    metric = wall_config().metric("service_up")
    fig = wall_trend(_flat(["a", "b", "c", "d"]), metric, "id", "Asia/Makassar",
                     names={"a": "Portal", "b": "PPID", "c": "Satu Data", "d": "Pantau"})
    lines = [t.line for t in fig.data]
    assert [t.name for t in fig.data] == ["Portal", "PPID", "Satu Data", "Pantau"]
    assert len({ln.color for ln in lines}) == 4
    assert len({ln.dash for ln in lines}) == 4
    widths = [ln.width for ln in lines]
    assert widths == sorted(widths, reverse=True) and widths[-1] >= 2.5, widths
    assert fig.layout.showlegend


FIGURE = """() => {
  const tile = [...document.querySelectorAll('.wall-screen.is-active .wall-tile--line')]
      .find(t => t.textContent.includes('Ketersediaan layanan'));
  const gd = tile.querySelector('.js-plotly-plot');
  return {names: gd.data.map(d => d.name), colours: gd.data.map(d => d.line.color),
          dashes: gd.data.map(d => d.line.dash), range: gd._fullLayout.yaxis.range,
          ticks: [...tile.querySelectorAll('.ytick text')].map(t => t.textContent),
          legend: [...tile.querySelectorAll('.legendtext')].map(t => t.textContent)};
}"""


@pytest.mark.browser
def test_the_availability_tile_in_chromium(browser, wall_url, artifacts):
    base = wall_url()
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = ctx.new_page()
    try:
        open_wall(page, f"{base}/wall?playlist=layanan&rotate=600")
        page.wait_for_timeout(700)
        page.screenshot(path=str(artifacts / "wall-availability-1920x1080.png"))
        got = page.evaluate(FIGURE)
        titles = [PROBE_TITLES[p]["id"] for p in PROBES]
        assert sorted(got["names"]) == sorted(titles), got
        assert sorted(got["legend"]) == sorted(titles), got
        assert not set(PROBES) & set(got["legend"]), got
        assert len(set(got["colours"])) == len(PROBES) == len(set(got["dashes"])), got
        assert -0.05 <= got["range"][0] <= 0 and 1 <= got["range"][1] <= 1.05, got
        assert got["ticks"] == ["0%", "25%", "50%", "75%", "100%"], got
        page.goto(f"{base}/wall?playlist=layanan&rotate=600&lang=en")
        open_wall(page, f"{base}/wall?playlist=layanan&rotate=600&lang=en")
        got = page.evaluate(FIGURE.replace("Ketersediaan layanan", "Service availability"))
        assert sorted(got["legend"]) == sorted(PROBE_TITLES[p]["en"] for p in PROBES), got
    finally:
        ctx.close()


def test_the_explorer_keeps_ratios_at_0_to_100_percent_unless_a_sum_leaves_it():
    from pantau.dashboard.figures.explore_chart import explore_figure

    metrics = {m.name: m for m in wall_config().metrics}

    def answer(values):
        return {"metric": "service_up", "unit": "ratio", "step": 300, "series": [
            {"metric": "service_up", "labels": {}, "points": [
                [(NOW + 300 * i) * 1000, v] for i, v in enumerate(values)]}]}

    fixed = explore_figure(answer([1.0, 1.0, 1.0]), metrics, "id", "Asia/Makassar").layout.yaxis
    assert fixed.autorange is False and fixed.range[0] <= 0 and 1 <= fixed.range[1] <= 1.05
    summed = explore_figure(answer([2.9, 3.0]), metrics, "id", "Asia/Makassar").layout.yaxis
    assert summed.range is None and summed.tickformat == ".0%"  # nothing cut off
