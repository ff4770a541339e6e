"""The history of a metric with the previous period drawn behind it."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from pantau.dashboard import fmt
from pantau.dashboard.figures.style import (
    PREVIOUS,
    PRIMARY,
    TARGET,
    base_layout,
    local_times,
    value_axis,
)
from pantau.dashboard.figures.time_axis import tick_times
from pantau.dashboard.i18n import t
from pantau.data.config_models import Metric


def _hover(df: pd.DataFrame, metric: Metric, lang: str, tz: str, name: str) -> list[str]:
    return [f"{name}<br>{fmt.when(ts, lang, tz)}<br><b>{fmt.value(v, metric.unit, lang)}</b>"
            for ts, v in zip(df["ts"], df["value"], strict=True)]


def history(current: pd.DataFrame, previous: pd.DataFrame, metric: Metric, lang: str,
            tz: str = "Asia/Makassar", period: int = 7 * 86400, height: int = 340) -> go.Figure:
    """``current`` (columns ``ts``, ``value``) as a line; ``previous`` (the period before, with
    its own time stamps) shifted forward by ``period`` seconds and drawn grey and dashed behind
    it; the metric's target as a green dotted line. Hover shows each point's real time."""
    fig = go.Figure()
    this_name = t("metric.fig.this_period", lang)
    prev_name = t("metric.fig.previous_period", lang)
    if not previous.empty:
        prev = previous.sort_values("ts")
        fig.add_trace(go.Scatter(
            x=local_times(prev["ts"] + int(period), tz), y=list(prev["value"]), mode="lines",
            name=prev_name, line=dict(color=PREVIOUS, width=2, dash="dash"),
            hovertext=_hover(prev, metric, lang, tz, prev_name), hoverinfo="text"))
    cur = current.sort_values("ts") if not current.empty else current
    if not cur.empty:
        fig.add_trace(go.Scatter(
            x=local_times(cur["ts"], tz), y=list(cur["value"]), name=this_name,
            mode="lines+markers" if len(cur) <= 40 else "lines",
            line=dict(color=PRIMARY, width=2.5), marker=dict(size=5),
            hovertext=_hover(cur, metric, lang, tz, this_name), hoverinfo="text"))
    shown = list(cur["ts"]) if not cur.empty else []
    if not previous.empty:
        shown += list(previous["ts"] + int(period))
    tickvals, ticktext = [], []
    if shown:
        picked, ticktext = tick_times(min(shown), max(shown), lang, tz)
        tickvals = local_times(picked, tz)
    fig.update_layout(**base_layout(
        lang, height, showlegend=True, hovermode="closest",
        margin=dict(l=8, r=8, t=8, b=8),
        # below the plot: above it, the chart toolbar covered the legend on a phone
        legend=dict(orientation="h", yanchor="top", y=-0.14, xanchor="left", x=0)))
    # A sum metric's target is for a whole period, not for one bucket: not drawn.
    if metric.target is not None and metric.agg != "sum":
        fig.add_hline(y=metric.target, line=dict(color=TARGET, width=1.5, dash="dot"),
                      annotation_text=t("metric.fig.target", lang,
                                        value=fmt.value(metric.target, metric.unit, lang)),
                      annotation_position="top left", annotation_font_color=TARGET)
    fig.update_xaxes(tickvals=tickvals, ticktext=ticktext, showgrid=False, automargin=True)
    fig.update_yaxes(**value_axis(metric.unit))
    return fig
