"""The scheduled reports' table (``data.schema.report_runs``) and their place in the alerts'
outbox: a report goes out through the same outbox, sender and channels as an alert.

    run_id = claim(store, "weekly", scheduled_ts, now, who)    # None: another worker has it
    queue(store, run_id, "weekly", channels, name, mime, data, summary, now)
    name, mime, data = report_file(store, run_id)              # the sender attaches it

``claim`` inserts (report id, scheduled time) under its unique key, so of several workers
firing the same schedule exactly one gets it; ``queue`` stores the file and adds one outbox
row per channel (key ``report:<id>:<scheduled>:<channel>``) in one transaction.
"""

from __future__ import annotations

import json

from pantau.data.alert_store import WAITING, _insert_ignoring
from pantau.data.schema import alert_outbox, report_runs
from pantau.data.store import Store
from sqlalchemy import select, update

KIND = "report"
"""``payload["kind"]`` of an outbox row that carries a report (alerts' rows have none)."""


def claim(store: Store, report_id: str, scheduled_ts: int, now: float,
          who: str = "") -> int | None:
    """The id of the new claim of ``report_id`` at ``scheduled_ts``, or None when that
    schedule was claimed already (by this or another worker)."""
    with store.writer.begin() as conn:
        if not _insert_ignoring(conn, report_runs, dict(
                report_id=report_id, scheduled_ts=int(scheduled_ts), claimed_ts=now,
                claimed_by=who[:200]), ["report_id", "scheduled_ts"]):
            return None
        return conn.execute(select(report_runs.c.id).where(
            report_runs.c.report_id == report_id,
            report_runs.c.scheduled_ts == int(scheduled_ts))).scalar_one()


def failed(store: Store, run_id: int, error: str) -> None:
    """Record why the file of claim ``run_id`` could not be made."""
    with store.writer.begin() as conn:
        conn.execute(update(report_runs).where(report_runs.c.id == run_id)
                     .values(error=error[:2000]))


def queue(store: Store, run_id: int, report_id: str, scheduled_ts: int,
          channels: tuple[str, ...] | list[str], name: str, mime: str, data: bytes,
          summary: str, now: float) -> int:
    """Keep the file of claim ``run_id`` and queue it for every channel; return the rows
    queued."""
    new = 0
    with store.writer.begin() as conn:
        conn.execute(update(report_runs).where(report_runs.c.id == run_id).values(
            file_name=name, mime=mime, content=data, made_ts=now))
        for ch in channels:
            payload = {"kind": KIND, "report": report_id, "run": run_id, "file_name": name,
                       "mime": mime, "summary": summary, "rule": f"report:{report_id}",
                       "state": "report"}
            new += _insert_ignoring(conn, alert_outbox, dict(
                key=f"report:{report_id}:{int(scheduled_ts)}:{ch}", channel=ch,
                payload=json.dumps(payload), created_ts=now, due_ts=now, tries=0,
                status=WAITING), "key")
    return new


def report_file(store: Store, run_id: int) -> tuple[str, str, bytes] | None:
    """``(file name, MIME type, bytes)`` kept for claim ``run_id``, or None."""
    with store.reader.connect() as conn:
        row = conn.execute(select(report_runs.c.file_name, report_runs.c.mime,
                                  report_runs.c.content)
                           .where(report_runs.c.id == run_id)).first()
    if row is None or row.content is None:
        return None
    return row.file_name, row.mime, bytes(row.content)


def runs(store: Store, report_id: str | None = None) -> list[dict]:
    """Every claim (without the file), oldest first (tests, ``pantau status``)."""
    cols = [c for c in report_runs.c if c.name != "content"]
    q = select(*cols).order_by(report_runs.c.id)
    if report_id is not None:
        q = q.where(report_runs.c.report_id == report_id)
    with store.reader.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]
