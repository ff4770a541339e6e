"""What a KPI card shows, computed from the store: ``card_data(ctx, metric, period, region)``.

The value and the previous period come from ``data.kpi`` (shared with the wall); the trend
line from ``data.queries.series`` in ``nice_step`` buckets starting at local midnight. A
metric kept as ``last`` values that has no point in the period (a yearly index) shows its
latest value instead, marked with its date.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from pantau.dashboard.components.periods import window
from pantau.dashboard.components.regions import region_filter
from pantau.dashboard.context import AppContext
from pantau.data.buckets import nice_step, origin_for
from pantau.data.config_models import Metric
from pantau.data.kpi import combine, delta, delta_pct, kpi, status
from pantau.data.queries import label_values, latest, series
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
    spark: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["ts", "value"]))

    @property
    def delta(self) -> float | None:
        return delta(self.value, self.previous)

    @property
    def delta_pct(self) -> float | None:
        return delta_pct(self.value, self.previous)

    @property
    def attainment(self) -> float | None:
        """Percent of the target reached: value/target when higher is better, target/value
        when lower is better (a count under its ceiling is 100 %)."""
        target, v = self.metric.target_for(self.end - self.start), self.value
        if target is None or v is None:
            return None
        if self.metric.better == "down":
            return 100.0 if v <= target else (target / v * 100 if v else None)
        return v / target * 100 if target else None


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


def card_data(ctx: AppContext, metric: Metric, period: str, region: str,
              now: float | None = None) -> CardData:
    """Everything one KPI card shows for ``metric`` over ``period`` in ``region``."""
    now = ctx.clock() if now is None else now
    start, end = window(period, now, ctx.tz)
    rf = region_filter(label_values(ctx.store, metric.name), region, ctx.config.site.region)
    k = kpi(ctx.store, metric, end - start, now, rf.filters)
    value, previous, st, as_of = k.value, k.previous, k.status, None
    if value is None and metric.agg == "last" and k.last_ts is not None:
        last = latest(ctx.store, metric.name, rf.filters)
        value = combine(last["value"], metric)
        as_of, previous, st = int(last["ts"].max()), None, status(metric, value)
    spark = spark_frame(ctx, metric, start, end, rf.filters)
    return CardData(metric=metric, period=period, region=region, start=start, end=end,
                    value=value, previous=previous, status=st, last_ts=k.last_ts,
                    province_wide=rf.province_wide, as_of=as_of, spark=spark)
