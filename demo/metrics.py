"""One generator per demo metric: values as pure functions of (seed, labels, time).

``GENERATORS[metric] = (label sets, resolution, function)``; the function takes
``(seed, ts, dur, labels)`` — timestamps, the seconds each point stands for, the series' labels —
and returns ``(ts, values)`` (it may drop points, e.g. no latency while a service is down).
Resolution ``"hour"`` is one point an hour, ``"6h"`` one every six hours (figures that move
slowly); ``"fine"`` is one every 5 minutes over the last 3 days (an hour before), as a probe or
exporter scraped more often would leave. The budget: about 220,000 points, so that the demo
loads in a few seconds.
"""

from __future__ import annotations

import numpy as np
from pantau.demo import HOSTS, OPDS, REGIONS, SERVICES, SITE
from pantau.demo.calendar import (
    YEAR_2026,
    Local,
    office_day_factor,
    office_hour_profile,
    people_hour_profile,
)
from pantau.demo.incidents import emergencies, outages, slowdowns
from pantau.demo.noise import events, normal, poisson, uniform, wander, within

_OFFICE_SUM = float(office_hour_profile(Local(np.arange(24) * 3600 + 3600 * 16 + 4 * 86400)).sum())
_PEOPLE_SUM = float(people_hour_profile(Local(np.arange(24) * 3600 + 3600 * 16)).sum())


def _share(region: str, engaged: float = 1.0) -> float:
    return REGIONS[region][1] / sum(w for _n, w in REGIONS.values()) * engaged


def _overlap(ts: np.ndarray, dur: np.ndarray, spans) -> np.ndarray:
    """Seconds of each [ts, ts + dur) covered by ``spans`` (overlapping spans count once at
    most: the total is capped at ``dur``)."""
    out = np.zeros(ts.shape)
    for begin, finish, _s in spans:
        out += np.clip(np.minimum(finish, ts + dur) - np.maximum(begin, ts), 0, None)
    return np.minimum(out, dur)


def _span(ts: np.ndarray) -> tuple[int, int]:
    return int(ts.min()) - 86400, int(ts.max()) + 86400


# -- LAPOR! complaints ---------------------------------------------------------------------------
def lapor_received(seed, ts, dur, labels):
    region = labels["region"]
    loc = Local(ts)
    daily = 108 * SITE["scale"] * (1 + 0.25 * loc.years)   # the site, on a working day
    urban = SITE["urban"]
    engaged = 1.9 if region == urban else 1.0              # the city files more per head
    share = _share(region, engaged) / (1 + 0.9 * _share(urban))
    lo, hi = _span(ts)
    boost = within(ts, emergencies(seed, region, lo, hi)) * 1.6
    boost += within(ts, events(seed, f"viral|{region}", lo, hi, 0.12, 86400, 3 * 86400)) * 2
    lam = (daily * share * office_day_factor(loc) * office_hour_profile(loc) / _OFFICE_SUM
           * (1 + boost) * (1 + 0.12 * wander(seed, f"lapor|{region}", ts)) * dur / 3600)
    return ts, poisson(seed, f"lapor|{region}", ts, lam)


def lapor_resolved(seed, ts, dur, labels):
    region = labels["region"]
    base = 0.78 + 0.15 * uniform(seed, f"resolved|{region}", np.array([0]))[0]
    loc = Local(ts)
    v = (base + 0.02 * loc.years + 0.035 * wander(seed, f"resolved|{region}", ts)
         + 0.004 * normal(seed, f"resolved|{region}", ts))
    return ts, np.round(np.clip(v, 0.55, 0.99), 3)


def lapor_followup(seed, ts, dur, labels):
    region = labels["region"]
    base = 2.4 + 4.0 * uniform(seed, f"followup|{region}", np.array([0]))[0]
    loc = Local(ts)
    backlog = 0.9 * (1 - office_day_factor(loc))             # days off push work back
    v = (base * (1 - 0.08 * loc.years) + 0.9 * wander(seed, f"followup|{region}", ts) + backlog
         + 0.15 * normal(seed, f"followup|{region}", ts))
    return ts, np.round(np.clip(v, 0.8, None), 2)


