"""What a KPI card shows, computed from the store: ``card_data(ctx, metric, period, region)``.

Value, previous period, status, target and the stale fallback come from
``data.shows.what_metric_shows`` (the wall, the screen PDF and the API ask it too); the trend
line from ``data.queries.series`` in ``nice_step`` buckets starting at local midnight. A
metric without a point in the period (a yearly index) shows its newest value, marked with
its date.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import pandas as pd
from pantau.dashboard.context import AppContext
from pantau.data.buckets import nice_step, origin_for
from pantau.data.config_models import Metric
from pantau.data.health import Delay, health_rows, metric_delay
from pantau.data.kpi import combine_by
from pantau.data.periods import window
from pantau.data.queries import series
from pantau.data.shows import Shown, what_metric_shows
from pantau.data.zones import utc_offset

SPARK_POINTS = 48


@dataclass(frozen=True)
class CardData(Shown):
    """What ``data.shows`` says of the card's metric, place and period (value, previous,
    status, target, ``as_of``, delta, attainment), and what the card adds."""

    period: str = ""
    region: str = ""
    delay: Delay | None = None
    """Set when sources of the metric are failing (``data.health.metric_delay``)."""
    spark: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["ts", "value"]))


def combined_series(df: pd.DataFrame, agg: str | Metric) -> pd.DataFrame:
    """One point per bucket: the series of ``df`` combined (``data.kpi.combine_by``)."""
    if df.empty:
        return pd.DataFrame({"ts": pd.Series(dtype="int64"), "value": pd.Series(dtype=float)})
    out = combine_by(df, ["ts"], agg)
    out["ts"] = out["ts"].astype("int64")
    return out


def spark_frame(ctx: AppContext, metric: Metric, start: int, end: int,
                filters: dict | None, max_points: int = SPARK_POINTS,
                scope: str | None = None) -> pd.DataFrame:
    """The metric over [start, end) in at most ``max_points`` buckets, series in ``scope``
    combined."""
    step = nice_step(end - start, max_points)
    origin = origin_for(step, utc_offset(end, ctx.tz))
    df = series(ctx.store, metric.name, start, end, step, metric.agg, filters, origin=origin,
                scope=scope)
    return combined_series(df, metric)


HEALTH_TTL = 5
"""Seconds one reading of source health serves every card (as the wall's buckets)."""


def cached_health(ctx: AppContext, now: float) -> dict[str, dict]:
    """``data.health.health_rows`` through the query cache, one reading per few seconds."""
    return ctx.cache.get_or_set(f"card:health:{int(now) // HEALTH_TTL}", HEALTH_TTL,
                                lambda: health_rows(ctx.store, ctx.config, now))


def card_data(ctx: AppContext, metric: Metric, period: str, region: str,
              now: float | None = None, scope: str | None = None) -> CardData:
    """Everything one KPI card shows for ``metric`` over ``period`` in ``region``, for a
    principal limited to ``scope`` (the site's total, or a region in scope; see
    ``data.shows``)."""
    now = ctx.clock() if now is None else now
    start, end = window(period, now, ctx.tz)
    province = ctx.config.site.region
    shown = what_metric_shows(ctx.store, metric, start, end, region, province, scope=scope)
    spark = spark_frame(ctx, metric, start, end, shown.filters, scope=shown.scope)
    return CardData(**{f.name: getattr(shown, f.name) for f in fields(shown)},
                    period=period, region=region, spark=spark,
                    delay=metric_delay(ctx.config, cached_health(ctx, now), metric.name))
