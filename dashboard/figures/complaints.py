"""Figures of the complaints page (``/aduan``): pure functions of ``data.complaint_views``'
frames. Stage names come from ``dashboard/texts/complaints.py``; numbers from ``dashboard.fmt``.

    backlog_bars(view.backlog, "id")        # stage, waiting, overdue
    agency_bars(view.by_agency, "id")       # agency, stage, overdue
    share_lines(view.share, "id")           # day, stage, due, share
"""

from __future__ import annotations

import math
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go
from pantau.dashboard import fmt
from pantau.dashboard.figures.style import DASHES, STATUS, base_layout, share_axis
from pantau.dashboard.i18n import t

STAGES = ("verification", "followup", "completion")
STAGE_COLOURS = {"verification": "#0d6efd", "followup": "#6f42c1", "completion": "#198754"}
ON_TIME = "#9ec5fe"
LATE = STATUS["crit"]
MAX_AGENCIES = 12


def stage_name(stage: str, lang: str) -> str:
    """``Verifikasi``, ``Tindak lanjut``, ``Penyelesaian``."""
    return t(f"aduan.stage.{stage}", lang)


def backlog_bars(backlog: pd.DataFrame, lang: str, height: int = 220) -> go.Figure:
    """One horizontal bar per stage (first stage on top): the complaints waiting there, split
    into still within the deadline and lewat tenggat, each part with its count."""
    rows = backlog.set_index("stage").reindex(list(STAGES)).fillna(0).iloc[::-1]
    names = [stage_name(s, lang) for s in rows.index]
    within = (rows["waiting"] - rows["overdue"]).astype(int).tolist()
    late = rows["overdue"].astype(int).tolist()
    fig = go.Figure()
    for values, colour, key, font in ((within, ON_TIME, "aduan.within", "#212529"),
                                      (late, LATE, "aduan.overdue", "#ffffff")):
        label = t(key, lang)
        fig.add_trace(go.Bar(
            x=values, y=names, orientation="h", name=label, marker_color=colour,
            text=[fmt.number(v, lang, 0) if v else "" for v in values],
            textposition="inside", insidetextanchor="middle", textfont=dict(color=font),
            hovertext=[f"{n} · {label}: {fmt.number(v, lang, 0)}"
                       for n, v in zip(names, values, strict=True)], hoverinfo="text"))
    fig.update_layout(**base_layout(lang, height, barmode="stack", bargap=0.3,
                                    showlegend=True, margin=dict(l=8, r=8, t=30, b=8),
                                    legend=dict(orientation="h", y=1.0, yanchor="bottom",
                                                traceorder="normal")))
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False)
    fig.update_yaxes(automargin=True)
    return fig


def agency_bars(by_agency: pd.DataFrame, lang: str, max_bars: int = MAX_AGENCIES) -> go.Figure:
    """Overdue complaints per OPD (most on top, at most ``max_bars``), stacked by the stage
    they wait at."""
    if by_agency.empty:
        return _empty(lang, 160)
    totals = by_agency.groupby("agency")["overdue"].sum().sort_values(ascending=False)
    order = list(totals.head(max_bars).index)[::-1]
    fig = go.Figure()
    for stage in STAGES:
        part = by_agency[by_agency["stage"] == stage].set_index("agency")["overdue"]
        values = [int(part.get(a, 0)) for a in order]
        label = stage_name(stage, lang)
        fig.add_trace(go.Bar(
            x=values, y=order, orientation="h", name=label,
            marker_color=STAGE_COLOURS[stage],
            hovertext=[f"{a} · {label}: {fmt.number(v, lang, 0)}"
                       for a, v in zip(order, values, strict=True)], hoverinfo="text"))
    fig.add_trace(go.Scatter(  # the total at the end of each bar
        x=[int(totals[a]) for a in order], y=order, mode="text", showlegend=False,
        text=[" " + fmt.number(int(totals[a]), lang, 0) for a in order],
        textposition="middle right", hoverinfo="skip", cliponaxis=False))
    height = max(180, 30 * len(order) + 80)
    fig.update_layout(**base_layout(lang, height, barmode="stack", bargap=0.3,
                                    showlegend=True, margin=dict(l=8, r=40, t=30, b=8),
                                    legend=dict(orientation="h", y=1.0, yanchor="bottom",
                                                traceorder="normal")))
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False)
    fig.update_yaxes(automargin=True)
    return fig


def share_lines(share: pd.DataFrame, lang: str, step_days: int = 7,
                height: int = 280) -> go.Figure:
    """The share of stages done on time per bucket of receipt (a day or a week), one line per
    stage on a fixed 0-100 % axis; buckets where nothing was due yet leave a gap."""
    if share.empty:
        return _empty(lang, height)
    fig = go.Figure()
    for i, stage in enumerate(STAGES):
        part = share[share["stage"] == stage].sort_values("day")
        x = [datetime.combine(d, datetime.min.time()) for d in part["day"]]
        label = stage_name(stage, lang)
        hover = []
        for d, s, n in zip(part["day"], part["share"], part["due"], strict=True):
            when = t("aduan.week_of", lang, date=fmt.day_text(d, lang)) if step_days == 7 \
                else fmt.day_text(d, lang)
            shown = fmt.value(s, "ratio", lang) if not math.isnan(s) else t("aduan.none_due",
                                                                             lang)
            hover.append(f"{label} · {when}<br>{shown} " +
                         t("aduan.of_due", lang, n=fmt.number(int(n), lang, 0)))
        fig.add_trace(go.Scatter(
            x=x, y=[None if math.isnan(s) else s for s in part["share"]], mode="lines+markers",
            name=label, line=dict(color=STAGE_COLOURS[stage], width=2, dash=DASHES[i]),
            hovertext=hover, hoverinfo="text", connectgaps=False))
    fig.update_layout(**base_layout(lang, height, showlegend=True,
                                    margin=dict(l=8, r=8, t=30, b=8),
                                    legend=dict(orientation="h", y=1.0, yanchor="bottom")))
    fig.update_yaxes(**share_axis("ratio"), gridcolor="rgba(128,128,128,0.2)")
    fig.update_xaxes(tickformat="%d/%m", gridcolor="rgba(128,128,128,0.1)")
    return fig


def _empty(lang: str, height: int) -> go.Figure:
    layout = base_layout(lang, height)
    layout.update(xaxis=dict(visible=False), yaxis=dict(visible=False), annotations=[dict(
        text=t("aduan.none_overdue", lang), x=0.5, y=0.5, xref="paper", yref="paper",
        showarrow=False, font=dict(size=13, color="#6c757d"))])
    return go.Figure(layout=layout)