# -- e-services ----------------------------------------------------------------------------------
def service_up(seed, ts, dur, labels):
    service = labels["service"]
    lo, hi = _span(ts)
    down = _overlap(ts, dur, outages(seed, service, lo, hi))
    flaky = (uniform(seed, f"flaky|{service}", ts) < 0.0005) & (dur <= 300)
    fine = dur <= 300
    v = np.where(fine, (down <= dur / 2).astype(float), 1 - down / dur)
    return ts, np.round(np.where(flaky, 0.0, v), 4)


def service_latency(seed, ts, dur, labels):
    service = labels["service"]
    base = SERVICES[service][1]
    loc = Local(ts)
    lo, hi = _span(ts)
    load = 0.0 if service == "pantau_web" else 0.55 * office_hour_profile(loc) * 24 / _OFFICE_SUM
    slow = within(ts, slowdowns(seed, service, lo, hi)) * 6
    v = base * (1 + load) * (1 + slow) * np.exp(0.18 * normal(seed, f"lat|{service}", ts))
    # A probe that failed measured no response time.
    keep = ~((dur <= 300) & (_overlap(ts, dur, outages(seed, service, lo, hi)) > dur / 2))
    return ts[keep], np.round(v[keep], 4)


TLS_REFERENCE = 1795708800
"""2026-11-27 00:00 WITA: the day the demo was written. The yearly certificate then has 19 days
left, so the demo shows one renewal to attend to."""


def tls_days(seed, ts, dur, labels):
    service = labels["service"]
    renewal = SERVICES[service][3]
    if renewal == "yearly":                  # bought yearly, renewed by hand two weeks early
        anchor, period, valid = TLS_REFERENCE - 346 * 86400, 351 * 86400, 365
    else:                                    # ACME: 90-day certificates renewed at 30 days left
        anchor = YEAR_2026 - int(uniform(seed, f"tls|{service}", np.array([0]))[0] * 60) * 86400
        period, valid = 60 * 86400, 90
    return ts, np.round(valid - ((ts - anchor) % period) / 86400, 2)


# -- Satu Data NTB ---------------------------------------------------------------------------------
_WORK_ANCHOR = 1735660800  # 2025-01-01 00:00 WITA, where the dataset counts in OPDS stand


