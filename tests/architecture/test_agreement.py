"""One question, one number: what a metric shows for a place and a period is asked of
``data.shows`` by the overview's card, the wall's KPI tile, the screen PDF's panel and
``/api/v1/kpi``, and all four give the same value, previous value and status — on SQLite
and PostgreSQL, over the overview's known data (IPM's province series among ten regions
included: the PDF once averaged them)."""

from __future__ import annotations

import pytest
from overview.ov_seed import PROVINCE, T, raw_config, seed
from pantau.dashboard.api.charts import _panel
from pantau.dashboard.app import create_app
from pantau.dashboard.components.kpi_data import card_data
from pantau.dashboard.wall.tiledata import tile_data
from pantau.data.config_models import Tile
from pantau.data.reference import indicator_samples
from support.config import config_from

PERIODS = {"7d": 7 * 86400, "30d": 30 * 86400, "90d": 90 * 86400}


@pytest.fixture
def app(store):
    cfg = config_from(raw_config())
    seed(store, cfg)
    return create_app(cfg, store, clock=lambda: T)


def _four(app, metric_name: str, period: str) -> dict[str, tuple]:
    ctx = app.ctx
    metric = ctx.config.metric(metric_name)
    tile = Tile(view="kpi", metric=metric_name, period=PERIODS[period])
    card = card_data(ctx, metric, period, PROVINCE, now=T)
    wall = tile_data(ctx, tile, T)
    panel = _panel(ctx, tile, "id", T, {})
    api = app.server.test_client().get(
        f"/api/v1/kpi?metric={metric_name}&period={period}").get_json()
    return {"overview": (card.value, card.previous, card.status),
            "wall": (wall.value, wall.previous, wall.status),
            "screen pdf": (panel["value"], panel["previous"], None),  # shows no status
            "api": (api["value"], api["previous"], api["status"])}


@pytest.mark.parametrize("period", list(PERIODS))
def test_the_four_places_show_the_same_number(app, period):
    compared = 0
    for metric in ("lapor_complaints_received_count", "lapor_complaints_resolved_ratio",
                   "service_up", "ipm_score", "spbe_index_score", "news_articles_count"):
        answers = _four(app, metric, period)
        first = answers["overview"]
        for where, got in answers.items():
            assert got[0] == pytest.approx(first[0], nan_ok=True), (metric, period, where)
            assert got[1] == pytest.approx(first[1], nan_ok=True), (metric, period, where)
            assert got[2] in (first[2], None), (metric, period, where)
        compared += first[0] is not None
    assert compared == 6  # every metric has a number: the comparison is not of Nones


def test_ipm_is_the_province_own_figure_everywhere(app):
    """The province's published IPM, not an average of the province and its regions."""
    own = [s for s in indicator_samples() if s.metric == "ipm_score"
           and s.labels.get("region") == PROVINCE]
    newest = max(own, key=lambda s: s.ts)
    regions = [s for s in indicator_samples() if s.metric == "ipm_score" and s.ts == newest.ts]
    mean = sum(s.value for s in regions) / len(regions)
    assert abs(mean - newest.value) > 0.05  # the two rules tell different numbers
    for where, (value, _prev, _status) in _four(app, "ipm_score", "7d").items():
        assert value == pytest.approx(newest.value), where
