"""The explorer's chart: every series of a /series answer on one time axis (pure function).

    fig = explore_figure(answer, metrics, lang="id", tz="Asia/Makassar", chart="line")

``answer`` is what ``/api/v1/series`` returns (points as ``[epoch_ms, value]``). Times are
drawn as numbers (epoch ms moved to the site's wall clock) so the payload stays small and the
axis reads in WITA/WIB/WIT; tick labels come from the language (Babel). A compared metric gets
the right-hand axis; a compared period is moved forward by its shift to lie over the asked one.
The page, ``/api/v1/chart.*`` and the PDF report all draw with this function.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import numpy as np
import plotly.graph_objects as go
from pantau.dashboard import fmt
from pantau.dashboard.figures.style import FONT, separators, value_axis
from pantau.dashboard.figures.time_axis import tick_times
from pantau.dashboard.i18n import t
from pantau.data.zones import zone_label

PALETTE = ("#0d6efd", "#fd7e14", "#198754", "#d63384", "#6f42c1", "#20c997", "#dc3545",
           "#0dcaf0", "#6c757d", "#ffc107")


def local_ms(ms, tz: str) -> np.ndarray:
    """Epoch milliseconds moved by the zone's offset at each time: numbers that Plotly's date
    axis (which knows only UTC) shows as the site's wall-clock time."""
    arr = np.asarray(ms, dtype="int64")
    if arr.size == 0:
        return arr
    zone = ZoneInfo(tz)
    lo, hi = (datetime.fromtimestamp(int(v) / 1000, UTC).astimezone(zone).utcoffset()
              for v in (arr.min(), arr.max()))
    if lo == hi:  # Indonesia keeps one offset all year: one addition
        return arr + int(lo.total_seconds()) * 1000
    offs = [datetime.fromtimestamp(int(v) / 1000, UTC).astimezone(zone).utcoffset()
            for v in arr]
    return arr + np.array([int(o.total_seconds()) * 1000 for o in offs], dtype="int64")


def series_name(item: dict, answer: dict, metrics: Mapping, lang: str) -> str:
    """A legend name: the labels (by their names where they have one: "Kota Mataram", not
    52.71), the metric when two are compared, the shift of a period."""
    names = item.get("label_names", {})
    labels = " · ".join(names.get(k, f"{v}") for k, v in sorted(item["labels"].items())) or \
        t("explore.all_series", lang)
    if answer.get("metric2"):
        spec = metrics.get(item["metric"])
        labels = f"{spec.title_in(lang) if spec else item['metric']}: {labels}"
    if item.get("shift"):
        labels += " " + t("explore.shifted", lang, shift=fmt.duration(item["shift"], lang))
    return labels