def datasets(seed, ts, dur, labels):
    opd = labels["opd"]
    base, per_day, _dl = OPDS[opd]
    last = int((ts.max() + 8 * 3600 - _WORK_ANCHOR) // 86400)
    days = np.arange(0, max(last, 0) + 2)
    noon = _WORK_ANCHOR + days * 86400 + 4 * 3600          # 12:00 WITA as UTC
    working = (office_day_factor(Local(noon)) > 0.9).astype(float)
    # Publishing is lumpy: some days three datasets, most days none.
    lumpy = working * poisson(seed, f"datasets|{opd}", days, per_day * 1.0)
    done = np.cumsum(lumpy)
    idx = np.clip(((ts + 8 * 3600 - _WORK_ANCHOR) // 86400).astype(int), 0, len(done) - 1)
    return ts, base + done[idx]


def downloads(seed, ts, dur, labels):
    opd = labels["opd"]
    per_day = OPDS[opd][2]
    loc = Local(ts)
    lo, hi = _span(ts)
    shape = 0.6 * office_hour_profile(loc) / _OFFICE_SUM + 0.4 * people_hour_profile(loc) \
        / _PEOPLE_SUM
    day = 0.35 + 0.65 * office_day_factor(loc)
    viral = within(ts, events(seed, f"dlviral|{opd}", lo, hi, 0.1, 86400, 3 * 86400)) * 3
    lam = per_day * (1 + 0.4 * loc.years) * day * shape * (1 + viral) * dur / 3600
    return ts, poisson(seed, f"downloads|{opd}", ts, lam)


# -- NTB Call Center 112 ---------------------------------------------------------------------------
def calls_112(seed, ts, dur, labels):
    region = labels["region"]
    loc = Local(ts)
    lo, hi = _span(ts)
    day = np.where(loc.holiday | loc.cuti, 1.25, np.where(loc.weekend, 1.12, 1.0))
    surge = within(ts, emergencies(seed, region, lo, hi)) * 4
    lam = (430 * SITE["scale"] * _share(region) * day * people_hour_profile(loc) / _PEOPLE_SUM * (1 + surge)
           * (1 + 0.1 * wander(seed, f"112|{region}", ts)) * dur / 3600)
    return ts, poisson(seed, f"112|{region}", ts, lam)


# -- data centre -----------------------------------------------------------------------------------
def server_load(seed, ts, dur, labels):
    host = labels["host"]
    loc = Local(ts)
    lo, hi = _span(ts)
    busy = 0.45 + 0.75 * office_hour_profile(loc) * 24 / _OFFICE_SUM
    v = HOSTS[host] * busy * np.exp(0.12 * normal(seed, f"load|{host}", ts))
    if host == "db-01":
        v += 1.6 * ((loc.hour >= 1) & (loc.hour < 2))        # the nightly backup
        v += 3.0 * within(ts, slowdowns(seed, SITE["data_portal"], lo, hi))
    if host == "web-01":
        v += 2.0 * within(ts, slowdowns(seed, SITE["portal"], lo, hi))
    return ts, np.round(v, 2)


def regions():
    return [{"region": code} for code in REGIONS]


# -- BMKG's forecast, as the bmkg kind stores it (pantau.demo.bmkg) ------------------------------
def _bmkg(seed, ts, labels, pick):
    from pantau.demo.bmkg import VILLAGES, today

    if labels["region"] not in VILLAGES:  # another demo site: no forecast
        return ts[:0], np.zeros(0)
    v = pick(*today(seed, labels["region"], ts))
    keep = np.isfinite(v)
    return ts[keep], v[keep]


def bmkg_rain(seed, ts, dur, labels):
    return _bmkg(seed, ts, labels, lambda rain, hot, codes: rain)


def bmkg_temp(seed, ts, dur, labels):
    return _bmkg(seed, ts, labels, lambda rain, hot, codes: hot)


def bmkg_slots(seed, ts, dur, labels):
    from pantau.demo.bmkg import CODES

    def count(rain, hot, codes):
        n = (codes == CODES[labels["cuaca"]]).sum(axis=1).astype(float)
        return np.where(n > 0, n, np.nan)

    return _bmkg(seed, ts, labels, count)


def bmkg_words():
    from pantau.demo.bmkg import WEATHER

    return [{"region": code, "cuaca": w} for code in REGIONS for w, _en in WEATHER.values()]


GENERATORS = {
    "lapor_complaints_received_count": (regions, "hour", lapor_received),
    "lapor_complaints_resolved_ratio": (regions, "6h", lapor_resolved),
    "lapor_followup_days": (regions, "6h", lapor_followup),
    "service_up": (lambda: [{"service": s} for s in SERVICES], "fine", service_up),
    "service_latency_seconds": (lambda: [{"service": s} for s in SERVICES], "fine",
                                service_latency),
    "tls_expiry_days": (lambda: [{"service": s} for s, v in SERVICES.items() if v[3]], "6h",
                        tls_days),
    "opendata_datasets_count": (lambda: [{"opd": o} for o in OPDS], "6h", datasets),
    "opendata_downloads_count": (lambda: [{"opd": o} for o in OPDS], "hour", downloads),
    "call_center_112_count": (regions, "hour", calls_112),
    "server_load": (lambda: [{"host": h} for h in HOSTS], "fine", server_load),
    "bmkg_hujan_maks_mm": (regions, "6h", bmkg_rain),
    "bmkg_suhu_maks_c": (regions, "6h", bmkg_temp),
    "bmkg_cuaca_slot_count": (bmkg_words, "6h", bmkg_slots),
}
"""metric -> (label sets, resolution, generator). ``news_articles_count`` comes from the news
stream (``pantau.demo.news``) and ``ipm_score``/``spbe_index_score`` from the published figures."""
