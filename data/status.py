"""Questions an operator asks about the running system (``/healthz``, ``pantau status``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pantau.data.engine import sqlite_path
from pantau.data.schema import rollup_1h, runs, samples, series
from pantau.data.store import Store
from sqlalchemy import func, select, text


def last_collection(store: Store) -> float | None:
    """When the last collection run of any source finished (epoch seconds), or None."""
    with store.reader.connect() as conn:
        return conn.execute(select(func.max(runs.c.finished_ts))).scalar()


@dataclass(frozen=True)
class StoreSummary:
    """What the store holds: its size on disk, series, the oldest and newest sample, and how
    far the hourly rollups trail the newest sample (0: up to date)."""

    dialect: str
    size_bytes: int | None
    series: int
    oldest_ts: int | None
    newest_ts: int | None
    rollup_lag_s: int | None


def store_summary(store: Store) -> StoreSummary:
    """The ``StoreSummary`` of ``store``. Cheap on large stores: the oldest and newest sample
    are read per series through the primary key, not by scanning every sample."""
    per_series_min = select(func.min(samples.c.ts)).where(
        samples.c.series_id == series.c.id).scalar_subquery()
    per_series_max = select(func.max(samples.c.ts)).where(
        samples.c.series_id == series.c.id).scalar_subquery()
    with store.reader.connect() as conn:
        n = conn.execute(select(func.count()).select_from(series)).scalar() or 0
        oldest = conn.execute(select(func.min(per_series_min))).scalar()
        newest = conn.execute(select(func.max(per_series_max))).scalar()
        rolled = conn.execute(select(func.max(rollup_1h.c.last_ts))).scalar()
        size = _size(store, conn)
    lag = None if newest is None else max(0, int(newest) - int(rolled or 0))
    return StoreSummary(store.dialect, size, int(n), oldest and int(oldest),
                        newest and int(newest), lag)


def _size(store: Store, conn) -> int | None:
    if store.dialect == "sqlite":
        path = sqlite_path(store.url)
        if path is None:
            return None
        files = [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm")]
        return sum(f.stat().st_size for f in files if f.exists())
    if store.dialect == "postgresql":
        return conn.execute(text("SELECT pg_database_size(current_database())")).scalar()
    return None


def last_errors(store: Store, limit: int = 5) -> list[tuple[str, float, str]]:
    """The latest failed runs: ``(source_id, finished_ts, error)``, newest first."""
    q = (select(runs.c.source_id, runs.c.finished_ts, runs.c.error)
         .where(runs.c.error.is_not(None)).order_by(runs.c.id.desc()).limit(limit))
    with store.reader.connect() as conn:
        return [(r[0], float(r[1]), r[2]) for r in conn.execute(q)]