def ticks(lo_ms: int, hi_ms: int, lang: str, n: int = 8) -> tuple[list[int], list[str]]:
    """Tick positions (local ms) and labels in ``lang`` for the local-ms range, by the one rule
    of ``time_axis.tick_times`` (the values are wall-clock already, hence the zone UTC)."""
    vals, texts = tick_times(int(lo_ms) // 1000, int(hi_ms) // 1000, lang, "UTC", n)
    return [v * 1000 for v in vals], texts


def _trace(kind: str, x, y, name: str, color: str, axis: str, dashed: bool, hover: str):
    if kind == "bar":
        return go.Bar(x=x, y=y, name=name, marker_color=color, yaxis=axis,
                      hovertemplate=hover, opacity=0.55 if dashed else 1)
    return go.Scatter(x=x, y=y, name=name, mode="lines", yaxis=axis, hovertemplate=hover,
                      opacity=0.6 if dashed else 1,
                      line=dict(color=color, width=1.8, dash="dot" if dashed else "solid"),
                      # only the first axis is filled: the second metric's area, on its own
                      # scale, painted over the first as one solid block
                      fill="tozeroy" if kind == "area" and not dashed and axis == "y" else None,
                      fillcolor=_faint(color) if kind == "area" else None)


def _faint(color: str) -> str:
    """``color`` at low opacity: overlapping areas of several series stay readable."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},0.18)"


def _hover(unit: str, zone: str) -> str:
    value = "%{y:.1%}" if unit == "ratio" else "%{y:,.4~f}"
    return f"%{{x|%d/%m/%Y %H:%M}} {zone}<br>{value}<extra>%{{fullData.name}}</extra>"


def explore_figure(answer: dict, metrics: Mapping, lang: str, tz: str, chart: str = "line",
                   height: int = 460, dark: bool = False) -> go.Figure:
    """The chart of a /series ``answer``; ``metrics`` maps names to catalogue entries."""
    zone = zone_label(tz)
    spec = metrics.get(answer["metric"])
    unit = spec.unit if spec else answer.get("unit", "count")
    fig = go.Figure()
    lo = hi = None
    colors: dict = {}
    ys: dict[str, list] = {"y": [], "y2": []}  # values per axis: a ratio axis fits them
    for item in answer.get("series", []):
        if not item["points"]:
            continue
        pts = np.asarray(item["points"], dtype="float64")
        ms = pts[:, 0].astype("int64") + int(item.get("shift") or 0) * 1000
        x = local_ms(ms, tz).astype("float64")  # float64 travels as compact base64 (bdata)
        lo = x[0] if lo is None else min(lo, x[0])
        hi = x[-1] if hi is None else max(hi, x[-1])
        second = bool(answer.get("metric2")) and item["metric"] == answer["metric2"]["name"]
        item_unit = metrics[item["metric"]].unit if item["metric"] in metrics else unit
        # a compared period keeps the colour of the line it is compared with
        key = (item["metric"], tuple(sorted(item["labels"].items())))
        color = colors.setdefault(key, PALETTE[len(colors) % len(PALETTE)])
        ys["y2" if second else "y"].extend(pts[:, 1].tolist())
        fig.add_trace(_trace(chart, x, pts[:, 1], series_name(item, answer, metrics, lang),
                             color, "y2" if second else "y", bool(item.get("shift")),
                             _hover(item_unit, zone)))
    title = spec.title_in(lang) if spec else answer["metric"]
    layout = dict(
        height=height, separators=separators(lang), font=dict(family=FONT, size=12,
                                                              color="#dee2e6" if dark else
                                                              "#212529"),
        paper_bgcolor="rgba(0,0,0,0)" if not dark else "#212529",
        plot_bgcolor="rgba(0,0,0,0)", margin=dict(l=10, r=10, t=48, b=10),
        title=dict(text=f"{title} <span style='font-size:12px'>({zone})</span>", x=0.01,
                   font=dict(size=16)),
        showlegend=len(fig.data) > 1, hovermode="x unified" if chart != "bar" else "closest",
        legend=dict(orientation="h", y=-0.12, x=0), barmode="group",
        yaxis=value_axis(unit, ys["y"]),
        xaxis=dict(type="date", gridcolor="rgba(128,128,128,0.15)", automargin=True),
    )
    if answer.get("metric2"):
        unit2 = answer["metric2"]["unit"]
        layout["yaxis2"] = {**value_axis(unit2, ys["y2"]), "overlaying": "y", "side": "right",
                            "showgrid": False, "title": dict(text=answer["metric2"]["title"])}
        layout["yaxis"]["title"] = dict(text=title)
    if lo is not None:
        vals, texts = ticks(int(lo), int(hi), lang)
        layout["xaxis"].update(tickmode="array", tickvals=vals, ticktext=texts)
    else:
        fig.add_annotation(text=t("common.no_data", lang), showarrow=False, x=0.5, y=0.5,
                           xref="paper", yref="paper", font=dict(size=16))
        layout["xaxis"]["visible"] = False
        layout["yaxis"]["visible"] = False
    fig.update_layout(**layout)
    return fig
