"""The small trend line of a KPI card."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from pantau.dashboard import fmt
from pantau.dashboard.figures.style import PRIMARY, base_layout, local_times
from pantau.data.config_models import Metric


def sparkline(df: pd.DataFrame, metric: Metric, lang: str, tz: str = "Asia/Makassar",
              color: str = PRIMARY, height: int = 56) -> go.Figure:
    """A line of ``df`` (columns ``ts``, ``value``; one point per bucket) without axes; the
    last point is marked. Hover shows the bucket's local time and the value with its unit."""
    df = df.sort_values("ts") if not df.empty else df
    x = local_times(df["ts"], tz) if not df.empty else []
    hover = [f"{fmt.when(t, lang, tz)}<br><b>{fmt.value(v, metric.unit, lang)}</b>"
             for t, v in zip(df["ts"], df["value"], strict=True)] if not df.empty else []
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=list(df["value"]) if not df.empty else [], mode="lines",
                             line=dict(color=color, width=2, shape="linear"),
                             hovertext=hover, hoverinfo="text", name=""))
    if len(x):
        fig.add_trace(go.Scatter(x=[x[-1]], y=[float(df["value"].iloc[-1])], mode="markers",
                                 marker=dict(color=color, size=6), hoverinfo="skip", name=""))
    fig.update_layout(**base_layout(lang, height, margin=dict(l=2, r=6, t=4, b=4),
                                    hovermode="closest"))
    fig.update_xaxes(visible=False, fixedrange=True)
    fig.update_yaxes(visible=False, fixedrange=True)
    return fig
