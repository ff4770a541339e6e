"""Pantau's own metrics for Prometheus (served at ``/metrics`` by the web app).

Every process records into ``prometheus_client`` metrics defined here, once. Under ``pantau
run`` (and ``serve``) the supervisor sets ``PROMETHEUS_MULTIPROC_DIR`` to ``<var>/metrics``,
emptied at start, before any child imports ``prometheus_client``: the worker and every gunicorn
worker then write their values to files there, and ``/metrics`` adds them up
(``registry()``). Without it (a lone ``pantau worker``), values stay in the process.

Labels are bounded: sources come from the config, statuses and refusal reasons from short
fixed lists (``refusal_class``), HTTP routes are Flask's route templates, never raw paths.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter as _Tally
from collections.abc import Iterable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
NS = "pantau"
_FAST = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
_RUNS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)

RUNS = Counter(f"{NS}_collector_runs", "Collector runs by source and status",
               ["source", "status"])
RUN_SECONDS = Histogram(f"{NS}_collector_run_duration_seconds",
                        "Duration of collector runs (fetch, parse, write)", ["source"],
                        buckets=_RUNS)
SAMPLES = Counter(f"{NS}_collector_samples", "Samples of collector runs, written or refused",
                  ["source", "outcome"])
ARTICLES = Counter(f"{NS}_collector_articles", "New articles stored by collector runs",
                   ["source"])
REFUSED = Counter(f"{NS}_store_samples_refused", "Samples and articles the store refused, "
                  "by reason", ["reason"])
STORE_WRITE = Histogram(f"{NS}_store_write_duration_seconds",
                        "Store writes (one transaction each) by operation", ["operation"],
                        buckets=_FAST)
STORE_QUERY = Histogram(f"{NS}_store_query_duration_seconds",
                        "Store reads of the web app: time a read connection is held",
                        buckets=_FAST)
CACHE = Counter(f"{NS}_query_cache_requests", "Query-cache lookups by result", ["result"])
CACHE_BYTES = Gauge(f"{NS}_query_cache_bytes", "Bytes held by the query cache (all web "
                    "processes)", multiprocess_mode="livesum")
HTTP = Counter(f"{NS}_http_requests", "HTTP requests by route template, method and status",
               ["route", "method", "status"])
HTTP_SECONDS = Histogram(f"{NS}_http_request_duration_seconds",
                         "HTTP request latency by route template", ["route", "method"],
                         buckets=_FAST)
WALL_REFRESHES = Counter(f"{NS}_wall_refreshes", "Refreshes asked by wall screens (each "
                         "connected screen asks once per wall.refresh)")
WALL_REFRESH_SECONDS = Gauge(f"{NS}_wall_refresh_interval_seconds",
                             "wall.refresh: screens connected = rate(pantau_wall_refreshes_total)"
                             " x this", multiprocess_mode="max")

# Refusal reasons are sentences naming values; a metric label takes their class.
_REASONS = (("not in the catalogue", "unknown_metric"), ("is not a number", "not_a_number"),
            ("NaN or infinite", "not_finite"), ("in the future", "future"),
            ("older than retention", "too_old"), ("is not http", "bad_link"),
            ("channel", "bad_channel"), ("no title", "no_title"))


def refusal_class(reason: str) -> str:
    """The class of a store refusal reason (``unknown_metric``, ``too_old``, ... ``other``)."""
    for needle, name in _REASONS:
        if needle in reason:
            return name
    return "other"


def observe_run(source: str, status: str, seconds: float, written: int, refused: int,
                articles: int) -> None:
    """Count one collector run."""
    RUNS.labels(source, status).inc()
    RUN_SECONDS.labels(source).observe(seconds)
    SAMPLES.labels(source, "written").inc(written)
    SAMPLES.labels(source, "refused").inc(refused)
    ARTICLES.labels(source).inc(articles)


def observe_refusals(reasons: Iterable[str]) -> None:
    for name, n in _Tally(refusal_class(r) for r in reasons).items():
        REFUSED.labels(name).inc(n)


_local = threading.local()


def instrument_store(store, queries: bool = False) -> None:
    """Time ``store``'s writes (and, with ``queries``, its reads: from taking a read
    connection to giving it back) and count what its writes refuse."""
    for op in ("write", "write_points", "write_articles", "record_run"):
        inner = getattr(store, op, None)
        if inner is not None:
            setattr(store, op, _timed_write(op, inner))
    if queries:
        from pantau.data.engine import on_checkout_checkin

        def _out(record):
            record.info["pantau_t0"] = None if getattr(_local, "writing", 0) \
                else time.perf_counter()

        def _in(record):
            t0 = record.info.pop("pantau_t0", None)
            if t0 is not None:
                STORE_QUERY.observe(time.perf_counter() - t0)

        on_checkout_checkin(store.reader, _out, _in)


def _timed_write(op: str, inner):
    hist = STORE_WRITE.labels(op)

    def timed(*args, **kwargs):
        _local.writing = getattr(_local, "writing", 0) + 1
        t0 = time.perf_counter()
        try:
            result = inner(*args, **kwargs)
        finally:
            hist.observe(time.perf_counter() - t0)
            _local.writing -= 1
        rejections = getattr(result, "rejections", None)
        if rejections:
            observe_refusals(r.reason for r in rejections)
        return result

    timed.__wrapped__ = inner
    return timed


def instrument_cache(cache) -> None:
    """Count hits and misses of ``cache.get_or_set`` (a miss is a lookup that computed)."""
    inner = cache.get_or_set

    def get_or_set(key, ttl, compute):
        missed = []

        def counted():
            missed.append(True)
            return compute()

        value = inner(key, ttl, counted)
        CACHE.labels("miss" if missed else "hit").inc()
        size = getattr(cache, "bytes", None)
        if isinstance(size, int):
            CACHE_BYTES.set(size)
        return value

    cache.get_or_set = get_or_set


def registry():
    """The registry ``/metrics`` exposes: every process's values when multiprocess mode is
    on, this process's otherwise."""
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        reg = CollectorRegistry()
        multiprocess.MultiProcessCollector(reg)
        return reg
    from prometheus_client import REGISTRY

    return REGISTRY


def prepare_multiproc_dir(path) -> None:
    """Create ``path`` empty (values of an earlier run would add up with this one's)."""
    import shutil
    from pathlib import Path

    path = Path(path)
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True, exist_ok=True)


def process_dead(pid: int) -> None:
    """Forget the live gauges of a process that ended (multiprocess mode)."""
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)
