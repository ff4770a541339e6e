"""Questions an operator asks about the running system (``/healthz``, ``pantau status``)."""

from __future__ import annotations

from pantau.data.schema import runs
from pantau.data.store import Store
from sqlalchemy import func, select


def last_collection(store: Store) -> float | None:
    """When the last collection run of any source finished (epoch seconds), or None."""
    with store.reader.connect() as conn:
        return conn.execute(select(func.max(runs.c.finished_ts))).scalar()
