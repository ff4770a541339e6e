"""Source health from the ``runs`` table, like Prometheus' ``up``: one row per source."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from pantau.data.config import interval_seconds, metric_sources
from pantau.data.config_models import Config, Metric, Source
from pantau.data.runs import RunStatus
from pantau.data.store import Store
from sqlalchemy import text

STALE_FACTOR = 2
"""A source is stale when it has not succeeded for this many intervals."""

COLUMNS = ["source_id", "kind", "enabled", "status", "last_run_ts", "last_success_ts",
           "next_due_ts", "stale", "last_error", "samples", "rejected", "duration_s",
           "interval_s"]


def next_due(source: Source, last_started: float | None, now: float, tz: str = "UTC") -> float:
    """When ``source`` runs next: its cron's next fire time, or the last start + ``every``."""
    if source.cron:
        from apscheduler.triggers.cron import CronTrigger

        trig = CronTrigger.from_crontab(source.cron, timezone=tz)
        nxt = trig.get_next_fire_time(None, datetime.fromtimestamp(now, UTC))
        return nxt.timestamp() if nxt else now
    if last_started is None:
        return now
    due = last_started + (source.every or 0)
    return due if due > now else now


def source_health(store: Store, sources: Sequence[Source], now: float,
                  tz: str = "UTC", stale_after: dict[str, int] | None = None) -> pd.DataFrame:
    """Per configured source: status (UP, PENDING, DOWN, or NEW before its first run), last
    run and last success times, next due time, stale flag, last error and counts.

    ``stale_after`` may give a source's own limit in seconds (from its metrics'
    ``stale_after``); otherwise a source is stale after ``2 x`` its interval without success.
    """
    sql = text(
        "SELECT r.source_id, r.started_ts, r.finished_ts, r.status, r.samples, r.rejected, "
        "r.error FROM runs r WHERE r.id IN (SELECT MAX(id) FROM runs GROUP BY source_id)")
    ok_sql = text("SELECT source_id, MAX(finished_ts) FROM runs WHERE status = :up "
                  "GROUP BY source_id")
    with store.reader.connect() as conn:
        last = {r[0]: r for r in conn.execute(sql)}
        ok = dict(conn.execute(ok_sql, {"up": RunStatus.UP.value}).fetchall())
        errs = dict(conn.execute(text(
            "SELECT r.source_id, r.error FROM runs r WHERE r.id IN (SELECT MAX(id) FROM runs "
            "WHERE error IS NOT NULL GROUP BY source_id)")).fetchall())
    rows = []
    for src in sources:
        run = last.get(src.id)
        interval = interval_seconds(src, tz)
        limit = (stale_after or {}).get(src.id) or STALE_FACTOR * interval
        success = ok.get(src.id)
        since = success if success is not None else None
        stale = bool(src.enabled and (since is None or now - since > limit)) if run else False
        rows.append({
            "source_id": src.id, "kind": src.kind, "enabled": src.enabled,
            "status": (RunStatus(run[3]).name if run else "NEW") if src.enabled else "DISABLED",
            "last_run_ts": run[2] if run else None,
            "last_success_ts": success,
            "next_due_ts": next_due(src, run[1] if run else None, now, tz) if src.enabled
            else None,
            "stale": stale,
            "last_error": errs.get(src.id),
            "samples": run[4] if run else 0, "rejected": run[5] if run else 0,
            "duration_s": (run[2] - run[1]) if run else None,
            "interval_s": interval,
        })
    return pd.DataFrame(rows, columns=COLUMNS)


def stale_limits(cfg: Config) -> dict[str, int]:
    """Per source, the longest ``stale_after`` among the metrics it emits (a yearly indicator
    may go a year without news and not be stale); sources without one are stale after
    ``STALE_FACTOR`` intervals."""
    out: dict[str, int] = {}
    for name, ids in metric_sources(cfg).items():
        metric = cfg.metric(name)
        if metric is None or not metric.stale_after:
            continue
        for sid in ids:
            out[sid] = max(out.get(sid, 0), metric.stale_after)
    return out


def metric_stale_after(cfg: Config, metric: Metric) -> int | None:
    """Seconds after which a value of ``metric`` is stale: its ``stale_after`` (a yearly
    index), else ``STALE_FACTOR`` times the shortest interval of the sources that emit it
    (the sources' own rule), else None (never stale)."""
    if metric.stale_after:
        return metric.stale_after
    ids = metric_sources(cfg).get(metric.name, [])
    intervals = [interval_seconds(s, cfg.site.timezone) for s in cfg.sources if s.id in ids]
    return STALE_FACTOR * min(intervals) if intervals else None


def config_health(store: Store, cfg: Config, now: float) -> pd.DataFrame:
    """``source_health`` of every source of ``cfg``, with the metrics' ``stale_after``."""
    return source_health(store, cfg.sources, now, cfg.site.timezone, stale_limits(cfg))


FAILING = (RunStatus.DOWN.name, RunStatus.PENDING.name)
"""Health statuses of a source whose last run failed (``RunStatus`` names: the health table
shows a run's status upper-cased, UP/PENDING/DOWN, beside NEW and DISABLED)."""


def failing(row: Mapping) -> bool:
    """Whether a source's data stopped: stale, or DOWN/PENDING without delivering samples
    (a probe that reports a service down still delivers samples: the service failed, not
    the data). ``row`` is one row of ``source_health``."""
    return bool(row.get("stale")) or (row.get("status") in FAILING and not row.get("samples"))


def health_rows(store: Store, cfg: Config, now: float) -> dict[str, dict]:
    """``{source id: health row}`` of every configured source (``config_health``), with
    missing values as None."""
    if not cfg.sources:
        return {}
    df = config_health(store, cfg, now)
    rows = df.astype(object).where(pd.notna(df), None).to_dict("records")
    return {r["source_id"]: r for r in rows}


@dataclass(frozen=True)
class Delay:
    """The sources of a metric whose data stopped, and since when (their oldest last
    success; None when one never succeeded)."""

    sources: tuple[str, ...]
    since: float | None


def metric_delay(cfg: Config, rows: Mapping[str, Mapping], metric: str) -> Delay | None:
    """The ``Delay`` of the enabled sources that emit ``metric`` and are ``failing``, or None
    when every one delivers. ``rows`` is ``health_rows``' answer."""
    ids = metric_sources(cfg).get(metric, [])
    bad = [rows[i] for i in ids if i in rows and rows[i].get("enabled", True)
           and failing(rows[i])]
    if not bad:
        return None
    seen = [r["last_success_ts"] for r in bad if r.get("last_success_ts")]
    return Delay(tuple(r["source_id"] for r in bad), min(seen) if seen else None)


def one_status(status: str, stale: bool) -> str:
    """A source's one status, as /sources counts it: DOWN stays DOWN; a source with no
    success for too long is STALE whatever its last run said (old data is what a viewer must
    know); else its run status (UP, PENDING, NEW, DISABLED). Each source has exactly one, so
    counts by it add up to the sources."""
    if status in ("DOWN", "DISABLED") or not stale:
        return status
    return "STALE"
