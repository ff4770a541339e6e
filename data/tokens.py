"""API tokens for scripts: ``Authorization: Bearer <token>`` on ``/api/v1``.

Use::

    from pantau.data import tokens
    secret, tok = tokens.create(store, "laporan-harian", Role.ANALYST, expires_in=90 * 86400)
    print(secret)                       # shown once; only its SHA-256 is stored
    tokens.lookup(store, secret)        # the Token, or None (unknown, revoked or expired)
    tokens.first_use_on(store, tok.id, "2026-12-02")   # True once per token and day

Tokens are 256 random bits, so a plain SHA-256 of them is as good as a slow hash: nobody can
guess one from its digest, and every API request can check it at the cost of one lookup.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from pantau.data.access import Principal, Role
from pantau.data.schema import api_tokens
from pantau.data.users import AccessError, check_name, check_region
from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

PREFIX = "pantau_"


def digest(secret: str) -> str:
    """The SHA-256 (hex) of a random secret (tokens, pairing codes, device cookies)."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def new_secret(prefix: str = "") -> str:
    """256 random bits, URL-safe, after ``prefix``."""
    return prefix + secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Token:
    id: int
    name: str
    role: Role
    region: str | None
    created_ts: int
    expires_ts: int | None
    last_used_day: str | None

    def principal(self) -> Principal:
        return Principal(name=self.name, role=self.role, region=self.region, kind="token")


def create(store, name: str, role: Role, region: str | None = None,
           expires_in: int | None = None, now: float | None = None) -> tuple[str, Token]:
    """A new token named ``name``: ``(secret, Token)``. The secret is not kept anywhere."""
    name, region = check_name(name), check_region(region)
    now = int(time.time() if now is None else now)
    secret = new_secret(PREFIX)
    try:
        with store.writer.begin() as conn:
            conn.execute(insert(api_tokens).values(
                name=name, token_hash=digest(secret), role=Role(role).label, region=region,
                created_ts=now, expires_ts=now + int(expires_in) if expires_in else None))
    except IntegrityError:
        raise AccessError(f"a token named {name!r} exists already") from None
    return secret, _one(store, api_tokens.c.name == name)


def lookup(store, secret: str, now: float | None = None) -> Token | None:
    """The token whose secret is ``secret``, unless it is unknown, revoked or expired."""
    if not secret or not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    now = int(time.time() if now is None else now)
    tok = _one(store, api_tokens.c.token_hash == digest(secret))
    if tok is None or (tok.expires_ts is not None and tok.expires_ts <= now):
        return None
    return tok


def first_use_on(store, token_id: int, day: str) -> bool:
    """Mark ``token_id`` used on ``day`` (``YYYY-MM-DD``); True only for the first request of
    that day (one UPDATE: two web workers cannot both see it first)."""
    c = api_tokens.c
    with store.writer.begin() as conn:
        return bool(conn.execute(update(api_tokens).where(
            c.id == token_id, or_(c.last_used_day.is_(None), c.last_used_day != day)
        ).values(last_used_day=day)).rowcount)


def revoke(store, name: str) -> bool:
    """Delete the token ``name``; True when there was one. Scripts using it get 401 at once."""
    with store.writer.begin() as conn:
        return bool(conn.execute(delete(api_tokens).where(
            api_tokens.c.name == check_name(name))).rowcount)


def listing(store) -> list[Token]:
    """Every token, by name (without secrets: there are none to show)."""
    with store.reader.connect() as conn:
        rows = conn.execute(select(api_tokens).order_by(api_tokens.c.name)).mappings().all()
    return [_token(r) for r in rows]


def _one(store, where) -> Token | None:
    with store.reader.connect() as conn:
        r = conn.execute(select(api_tokens).where(where)).mappings().first()
    return None if r is None else _token(r)


def _token(r) -> Token:
    return Token(id=r["id"], name=r["name"], role=Role.parse(r["role"]), region=r["region"],
                 created_ts=r["created_ts"], expires_ts=r["expires_ts"],
                 last_used_day=r["last_used_day"])
