"""The wall's line and area trend: one line per label value, legible from five metres."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from pantau.dashboard.figures.style import DASHES
from pantau.dashboard.figures.wall_style import BASE_SIZE, base_layout, local, palette, time_axis
from pantau.dashboard.figures.wall_style import value_axis as _value_axis
from pantau.data.config_models import Metric


def wall_trend(frame: pd.DataFrame, metric: Metric, lang: str, tz: str, theme: str = "dark",
               area: bool = False, names: dict[str, str] | None = None) -> go.Figure:
    """``frame`` (columns ``ts``, ``group``, ``value``; ``group`` "" for a single line) as
    lines, or stacked-free filled areas when ``area``. ``names`` maps group values to the
    names shown in the legend (``data.labels``: region names, source titles)."""
    pal = palette(theme)
    names = names or {}
    fig = go.Figure()
    groups = list(dict.fromkeys(frame["group"])) if not frame.empty else []
    several = len(groups) > 1
    for i, group in enumerate(groups):
        part = frame[frame["group"] == group].sort_values("ts")
        colour = pal["series"][i % len(pal["series"])]
        fig.add_trace(go.Scatter(
            x=[local(t, tz) for t in part["ts"]], y=part["value"].tolist(),
            name=names.get(group, group) or metric.title_in(lang), mode="lines",
            line=dict(color=colour, shape="linear", **_stroke(i, len(groups))),
            fill="tozeroy" if area else None,
            fillcolor=_fade(colour, 0.10 if several else 0.22) if area else None))
    y = _value_axis(metric.unit, theme, frame["value"] if not frame.empty else None)
    fig.update_layout(**base_layout(
        lang, theme, xaxis=time_axis(frame["ts"].tolist() if not frame.empty else [], lang, tz,
                                     theme),
        yaxis=y, showlegend=several,
        legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom", bgcolor="rgba(0,0,0,0)",
                    font=dict(size=BASE_SIZE, color=pal["text"]), itemwidth=40,
                    entrywidth=_entry_width([t.name for t in fig.data]),
                    entrywidthmode="pixels"),
        margin=dict(l=10, r=16, t=44 if several else 10, b=10)))
    return fig


def _stroke(i: int, n: int) -> dict:
    """Width and dash of series ``i`` of ``n``: each its own dash, and widths falling from
    the first drawn to the last, so lines lying on one another (four services all at 100 %)
    still show every colour as a band around the next, and the legend tells them apart."""
    if n == 1:
        return {"width": 4}
    return {"width": max(2.5, 9 - i * 6.5 / max(n - 1, 1)), "dash": DASHES[i % len(DASHES)]}


def _entry_width(names: list[str]) -> int:
    """One width for every legend entry, fitted to the longest name, so the entries line up
    in columns and wrap to a new row instead of running into each other."""
    longest = max((len(n or "") for n in names), default=0)
    return int(longest * BASE_SIZE * 0.6) + 30


def _fade(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"
