"""Paired wall screens: a TV is a device of its own, not a shared password.

Use::

    from pantau.data import screens
    code = screens.add(store, "lobi-gubernur")          # for /pair/<code>: 15 minutes, once
    paired = screens.pair(store, code)                  # (Screen, device secret) or None
    screens.by_device(store, device_secret)             # the Screen, until revoked
    screens.revoke(store, "lobi-gubernur")

Only SHA-256 digests of the pairing code and of the device secret (``data.tokens.digest``)
are stored. Pairing clears the code in the same UPDATE that sets the device, so a code works
once even when two browsers open it at the same moment.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from pantau.data.access import Principal, Role
from pantau.data.schema import screens
from pantau.data.tokens import digest, new_secret
from pantau.data.users import AccessError, check_name
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

PAIRING_SECONDS = 15 * 60


@dataclass(frozen=True)
class Screen:
    id: int
    name: str
    created_ts: int
    paired_ts: int | None
    pair_expires_ts: int | None

    def principal(self) -> Principal:
        return Principal(name=self.name, role=Role.WALL, region=None, kind="screen")

    def state(self, now: float) -> str:
        """``paired``, ``waiting`` (code still valid) or ``expired`` (code unused, too late)."""
        if self.paired_ts:
            return "paired"
        return "waiting" if (self.pair_expires_ts or 0) > now else "expired"


CODE_MAX = 200
"""Longer "codes" are refused before any hashing or lookup (ours are 43 characters)."""


def add(store, name: str, now: float | None = None) -> str:
    """Register the screen ``name`` and return its one-time pairing code."""
    name = check_name(name)
    now = int(time.time() if now is None else now)
    code = new_secret()
    try:
        with store.writer.begin() as conn:
            conn.execute(insert(screens).values(
                name=name, pair_hash=digest(code), pair_expires_ts=now + PAIRING_SECONDS,
                created_ts=now))
    except IntegrityError:
        raise AccessError(f"a screen named {name!r} exists already; revoke it first "
                          f"(pantau screen revoke {name})") from None
    return code


def pair(store, code: str, now: float | None = None) -> tuple[Screen, str] | None:
    """Use ``code``: ``(screen, device secret)`` the first time within 15 minutes, else None."""
    if not code or len(code) > CODE_MAX:
        return None
    now = int(time.time() if now is None else now)
    device = new_secret()
    c = screens.c
    with store.writer.begin() as conn:
        row = conn.execute(select(c.id).where(c.pair_hash == digest(code))).first()
        if row is None:
            return None
        n = conn.execute(update(screens).where(
            c.id == row.id, c.pair_hash == digest(code), c.pair_expires_ts > now,
        ).values(pair_hash=None, device_hash=digest(device), paired_ts=now)).rowcount
    if not n:
        return None
    return _one(store, screens.c.id == row.id), device


def by_device(store, device: str | None) -> Screen | None:
    """The paired screen holding ``device`` (its cookie), or None (unknown or revoked)."""
    if not device or len(device) > 200:
        return None
    return _one(store, screens.c.device_hash == digest(device))


def revoke(store, name: str) -> bool:
    """Forget the screen ``name``: its cookie opens nothing from the next request on."""
    with store.writer.begin() as conn:
        return bool(conn.execute(delete(screens).where(
            screens.c.name == check_name(name))).rowcount)


def listing(store) -> list[Screen]:
    """Every screen, by name."""
    with store.reader.connect() as conn:
        rows = conn.execute(select(screens).order_by(screens.c.name)).mappings().all()
    return [_screen(r) for r in rows]


def _one(store, where) -> Screen | None:
    with store.reader.connect() as conn:
        r = conn.execute(select(screens).where(where)).mappings().first()
    return None if r is None else _screen(r)


def _screen(r) -> Screen:
    return Screen(id=r["id"], name=r["name"], created_ts=r["created_ts"],
                  paired_ts=r["paired_ts"], pair_expires_ts=r["pair_expires_ts"])
