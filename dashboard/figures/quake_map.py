"""The wall's map of recent earthquakes: the site's regions in outline, each quake a circle
sized by magnitude, the newest in red with its magnitude written beside it.

Drawn like ``wall_map`` (filled polygons on plain axes, longitude stretched by
1/cos(latitude), nothing fetched). The view is the site's area with a margin
(``MARGIN_DEG``); quakes beyond it are counted, not drawn, so a quake in Maluku does not
shrink NTB to a dot.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
from pantau.dashboard import fmt
from pantau.dashboard.figures.wall_map import _outline, _rings
from pantau.dashboard.figures.wall_style import BASE_SIZE, base_layout, palette
from pantau.dashboard.i18n import t

MARGIN_DEG = 1.0
"""Degrees around the site's area that the map shows (about 110 km)."""
RED = {"dark": "#ff5a5f", "light": "#c62828"}


def marker_size(magnitude: float) -> float:
    """Circle diameter in stage pixels: M3 is 14 px, each magnitude adds 9 px."""
    return max(8.0, 14.0 + (float(magnitude) - 3.0) * 9.0)


def quake_map(items: list[dict], geojson: dict, lang: str, theme: str = "dark",
              period: str = "") -> go.Figure:
    """``items``: quakes with ``lat``, ``lon``, ``magnitude`` and ``latest`` (the first is
    the newest); ``geojson``: the regions below the site (``load_geojson``); ``period``: the
    tile's period in words ("7 hari"), for the count written under the map."""
    pal = palette(theme)
    fig = go.Figure()
    xs_all, ys_all = [], []
    for feat in geojson.get("features", []):
        xs, ys = _outline(feat["geometry"])
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself",
                                 fillcolor=pal["no_data"], line=dict(color=pal["edge"], width=1),
                                 hoverinfo="skip"))
        for ring in _rings(feat["geometry"]):
            xs_all += [p[0] for p in ring]
            ys_all += [p[1] for p in ring]
    if xs_all:
        x0, x1 = min(xs_all) - MARGIN_DEG, max(xs_all) + MARGIN_DEG
        y0, y1 = min(ys_all) - MARGIN_DEG, max(ys_all) + MARGIN_DEG
    else:  # no boundaries: around the quakes themselves
        lons = [i["lon"] for i in items] or [0.0]
        lats = [i["lat"] for i in items] or [0.0]
        x0, x1 = min(lons) - MARGIN_DEG, max(lons) + MARGIN_DEG
        y0, y1 = min(lats) - MARGIN_DEG, max(lats) + MARGIN_DEG
    inside = [i for i in items if x0 <= i["lon"] <= x1 and y0 <= i["lat"] <= y1]
    older = [i for i in inside if not i.get("latest")][::-1]  # oldest drawn first
    if older:
        fig.add_trace(go.Scatter(
            x=[i["lon"] for i in older], y=[i["lat"] for i in older], mode="markers",
            marker=dict(size=[marker_size(i["magnitude"]) for i in older],
                        color=pal["accent"], opacity=0.55,
                        line=dict(color=pal["label"], width=1)), hoverinfo="skip"))
    annotations = []
    newest = [i for i in inside if i.get("latest")]
    if newest:
        q = newest[0]
        fig.add_trace(go.Scatter(
            x=[q["lon"]], y=[q["lat"]], mode="markers",
            marker=dict(size=marker_size(q["magnitude"]) + 6, color=RED.get(theme, RED["dark"]),
                        symbol="circle", line=dict(color=pal["label"], width=3)),
            hoverinfo="skip"))
        annotations.append(dict(
            x=q["lon"], y=q["lat"], text=f"<b>M {fmt.number(q['magnitude'], lang, 1)}</b>",
            showarrow=True, ax=-56, ay=-40, arrowcolor=pal["label"], arrowwidth=2,
            arrowhead=0, font=dict(size=BASE_SIZE + 2, color=pal["label"]),
            bgcolor=pal["label_bg"], borderpad=4))
    annotations.append(dict(
        text=t("bmkg.gempa.recent", lang, n=len(items), period=period), x=0, y=0,
        xref="paper", yref="paper", xanchor="left", yanchor="bottom", showarrow=False,
        font=dict(size=BASE_SIZE - 2, color=pal["muted"])))
    outside = len(items) - len(inside)
    if outside:
        annotations.append(dict(
            text=t("bmkg.gempa.outside", lang, n=outside), x=1, y=0, xref="paper",
            yref="paper", xanchor="right", yanchor="bottom", showarrow=False,
            font=dict(size=BASE_SIZE - 2, color=pal["muted"])))
    mid = (y0 + y1) / 2
    fig.update_layout(**base_layout(
        lang, theme, annotations=annotations, margin=dict(l=4, r=4, t=4, b=4),
        xaxis=dict(visible=False, fixedrange=True, range=[x0, x1]),
        yaxis=dict(visible=False, fixedrange=True, range=[y0, y1], scaleanchor="x",
                   scaleratio=1 / math.cos(math.radians(mid)), constrain="domain")))
    return fig
