"""The demo history: every metric covered, deterministic, seamless across loads, and shaped by
the rhythms real data has (office hours, weekends, holidays, growth, incidents)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd
from pantau.demo import OPDS, REGIONS, SERVICES
from pantau.demo.calendar import Local, office_day_factor
from pantau.demo.history import _groups, grid, load_history, missing_generators, news_counts
from pantau.demo.metrics import GENERATORS
from pantau.demo.news import OUTLETS
from sqlalchemy import text

WITA = timezone(timedelta(hours=8))
NOW = int(datetime(2026, 11, 27, 20, 0, tzinfo=WITA).timestamp())
START = NOW - 180 * 86400


def wita(*args) -> int:
    return int(datetime(*args, tzinfo=WITA).timestamp())


def series(metric: str, labels: dict, start: int = START, end: int = NOW, step: int = 3600,
           seed: int = 52) -> pd.Series:
    ts, dur = grid(start, end, step)
    t, v = GENERATORS[metric][2](seed, ts, dur, labels)
    return pd.Series(np.asarray(v, dtype=float), index=pd.to_datetime(t, unit="s", utc=True)
                     .tz_convert("Asia/Makassar"))


def test_every_metric_of_the_demo_config_gets_history(demo_cfg, demo_store):
    assert missing_generators(demo_cfg) == []
    report = load_history(demo_store, demo_cfg, NOW - 2 * 86400, NOW, now=NOW)
    with demo_store.reader.connect() as conn:
        stored = {r[0] for r in conn.execute(text("SELECT DISTINCT metric FROM series"))}
    assert stored == {m.name for m in demo_cfg.metrics}
    assert report.points > 5000 and report.articles > 20


def test_same_seed_same_numbers_other_seed_other_numbers(demo_cfg):
    a = list(_groups(demo_cfg, 52, NOW - 86400, NOW, NOW))
    b = list(_groups(demo_cfg, 52, NOW - 86400, NOW, NOW))
    c = list(_groups(demo_cfg, 7, NOW - 86400, NOW, NOW))
    assert a == b
    assert [g[3] for g in a] != [g[3] for g in c]


def test_a_later_load_joins_the_earlier_one_without_a_seam(demo_cfg):
    # The gap filled on the next run must continue the series exactly: same values at the
    # same times as one load over the whole span.
    mid = NOW - 30 * 3600
    whole = {(m, tuple(sorted(lab.items()))): dict(zip(t, v, strict=True))
             for m, lab, t, v in _groups(demo_cfg, 52, NOW - 3 * 86400, NOW, NOW)}
    parts = {}
    for lo, hi in ((NOW - 3 * 86400, mid), (mid, NOW)):
        for m, lab, t, v in _groups(demo_cfg, 52, lo, hi, NOW):
            parts.setdefault((m, tuple(sorted(lab.items()))), {}).update(zip(t, v, strict=True))
    assert parts.keys() == whole.keys()
    for key, points in whole.items():
        assert parts[key] == points, key


def test_office_hours_and_weekends_shape_lapor_complaints():
    s = sum(series("lapor_complaints_received_count", {"region": r}) for r in REGIONS)
    hours = s.groupby(s.index.hour).mean()
    assert hours.loc[9:11].mean() > 4 * hours.loc[1:4].mean()
    daily = s.resample("D").sum()
    working = daily[daily.index.day_of_week < 5]
    weekend = daily[daily.index.day_of_week >= 5]
    assert working.mean() > 1.8 * weekend.mean()


def test_holidays_dip_office_activity():
    s = sum(series("lapor_complaints_received_count", {"region": r}) for r in REGIONS)
    daily = s.resample("D").sum()
    mondays = daily[(daily.index.day_of_week == 0) & (daily.index.month.isin([8, 9]))]
    independence_day = daily.loc["2026-08-17"]          # a Monday
    others = mondays.drop(pd.Timestamp("2026-08-17", tz="Asia/Makassar"))
    assert independence_day < 0.6 * others.mean()


def test_ramadan_and_mudik_are_known_to_the_calendar():
    days = np.array([wita(2026, 3, 5, 10), wita(2026, 3, 20, 10), wita(2026, 4, 15, 10)])
    f = office_day_factor(Local(days))
    assert f[0] < 1.0             # a Thursday in Ramadan: shorter office hours
    assert f[1] < 0.3             # Idul Fitri
    assert f[2] == 1.0            # an ordinary Wednesday


def test_open_data_downloads_grow():
    june = sum(series("opendata_downloads_count", {"opd": o}, wita(2026, 6, 1), wita(2026, 7, 1))
               .sum() for o in OPDS)
    november = sum(series("opendata_downloads_count", {"opd": o}, wita(2026, 10, 28),
                          wita(2026, 11, 27)).sum() for o in OPDS)
    assert november > 1.05 * june


def test_incidents_outages_slowdowns_and_emergencies():
    for service in SERVICES:
        up = series("service_up", {"service": service})
        assert up.min() < 1.0, f"{service} never failed in 180 days"
        assert up.mean() > 0.99, f"{service} is down too often"
        lat = series("service_latency_seconds", {"service": service})
        assert lat.max() > 3 * lat.median(), f"{service} latency never spiked"
    calls = {r: series("call_center_112_count", {"region": r}).resample("D").sum()
             for r in REGIONS}
    surges = [r for r, d in calls.items() if d.max() > 2 * d.median()]
    assert surges, "no region ever had a day of emergency calls (floods, quakes, fires)"


def test_fine_resolution_for_probes_in_the_last_days(demo_cfg):
    groups = {(m, lab.get("service")): t for m, lab, t, _v in
              _groups(demo_cfg, 52, NOW - 5 * 86400, NOW, NOW)}
    ts = np.array(groups[("service_up", "portal_ntbprov")])
    recent, older = ts[ts >= NOW - 2 * 86400], ts[ts < NOW - 4 * 86400]
    assert set(np.diff(recent)) == {300}
    assert set(np.diff(older)) == {3600}


def test_published_ipm_and_spbe_are_the_real_figures(demo_cfg, demo_store):
    from pantau.data.queries import latest

    load_history(demo_store, demo_cfg, NOW - 3600, NOW, now=NOW, articles=False)
    ipm = latest(demo_store, "ipm_score", {"region": "52.71"})
    assert ipm["value"].tolist() == [81.64]
    spbe = latest(demo_store, "spbe_index_score", {"region": "52"})
    assert spbe["value"].tolist() == [3.40]
    assert latest(demo_store, "spbe_index_score", {"region": "52.72"}).empty  # not published


def test_articles_carry_topics_and_sentiment_and_match_the_counts(demo_cfg, demo_store):
    start = NOW - 3 * 86400
    load_history(demo_store, demo_cfg, start, NOW, now=NOW)
    with demo_store.reader.connect() as conn:
        rows = conn.execute(text("SELECT outlet, channel, sentiment, topics, published_ts "
                                 "FROM articles")).fetchall()
    df = pd.DataFrame(rows, columns=["outlet", "channel", "sentiment", "topics", "ts"])
    assert set(df["sentiment"]) == {"positive", "neutral", "negative"}
    assert (df["topics"] != "[]").mean() > 0.4
    assert set(df["outlet"]) == {o.name for o in OUTLETS.values()}
    counted = {lab["outlet"]: v.sum() for lab, _t, v in news_counts(52, start, NOW)}
    stored = df.groupby("outlet").size().to_dict()
    assert counted == stored


def test_loading_twice_writes_nothing_new(demo_cfg, demo_store):
    load_history(demo_store, demo_cfg, NOW - 86400, NOW, now=NOW)
    with demo_store.reader.connect() as conn:
        before = conn.execute(text("SELECT COUNT(*), SUM(value) FROM samples")).one()
        arts = conn.execute(text("SELECT COUNT(*) FROM articles")).scalar()
    again = load_history(demo_store, demo_cfg, NOW - 86400, NOW, now=NOW)
    with demo_store.reader.connect() as conn:
        after = conn.execute(text("SELECT COUNT(*), SUM(value) FROM samples")).one()
        assert conn.execute(text("SELECT COUNT(*) FROM articles")).scalar() == arts
    assert tuple(before) == tuple(after)
    assert again.articles == 0
