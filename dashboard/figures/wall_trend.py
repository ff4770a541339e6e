"""The wall's line and area trend: one line per label value, legible from five metres."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from pantau.dashboard.figures.wall_style import BASE_SIZE, base_layout, local, palette, time_axis
from pantau.dashboard.figures.wall_style import value_axis as _value_axis
from pantau.data.config_models import Metric


def wall_trend(frame: pd.DataFrame, metric: Metric, lang: str, tz: str, theme: str = "dark",
               area: bool = False, names: dict[str, str] | None = None) -> go.Figure:
    """``frame`` (columns ``ts``, ``group``, ``value``; ``group`` "" for a single line) as
    lines, or stacked-free filled areas when ``area``. ``names`` maps group values to the
    names shown in the legend (region codes to region names)."""
    pal = palette(theme)
    names = names or {}
    fig = go.Figure()
    groups = list(dict.fromkeys(frame["group"])) if not frame.empty else []
    for i, group in enumerate(groups):
        part = frame[frame["group"] == group].sort_values("ts")
        colour = pal["series"][i % len(pal["series"])]
        fig.add_trace(go.Scatter(
            x=[local(t, tz) for t in part["ts"]], y=part["value"].tolist(),
            name=names.get(group, group) or metric.title_in(lang), mode="lines",
            line=dict(color=colour, width=4 if len(groups) == 1 else 3, shape="linear"),
            fill="tozeroy" if area else None,
            fillcolor=_fade(colour, 0.22 if len(groups) == 1 else 0.10) if area else None))
    show_legend = len(groups) > 1
    y = _value_axis(metric.unit, theme)
    if metric.unit == "ratio" and not frame.empty and frame["value"].min() >= 0.9:
        y["tickformat"] = ".1%"
    fig.update_layout(**base_layout(
        lang, theme, xaxis=time_axis(frame["ts"].tolist() if not frame.empty else [], lang, tz,
                                     theme),
        yaxis=y, showlegend=show_legend,
        legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom", bgcolor="rgba(0,0,0,0)",
                    font=dict(size=BASE_SIZE, color=pal["text"]), itemwidth=40),
        margin=dict(l=10, r=16, t=44 if show_legend else 10, b=10)))
    return fig


def _fade(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"
