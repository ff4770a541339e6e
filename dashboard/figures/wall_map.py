"""The wall's map of the regions below the site (kabupaten/kota or kecamatan): filled outlines on
plain axes, values written on it.

Drawn as filled polygons on cartesian axes (no map tiles, no world topology, nothing fetched),
longitude stretched by 1/cos(latitude) so the islands keep their shape. Each region carries
its short name and value in large type; labels that would cover one another move out along a
leader line (small regions such as the cities, largest regions keep their place).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from pantau.dashboard import fmt
from pantau.dashboard.figures.wall_style import BASE_SIZE, base_layout, palette
from pantau.dashboard.i18n import t
from pantau.data.config_models import Metric

SIZE_HINT = (1160, 300)
"""Typical plot size (stage pixels) of a map tile, for placing labels apart."""
LABEL_FONT = BASE_SIZE - 2
_DIRECTIONS = ((0, -1), (0, 1), (-1, 0), (1, 0), (-0.8, -0.8), (0.8, -0.8), (-0.8, 0.8),
               (0.8, 0.8))
_DISTANCES = (60, 95, 130, 170)


def _mix(a: str, b: str, f: float) -> str:
    ca = [int(a.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    cb = [int(b.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    r, g, bl = (round(x + (y - x) * f) for x, y in zip(ca, cb, strict=True))
    return f"#{r:02x}{g:02x}{bl:02x}"


def scale_colour(stops: list[str], f: float) -> str:
    """The colour at ``f`` in [0, 1] along ``stops``."""
    f = min(1.0, max(0.0, f))
    pos = f * (len(stops) - 1)
    i = min(int(pos), len(stops) - 2)
    return _mix(stops[i], stops[i + 1], pos - i)


def _rings(geometry: dict) -> list[list]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [poly[0] for poly in geometry["coordinates"]]


def _outline(geometry: dict) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes of every ring, NaN between rings (a gap for Plotly)."""
    xs: list[float] = []
    ys: list[float] = []
    for ring in _rings(geometry):
        xs += [pt[0] for pt in ring] + [math.nan]
        ys += [pt[1] for pt in ring] + [math.nan]
    return np.array(xs), np.array(ys)


def _label(props: dict) -> str:
    return props["name"] if props.get("kind") == "kota" else props["short_name"]


def _area(geometry: dict) -> float:
    total = 0.0
    for ring in _rings(geometry):
        total += abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:],
                                                                          strict=False))) / 2
    return total


def _box(cx: float, cy: float, text: str) -> tuple[float, float, float, float]:
    lines = text.split("<br>")
    plain = [ln.replace("<b>", "").replace("</b>", "") for ln in lines]
    w = max(len(p) for p in plain) * 0.6 * LABEL_FONT + 10
    h = len(lines) * 1.3 * LABEL_FONT + 8
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _overlap(a, b, pad: float = 4) -> float:
    w = min(a[2], b[2]) + pad - max(a[0], b[0])
    h = min(a[3], b[3]) + pad - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def place_labels(points: list[tuple[float, float, str]], size: tuple[int, int]
                 ) -> list[tuple[float, float]]:
    """Pixel offsets (ax, ay) that keep labels of ``points`` (pixel x, y, text; the largest
    region first) from covering one another inside a plot of ``size``: a label stays on its
    point when it can, else moves out along a leader line, nearest free spot first."""
    placed: list[tuple] = []
    out = []
    w, h = size
    for x, y, text in points:
        best, best_cost = (0.0, 0.0), None
        candidates = [(0.0, 0.0)] + [(dx * d, dy * d) for d in _DISTANCES
                                       for dx, dy in _DIRECTIONS]
        for ax, ay in candidates:
            box = _box(x + ax, y + ay, text)
            outside = max(0, -box[0]) + max(0, box[2] - w) + max(0, -box[1]) + max(0, box[3] - h)
            cost = sum(_overlap(box, b) for b in placed) + outside * 50
            if best_cost is None or cost < best_cost:
                best, best_cost = (ax, ay), cost
            if cost == 0:
                break
        placed.append(_box(x + best[0], y + best[1], text))
        out.append(best)
    return out


