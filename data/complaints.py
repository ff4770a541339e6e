"""Public complaints (SP4N-LAPOR!) as records of their own: write (upsert) and read.

    n = complaints.upsert(store, [Complaint(...), ...], now=...)   # rows inserted or changed
    rows = complaints.received_between(store, start, end, region="52.71", agency=None)

A complaint is keyed by (source, complaint id): writing it again updates it, never duplicates
it. A stage's time, once known, stays known: a later file without it (an older export) leaves
it as it was. Only these fields exist: nothing about the complainant (name, contact, the text
of the complaint) is ever stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

from pantau.data.schema import complaints as table
from sqlalchemy import func, select

STAGES = ("received_at", "verified_at", "followed_up_at", "closed_at")


@dataclass(frozen=True)
class Complaint:
    """One complaint: its stage times are Unix seconds (None: not reached yet)."""

    source: str
    complaint_id: str
    region: str | None
    agency: str
    category: str
    received_at: int
    verified_at: int | None = None
    followed_up_at: int | None = None
    closed_at: int | None = None
    channel: str = ""

    @property
    def status(self) -> str:
        """The furthest stage reached: closed, followed_up, verified or received."""
        for stage in ("closed", "followed_up", "verified"):
            if getattr(self, f"{stage}_at") is not None:
                return stage
        return "received"


def _dialect_insert(conn):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def upsert(store, records: Iterable[Complaint], now: int) -> int:
    """Insert or update ``records`` in one transaction; return how many rows were given."""
    rows = [{**{f.name: getattr(r, f.name) for f in fields(Complaint)}, "status": r.status,
             "updated_ts": int(now)} for r in records]
    if not rows:
        return 0
    with store.writer.begin() as conn:
        return upsert_in(conn, records, now, rows)


def upsert_in(conn, records: Iterable[Complaint], now: int, rows: list | None = None) -> int:
    """``upsert`` within the open transaction ``conn`` (``Store.write`` of a collected
    batch)."""
    if rows is None:
        rows = [{**{f.name: getattr(r, f.name) for f in fields(Complaint)},
                 "status": r.status, "updated_ts": int(now)} for r in records]
    if rows:
        insert = _dialect_insert(conn)
        for start in range(0, len(rows), 500):
            stmt = insert(table).values(rows[start:start + 500])
            new = stmt.excluded
            # A stage once reached stays reached (an older export must not undo it).
            later = {s: func.coalesce(getattr(new, s), getattr(table.c, s)) for s in STAGES[1:]}
            status = _status_expr(later)
            stmt = stmt.on_conflict_do_update(
                index_elements=["source", "complaint_id"],
                set_={"region": new.region, "agency": new.agency, "category": new.category,
                      "channel": new.channel, "received_at": new.received_at, **later,
                      "status": status, "updated_ts": new.updated_ts})
            conn.execute(stmt)
    return len(rows)


def _status_expr(later):
    from sqlalchemy import case, literal

    return case((later["closed_at"].is_not(None), literal("closed")),
                (later["followed_up_at"].is_not(None), literal("followed_up")),
                (later["verified_at"].is_not(None), literal("verified")),
                else_=literal("received"))


def _row(r) -> Complaint:
    return Complaint(source=r.source, complaint_id=r.complaint_id, region=r.region,
                     agency=r.agency, category=r.category, channel=r.channel,
                     received_at=r.received_at, verified_at=r.verified_at,
                     followed_up_at=r.followed_up_at, closed_at=r.closed_at)


def received_between(store, start: int, end: int, region: str | None = None,
                     agency: str | None = None, limit: int = 200_000) -> list[Complaint]:
    """Complaints received in [start, end), of ``region`` (that code or inside it) and
    ``agency`` when given, oldest first; at most ``limit``."""
    q = select(table).where(table.c.received_at >= start, table.c.received_at < end)
    if region:
        q = q.where((table.c.region == region) | table.c.region.like(region + ".%"))
    if agency:
        q = q.where(table.c.agency == agency)
    q = q.order_by(table.c.received_at, table.c.id).limit(limit)
    with store.reader.connect() as conn:
        return [_row(r) for r in conn.execute(q)]


def first_received(store) -> int | None:
    """When the oldest stored complaint was received (Unix seconds), or None."""
    with store.reader.connect() as conn:
        got = conn.execute(select(func.min(table.c.received_at))).scalar()
    return None if got is None else int(got)


def newest_update(store) -> int | None:
    """When a complaint was last written (Unix seconds), or None when none is stored."""
    with store.reader.connect() as conn:
        got = conn.execute(select(func.max(table.c.updated_ts))).scalar()
    return None if got is None else int(got)


def count(store) -> int:
    """How many complaints are stored."""
    with store.reader.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def still_open(store, region: str | None = None, limit: int = 200_000) -> list[Complaint]:
    """Complaints not closed yet, of ``region`` (that code or inside it) when given, oldest
    first; at most ``limit``."""
    q = select(table).where(table.c.closed_at.is_(None))
    if region:
        q = q.where((table.c.region == region) | table.c.region.like(region + ".%"))
    q = q.order_by(table.c.received_at, table.c.id).limit(limit)
    with store.reader.connect() as conn:
        return [_row(r) for r in conn.execute(q)]
