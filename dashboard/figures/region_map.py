"""The choropleth of the kabupaten/kota of the site's province (no online tiles)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard import fmt
from dashboard.figures.style import base_layout, precise
from dashboard.i18n import t
from data.config_models import Metric

NO_DATA = "#e9ecef"
EDGE = "#ffffff"
SELECTED_EDGE = "#212529"


def _features(geojson: dict) -> list[dict]:
    return [f["properties"] for f in geojson["features"]]


def _points(coords):
    if coords and isinstance(coords[0], int | float):
        yield coords
        return
    for c in coords:
        yield from _points(c)


def bounds(geojson: dict, pad: float = 0.05) -> tuple[list[float], list[float]]:
    """``([lon_min, lon_max], [lat_min, lat_max])`` of every feature, padded by ``pad`` of
    the span on each side."""
    pts = [p for f in geojson["features"] for p in _points(f["geometry"]["coordinates"])]
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    dx, dy = (max(lons) - min(lons)) * pad, (max(lats) - min(lats)) * pad
    return [min(lons) - dx, max(lons) + dx], [min(lats) - dy, max(lats) + dy]


def region_map(df: pd.DataFrame, metric: Metric, lang: str, geojson: dict,
               selected: str | None = None, height: int = 340) -> go.Figure:
    """Every region of ``geojson`` (``properties.code`` as the key, codes as strings), filled
    by ``df`` (columns ``region``, ``value``) on a sequential scale, darker = higher; regions
    without a value are drawn light grey. The ``selected`` region gets a dark outline.

    Trace 0 holds all regions (grey base, clickable), trace 1 those with values, trace 2 the
    short names of the kabupaten at their centroids (the two kota are too small to label;
    hover names them). Drawn on Plotly's ``geo`` with the basemap hidden and no tiles: the
    axis ranges are the features' bounds, which fills the frame where ``fitbounds`` would keep
    the world's aspect ratio and leave the elongated province small."""
    props = _features(geojson)
    codes = [str(p["code"]) for p in props]
    names = {str(p["code"]): p["name"] for p in props}
    values: dict[str, float] = {}
    for code, v in zip(df.get("region", []), df.get("value", []), strict=True):
        if v is not None and not (isinstance(v, float) and math.isnan(v)):
            values[str(code)] = float(v)

    def edges(keys):
        return dict(color=[SELECTED_EDGE if k == selected else EDGE for k in keys],
                    width=[3 if k == selected else 1 for k in keys])

    no_data = t("common.no_data", lang)
    fig = go.Figure()
    fig.add_trace(go.Choropleth(
        geojson=geojson, featureidkey="properties.code", locations=codes, z=[0] * len(codes),
        colorscale=[[0, NO_DATA], [1, NO_DATA]], showscale=False, marker_line=edges(codes),
        hovertext=[f"<b>{names[c]}</b><br>{precise(values[c], metric.unit, lang)}"
                   if c in values else f"<b>{names[c]}</b><br>{no_data}" for c in codes],
        hoverinfo="text", name="regions"))
    have = [c for c in codes if c in values]
    if have:
        z = [values[c] for c in have]
        lo, hi = min(z), max(z)
        if lo == hi:
            lo, hi = lo - 1, hi + 1
        ticks = [lo + (hi - lo) * i / 4 for i in range(5)]
        fig.add_trace(go.Choropleth(
            geojson=geojson, featureidkey="properties.code", locations=have, z=z,
            zmin=lo, zmax=hi, colorscale="Blues", marker_line=edges(have),
            hovertext=[f"<b>{names[c]}</b><br>{precise(values[c], metric.unit, lang)}"
                       for c in have], hoverinfo="text", name="values",
            colorbar=dict(thickness=12, len=0.8, outlinewidth=0, tickvals=ticks,
                          ticktext=[fmt.value(v, metric.unit, lang, short=True)
                                    for v in ticks])))
    named = [p for p in props if p["kind"] != "kota"]
    fig.add_trace(go.Scattergeo(
        lon=[p["centroid"][0] for p in named], lat=[p["centroid"][1] for p in named],
        text=[p["short_name"] for p in named], mode="text",
        textfont=dict(size=10, color="#343a40"), hoverinfo="skip", name="names"))
    lon_range, lat_range = bounds(geojson)
    fig.update_geos(visible=False, projection_type="mercator", bgcolor="rgba(0,0,0,0)",
                    lonaxis_range=lon_range, lataxis_range=lat_range)
    fig.update_layout(**base_layout(lang, height, margin=dict(l=0, r=0, t=0, b=0),
                                    dragmode=False, clickmode="event"))
    return fig