def wall_map(frame: pd.DataFrame, metric: Metric, lang: str, geojson: dict,
             theme: str = "dark", size: tuple[int, int] = SIZE_HINT) -> go.Figure:
    """Every region of ``geojson`` (``properties.code``) filled by ``frame`` (columns
    ``group`` = region code, ``value``): a sequential scale from the lowest to the highest
    value; regions without a value in the theme's no-data grey. Labels (name and value) are
    kept apart for a plot of about ``size`` pixels."""
    pal = palette(theme)
    if not geojson["features"]:  # a level without shipped or imported boundaries
        fig = go.Figure()
        fig.update_layout(**base_layout(
            lang, theme, margin=dict(l=4, r=4, t=4, b=4), xaxis=dict(visible=False),
            yaxis=dict(visible=False), annotations=[dict(
                text=t("common.no_boundaries", lang), x=0.5, y=0.5, xref="paper",
                yref="paper", showarrow=False, font=dict(size=LABEL_FONT, color=pal["label"]))]))
        return fig
    values = {str(g): float(v) for g, v in zip(frame.get("group", []), frame.get("value", []),
                                                strict=True)
              if v is not None and math.isfinite(float(v))}
    lo, hi = (min(values.values()), max(values.values())) if values else (0.0, 1.0)
    lats = [pt[1] for f in geojson["features"] for ring in _rings(f["geometry"]) for pt in ring]
    mid = (min(lats) + max(lats)) / 2 if lats else 0.0
    xs_all = [pt[0] for f in geojson["features"] for ring in _rings(f["geometry"])
              for pt in ring]
    x0, x1 = (min(xs_all), max(xs_all)) if xs_all else (0.0, 1.0)
    y0, y1 = (min(lats), max(lats)) if lats else (0.0, 1.0)
    ratio = 1 / math.cos(math.radians(mid))
    w, h = size
    sx = min(w / max(x1 - x0, 1e-9), h / max((y1 - y0) * ratio, 1e-9))
    sy = sx * ratio
    ox, oy = (w - (x1 - x0) * sx) / 2, (h - (y1 - y0) * sy) / 2
    fig = go.Figure()
    labels = []
    for feat in geojson["features"]:
        props, code = feat["properties"], str(feat["properties"]["code"])
        xs, ys = _outline(feat["geometry"])
        v = values.get(code)
        colour = pal["no_data"] if v is None else scale_colour(
            pal["scale"], 0.5 if hi == lo else (v - lo) / (hi - lo))
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=colour,
                                 line=dict(color=pal["edge"], width=1), name=code,
                                 hoverinfo="skip"))
        text = f"<b>{_label(props)}</b><br>{fmt.value(v, metric.unit, lang, short=True)}" \
            if v is not None else f"{_label(props)}"
        cx, cy = props["centroid"]
        labels.append((_area(feat["geometry"]), cx, cy, text))
    labels.sort(key=lambda item: -item[0])
    offsets = place_labels([(ox + (cx - x0) * sx, oy + (y1 - cy) * sy, text)
                            for _a, cx, cy, text in labels], size)
    annotations = []
    for (_a, cx, cy, text), (ax, ay) in zip(labels, offsets, strict=True):
        moved = (ax, ay) != (0.0, 0.0)
        annotations.append(dict(
            x=cx, y=cy, text=text, showarrow=moved, ax=ax, ay=ay, arrowcolor=pal["label"],
            arrowwidth=2, arrowhead=0, standoff=0, align="center",
            font=dict(size=LABEL_FONT, color=pal["label"]), bgcolor=pal["label_bg"],
            borderpad=3))
    fig.update_layout(**base_layout(
        lang, theme, annotations=annotations, margin=dict(l=4, r=4, t=4, b=4),
        xaxis=dict(visible=False, fixedrange=True),
        yaxis=dict(visible=False, fixedrange=True, scaleanchor="x",
                   scaleratio=1 / math.cos(math.radians(mid)), constrain="domain")))
    return fig
