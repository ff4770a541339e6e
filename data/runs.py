"""The record of collection runs: the one type of a run's status, and what past runs say.

    status = status_after_failure(store, "lapor_ntb", retries=2)   # RunStatus.PENDING or DOWN
    last_started(store)                                            # {source id: epoch s}

Statuses follow uptime monitors: a success is ``UP``; a failure is ``PENDING`` while the
consecutive failures (counted from the ``runs`` table, so restarts and other hosts agree) are
at most ``retries``, then ``DOWN``. With retries=2, answers 200,500,500,200,500,500,500 give
up, pending, pending, up, pending, pending, down. ``data.health`` shows them upper-cased.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from pantau.data.schema import runs
from pantau.data.store import Store
from sqlalchemy import func, select


class RunStatus(StrEnum):
    """The status of one run, as stored in ``runs.status``; ``SKIPPED`` (another host had the
    source's lock) is never stored."""

    UP = "up"
    PENDING = "pending"
    DOWN = "down"
    SKIPPED = "skipped"


def failure_status(before: Iterable[str], retries: int) -> RunStatus:
    """The status of a failed run, given the statuses of the runs right before it (newest
    first): ``PENDING`` while this failure and the ones before it since the last ``UP`` are
    at most ``retries``, else ``DOWN``."""
    failures = 1
    for status in before:
        if status == RunStatus.UP:
            break
        failures += 1
    return RunStatus.DOWN if failures > retries else RunStatus.PENDING


def recent_statuses(store: Store, source_id: str, n: int) -> list[str]:
    """The statuses of the last ``n`` recorded runs of ``source_id``, newest first."""
    q = (select(runs.c.status).where(runs.c.source_id == source_id)
         .order_by(runs.c.id.desc()).limit(n))
    with store.reader.connect() as conn:
        return [r[0] for r in conn.execute(q)]


def status_after_failure(store: Store, source_id: str, retries: int) -> RunStatus:
    """``failure_status`` of a failed run of ``source_id`` now, from the recorded runs."""
    return failure_status(recent_statuses(store, source_id, retries + 1), retries)


def last_started(store: Store) -> dict[str, float]:
    """``{source id: start of its last recorded run}``."""
    q = select(runs.c.source_id, func.max(runs.c.started_ts)).group_by(runs.c.source_id)
    with store.reader.connect() as conn:
        return {sid: ts for sid, ts in conn.execute(q)}


def last_statuses(store: Store) -> dict[str, str]:
    """``{source id: status of its last recorded run}``."""
    q = select(runs.c.source_id, runs.c.status).where(
        runs.c.id.in_(select(func.max(runs.c.id)).group_by(runs.c.source_id)))
    with store.reader.connect() as conn:
        return {sid: status for sid, status in conn.execute(q)}
