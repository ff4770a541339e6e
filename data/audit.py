"""The audit log: who signed in, failed to, signed out, paired a screen, used a token, exported,
acknowledged an alert, silenced a rule or wrote an annotation.

Use::

    from pantau.data import audit
    audit.record(store, "rina", audit.SIGN_IN, address="10.0.0.7")
    audit.recent(store, limit=200)        # newest first, as Entry

Append-only: there is no function to change or delete an entry, and the migration adds
triggers that refuse UPDATE and DELETE on the table.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from pantau.data.schema import audit
from sqlalchemy import insert, select

SIGN_IN = "sign_in"
SIGN_IN_FAILED = "sign_in_failed"
SIGN_OUT = "sign_out"
PAIRING = "pairing"
PAIRING_REFUSED = "pairing_refused"
TOKEN_USE = "token_use"
EXPORT = "export"
ALERT_ACK = "alert_ack"
SILENCE = "silence"
ANNOTATION = "annotation"
"""An operator acknowledged an alert, silenced a rule, wrote an annotation (/alerts)."""
ACTIONS = (SIGN_IN, SIGN_IN_FAILED, SIGN_OUT, PAIRING, PAIRING_REFUSED, TOKEN_USE, EXPORT,
           ALERT_ACK, SILENCE, ANNOTATION)
MAX_DETAIL = 1000


@dataclass(frozen=True)
class Entry:
    id: int
    ts: int
    actor: str
    action: str
    detail: str
    address: str


def record(store, actor: str, action: str, detail: str = "", address: str = "",
           now: float | None = None) -> None:
    """Append one entry. ``actor`` is a user's, token's or screen's name (as typed, for a
    failed sign-in), ``detail`` what was done (cut to MAX_DETAIL characters)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    with store.writer.begin() as conn:
        conn.execute(insert(audit).values(
            ts=int(time.time() if now is None else now), actor=(actor or "")[:100],
            action=action, detail=(detail or "")[:MAX_DETAIL], address=(address or "")[:64]))


def recent(store, limit: int = 200, action: str | None = None) -> list[Entry]:
    """The newest ``limit`` entries (at most 1,000), newest first; only ``action`` if given."""
    q = select(audit).order_by(audit.c.id.desc()).limit(max(1, min(int(limit), 1000)))
    if action:
        q = q.where(audit.c.action == action)
    with store.reader.connect() as conn:
        return [Entry(**r) for r in conn.execute(q).mappings().all()]
