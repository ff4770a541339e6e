"""The explorer's URL state and its table: pure functions, no browser."""

from __future__ import annotations

import numpy as np
import pytest
from pantau.dashboard.cache import Cache
from pantau.dashboard.context import AppContext
from pantau.dashboard.pages import _explore_state as st
from support.api_seed import NOW


@pytest.fixture
def ctx(ex_config, ex_store):
    return AppContext(ex_config, ex_store, clock=lambda: NOW, cache=Cache())


def test_url_round_trip_is_stable(ctx):
    search = "?metric=lapor_count&from=now-7d&to=now&step=1h&region=52.72&region=52.01"
    args = st.args_from_search(search)
    again = st.search_from_args(args)
    assert st.args_from_search(again) == {k: sorted(v) for k, v in args.items()}
    assert st.search_from_args(st.args_from_search(again)) == again


def test_controls_follow_the_url(ctx):
    c = st.controls(st.args_from_search("?metric=lapor_count&from=now-1d&region=52.71"), ctx)
    assert c["metric"] == "lapor_count" and c["range"] == "now-24h"
    assert c["filters"] == ["region=52.71"]
    # a region reads by its name; the URL keeps the code
    assert {"label": "Kota Bima", "value": "region=52.72"} in c["filter_options"]
    assert (c["start_date"], c["end_date"]) == ("2026-09-20", "2026-09-21")
    c = st.controls(st.args_from_search("?from=2026-09-01&to=2026-09-08"), ctx)
    assert c["range"] == "custom" and c["end_date"] == "2026-09-07"  # `to` is exclusive
    assert c["metric"] == "lapor_count"  # the first metric of the catalogue


def test_control_changes_write_the_url(ctx):
    args = st.args_from_search("?metric=lapor_count&region=52.71&agg=max&shift=7d")
    moved = st.apply(args, "dates", ("2026-09-01", "2026-09-07"), ctx)
    assert moved["from"] == ["2026-09-01"] and moved["to"] == ["2026-09-08"]
    other = st.apply(args, "metric", "service_up", ctx)
    assert "region" not in other and "agg" not in other and other["metric"] == ["service_up"]
    both = st.apply(args, "metric2", "service_up", ctx)
    assert "shift" not in both  # two metrics or two periods, not both
    chosen = st.apply(args, "filters", ["region=52.01", "region=52.72"], ctx)
    assert chosen["region"] == ["52.01", "52.72"]
    assert "chart" not in st.apply(args, "chart", "line", ctx)  # the default is not written


def test_table_holds_exactly_the_points_drawn(ctx):
    from pantau.dashboard.api.answers import series_answer
    from pantau.dashboard.api.params import series_query
    from pantau.dashboard.figures.explore_chart import explore_figure
    from pantau.dashboard.figures.explore_table import explore_table

    q = series_query(ctx, {"metric": ["lapor_count"], "from": ["now-3d"], "step": ["5m"],
                           "shift": ["1d"], "max_points": ["400"]})
    answer = series_answer(ctx, q)
    metrics = {m.name: m for m in ctx.config.metrics}
    fig = explore_figure(answer, metrics, "id", ctx.tz)
    columns, rows = explore_table(answer, metrics, "id", ctx.tz)
    assert len(fig.data) == len(columns) - 1 == 6  # 3 regions, now and a day earlier
    for i, trace in enumerate(fig.data):
        field = columns[i + 1]["field"]
        drawn = sorted(zip(np.asarray(trace.x).tolist(), np.asarray(trace.y).tolist(), strict=True))
        shown = [r[field] for r in rows if field in r]
        assert len(drawn) == len(shown) <= 400  # LTTB: no more points than asked
        assert [v for _, v in drawn] == shown
    assert "(1 hari sebelumnya)" in columns[-1]["headerName"]
