"""A metric broken down by the values of one label, as horizontal bars."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from pantau.dashboard.figures.style import PRIMARY, base_layout, precise, value_axis
from pantau.data.config_models import Metric


def breakdown(df: pd.DataFrame, metric: Metric, lang: str, label: str,
              names: Mapping[str, str] | None = None, selected: str | None = None,
              max_bars: int = 15) -> go.Figure:
    """One bar per value of ``label`` (``df`` columns ``<label>``, ``value``), largest on top,
    each with its formatted value. ``names`` maps label values to display names (region codes
    to region names); the ``selected`` value is drawn in the primary colour, others lighter."""
    names = names or {}
    rows = df.dropna(subset=["value"]).sort_values("value", ascending=False).head(max_bars)
    rows = rows.iloc[::-1]  # Plotly draws the first bar at the bottom
    keys = [str(k) for k in rows[label]] if not rows.empty else []
    shown = [names.get(k, k) for k in keys]
    values = list(rows["value"]) if not rows.empty else []
    texts = [precise(v, metric.unit, lang) for v in values]
    colors = [PRIMARY if (selected is None or k == selected) else "#9ec5fe" for k in keys]
    fig = go.Figure(go.Bar(x=values, y=shown, orientation="h", text=texts,
                           textposition="auto", marker_color=colors, customdata=keys,
                           hovertext=[f"{n}: {v}" for n, v in zip(shown, texts, strict=True)],
                           hoverinfo="text", cliponaxis=False))
    height = max(140, 34 * len(keys) + 40)
    fig.update_layout(**base_layout(lang, height, bargap=0.25))
    fig.update_xaxes(**value_axis(metric.unit), showticklabels=False)
    fig.update_yaxes(automargin=True)
    return fig
