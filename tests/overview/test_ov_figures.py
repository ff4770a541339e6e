"""The pure figure functions: map regions against the GeoJSON, previous period behind the
history, language-aware separators, breakdown bars."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from pantau.dashboard.figures import breakdown, history, region_map, sparkline
from pantau.dashboard.figures.region_map import bounds
from pantau.data.config_models import Metric
from pantau.data.reference import indicators, load_geojson

IPM = Metric(name="ipm_score", title={"id": "IPM", "en": "HDI"}, unit="index", better="up",
             agg="last", target=75)
RATIO = Metric(name="service_up", title="Up", unit="ratio", better="up", agg="avg", target=0.99)


def ipm_2024() -> pd.DataFrame:
    df = indicators()
    df = df[(df.indicator == "ipm") & (df.year == 2024) & (df.code != "52")]
    return df.rename(columns={"code": "region"})[["region", "value"]]


def choropleths(fig) -> list:
    return [tr for tr in fig.data if tr.type == "choropleth"]


def drawn(fig) -> list[str]:
    """Every region code the figure draws, from every choropleth trace, with repeats."""
    out = []
    for tr in choropleths(fig):
        assert tr.featureidkey == "properties.code"
        feature_codes = [f["properties"]["code"] for f in tr.geojson["features"]]
        assert sorted(feature_codes) == sorted(tr.locations)  # each trace carries its own
        out += list(tr.locations)
    return out


def test_map_has_exactly_the_ten_regions_of_the_geojson():
    gj = load_geojson()
    codes = [f["properties"]["code"] for f in gj["features"]]
    fig = region_map(ipm_2024(), IPM, "id", gj)
    assert len(codes) == 10 and sorted(drawn(fig)) == sorted(codes)
    assert all(isinstance(c, str) for c in drawn(fig))
    values = choropleths(fig)[0]
    z = dict(zip(values.locations, values.z, strict=True))
    assert z["52.71"] == 81.64 and z["52.08"] == 68.64 and len(z) == 10
    scale = values.colorscale  # low values light, high values dark
    assert scale[0][0] == 0 and scale[-1][0] == 1
    assert sum(int(scale[0][1][i:i + 2], 16) for i in (1, 3, 5)) > \
        sum(int(scale[-1][1][i:i + 2], 16) for i in (1, 3, 5))
    # Offline: no tile maps, the basemap hidden, framed on the features' bounds.
    assert all(tr.type in ("choropleth", "scattergeo") for tr in fig.data)
    assert fig.layout.geo.visible is False
    lon, lat = bounds(gj)
    assert lon[0] < 115.83 and lon[1] > 119.34 and lat[0] < -9.1 and lat[1] > -8.09
    assert tuple(fig.layout.geo.lonaxis.range) == pytest.approx(lon)
    json.loads(fig.to_json())  # serialisable as Dash sends it


def test_map_regions_without_values_stay_on_the_map():
    gj = load_geojson()
    df = pd.DataFrame({"region": ["52.71", "52.04"], "value": [3.47, 2.75]})
    fig = region_map(df, IPM, "en", gj, selected="52.04")
    values, grey = choropleths(fig)
    assert sorted(drawn(fig)) == [f["properties"]["code"] for f in gj["features"]]
    assert list(values.locations) == ["52.04", "52.71"] and len(grey.locations) == 8
    hover = dict(zip(grey.locations, grey.hovertext, strict=True))
    assert "No data yet" in hover["52.01"] and "3.47" in values.hovertext[1]
    widths = dict(zip(values.locations, values.marker.line.width, strict=True))
    assert widths["52.04"] > widths["52.71"]
    empty = region_map(df.iloc[0:0], IPM, "id", gj)
    assert len(choropleths(empty)) == 1 and len(drawn(empty)) == 10


def test_map_hover_and_colorbar_follow_the_language():
    gj = load_geojson()
    fig_id = region_map(ipm_2024(), IPM, "id", gj)
    fig_en = region_map(ipm_2024(), IPM, "en", gj)
    assert "81,64" in " ".join(fig_id.data[0].hovertext)
    assert "81.64" in " ".join(fig_en.data[0].hovertext)
    assert fig_id.layout.separators == ",." and fig_en.layout.separators == ".,"


def test_history_draws_the_previous_period_behind_shifted_by_the_period():
    cur = pd.DataFrame({"ts": [1000 * 3600 + i * 3600 for i in range(5)],
                        "value": [0.99, 0.98, 1.0, 0.97, 0.995]})
    prev = cur.assign(ts=cur["ts"] - 5 * 3600, value=[0.9] * 5)
    fig = history(cur, prev, RATIO, "id", tz="Asia/Makassar", period=5 * 3600)
    assert [tr.name for tr in fig.data] == ["Periode sebelumnya", "Periode ini"]
    behind, front = fig.data
    assert behind.line.dash == "dash" and front.line.dash is None
    assert list(behind.x) == list(front.x)  # shifted onto this period's time axis
    assert "99%" in front.hovertext[0] and "90%" in behind.hovertext[0]
    assert fig.layout.yaxis.tickformat == ".0%"
    assert any("Target 99%" in (a.text or "") for a in fig.layout.annotations)
    en = history(cur, prev, RATIO, "en", tz="Asia/Makassar", period=5 * 3600)
    assert [tr.name for tr in en.data] == ["Previous period", "This period"]
    assert "WITA" in front.hovertext[0]


def test_sparkline_and_breakdown():
    df = pd.DataFrame({"ts": [0, 3600, 7200], "value": [1234.5, 2000.0, 1500.0]})
    count = Metric(name="c", title="C", unit="count", agg="sum")
    sp = sparkline(df, count, "id")
    assert list(sp.data[0].y) == [1234.5, 2000.0, 1500.0]
    assert "1.234,5" in sp.data[0].hovertext[0]
    assert not sp.layout.xaxis.visible
    by = pd.DataFrame({"service": ["a", "b", "c"], "value": [5.0, 50.0, 20.0]})
    bar = breakdown(by, count, "en", "service", selected="c")
    assert list(bar.data[0].y) == ["a", "c", "b"]  # largest on top
    assert list(bar.data[0].text) == ["5", "20", "50"]
    assert bar.data[0].marker.color[1] != bar.data[0].marker.color[0]
