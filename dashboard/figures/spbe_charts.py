"""Pure figures of the SPBE page: domain and aspect indices as bars against the target, and
the index per evaluation year against the predikat bands.

    breakdown_bars(df, lang)   # df: label, value, kind ("domain" | "aspect"), predikat
    trend_lines(df, selected, names, lang)   # df: year, region, index

Both draw on a fixed 1–5 axis so two regions' charts compare, with the national target
(Baik, 2,60) as a dashed line.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from pantau.dashboard.figures.style import base_layout, precise
from pantau.dashboard.i18n import t

BANDS = (("Kurang", 1.0, 1.8), ("Cukup", 1.8, 2.6), ("Baik", 2.6, 3.5),
         ("Sangat Baik", 3.5, 4.2), ("Memuaskan", 4.2, 5.0))
BAND_FILL = {"Kurang": "rgba(192,57,43,0.08)", "Cukup": "rgba(217,138,0,0.08)",
             "Baik": "rgba(31,111,178,0.07)", "Sangat Baik": "rgba(46,158,85,0.08)",
             "Memuaskan": "rgba(11,110,58,0.10)"}
TARGET = 2.6
TARGET_COLOUR = "#1a1a1a"
OTHERS = "#c3cad1"
SELECTED = "#0d6efd"


def _num(v: float, lang: str) -> str:
    return precise(v, "score", lang)


def breakdown_bars(df: pd.DataFrame, lang: str, colors: dict[str, str],
                   height: int | None = None, wrap: int = 60) -> go.Figure:
    """Horizontal bars, top to bottom in ``df``'s order: each domain (bold) followed by its
    aspects, coloured by the predikat their value would earn; the value at the bar's end.
    Labels longer than ``wrap`` characters break into lines (a phone: ``wrap=22``)."""
    rows = df.iloc[::-1]  # Plotly draws the first category at the bottom
    labels = ["<br>".join(textwrap.wrap(r.label, wrap)) for r in rows.itertuples(index=False)]
    labels = [f"<b>{x}</b>" if r.kind == "domain" else x
              for x, r in zip(labels, rows.itertuples(index=False), strict=True)]
    values = [None if pd.isna(v) else float(v) for v in rows["value"]]
    fig = go.Figure(go.Bar(
        x=[v if v is not None else 0 for v in values], y=labels, orientation="h",
        marker=dict(color=[colors.get(p, "#adb5bd") for p in rows["predikat"]]),
        text=[_num(v, lang) if v is not None else "–" for v in values],
        textposition="outside", cliponaxis=False, hoverinfo="skip"))
    lines = sum(x.count("<br>") + 1 for x in labels)
    h = height or 40 + 22 * lines + 6 * len(df)
    layout = base_layout(lang, h, margin=dict(l=8, r=40, t=26, b=8), bargap=0.28)
    layout.update(
        # grid lines at every band's edge, numbers only at 1, the target and 5 (a phone's
        # narrow plot would tilt six)
        xaxis=dict(range=[1, 5.35], tickvals=[1, 1.8, 2.6, 3.5, 4.2, 5],
                   ticktext=[_num(v, lang) if v in (1, TARGET, 5) else ""
                             for v in (1, 1.8, 2.6, 3.5, 4.2, 5)], tickangle=0,
                   gridcolor="#e9ecef", zeroline=False, fixedrange=True),
        yaxis=dict(automargin=True, fixedrange=True),
        shapes=[dict(type="line", x0=TARGET, x1=TARGET, y0=0, y1=1, yref="paper",
                     line=dict(color=TARGET_COLOUR, width=1.5, dash="dash"))],
        annotations=[dict(x=TARGET, y=1, yref="paper", yanchor="bottom", showarrow=False,
                          text=t("spbe.target", lang, value=_num(TARGET, lang)),
                          font=dict(size=11, color=TARGET_COLOUR))])
    fig.update_layout(layout)
    return fig


def trend_lines(df: pd.DataFrame, selected: str | None, names: dict[str, str], lang: str,
                height: int = 300) -> go.Figure:
    """The index per year of every region (thin grey) and of ``selected`` (blue, labelled),
    over the predikat bands, with the target as a dashed line."""
    fig = go.Figure()
    years = sorted(int(y) for y in df["year"].unique()) if not df.empty else []
    for region, part in df.sort_values("year").groupby("region", sort=True):
        if region == selected:
            continue
        fig.add_trace(go.Scatter(x=part["year"], y=part["index"], mode="lines",
                                 line=dict(color=OTHERS, width=1), name=names.get(region, region),
                                 hovertemplate="%{fullData.name}: %{y:.2f}<extra></extra>"))
    if selected is not None:
        part = df[df["region"] == selected].sort_values("year")
        fig.add_trace(go.Scatter(
            x=part["year"], y=part["index"], mode="lines+markers+text",
            line=dict(color=SELECTED, width=3), marker=dict(size=8),
            text=[_num(v, lang) for v in part["index"]], textposition="top center",
            name=names.get(selected, selected),
            hovertemplate="%{fullData.name}: %{y:.2f}<extra></extra>"))
    shapes = [dict(type="rect", xref="paper", x0=0, x1=1, y0=lo, y1=hi, line=dict(width=0),
                   fillcolor=BAND_FILL[name], layer="below") for name, lo, hi in BANDS]
    shapes.append(dict(type="line", xref="paper", x0=0, x1=1, y0=TARGET, y1=TARGET,
                       line=dict(color=TARGET_COLOUR, width=1.5, dash="dash")))
    notes = [dict(xref="paper", x=1, y=(lo + hi) / 2, xanchor="right", showarrow=False,
                  text=t(f"spbe.predikat.{name}", lang), font=dict(size=10, color="#6c757d"))
             for name, lo, hi in BANDS]
    layout = base_layout(lang, height, margin=dict(l=40, r=8, t=8, b=30))
    layout.update(
        xaxis=dict(tickvals=years, ticktext=[str(y) for y in years], fixedrange=True,
                   range=[years[0] - 0.3, years[-1] + 0.3] if years else None),
        yaxis=dict(range=[1, 5], tickvals=[1, 1.8, 2.6, 3.5, 4.2, 5],
                   ticktext=[_num(v, lang) for v in (1, 1.8, 2.6, 3.5, 4.2, 5)],
                   gridcolor="rgba(0,0,0,0)", fixedrange=True),
        shapes=shapes, annotations=notes)
    fig.update_layout(layout)
    return fig
