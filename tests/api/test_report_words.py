"""Durations a person reads in the report PDF are words in the report's language (issue 17
item 7: "1d terakhir"); operators' spelling (1h, 1d) stays in URLs and the JSON."""

from __future__ import annotations

import pytest
from support.api_seed import NOW


def context(config, store):
    from pantau.dashboard.cache import Cache
    from pantau.dashboard.context import AppContext

    return AppContext(config, store, clock=lambda: NOW, cache=Cache())


@pytest.mark.parametrize("lang,step,last", [("id", "Langkah: 1 jam", "1 hari terakhir"),
                                            ("en", "Step: 1 hour", "last 1 day")])
def test_report_steps_and_periods_in_words(api_config, api_world_sqlite, lang, step, last):
    from pantau.dashboard.api.charts import _panel, report_lines
    from pantau.dashboard.api.params import series_query

    ctx = context(api_config, api_world_sqlite)
    q = series_query(ctx, {"metric": ["lapor_count"], "step": ["1h"], "lang": [lang],
                           "shift": ["1d"]})
    lines = report_lines(ctx, q)
    assert lines[2].startswith(step), lines
    assert ("1 hari sebelumnya" if lang == "id" else "1 day earlier") in lines[3], lines
    tile = next(tile for screen in api_config.screens for tile in screen.tiles
                if tile.period == 86400 and tile.metric)
    title = _panel(ctx, tile, lang, NOW, {})["title"]
    assert title.endswith(last) and "1d" not in title, title


def test_words_for_durations():
    from pantau.dashboard.fmt import duration

    assert [duration(s, "id") for s in (60, 3600, 86400, 5400, 7 * 86400)] == \
        ["1 menit", "1 jam", "1 hari", "1 jam 30 menit", "7 hari"]
    assert [duration(s, "en") for s in (60, 7200, 86400)] == ["1 minute", "2 hours", "1 day"]
