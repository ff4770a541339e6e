"""The rules a KPI is made of: how series combine into one number, a period's value, the
change against the previous period, the status from thresholds scaled to the period.

``data.shows.what_metric_shows`` puts them together for a place and a period; pages ask it,
not these pieces::

    combine_rule(metric)                   # "sum" | "avg" | "min" | "max"
    period_value(store, metric, start, end, filters, scope)
    status(metric, value, period)          # "ok" | "warn" | "crit" | "none"
"""

from __future__ import annotations

import pandas as pd
from pantau.data.config_models import Metric
from pantau.data.queries import Filters, totals
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


def combine_by(df: pd.DataFrame, keys: list[str], how: str | Metric) -> pd.DataFrame:
    """``combine`` per distinct value of ``keys`` (vectorised): columns ``keys + [value]``,
    sorted by ``keys``; a group without any value is left out."""
    rule = combine_rule(how) if isinstance(how, Metric) else how
    agg = rule if rule in ("sum", "max", "min") else "mean"
    if df.empty:
        return pd.DataFrame({**{k: df[k] if k in df else [] for k in keys},
                             "value": pd.Series(dtype=float)})
    values = df[[*keys, "value"]].dropna(subset=["value"])
    out = values.groupby(keys, sort=True)["value"].agg(agg).reset_index()
    out["value"] = out["value"].astype(float)
    return out


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
                 filters: Filters | None = None, scope: str | None = None) -> float | None:
    """The metric over [start, end) by its ``agg``, all matching series in ``scope``
    combined."""
    df = totals(store, metric.name, start, end, metric.agg, filters, scope)
    return combine(df["value"], metric) if not df.empty else None
