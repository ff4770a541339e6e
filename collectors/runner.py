"""The runner: the only path from a collector to the store, and the record of every run.

    runner = Runner.from_config(cfg, store)
    result = runner.run(cfg.source("lapor_ntb"))      # never raises

One run: collector.collect() -> default timestamps, article sentiment and topics ->
``store.write`` (the store refuses what is not in the catalogue, with reasons) -> per-outlet
article counts, complaints lewat tenggat (``complaints_overdue_count``) -> ``store.record_run``. Whatever happens, a ``runs`` row is written: an
exception becomes the run's error, never the scheduler's problem.

Statuses are ``data.runs.RunStatus`` (up; pending while retries are left, then down: the rule
is ``data.runs.failure_status``). On PostgreSQL a run holds its source's advisory lock
(``data.locks``), so collectors on several hosts never run the same source twice at once (the
other host skips it). The runner itself never touches the database: everything goes through
``data/``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from pantau.collectors import registry
from pantau.collectors.base import (
    MAX_BODY_BYTES,
    CollectContext,
    CollectError,
    HttpFactory,
    default_http,
)
from pantau.collectors.contract import CollectorKind
from pantau.collectors.rss import ARTICLES_METRIC
from pantau.data.articles import hourly_outlet_counts
from pantau.data.batch import Article, Batch, Sample
from pantau.data.complaint_metrics import OVERDUE_METRIC, write_today
from pantau.data.config_models import Config, Source
from pantau.data.engine import store_unreachable
from pantau.data.locks import SourceLocks
from pantau.data.runs import RunStatus, failure_status, status_after_failure
from pantau.data.store import RunRecord, Store
from pantau.text.sentiment import get_article_scorer
from pantau.text.topics import match_topics

log = logging.getLogger("pantau.collectors")

HOUR = 3600
MAX_UNRECORDED = 1000
"""Runs whose record waits for the store (it was away); the oldest are forgotten past this."""


@dataclass(frozen=True)
class RunResult:
    """What one run did (also written to ``runs``); ``skipped`` when another host had it."""

    source_id: str
    kind: str
    status: RunStatus
    samples: int = 0
    rejected: int = 0
    articles: int = 0
    duration: float = 0.0
    error: str | None = None
    started_ts: float = 0.0
    skipped: bool = False


class Runner:
    """Runs sources against one store. Thread-safe: the scheduler calls ``run`` from a pool."""

    def __init__(self, store: Store, catalogue: Collection[str], *, clock: Callable[[], float]
                 = time.time, tz: str = "UTC", topics: Mapping[str, Sequence[str]] | None = None,
                 sentiment: str | None = "lexicon", http_factory: HttpFactory = default_http,
                 max_body: int = MAX_BODY_BYTES,
                 kinds: Mapping[str, type[CollectorKind]] | None = None,
                 area: str | None = None, config: Config | None = None):
        self.store = store
        self.config = config
        """The site's config, for what is derived from a run (``complaints_overdue_count``
        needs the calendar and the deadlines); None: nothing is derived."""
        self.area = area
        """The site's area (``site.region``): samples labelled with a region outside it are
        refused with their reason (``data.reference.codes.refusal``)."""
        self.catalogue = frozenset(catalogue)
        self.clock = clock
        self.tz = tz
        self.topics = dict(topics or {})
        self.http_factory = http_factory
        self.max_body = max_body
        self.kinds = dict(kinds) if kinds is not None else registry.kinds()
        self.scorer = None
        if sentiment:
            try:
                self.scorer = get_article_scorer(sentiment)
            except ValueError as exc:  # config names a scorer that cannot be loaded
                log.error("media.sentiment: %s; articles are stored without sentiment", exc)
        self.locks = SourceLocks(store)
        # Records of runs made while the store was away, written once it answers again.
        self._unrecorded: list[RunRecord] = []
        self._unrecorded_lock = threading.Lock()
        # SQLite has one writer at a time: runs of this process queue here rather than in
        # SQLite's busy handler, whose timeout a wide batch of another source can outlast.
        self._write_lock = threading.Lock() if store.dialect == "sqlite" else None

    @classmethod
    def from_config(cls, cfg: Config, store: Store, **kw) -> Runner:
        """A runner with the catalogue, zone, topics and sentiment scorer of ``cfg``."""
        return cls(store, {m.name for m in cfg.metrics}, tz=cfg.site.timezone,
                   topics=cfg.media.topics, sentiment=cfg.media.sentiment,
                   area=cfg.site.region, config=cfg, **kw)

    # -- one run -------------------------------------------------------------------------
    def run(self, source: Source) -> RunResult:
        """Run ``source`` once, write what it gives and its ``runs`` row. Never raises."""
        started, deadline = self.clock(), time.monotonic() + source.timeout
        try:
            lock = self._retrying(lambda: self.locks.acquire(source.id), deadline, source.id)
        except Exception as exc:  # the store stayed away for the whole run: recorded later
            log.error("%s: cannot reach the store: %s", source.id, _short(exc),
                      extra=_about(source.id, "store-unreachable"))
            error = f"store: {_short(exc)}"
            self._keep(RunRecord(source.id, started, self.clock(), RunStatus.DOWN, 0, 0, error))
            return RunResult(source.id, source.kind, RunStatus.DOWN, error=error,
                             started_ts=started)
        if lock is False:
            return RunResult(source.id, source.kind, RunStatus.SKIPPED, started_ts=self.clock(),
                             skipped=True)
        try:
            return self._run(source)
        finally:
            self.locks.release(lock)

    def _run(self, source: Source) -> RunResult:
        started = self.clock()
        t0 = time.monotonic()
        deadline = t0 + source.timeout
        batch, error = self._collect(source)
        samples = rejected = new_articles = 0
        if batch is not None:
            try:
                batch = self._prepare(batch, source, int(started))
                res = self._retrying(lambda: self._write(batch, int(started)), deadline,
                                     source.id)
                samples = res.written + res.complaints + res.spbe + res.quakes
                rejected, new_articles = res.rejected + len(batch.refused), res.articles
                reasons = [r.reason for r in batch.refused + res.rejections]
                if batch.complaints:
                    samples += self.complaint_metrics(int(started))
                if batch.articles:
                    with self._writing():
                        counted = self._article_counts(batch.articles, int(started))
                    samples += counted.written
                    rejected += counted.rejected
                    reasons += [r.reason for r in counted.rejections]
                if reasons:
                    summary = "; ".join(f"{why} ({n})" for why, n in Counter(reasons).most_common(5))
                    log.warning("%s: %d sample(s) rejected: %s", source.id, len(reasons), summary,
                                extra=_about(source.id, "samples-refused"))
            except Exception as exc:  # a store failure is this run's failure, not the worker's
                log.debug("%s: store write failed\n%s", source.id, traceback.format_exc())
                error = f"store: {_short(exc)}" + (f"; {error}" if error else "")
        duration = time.monotonic() - t0
        status = RunStatus.UP if error is None else self._failure_status(source)
        record = RunRecord(source.id, started, started + duration, status, samples, rejected,
                           error)
        try:
            self._record(record)
        except Exception as exc:
            if store_unreachable(exc):
                self._keep(record)
            log.error("%s: cannot record the run: %s", source.id, _short(exc),
                      extra=_about(source.id, "run-not-recorded"))
        return RunResult(source.id, source.kind, status, samples, rejected, new_articles,
                         duration, error, started)

    def _write(self, batch: Batch, now: int):
        with self._writing():
            return self.store.write(batch, self.catalogue, now=now, area=self.area)

    def _retrying(self, fn, deadline: float, source_id: str):
        """``fn()``, tried again while the store is unreachable and the run's time (up to
        ``deadline``, monotonic) lasts; a write is one transaction, so a retry never doubles."""
        pause = 0.5
        while True:
            try:
                return fn()
            except Exception as exc:
                if not store_unreachable(exc) or time.monotonic() + pause >= deadline:
                    raise
                log.warning("%s: store unreachable (%s); trying again in %.1f s", source_id,
                            _short(exc), pause, extra=_about(source_id, "store-retry"))
                time.sleep(pause)
                pause = min(pause * 2, 5.0)

    def _keep(self, record: RunRecord) -> None:
        with self._unrecorded_lock:
            self._unrecorded.append(record)
            del self._unrecorded[:-MAX_UNRECORDED]

    def _record(self, record: RunRecord) -> None:
        """Write ``record``, after the records of runs made while the store was away."""
        with self._unrecorded_lock:
            waiting, self._unrecorded = self._unrecorded, []
        written = 0
        try:
            with self._writing():
                for old in waiting:
                    self.store.record_run(old)
                    written += 1
                self.store.record_run(record)
        except Exception:
            with self._unrecorded_lock:
                self._unrecorded[:0] = waiting[written:]
            raise
        finally:
            if written:
                log.info("recorded %d run(s) made while the store was away", written)

    def _writing(self):
        return self._write_lock if self._write_lock is not None else contextlib.nullcontext()

    def _collect(self, source: Source) -> tuple[Batch | None, str | None]:
        cls = self.kinds.get(source.kind)
        if cls is None:
            return None, f"unknown kind {source.kind!r} (known: {', '.join(sorted(self.kinds))})"
        ctx = CollectContext(source_id=source.id, timeout=float(source.timeout), tz=self.tz,
                             clock=self.clock, http_factory=self.http_factory,
                             max_body=self.max_body)
        try:
            options = source.options
            if not isinstance(options, cls.Options):
                options = cls.Options.model_validate(options or {})
            batch = cls().collect(options, ctx)
            if ctx.expired():
                # Finished, but after its time: the data is kept, the overrun is reported.
                log.warning("%s: took longer than its timeout (%gs)", source.id, ctx.timeout,
                            extra=_about(source.id, "timeout-overrun"))
            return batch, None
        except CollectError as exc:
            return exc.batch, str(exc) or type(exc).__name__
        except Exception as exc:  # a bug or an unforeseen answer: record it, keep going
            log.error("%s: %s\n%s", source.id, _short(exc), traceback.format_exc(),
                      extra=_about(source.id, "collector-error"))
            return None, f"{type(exc).__name__}: {_short(exc)}"
        finally:
            ctx.close()

    def _prepare(self, batch: Batch, source: Source, now: int) -> Batch:
        samples = [s if s.ts is not None else dataclasses.replace(s, ts=now)
                   for s in batch.samples]
        for a in batch.articles:
            if not a.source_id:
                a.source_id = source.id
            if a.sentiment is None and self.scorer is not None:
                a.sentiment = self.scorer(a.title, a.summary)
            if not a.topics and self.topics:
                a.topics = tuple(match_topics(a.title, a.summary, self.topics))
        return Batch(samples=samples, articles=batch.articles, complaints=batch.complaints,
                     spbe=batch.spbe, quakes=batch.quakes, refused=batch.refused)

    def _article_counts(self, items: Sequence[Article], now: int):
        """``news_articles_count`` per outlet, channel and hour of publication, counted from the
        stored (deduplicated) articles for the hours this batch touched."""
        hours = {(a.published_ts if a.published_ts is not None else now) // HOUR * HOUR
                 for a in items}
        rows = hourly_outlet_counts(self.store, sorted({a.outlet for a in items}), sorted(hours))
        counts = [Sample(ARTICLES_METRIC, float(n), {"outlet": o, "channel": c}, h)
                  for o, c, h, n in rows]
        return self.store.write(Batch(samples=counts), self.catalogue, now=now)

    def complaint_metrics(self, now: float) -> int:
        """Write ``complaints_overdue_count`` as it stands at ``now`` (``data.complaint_metrics``;
        nothing when the catalogue lacks it or the runner has no config); how many points."""
        if self.config is None or OVERDUE_METRIC not in self.catalogue:
            return 0
        with self._writing():
            return write_today(self.store, self.config, self.catalogue, now)

    def _failure_status(self, source: Source) -> RunStatus:
        try:
            return status_after_failure(self.store, source.id, source.retries)
        except Exception as exc:  # the store's answer is missing: count this failure alone
            log.error("%s: cannot read past runs: %s", source.id, _short(exc),
                      extra=_about(source.id, "history-unreadable"))
            return failure_status((), source.retries)

    def close(self) -> None:
        self.locks.close()


def _about(source_id: str, reason: str) -> dict:
    """Fields of a log line about one source (``--log-format json`` shows them)."""
    return {"source": source_id, "reason": reason}


def _short(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return (lines[0] if lines else type(orig).__name__)[:500]


def run_source(source: Source, *, store: Store, catalogue: Collection[str],
               clock: Callable[[], float] = time.time, **kw) -> RunResult:
    """Run ``source`` once with a one-off runner (see ``Runner`` for the keywords)."""
    runner = Runner(store, catalogue, clock=clock, **kw)
    try:
        return runner.run(source)
    finally:
        runner.close()
