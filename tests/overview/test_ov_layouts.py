"""Page layouts rendered directly (no browser): empty store, bad URL parameters, every metric,
and the URL state helpers."""

from __future__ import annotations

import json

import plotly.utils
import pytest
from ov_seed import METRICS, T, seed
from pantau.dashboard.cache import Cache
from pantau.dashboard.components.periods import period_key, window
from pantau.dashboard.components.regions import region_filter, region_key
from pantau.dashboard.components.url_state import make_search, parse_search
from pantau.dashboard.context import AppContext
from pantau.dashboard.pages import metric as metric_page
from pantau.dashboard.pages import overview


def text_of(component) -> str:
    return json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


@pytest.mark.parametrize("seeded", [False, True], ids=["empty", "seeded"])
def test_every_page_renders(sqlite_store, ov_config, seeded):
    if seeded:
        seed(sqlite_store, ov_config)
    ctx = AppContext(config=ov_config, store=sqlite_store, clock=lambda: T, cache=Cache())
    for params in ({}, {"period": "ytd", "region": "52.71"}, {"period": "x", "region": "99"}):
        page = text_of(overview.layout(ctx, "id", params, "/"))
        assert page.count('"data-metric"') == len(METRICS)
        if not seeded:
            assert "Belum ada data" in page
        for spec in METRICS:
            out = text_of(metric_page.layout(ctx, "en", params, f"/metric/{spec['name']}"))
            assert "metric-history" in out and "metric-map-panel" in out
    missing = text_of(metric_page.layout(ctx, "id", {}, "/metric/nope"))
    assert "metric-notfound" in missing and "nope" in missing


def test_bad_url_parameters_fall_back_to_defaults():
    assert period_key("bogus") == "7d" and period_key("ytd") == "ytd"
    assert region_key("99.99", "52") == "52" and region_key("52.72", "52") == "52.72"
    assert window("today", T, "Asia/Makassar")[0] == 1795795200


def test_url_state_round_trip():
    assert make_search("7d", "52", "52", None) == ""
    q = make_search("30d", "52.71", "52", "en")
    assert q == "?period=30d&region=52.71&lang=en"
    assert parse_search(q) == {"period": "30d", "region": "52.71", "lang": "en"}


def test_region_filter_rules():
    labels = {"region": ["52", "52.01", "52.71"]}
    assert region_filter(labels, "52", "52").filters == {"region": "52"}
    assert region_filter({"region": ["52.01"]}, "52", "52").filters is None
    assert region_filter(labels, "52.71", "52").filters == {"region": "52.71"}
    rf = region_filter({"service": ["portal"]}, "52.71", "52")
    assert rf.filters is None and rf.province_wide
    assert not region_filter({"service": ["portal"]}, "52", "52").province_wide


def test_subtitle_names_the_period(sqlite_store, ov_config):
    ctx = AppContext(config=ov_config, store=sqlite_store, clock=lambda: T, cache=Cache())
    assert overview.subtitle(ctx, "today", "id") == \
        "28 Nov 2026 · Data sampai 28 Nov 2026 09:15 WITA"
    assert overview.subtitle(ctx, "ytd", "en") == \
        "1 Jan 2026 – 28 Nov 2026 · Data up to 28 Nov 2026 09:15 WITA"
