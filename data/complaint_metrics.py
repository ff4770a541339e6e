"""The derived metric ``complaints_overdue_count{stage,region,agency}``: complaints lewat
tenggat at the stage they wait at (``data.complaint_views``), written by the store so alert
rules, charts and the overview's card read it as any metric. A point at the time of writing
(after each run of a ``complaints`` source, and every night just after the site's midnight,
when yesterday's due dates pass), and for history one point per day at its last second.

    write_today(store, cfg, catalogue, now)            # after a complaints run; nightly
    write_days(store, cfg, catalogue, first, last, now)   # history (the demo)
    write_history(store, cfg, catalogue, now)   # from the oldest complaint (``pantau import``)

Labels: ``stage`` (verification, followup, completion: where the complaints wait), ``agency``
(the OPD) and ``region``, the region one level below the site the complaint is in (a
kabupaten/kota of a province, a kecamatan of a kabupaten; ``52.71.01`` counts for ``52.71``);
complaints of the site's own OPDs or without a region have no ``region`` label, so the site's
total (``data.shows``) adds every series and a region's view reads its own.

Written only when the config declares the metric (``metrics:``, as ``news_articles_count``):
a site without complaints keeps its catalogue as it is. Every series the metric already has
gets a point each time (0 when none of it is overdue), so an alert on it resolves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from datetime import date, datetime, time, timedelta

from pantau.data import complaints as records
from pantau.data.batch import Batch, Sample
from pantau.data.complaint_sla import STAGES
from pantau.data.complaint_views import area_code, overdue_by_day
from pantau.data.config_models import Metric
from pantau.data.queries import series_labels
from pantau.data.workdays import calendar_of
from pantau.data.zones import zone

OVERDUE_METRIC = "complaints_overdue_count"
DEFAULT = Metric(name=OVERDUE_METRIC,
                 title={"id": "Aduan lewat tenggat", "en": "Complaints past deadline"},
                 unit="count", better="down", agg="last")
"""How the metric is declared when the config says nothing else (README "Aduan")."""
REACH_BACK_DAYS = 400
"""Complaints received this long before a day are read for its count (a complaint open
longer than this is counted only while it stays in ``still_open``)."""


def overdue_metric(cfg) -> Metric:
    """The config's declaration of the metric, or ``DEFAULT``."""
    return cfg.metric(OVERDUE_METRIC) or DEFAULT


def day_start(day: date, tz: str) -> int:
    """Unix seconds of ``day``'s local midnight."""
    return int(datetime.combine(day, time(0), zone(tz)).timestamp())


def _labels(stage: str, region: str | None, agency: str) -> dict[str, str]:
    out = {"stage": stage, "agency": agency}
    if region:
        out["region"] = region
    return out


def samples_for(store, cfg, first: date, last: date, now: float) -> list[Sample]:
    """One sample per day in [first, last] and (stage, region, agency) that was overdue on
    any of them or has a series already, 0 where none was overdue that day: at the day's last
    second, or at ``now`` for the day of ``now`` (what is overdue so far)."""
    cal = calendar_of(cfg)
    since = day_start(first, cfg.site.timezone) - REACH_BACK_DAYS * 86400
    until = day_start(last + timedelta(days=1), cfg.site.timezone)
    rows = {(c.source, c.complaint_id): c
            for c in records.received_between(store, since, until)}
    for c in records.still_open(store):
        rows.setdefault((c.source, c.complaint_id), c)
    counts: Counter = Counter()
    for (d, s, r, a), n in overdue_by_day(list(rows.values()), cal, cfg.complaints, first,
                                          last).items():
        counts[(d, s, area_code(r, cfg.site.region), a)] += n
    keys = {(s, r, a) for _d, s, r, a in counts}
    for labels in series_labels(store, OVERDUE_METRIC).values():
        if labels.get("stage") in STAGES and "agency" in labels:
            keys.add((labels["stage"], labels.get("region"), labels["agency"]))
    out = []
    day, today = first, cal.day(now)
    while day <= last:
        ts = int(now) if day == today else day_start(day + timedelta(days=1),
                                                      cfg.site.timezone) - 1
        out += [Sample(OVERDUE_METRIC, float(counts.get((day, s, r, a), 0)), _labels(s, r, a),
                       ts) for s, r, a in sorted(keys, key=lambda k: (k[0], k[1] or "", k[2]))]
        day += timedelta(days=1)
    return out


def write_days(store, cfg, catalogue: Collection[str], first: date, last: date,
               now: int) -> int:
    """Write the metric's points of the days [first, last] (not before the store's
    retention); how many were written (0 when the catalogue lacks the metric). Through
    ``Store.write``, which checks each point: 181 days of the demo's 107 series (19,367
    points) took 2.0 s, 1.7 s written again; the bulk path ``write_points`` took 1.5 s and
    7.8 s (it refreshes the rollups of every hour it rewrites one by one). Measured on the
    2-core test host at load average 12-14."""
    if OVERDUE_METRIC not in catalogue:
        return 0
    first = max(first, calendar_of(cfg).day(now) - timedelta(days=store.retention_days - 1))
    if first > last:
        return 0
    batch = Batch(samples=samples_for(store, cfg, first, last, now))
    return store.write(batch, catalogue, now=now, area=cfg.site.region).written


def write_history(store, cfg, catalogue: Collection[str], now: float) -> int:
    """Write a point per day from the day the oldest stored complaint was received (at most
    ``REACH_BACK_DAYS`` ago) to ``now``: after ``pantau import`` of a history file."""
    first = records.first_received(store)
    if first is None or OVERDUE_METRIC not in catalogue:
        return 0
    cal = calendar_of(cfg)
    today = cal.day(now)
    start = max(cal.day(first), today - timedelta(days=REACH_BACK_DAYS))
    return write_days(store, cfg, catalogue, start, today, int(now))


def write_today(store, cfg, catalogue: Collection[str], now: float) -> int:
    """Write the point of ``now`` of every series of the metric."""
    today = calendar_of(cfg).day(now)
    return write_days(store, cfg, catalogue, today, today, int(now))
