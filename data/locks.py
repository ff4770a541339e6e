"""One run per source at a time across hosts: PostgreSQL advisory locks, keyed per source.

    locks = SourceLocks(store)
    held = locks.acquire("lapor_ntb")    # None: no lock needed (SQLite), False: another host
    try:                                 # holds it (skip the run), else the held lock
        ...
    finally:
        locks.release(held)
    locks.close()

SQLite stores have one worker, so ``acquire`` returns None there and ``release`` does nothing.
"""

from __future__ import annotations

import hashlib
import logging
import threading

from pantau.data.store import Store
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

log = logging.getLogger("pantau.data.locks")


def lock_key(source_id: str, schema: str = "") -> int:
    """A stable signed 64-bit advisory-lock key for ``source_id`` in the store's ``schema``."""
    digest = hashlib.blake2b(f"pantau.source:{schema}:{source_id}".encode(),
                             digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class SourceLocks:
    """Advisory locks of one store. Thread-safe; each held lock is a connection of its own
    (a session-level lock lives as long as its session, so it cannot share a pooled one)."""

    def __init__(self, store: Store):
        self.store = store
        self._engine = None
        self._engine_lock = threading.Lock()

    def acquire(self, source_id: str):
        """None when no lock is needed (SQLite), False when another host holds it, else the
        connection holding the advisory lock (pass it to ``release``). Raises when the
        store cannot be reached."""
        if self.store.dialect != "postgresql":
            return None
        with self._engine_lock:
            if self._engine is None:
                self._engine = create_engine(self.store.writer.url, poolclass=NullPool)
        conn = self._engine.connect()
        # Keyed on the schema too: two Pantau stores in one database are two installations.
        schema = conn.execute(text("SELECT current_schema()")).scalar() or ""
        conn.info["pantau_lock_key"] = key = lock_key(source_id, schema)
        got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
        conn.commit()
        if not got:
            conn.close()
            return False
        return conn

    def release(self, held) -> None:
        """Give back what ``acquire`` returned (None and False are no-ops)."""
        if not held:
            return
        try:
            held.execute(text("SELECT pg_advisory_unlock(:k)"),
                         {"k": held.info["pantau_lock_key"]})
            held.commit()
        except Exception as exc:  # closing the session releases it anyway
            log.debug("unlock failed: %s", exc)
        finally:
            held.close()

    def close(self) -> None:
        """Dispose of the lock engine (held locks must be released first)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
