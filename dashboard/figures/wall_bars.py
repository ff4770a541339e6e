"""The wall's bars by label: horizontal, largest on top, each value written at its bar."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from pantau.dashboard import fmt
from pantau.dashboard.figures.wall_style import BASE_SIZE, base_layout, palette, value_axis
from pantau.data.config_models import Metric


def wall_bars(frame: pd.DataFrame, metric: Metric, lang: str, theme: str = "dark",
              names: dict[str, str] | None = None) -> go.Figure:
    """``frame`` (columns ``group``, ``value``) as horizontal bars; ``names`` maps label
    values to display names."""
    pal = palette(theme)
    names = names or {}
    data = frame.sort_values("value", ascending=True) if not frame.empty else frame
    labels = [names.get(str(g), str(g)) or metric.title_in(lang) for g in data.get("group", [])]
    values = [float(v) for v in data.get("value", [])]
    fig = go.Figure(go.Bar(
        x=values, y=labels, orientation="h", marker=dict(color=pal["accent"]),
        text=[fmt.value(v, metric.unit, lang, short=True) for v in values],
        textposition="outside", cliponaxis=False, constraintext="none",
        textfont=dict(size=BASE_SIZE, color=pal["text"])))
    x = value_axis(metric.unit, theme)
    x.update(showticklabels=False, showgrid=False)
    if values:
        x["range"] = [0, max(max(values), 0) * 1.18 or 1]
    fig.update_layout(**base_layout(
        lang, theme, xaxis=x, bargap=0.28,
        yaxis=dict(automargin=True, fixedrange=True, ticks="", ticksuffix="  ",
                   tickfont=dict(size=BASE_SIZE, color=pal["text"]))))
    return fig
