"""The alerts' tables (``data.schema``: alert_states, alert_events, alert_outbox, annotations,
silences): every read and write of them.

    states = load_states(store, "lonjakan")                 # {labels_key: AlertState}
    save(store, state, events, notes, outbox_rows, annotation_rows)   # one transaction
    rows = due(store, now)                                  # what the sender sends next
    mark_sent(store, row_id, now); mark_retry(store, row_id, due_ts, error)

Outbox rows carry a unique ``key`` per (alert, transition, channel): inserting one twice is
a no-op on both backends, so two workers that evaluate the same transition queue it once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from pantau.data.alert_state import AlertState, Event
from pantau.data.schema import alert_events, alert_outbox, alert_states, annotations, silences
from pantau.data.store import Store
from sqlalchemy import and_, delete, func, insert, or_, select, update

WAITING, SENT, SILENCED = "waiting", "sent", "silenced"


def _insert_ignoring(conn, table, row: dict, key: str | list[str]) -> bool:
    """Insert ``row`` unless ``key`` (a unique column, or the columns of a unique index)
    already exists; True when it was inserted."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    keys = [key] if isinstance(key, str) else list(key)
    # RETURNING, not rowcount: psycopg reports -1 for an insert SQLAlchemy adds RETURNING to
    stmt = dialect_insert(table).values(**row).on_conflict_do_nothing(index_elements=keys) \
        .returning(*(table.c[k] for k in keys))
    return conn.execute(stmt).first() is not None


def _state(row) -> AlertState:
    d = dict(row._mapping)
    d["labels"] = json.loads(d["labels"])
    return AlertState(**d)


def load_states(store: Store, rule_id: str | None = None) -> dict[tuple[str, str], AlertState]:
    """``{(rule_id, labels_key): AlertState}`` of one rule (or all)."""
    q = select(alert_states)
    if rule_id is not None:
        q = q.where(alert_states.c.rule_id == rule_id)
    with store.reader.connect() as conn:
        return {(r.rule_id, r.labels_key): _state(r) for r in conn.execute(q)}


@dataclass(frozen=True)
class Outgoing:
    """One notification to queue: its unique key, channel and JSON payload."""

    key: str
    channel: str
    payload: dict
    due_ts: float


@dataclass(frozen=True)
class Note:
    """One annotation: a mark at ``ts`` (to ``end_ts``) on ``metric``'s charts."""

    ts: float
    text: str
    author: str
    kind: str = "manual"
    metric: str | None = None
    labels: dict | None = None
    end_ts: float | None = None
    rule_id: str | None = None


def save(store: Store, state: AlertState, severity: str, events: Iterable[Event] = (),
         outgoing: Iterable[Outgoing] = (), notes: Iterable[Note] = (), now: float = 0.0
         ) -> int:
    """Write ``state``, its ``events`` (history), the ``outgoing`` notifications (each key
    once) and ``notes`` in one transaction; return how many notifications were new."""
    row = asdict(state)
    row["labels"] = json.dumps(state.labels, ensure_ascii=False, sort_keys=True)
    new = 0
    with store.writer.begin() as conn:
        done = conn.execute(update(alert_states).where(
            alert_states.c.rule_id == state.rule_id,
            alert_states.c.labels_key == state.labels_key).values(**row)).rowcount
        if not done:
            conn.execute(insert(alert_states).values(**row))
        for e in events:
            conn.execute(insert(alert_events).values(
                rule_id=state.rule_id, labels_key=state.labels_key, labels=row["labels"],
                state=e.kind, severity=severity, ts=e.ts, value=e.value,
                starts_ts=e.starts_ts, ends_ts=e.ends_ts))
        for o in outgoing:
            new += _insert_ignoring(conn, alert_outbox, dict(
                key=o.key[:1000], channel=o.channel,
                payload=json.dumps(o.payload, ensure_ascii=False), created_ts=now,
                due_ts=o.due_ts, tries=0, status=WAITING), "key")
        for n in notes:
            _add_note(conn, n)
    return new


def _add_note(conn, n: Note) -> int:
    return conn.execute(insert(annotations).values(
        ts=n.ts, end_ts=n.end_ts, metric=n.metric,
        labels=json.dumps(n.labels or {}, ensure_ascii=False, sort_keys=True), text=n.text,
        author=n.author, kind=n.kind, rule_id=n.rule_id).returning(annotations.c.id)
    ).scalar_one()


def newest(store: Store, series_ids: Iterable[int]) -> dict[int, int]:
    """``{series id: time of its newest sample}`` (series without samples left out)."""
    from pantau.data.schema import samples

    ids = list(series_ids)
    if not ids:
        return {}
    q = (select(samples.c.series_id, func.max(samples.c.ts))
         .where(samples.c.series_id.in_(ids)).group_by(samples.c.series_id))
    with store.reader.connect() as conn:
        return {sid: ts for sid, ts in conn.execute(q)}


# -- the outbox ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Queued:
    id: int
    key: str
    channel: str
    payload: dict
    tries: int
    due_ts: float
    created_ts: float


