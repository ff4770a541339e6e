"""What a metric shows for a place and a period: the one owner of that question.

The KPI cards of ``/``, the wall's KPI tiles, the screen PDF and ``/api/v1/kpi`` all ask it,
so they show the same number::

    start, end = periods.window("7d", now, tz)
    s = what_metric_shows(store, metric, start, end, region="52.71", province="52")
    s.value, s.previous, s.delta_pct, s.status, s.target, s.attainment, s.as_of

The rules, each written once:

- **Place.** A place is its own ``region = code`` series when the metric has one, else the
  places inside it (``data.places``: a kecamatan without a figure of its own is its desa's
  series; a desa is never added to a kecamatan that has its own). The site's own area
  (``region=None``) is its own series when the metric has one (a published province figure
  beats an average of its regions), else every series combined, those a place above them
  covers left out. A metric without a ``region`` label is site-wide whatever place is asked.
- **Combine.** Several series make one number by ``data.kpi.combine_rule`` (sum, avg, worst).
- **Period.** ``[start, end)`` from ``data.periods`` (ends at the end of the hour); the
  previous period is the window of the same length before it.
- **Stale data.** A window without a point, for a metric that has older points (a yearly
  index, a source that stopped), is moved back to end at the hour of the newest point:
  ``as_of`` then holds that point's time and the page says "as of <date>". The same rule
  gives maps, bars and tables their values (``period_totals``).
- **Targets and thresholds.** ``target``/``warn``/``crit`` scale with the period (``per``,
  ``data.kpi.status``). They are written for the province: they hold for a kabupaten/kota
  only when the metric's places do not add up (a 75 % ratio target holds everywhere); a
  summed count's province target is not a region's, which gets ``region_targets`` or none.
- **Scope.** ``scope`` is the region the asker is limited to (``current().region``; None: the
  whole site). The province's total is shown to a scoped asker (one number, no other
  kabupaten's series); any other place is read only from series in scope, so a kabupaten
  outside it shows nothing (value None). Maps, bars and tables (``period_totals``) hold only
  series in scope.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from pantau.data.config_models import Metric
from pantau.data.kpi import combine_by, combine_rule, delta, delta_pct, period_value, status
from pantau.data.periods import period_end
from pantau.data.places import counted, parts
from pantau.data.queries import Filters, label_values, latest, totals
from pantau.data.reference import codes
from pantau.data.store import Store

REGION = "region"


@dataclass(frozen=True)
class Place:
    """The label filters of a place for one metric."""

    filters: Filters | None
    """Label filters for ``data.queries`` (None: every series)."""
    province_wide: bool = False
    """True when a kabupaten/kota was asked for but the metric has no region label."""


def place_filters(labels: dict[str, list[str]], region: str | None, province: str | None,
                  filters: Filters | None = None) -> Place:
    """The filters of ``region`` (None or ``province``: the site's own area) for a metric
    whose label values are ``labels`` (``data.queries.label_values``), on top of
    ``filters`` (a ``region`` in them is the asked place)."""
    filters = dict(filters or {})
    if REGION in filters:
        region = filters.pop(REGION)
        region = region[0] if isinstance(region, list) and len(region) == 1 else region
    values = labels.get(REGION)
    if isinstance(region, list):  # several places asked: their series, combined
        return Place({**filters, REGION: region} if values else filters or None)
    whole = region is None or region == province
    if not values:
        return Place(filters or None, not whole)
    if not whole:  # its own series, else its desa's (``data.places``)
        mine = parts(values, region) or [region]
        return Place({**filters, REGION: mine[0] if len(mine) == 1 else mine})
    if province in values:
        return Place({**filters, REGION: province})
    covered = set(values) - set(parts(values, province)) - {province} \
        if province else set()
    covered = {v for v in covered if codes.within(v, province)}
    if covered:  # a kecamatan's own series and its desa's: the desa are not counted again
        return Place({**filters, REGION: [v for v in values if v not in covered]})
    return Place(filters or None)


def targets_apply(metric: Metric, region: str | None, province: str | None) -> bool:
    """Whether the province's ``target``/``warn``/``crit`` hold for ``region``."""
    return region is None or region == province or combine_rule(metric) != "sum"


def target_for(metric: Metric, region: str | None, province: str | None,
               period: float | None) -> float | None:
    """The target of ``metric`` in ``region`` for a view of ``period`` seconds, or None."""
    if region is not None and region != province and region in metric.region_targets:
        return metric.region_targets[region] * metric.scale(period)
    if not targets_apply(metric, region, province):
        return None
    return metric.target_for(period)


def attainment(metric: Metric, value: float | None, target: float | None) -> float | None:
    """Percent of ``target`` reached: value/target when higher is better, target/value when
    lower is better (a count under its ceiling is 100 %)."""
    if target is None or value is None:
        return None
    if metric.better == "down":
        return 100.0 if value <= target else (target / value * 100 if value else None)
    return value / target * 100 if target else None


@dataclass(frozen=True)
class Shown:
    """What ``metric`` shows for a place over ``[start, end)`` (the window asked)."""

    metric: Metric
    start: int
    end: int
    value: float | None
    previous: float | None
    status: str
    """``ok``, ``warn``, ``crit``, or ``none`` (no thresholds for this place, or no value)."""
    target: float | None
    last_ts: int | None
    """Time of the newest point of the place's series."""
    as_of: int | None = None
    """Set when the window had no point: the newest point's time, which the value is of."""
    province_wide: bool = False
    filters: Filters | None = None
    scope: str | None = None
    """The scope the place's series were read in: None for the province total, which a
    scoped asker may see; pass it on to questions of the same place (the card's trend)."""

    @property
    def delta(self) -> float | None:
        return delta(self.value, self.previous)

    @property
    def delta_pct(self) -> float | None:
        return delta_pct(self.value, self.previous)

    @property
    def attainment(self) -> float | None:
        return attainment(self.metric, self.value, self.target)


def what_metric_shows(store: Store, metric: Metric, start: int, end: int,
                      region: str | None = None, province: str | None = None,
                      filters: Filters | None = None, scope: str | None = None) -> Shown:
    """The value of ``metric`` in ``region`` (None: the site's area, ``province`` its code)
    over ``[start, end)``, the period before, status, target and freshness, by the rules of
    this module. ``filters`` narrow further by other labels (a ``region`` there is the
    place); ``scope`` limits the asker (see Scope above)."""
    # Which place is meant depends on the metric's labels, not on the asker: decided on all
    # of them; what is read below is read in scope.
    place = place_filters(label_values(store, metric.name), region, province, filters)
    several = False
    if filters and REGION in filters:  # the place asked through the filters
        asked = filters[REGION]
        asked = asked[0] if isinstance(asked, list) and len(asked) == 1 else asked
        several = isinstance(asked, list)
        region = None if several else asked
    whole = not several and (region is None or region == province)
    scope = None if whole else scope
    span = int(end) - int(start)
    last = latest(store, metric.name, place.filters, scope)
    last_ts = int(last["ts"].max()) if not last.empty else None
    lo, hi, as_of = int(start), int(end), None
    value = period_value(store, metric, lo, hi, place.filters, scope)
    if value is None and last_ts is not None and last_ts < lo:
        hi = period_end(last_ts)
        lo, as_of = hi - span, last_ts
        value = period_value(store, metric, lo, hi, place.filters, scope)
    previous = period_value(store, metric, lo - span, lo, place.filters, scope)
    judged = targets_apply(metric, region, province)
    return Shown(metric=metric, start=int(start), end=int(end), value=value,
                 previous=previous, status=status(metric, value, span) if judged else "none",
                 target=target_for(metric, region, province, span),
                 last_ts=last_ts, as_of=as_of, province_wide=place.province_wide,
                 filters=place.filters, scope=scope)


def period_totals(store: Store, metric: Metric, start: int, end: int,
                  filters: Filters | None = None, scope: str | None = None
                  ) -> tuple[pd.DataFrame, int | None]:
    """Every series' value in ``scope`` over ``[start, end)`` by the metric's ``agg``
    (``queries.totals``, for maps, bars and tables), and None; by the stale rule above, a
    window without a point for a metric with older points is moved back to end at the hour
    of the newest one, and that point's time comes second (``as_of``)."""
    df = totals(store, metric.name, start, end, metric.agg, filters, scope)
    if not df.empty:
        return df, None
    last = latest(store, metric.name, filters, scope)
    if last.empty or int(last["ts"].max()) >= start:
        return df, None
    as_of = int(last["ts"].max())
    hi = period_end(as_of)
    return totals(store, metric.name, hi - (end - start), hi, metric.agg, filters,
                  scope), as_of


def counted_regions(store: Store, metric: Metric, area: str) -> dict[str, str]:
    """``{code: region one level below area}`` of the metric's region values whose series
    count in those regions (``data.places.counted`` on every series of the metric)."""
    return counted(label_values(store, metric.name).get(REGION, []), area)


def region_totals(store: Store, metric: Metric, start: int, end: int, area: str,
                  filters: Filters | None = None, scope: str | None = None
                  ) -> tuple[pd.DataFrame, int | None]:
    """One value per region one level below ``area`` over ``[start, end)`` (columns
    ``region, value``, code order), for maps, bars and tables by region: desa/kelurahan
    series counted in their kecamatan by ``data.places``' rule, combined by the metric's
    ``combine_rule``; regions without a series are absent. ``filters`` narrow by other labels
    (a ``region`` in them is ignored); the stale rule and ``as_of`` as ``period_totals``."""
    keep = counted_regions(store, metric, area)
    if not keep:
        return pd.DataFrame({REGION: pd.Series(dtype=str),
                             "value": pd.Series(dtype=float)}), None
    mine = {k: v for k, v in (filters or {}).items() if k != REGION}
    df, as_of = period_totals(store, metric, start, end, {**mine, REGION: sorted(keep)}, scope)
    work = pd.DataFrame({REGION: df[REGION].map(keep) if not df.empty else [],
                         "value": df["value"]})
    return combine_by(work, [REGION], metric), as_of
