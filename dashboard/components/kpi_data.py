"""What a KPI card shows, computed from the store: ``card_data(ctx, metric, period, region)``.

Value, previous period, status, target and the stale fallback come from
``data.shows.what_metric_shows`` (the wall, the screen PDF and the API ask it too); the trend
line from ``data.queries.series`` in ``nice_step`` buckets starting at local midnight. A
metric without a point in the period (a yearly index) shows its newest value, marked with
its date.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from pantau.dashboard.context import AppContext
from pantau.data.buckets import nice_step, origin_for
from pantau.data.config_models import Metric
from pantau.data.health import Delay, health_rows, metric_delay
from pantau.data.kpi import combine, delta, delta_pct
from pantau.data.periods import window
from pantau.data.queries import series
from pantau.data.shows import attainment, what_metric_shows
from pantau.data.zones import utc_offset

SPARK_POINTS = 48


@dataclass(frozen=True)
class CardData:
    metric: Metric
    period: str
    region: str
    start: int
    end: int
    value: float | None
    previous: float | None
    status: str
    last_ts: int | None
    province_wide: bool = False
    as_of: int | None = None
    """Set when ``value`` is the latest known value, older than the period."""
    target: float | None = None
    """The target for this place and period (None: none, or not this place's)."""
    delay: Delay | None = None
    """Set when sources of the metric are failing (``data.health.metric_delay``)."""
    spark: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["ts", "value"]))

    @property
    def delta(self) -> float | None:
        return delta(self.value, self.previous)

    @property
    def delta_pct(self) -> float | None:
        return delta_pct(self.value, self.previous)

    @property
    def attainment(self) -> float | None:
        """Percent of the target reached (``data.shows.attainment``)."""
        return attainment(self.metric, self.value, self.target)


def combined_series(df: pd.DataFrame, agg: str | Metric) -> pd.DataFrame:
    """One point per bucket: the series of ``df`` combined like ``data.kpi.combine``."""
    if df.empty:
        return pd.DataFrame({"ts": pd.Series(dtype="int64"), "value": pd.Series(dtype=float)})
    rows = [(int(ts), combine(g["value"], agg)) for ts, g in df.groupby("ts", sort=True)]
    return pd.DataFrame(rows, columns=["ts", "value"])


def spark_frame(ctx: AppContext, metric: Metric, start: int, end: int,
                filters: dict | None, max_points: int = SPARK_POINTS) -> pd.DataFrame:
    """The metric over [start, end) in at most ``max_points`` buckets, series combined."""
    step = nice_step(end - start, max_points)
    origin = origin_for(step, utc_offset(end, ctx.tz))
    df = series(ctx.store, metric.name, start, end, step, metric.agg, filters, origin=origin)
    return combined_series(df, metric)


HEALTH_TTL = 5
"""Seconds one reading of source health serves every card (as the wall's buckets)."""


def cached_health(ctx: AppContext, now: float) -> dict[str, dict]:
    """``data.health.health_rows`` through the query cache, one reading per few seconds."""
    return ctx.cache.get_or_set(f"card:health:{int(now) // HEALTH_TTL}", HEALTH_TTL,
                                lambda: health_rows(ctx.store, ctx.config, now))


def card_data(ctx: AppContext, metric: Metric, period: str, region: str,
              now: float | None = None) -> CardData:
    """Everything one KPI card shows for ``metric`` over ``period`` in ``region``."""
    now = ctx.clock() if now is None else now
    start, end = window(period, now, ctx.tz)
    province = ctx.config.site.region
    shown = what_metric_shows(ctx.store, metric, start, end, region, province)
    spark = spark_frame(ctx, metric, start, end, shown.filters)
    return CardData(metric=metric, period=period, region=region, start=start, end=end,
                    value=shown.value, previous=shown.previous, status=shown.status,
                    last_ts=shown.last_ts, province_wide=shown.province_wide,
                    as_of=shown.as_of, target=shown.target, spark=spark,
                    delay=metric_delay(ctx.config, cached_health(ctx, now), metric.name))
