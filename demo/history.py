"""Write the demo's history into a store: every metric of the demo config, every article.

    report = load_history(store, cfg, start=now - 180 * 86400, end=now)
    report.points, report.articles, report.seconds

Values come from ``pantau.demo.metrics`` (pure functions of seed, labels and time), news counts
and articles from ``pantau.demo.news``, and IPM / SPBE from the real published figures
(``data.reference.indicator_samples``). Samples go through ``Store.write_points`` (the bulk
path), articles through ``Store.write``. Loading the same range twice changes nothing, and a
later range joins the earlier one without a seam: that is how ``pantau demo`` fills the gap
since its last run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from pantau.data.batch import Article, Batch
from pantau.data.complaint_metrics import OVERDUE_METRIC, write_days
from pantau.data.config_models import Config
from pantau.data.reference import indicator_samples
from pantau.data.store import Store
from pantau.data.workdays import calendar_of
from pantau.demo import ARTICLE_DAYS, DEFAULT_SEED
from pantau.demo.complaints import write_complaints
from pantau.demo.metrics import GENERATORS
from pantau.demo.news import OUTLETS, article_times, articles_between
from pantau.demo.spbe import write_spbe

FINE_STEP = 300
STEPS = {"hour": 3600, "6h": 6 * 3600}
FINE_DAYS = 3
NEWS_METRIC = "news_articles_count"
PUBLISHED = ("ipm_score", "spbe_index_score")


class HistoryError(ValueError):
    """The demo config names a metric the demo has no history for."""


@dataclass
class LoadReport:
    points: int = 0
    series: int = 0
    articles: int = 0
    complaints: int = 0
    spbe: int = 0
    seconds: float = 0.0


def grid(start: int, end: int, step: int) -> tuple[np.ndarray, np.ndarray]:
    """Points every ``step`` seconds covering [start, end): ``(ts, seconds each stands for)``.
    A partial first or last bucket gets a point of its own, standing for its covered part."""
    if end <= start:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    buckets = np.arange(start - start % step, end, step, dtype=np.int64)
    ts = np.maximum(buckets, start)
    dur = (np.minimum(buckets + step, end) - ts).astype(float)
    keep = dur > 0
    return ts[keep], dur[keep]


def metric_grid(resolution: str, start: int, end: int, now: int):
    """The grid of a metric: hourly, six-hourly, or (``fine``) every 5 minutes over the last
    ``FINE_DAYS`` days and hourly before."""
    if resolution in STEPS:
        return grid(start, end, STEPS[resolution])
    cut = now - FINE_DAYS * 86400
    cut -= cut % 3600
    ts1, d1 = grid(start, min(end, cut), 3600)
    ts2, d2 = grid(max(start, cut), end, FINE_STEP)
    return np.concatenate([ts1, ts2]), np.concatenate([d1, d2])


def news_counts(seed: int, start: int, end: int):
    """``(labels, ts, counts)`` per outlet: articles published per hour, labelled and stamped
    (start of the hour) as the collectors' runner counts them, so the live counts continue
    these series."""
    hours = np.arange(start - start % 3600, end, 3600, dtype=np.int64)
    out = []
    for outlet, o in OUTLETS.items():
        times = article_times(seed, outlet, start, end)
        idx = np.searchsorted(hours, times, side="right") - 1
        counts = np.bincount(idx, minlength=hours.size).astype(float)
        out.append(({"outlet": o.name, "channel": o.channel}, hours, counts))
    return out


def missing_generators(cfg: Config) -> list[str]:
    """Metrics of ``cfg`` the demo cannot make history for (should be none)."""
    known = set(GENERATORS) | {NEWS_METRIC, OVERDUE_METRIC, *PUBLISHED}
    return [m.name for m in cfg.metrics if m.name not in known]


def _groups(cfg: Config, seed: int, start: int, end: int, now: int):
    names = {m.name for m in cfg.metrics}
    for metric in cfg.metrics:
        spec = GENERATORS.get(metric.name)
        if spec is None:
            continue
        label_sets, resolution, fn = spec
        ts, dur = metric_grid(resolution, start, end, now)
        if ts.size == 0:
            continue
        for labels in label_sets():
            t, v = fn(seed, ts, dur, labels)
            if len(t):
                yield metric.name, labels, t.tolist(), np.asarray(v, dtype=float).tolist()
    if NEWS_METRIC in names:
        for labels, t, v in news_counts(seed, start, end):
            if len(t):
                yield NEWS_METRIC, labels, t.tolist(), v.tolist()


def published_groups(names: set[str]):
    """The published IPM and SPBE figures, as write_points groups."""
    by_series: dict[tuple, tuple[list, list]] = {}
    for s in indicator_samples():
        if s.metric not in names:
            continue
        key = (s.metric, tuple(sorted(s.labels.items())))
        tss, vals = by_series.setdefault(key, ([], []))
        tss.append(int(s.ts))
        vals.append(float(s.value))
    for (metric, labels), (tss, vals) in by_series.items():
        yield metric, dict(labels), tss, vals


def demo_articles(cfg: Config, seed: int, start: int, end: int,
                  scorer: Callable[[str, str], str] | None = None) -> list[Article]:
    """The articles every demo outlet published in [start, end), with sentiment and topics
    as the collectors give them."""
    from pantau.text.sentiment import get_article_scorer
    from pantau.text.topics import match_topics

    scorer = scorer or get_article_scorer(cfg.media.sentiment)
    topics = cfg.media.topics
    out = []
    for outlet, o in OUTLETS.items():
        for a in articles_between(seed, outlet, start, end):
            out.append(Article(
                url=a.url, title=a.title, summary=a.summary, outlet=o.name, channel=o.channel,
                published_ts=a.published_ts, source_id=outlet,
                sentiment=scorer(a.title, a.summary),
                topics=tuple(match_topics(a.title, a.summary, topics))))
    return out


def write_articles(store: Store, cfg: Config, start: int, end: int, seed: int = DEFAULT_SEED,
                   chunk: int = 0, stop=None) -> int:
    """Write the demo articles of [start, end), newest first; return how many were new.

    ``chunk`` > 0 writes that many per transaction, so that a running worker's writes get
    their turn between them (SQLite has one writer at a time); ``stop`` (an Event) ends early."""
    arts = sorted(demo_articles(cfg, seed, start, end), key=lambda a: -(a.published_ts or 0))
    size = chunk if chunk > 0 else max(1, len(arts))
    new = 0
    for i in range(0, len(arts), size):
        if stop is not None and stop.is_set():
            break
        new += store.write(Batch(articles=arts[i:i + size]), (), now=end).articles
    return new


HISTORY_CHUNK = 8
"""Series per transaction when the history reports its progress."""


def load_history(store: Store, cfg: Config, start: int, end: int, seed: int = DEFAULT_SEED,
                 now: int | None = None, published: bool = True, articles: bool = True,
                 article_days: int = ARTICLE_DAYS,
                 on_points: Callable[[int, int], None] | None = None) -> LoadReport:
    """Write the demo history of [start, end) for every metric of ``cfg``; with ``articles``
    the articles of its last ``article_days`` too. ``published`` adds the real IPM / SPBE
    figures. With ``on_points(done, total)`` (a progress bar) the points are written a few
    series per transaction and reported after each."""
    missing = missing_generators(cfg)
    if missing:
        raise HistoryError(f"no demo history for metric(s): {', '.join(missing)}")
    began = time.perf_counter()
    now = int(end if now is None else now)
    start, end = int(start), int(end)
    groups = list(_groups(cfg, seed, start, end, now))
    if published:
        groups += list(published_groups({m.name for m in cfg.metrics}))
    report = LoadReport(series=len(groups))
    # The complaint stream (demo.complaints): records, not samples; then what the store derives
    # from them, a point per day (data.complaint_metrics). First, so that a progress bar knows
    # the whole number of points from its first report.
    report.complaints = write_complaints(store, cfg, start, end, seed, now)
    cal_day = calendar_of(cfg).day
    derived = write_days(store, cfg, {m.name for m in cfg.metrics}, cal_day(start),
                         cal_day(min(end, now) - 1), now)
    report.points = derived
    if on_points is None or not groups:
        report.points += store.write_points(groups) if groups else 0
        if on_points is not None and derived:
            on_points(derived, derived)
    else:
        total = derived + sum(len(g[2]) for g in groups)
        if derived:
            on_points(derived, total)
        for i in range(0, len(groups), HISTORY_CHUNK):
            part = groups[i:i + HISTORY_CHUNK]
            report.points += store.write_points(part)
            on_points(sum(len(g[2]) for g in part), total)
    a_start = max(start, end - article_days * 86400)
    if articles and a_start < end:
        report.articles = write_articles(store, cfg, a_start, end, seed)
    # SPBE indicator levels 2019-2024 (demo.spbe): made up, published indices where known.
    report.spbe = write_spbe(store, cfg.site.region, seed, now)
    report.seconds = time.perf_counter() - began
    return report