def due(store: Store, now: float, limit: int = 100) -> list[Queued]:
    """Waiting notifications whose time has come, oldest first."""
    q = (select(alert_outbox).where(alert_outbox.c.status == WAITING,
                                    alert_outbox.c.due_ts <= now)
         .order_by(alert_outbox.c.id).limit(limit))
    with store.reader.connect() as conn:
        return [Queued(r.id, r.key, r.channel, json.loads(r.payload), r.tries, r.due_ts,
                       r.created_ts) for r in conn.execute(q)]


def mark_sent(store: Store, row_id: int, now: float, status: str = SENT,
              note: str | None = None) -> None:
    """Record that row ``row_id`` was delivered (or ``silenced``, with why in ``note``)."""
    with store.writer.begin() as conn:
        conn.execute(update(alert_outbox).where(alert_outbox.c.id == row_id).values(
            status=status, sent_ts=now, tries=alert_outbox.c.tries + 1,
            last_error=note))


def mark_retry(store: Store, row_id: int, due_ts: float, error: str,
               count: bool = True) -> None:
    """Put row ``row_id`` back for ``due_ts`` with the error of this try (``count``: this
    was a try; a held row is not)."""
    values = dict(due_ts=due_ts, last_error=error[:2000])
    if count:
        values["tries"] = alert_outbox.c.tries + 1
    with store.writer.begin() as conn:
        conn.execute(update(alert_outbox).where(alert_outbox.c.id == row_id).values(**values))


def outbox(store: Store) -> list[dict]:
    """Every outbox row (tests and ``/alerts``' delivery column), oldest first."""
    with store.reader.connect() as conn:
        rows = conn.execute(select(alert_outbox).order_by(alert_outbox.c.id))
        return [dict(r._mapping) | {"payload": json.loads(r.payload)} for r in rows]


# -- history, acknowledgements, annotations, silences -------------------------------------
def history(store: Store, start: float, end: float, limit: int = 1000) -> list[dict]:
    """Transitions in [start, end), newest first."""
    q = (select(alert_events).where(alert_events.c.ts >= start, alert_events.c.ts < end)
         .order_by(alert_events.c.ts.desc(), alert_events.c.id.desc()).limit(limit))
    with store.reader.connect() as conn:
        return [dict(r._mapping) | {"labels": json.loads(r.labels)} for r in conn.execute(q)]


def acknowledge(store: Store, rule_id: str, labels_key: str, who: str, note: str,
                now: float) -> bool:
    """Record ``who`` acknowledged the alert with ``note``; False if there is no such alert."""
    with store.writer.begin() as conn:
        row = conn.execute(select(alert_states).where(
            alert_states.c.rule_id == rule_id, alert_states.c.labels_key == labels_key)
        ).first()
        if row is None:
            return False
        conn.execute(update(alert_states).where(
            alert_states.c.rule_id == rule_id, alert_states.c.labels_key == labels_key
        ).values(ack_by=who, ack_note=note, ack_ts=now))
        conn.execute(insert(alert_events).values(
            rule_id=rule_id, labels_key=labels_key, labels=row.labels, state="acknowledged",
            severity="info", ts=now, value=None, starts_ts=row.starts_ts, ends_ts=None))
    return True


def add_note(store: Store, note: Note) -> int:
    """Store one annotation; return its id."""
    with store.writer.begin() as conn:
        return _add_note(conn, note)


def notes(store: Store, start: float, end: float, metric: str | None = None,
          limit: int = 1000) -> list[dict]:
    """Annotations overlapping [start, end), of ``metric`` or of no metric (site-wide), oldest
    first."""
    a = annotations.c
    q = select(annotations).where(a.ts < end, or_(a.ts >= start, and_(
        a.end_ts.is_not(None), a.end_ts >= start)))
    if metric is not None:
        q = q.where(or_(a.metric == metric, a.metric.is_(None)))
    q = q.order_by(a.ts, a.id).limit(limit)
    with store.reader.connect() as conn:
        return [dict(r._mapping) | {"labels": json.loads(r.labels)} for r in conn.execute(q)]


def add_silence(store: Store, rule_id: str | None, labels: dict, starts_ts: float,
                ends_ts: float, reason: str, author: str, now: float) -> int:
    """Silence ``rule_id`` (None: every rule) for alerts carrying ``labels`` until
    ``ends_ts``; return its id."""
    with store.writer.begin() as conn:
        return conn.execute(insert(silences).values(
            rule_id=rule_id, labels=json.dumps(labels, ensure_ascii=False, sort_keys=True),
            starts_ts=starts_ts, ends_ts=ends_ts, reason=reason, author=author,
            created_ts=now).returning(silences.c.id)).scalar_one()


def active_silences(store: Store, now: float) -> list[dict]:
    """Silences in force at ``now``."""
    s = silences.c
    q = select(silences).where(s.starts_ts <= now, s.ends_ts > now).order_by(s.id)
    with store.reader.connect() as conn:
        return [dict(r._mapping) | {"labels": json.loads(r.labels)} for r in conn.execute(q)]


def forget_rules(store: Store, keep: Iterable[str]) -> int:
    """Drop the states of rules no longer in the config; return how many."""
    keep = list(keep)
    with store.writer.begin() as conn:
        q = delete(alert_states)
        if keep:
            q = q.where(alert_states.c.rule_id.not_in(keep))
        return conn.execute(q).rowcount or 0
