"""Frames the drill-down draws, asked of ``data.queries`` (aggregated in the database).

``history_frames`` gives this period and the one before in the same buckets;
``values_by`` one value per value of a label over the period, ``values_by_region`` one per
region one level below an area (desa counted in their kecamatan: ``data.places``) (``last`` metrics without a point
in the period fall back to the window ending at their newest point, with its date:
``data.shows.period_totals``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from pantau.dashboard.components.kpi_data import combined_series, spark_frame
from pantau.dashboard.context import AppContext
from pantau.data.buckets import nice_step, origin_for
from pantau.data.config_models import Metric
from pantau.data.kpi import combine_by
from pantau.data.queries import series
from pantau.data.shows import period_totals, region_totals
from pantau.data.zones import utc_offset

HISTORY_POINTS = 60
LONG_SPAN = 10 * 365 * 86400


@dataclass(frozen=True)
class History:
    current: pd.DataFrame
    previous: pd.DataFrame
    step: int
    period: int
    """Seconds between a point and its counterpart in ``previous``; 0 when there is none."""


def history_frames(ctx: AppContext, metric: Metric, start: int, end: int,
                   filters: dict | None, fallback: bool = False,
                   scope: str | None = None) -> History:
    """This period and the previous one of the same length, in the same buckets, series
    combined. With ``fallback`` and no point in the period (a yearly index), the last ten
    years in local days instead (a yearly value shows on its own date), without a previous
    period. ``scope``: as the card's (``Shown.scope``: None for the site's total)."""
    span = end - start
    cur = spark_frame(ctx, metric, start, end, filters, HISTORY_POINTS, scope)
    prev = spark_frame(ctx, metric, start - span, start, filters, HISTORY_POINTS, scope)
    step = nice_step(span, HISTORY_POINTS)
    if cur.empty and fallback:
        lo, step = end - LONG_SPAN, 86400
        origin = origin_for(step, utc_offset(end, ctx.tz))
        df = series(ctx.store, metric.name, lo, end, step, metric.agg, filters, origin=origin,
                    scope=scope)
        return History(combined_series(df, metric), prev.iloc[0:0], step, 0)
    return History(cur, prev, step, span)


@dataclass(frozen=True)
class ByLabel:
    frame: pd.DataFrame
    """Columns ``<label>``, ``value``: one row per label value."""
    as_of: int | None
    """Time of the newest point when the period had none (``data.shows.period_totals``)."""


def _group(df: pd.DataFrame, label: str, agg: str | Metric) -> pd.DataFrame:
    if df.empty or label not in df.columns:
        return pd.DataFrame({label: pd.Series(dtype=str), "value": pd.Series(dtype=float)})
    out = combine_by(df.dropna(subset=[label]), [label], agg)
    out[label] = out[label].astype(str)
    return out


def values_by(ctx: AppContext, metric: Metric, label: str, start: int, end: int,
              filters: dict | None, scope: str | None = None) -> ByLabel:
    """The metric over [start, end) per value of ``label`` (series sharing a value combined
    by the metric's combine rule, ``data.kpi.combine_rule``), of the series in ``scope``."""
    df, as_of = period_totals(ctx.store, metric, start, end, filters, scope)
    return ByLabel(_group(df, label, metric), as_of)


def values_by_region(ctx: AppContext, metric: Metric, area: str, start: int, end: int,
                     scope: str | None = None) -> ByLabel:
    """The metric over [start, end) per region one level below ``area`` (the site's kecamatan,
    or a kecamatan's desa), of the series in ``scope`` (``data.shows.region_totals``)."""
    df, as_of = region_totals(ctx.store, metric, start, end, area, scope=scope)
    return ByLabel(df, as_of)
