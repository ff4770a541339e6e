"""The choropleth of the regions one level below the site's area (a province's kabupaten/kota, a
kabupaten/kota's kecamatan; no online tiles)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from pantau.dashboard import fmt
from pantau.dashboard.figures.style import base_layout, precise
from pantau.dashboard.i18n import t
from pantau.data.config_models import Metric

NO_DATA = "#e9ecef"
# ColorBrewer Blues, light (low) to dark (high), spelled out: without validation Plotly.py
# does not expand a named scale, and plotly.js' own "Blues" runs the other way. The two
# palest steps are left out so the lowest value still reads as blue beside "no data" grey.
BLUES = ["#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"]
SCALE = [[i / (len(BLUES) - 1), c] for i, c in enumerate(BLUES)]
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

    Choropleth traces: ``values`` (regions with a value) and ``no data`` (the rest, grey);
    together they hold every feature exactly once, each with only its own features so the
    boundaries travel to the browser once. A text trace names the kabupaten at their
    centroids (the two kota are too small to label; hover names them). Drawn on Plotly's
    ``geo`` with the basemap hidden and no tiles: the axis ranges are the features' bounds,
    which fills the frame where ``fitbounds`` would keep the world's aspect ratio and leave
    the elongated province small. Built without Plotly's per-property validation, which
    costs about 0.2 s per trace on a 73 kB GeoJSON."""
    props = _features(geojson)
    if not props:  # a level without shipped or imported boundaries: say so, not a blank
        layout = base_layout(lang, height, margin=dict(l=0, r=0, t=0, b=0), dragmode=False)
        layout.update(xaxis=dict(visible=False), yaxis=dict(visible=False), annotations=[dict(
            text=t("common.no_boundaries", lang), x=0.5, y=0.5, xref="paper", yref="paper",
            showarrow=False, font=dict(size=13, color="#6c757d"))])
        return go.Figure(layout=layout)
    codes = [str(p["code"]) for p in props]
    names = {str(p["code"]): p["name"] for p in props}
    values: dict[str, float] = {}
    for code, v in zip(df.get("region", []), df.get("value", []), strict=True):
        if v is not None and not (isinstance(v, float) and math.isnan(v)):
            values[str(code)] = float(v)

    def subset(keys):
        keep = set(keys)
        return {"type": "FeatureCollection",
                "features": [f for f in geojson["features"]
                             if str(f["properties"]["code"]) in keep]}

    def edges(keys):
        return dict(color=[SELECTED_EDGE if k == selected else EDGE for k in keys],
                    width=[3 if k == selected else 1 for k in keys])

    def hover(c):
        shown = precise(values[c], metric.unit, lang) if c in values else no_data
        return f"<b>{names[c]}</b><br>{shown}"

    no_data = t("common.no_data", lang)
    traces = []
    have = [c for c in codes if c in values]
    if have:
        z = [values[c] for c in have]
        lo, hi = min(z), max(z)
        if lo == hi:
            lo, hi = lo - 1, hi + 1
        ticks = [lo + (hi - lo) * i / 4 for i in range(5)]
        traces.append(dict(
            type="choropleth", geojson=subset(have), featureidkey="properties.code",
            locations=have, z=z, zmin=lo, zmax=hi, colorscale=SCALE,
            marker=dict(line=edges(have)), hovertext=[hover(c) for c in have],
            hoverinfo="text", name="values",
            showscale=len(have) > 1,  # one region (a scoped user's map): no scale of one value
            colorbar=dict(thickness=12, len=0.8, outlinewidth=0, tickvals=ticks,
                          ticktext=[fmt.value(v, metric.unit, lang, short=True)
                                    for v in ticks])))
    empty = [c for c in codes if c not in values]
    if empty:
        traces.append(dict(
            type="choropleth", geojson=subset(empty), featureidkey="properties.code",
            locations=empty, z=[0] * len(empty), colorscale=[[0, NO_DATA], [1, NO_DATA]],
            showscale=False, marker=dict(line=edges(empty)),
            hovertext=[hover(c) for c in empty], hoverinfo="text", name="no data"))
    named = [p for p in props if p["kind"] != "kota"]
    traces.append(dict(
        type="scattergeo", lon=[p["centroid"][0] for p in named],
        lat=[p["centroid"][1] for p in named], text=[p["short_name"] for p in named],
        mode="text", textfont=dict(size=10, color="#343a40"), hoverinfo="skip",
        name="names"))
    lon_range, lat_range = bounds(geojson)
    layout = base_layout(lang, height, margin=dict(l=0, r=0, t=0, b=0), dragmode=False,
                         clickmode="event")
    layout["geo"] = dict(visible=False, projection=dict(type="mercator"),
                         bgcolor="rgba(0,0,0,0)", lonaxis=dict(range=lon_range),
                         lataxis=dict(range=lat_range))
    return go.Figure(data=traces, layout=layout, _validate=False)
