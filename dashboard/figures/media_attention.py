"""Attention over time: articles per local day (or hour), one series per outlet, channel,
sentiment or topic."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from pantau.dashboard import fmt
from pantau.dashboard.figures.media_style import OTHER, colours, label
from pantau.dashboard.figures.style import base_layout, local_times
from pantau.dashboard.figures.time_axis import tick_times

OTHER_KEY = "\x00other"


def _label(ts: int, step: str, lang: str, tz: str) -> str:
    return fmt.when(ts, lang, tz) if step == "hour" else fmt.long_date(ts, lang, tz)


def ticks(buckets: list[int], step: str, lang: str, tz: str, n: int = 8) -> tuple[list, list]:
    """At most ``n`` ticks under the middle of their bars, placed and labelled by the one rule
    of ``time_axis.tick_times`` ("1 Jun" for days, "09:00" for hours, in the page language)."""
    if not buckets:
        return [], []
    width = 3600 if step == "hour" else 86400
    picked, texts = tick_times(buckets[0], buckets[-1], lang, tz, n, min_step=width)
    half = width // 2
    return local_times([b + half for b in picked], tz), texts


def media_attention(df: pd.DataFrame, key: str | None, lang: str, tz: str,
                    names: Mapping[str, str] | None = None,
                    fixed_colours: Mapping[str, str] | None = None, stacked: bool = True,
                    max_series: int = 8, other: str = "Other", height: int = 300,
                    always: Sequence[str] = ()) -> go.Figure:
    """Counts per bucket from ``data.articles.article_counts`` / ``topic_series``.

    ``df`` has columns ``ts, <key>, count`` (or ``ts, count`` when ``key`` is None) and
    ``attrs["buckets"]`` (every bucket start) and ``attrs["step"]`` ("day" | "hour"); empty
    buckets are drawn as zero. ``names`` maps keys to display names. Stacked bars suit parts of
    a whole (outlets, channels, sentiment); ``stacked=False`` draws lines, for topics, where one
    article may count under several. Series beyond ``max_series`` (by total) merge into
    ``other``. Keys in ``always`` get a series even without a single article (a standing
    topic query that found nothing is worth seeing as a flat zero line).
    """
    names = dict(names or {})
    step = df.attrs.get("step", "day")
    buckets = list(df.attrs.get("buckets") or sorted(df["ts"].unique()))
    if key is None:
        df = df.assign(_all="")
        key = "_all"
    totals = df.groupby(key)["count"].sum()
    totals = pd.concat([totals, pd.Series(0, index=[k for k in always if k not in totals.index],
                                          dtype="int64")])
    totals = totals.sort_values(ascending=False, kind="stable")
    keep = list(totals.index[:max_series]) if len(totals) > max_series + 1 else list(totals.index)
    frame = df.copy()
    frame[key] = frame[key].where(frame[key].isin(keep), OTHER_KEY)
    grid = (frame.pivot_table(index="ts", columns=key, values="count", aggfunc="sum")
            .reindex(buckets).fillna(0).astype("int64"))
    order = keep + ([OTHER_KEY] if OTHER_KEY in grid.columns else [])
    palette = colours(keep, dict(fixed_colours or {}))
    palette[OTHER_KEY] = OTHER
    names[OTHER_KEY] = other
    xs = local_times(buckets, tz)
    hover_dates = [_label(b, step, lang, tz) for b in buckets]
    period_ms = 3600_000 if step == "hour" else 86400_000
    fig = go.Figure()
    for k in order:
        ys = [int(v) for v in grid[k]] if k in grid.columns else [0] * len(buckets)
        shown = label(names.get(k, k) or names.get("", "–"))
        data = [(d, shown, fmt.number(v, lang, 0)) for d, v in zip(hover_dates, ys, strict=True)]
        common = dict(x=xs, y=ys, name=shown, customdata=data, marker_color=palette[k],
                      hovertemplate="%{customdata[0]}<br>%{customdata[1]}: %{customdata[2]}"
                                    "<extra></extra>")
        if stacked:
            fig.add_trace(go.Bar(**common, xperiod=period_ms, xperiodalignment="middle"))
        else:
            fig.add_trace(go.Scatter(**common, mode="lines+markers", line=dict(width=2),
                                     xperiod=period_ms, xperiodalignment="middle",
                                     marker=dict(size=5, color=palette[k])))
    tickvals, ticktext = ticks(buckets, step, lang, tz)
    fig.update_layout(**base_layout(lang, height, barmode="stack", bargap=0.2,
                                    showlegend=len(order) > 1 or key != "_all",
                                    legend=dict(orientation="h", yanchor="top", y=-0.12,
                                                x=0, font=dict(size=11), traceorder="normal"),
                                    hovermode="closest"))
    fig.update_xaxes(tickvals=tickvals, ticktext=ticktext, showgrid=False)
    peak = int(grid.sum(axis=1).max() if stacked else grid.max().max()) if len(grid) else 0
    fig.update_yaxes(gridcolor="rgba(128,128,128,0.2)", zeroline=False, rangemode="tozero",
                     tickformat=",d", automargin=True,
                     dtick=1 if peak <= 5 else None)  # counts: no 0.5 ticks rounded to "0, 1, 1"
    return fig
