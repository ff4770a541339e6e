"""The KPI of a metric over a period: value, the previous period, change, status, freshness.

Shared by the executive overview and the wall, so both show the same number::

    k = kpi(store, metric, period=7 * 86400, now=clock(), filters={"region": "52.71"})
    k.value, k.previous, k.delta, k.delta_pct, k.status, k.last_ts
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from pantau.data.config_models import Metric
from pantau.data.queries import Filters, label_values, latest, totals
from pantau.data.store import Store


def delta(value: float | None, previous: float | None) -> float | None:
    """The change from ``previous`` to ``value``; None when either is missing."""
    if value is None or previous is None:
        return None
    return value - previous


def delta_pct(value: float | None, previous: float | None) -> float | None:
    """The change in percent of ``previous``; None when it is missing or zero."""
    d = delta(value, previous)
    if d is None or not previous:
        return None
    return d / abs(previous) * 100


@dataclass(frozen=True)
class Kpi:
    value: float | None
    previous: float | None
    last_ts: int | None
    status: str
    """``ok``, ``warn``, ``crit``, or ``none`` (no thresholds or no value)."""

    @property
    def delta(self) -> float | None:
        return delta(self.value, self.previous)

    @property
    def delta_pct(self) -> float | None:
        return delta_pct(self.value, self.previous)


def combine_rule(metric: Metric) -> str:
    """How several series of ``metric`` make one number: its ``combine`` setting, else
    ``sum`` for sums and counts (ten regions' complaints, each OPD's datasets add up) and
    ``avg`` for the rest (a province's ratio is not the sum of its regions' ratios).
    ``worst`` is the minimum when higher is better, the maximum when lower is."""
    rule = metric.combine or ("sum" if metric.agg == "sum" or metric.unit == "count" else "avg")
    if rule == "worst":
        return "max" if metric.better == "down" else "min"
    return rule


def combine(values: pd.Series, how: str | Metric) -> float | None:
    """Several series' values as one number. ``how`` is a metric (its ``combine_rule``) or a
    rule: ``sum``, ``min``, ``max``, ``avg``; an aggregation name (``last``) averages."""
    if isinstance(how, Metric):
        how = combine_rule(how)
    values = values.dropna()
    if values.empty:
        return None
    if how == "sum":
        return float(values.sum())
    if how == "max":
        return float(values.max())
    if how == "min":
        return float(values.min())
    return float(values.mean())


def status(metric: Metric, value: float | None, period: float | None = None) -> str:
    """Status colour from ``warn``/``crit`` in the direction of ``better``; for a metric
    with ``per``, the thresholds are scaled to a view of ``period`` seconds."""
    if value is None or metric.better == "none" or (metric.warn is None and metric.crit is None):
        return "none"
    worse = (lambda v, t: v >= t) if metric.better == "down" else (lambda v, t: v <= t)
    k = metric.scale(period)
    if metric.crit is not None and worse(value, metric.crit * k):
        return "crit"
    if metric.warn is not None and worse(value, metric.warn * k):
        return "warn"
    return "ok"


def period_value(store: Store, metric: Metric, start: int, end: int,
                 filters: Filters | None = None) -> float | None:
    """The metric over [start, end) by its ``agg``, all matching series combined."""
    df = totals(store, metric.name, start, end, metric.agg, filters)
    return combine(df["value"], metric) if not df.empty else None


def province_filters(store: Store, metric: Metric, filters: Filters | None,
                     province: str | None) -> Filters | None:
    """``filters``, narrowed to the province's own series (``region = province``) when no
    region is asked for and the metric has one: a published province figure beats an
    average of its regions."""
    if province is None or (filters and "region" in filters):
        return filters
    if province in label_values(store, metric.name).get("region", []):
        return {**(filters or {}), "region": province}
    return filters


def kpi(store: Store, metric: Metric, period: int, now: float,
        filters: Filters | None = None, province: str | None = None) -> Kpi:
    """The KPI over the ``period`` seconds ending at ``now`` and the one before it.

    With ``province`` (the site's region code), a metric that has the province's own series
    shows it when no region is asked for. The end is rounded up to the next hour so the
    hourly rollups answer (the current hour is still counted whole)."""
    filters = province_filters(store, metric, filters, province)
    end = int(now) - int(now) % 3600 + 3600
    start = end - int(period)
    value = period_value(store, metric, start, end, filters)
    previous = period_value(store, metric, start - int(period), start, filters)
    last = latest(store, metric.name, filters)
    last_ts = int(last["ts"].max()) if not last.empty else None
    return Kpi(value=value, previous=previous, last_ts=last_ts,
               status=status(metric, value, period))
