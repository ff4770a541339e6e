"""People who sign in: add, list, remove, change a password, check a password.

Use::

    from pantau.data import users
    users.add(store, "rina", "a long passphrase", Role.VIEWER, region="52.71", now=...)
    user = users.check_password(store, "rina", "a long passphrase")   # a User, or None
    users.by_session(store, user.session_id)                          # the same User

Passwords are kept as argon2id hashes (argon2-cffi). A password change (``set_password``)
raises ``session_version``, so every session signed in before it ends at its next request.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pantau.data.access import Principal, Role
from pantau.data.schema import users
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

MIN_PASSWORD = 10
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.@-]{0,63}$")
# argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): argon2-cffi's default
# (64 MiB, 3 passes, 4 lanes) took 1.06 s to hash and 0.79 s to check on a 2-core host, a
# second of CPU per sign-in. Hashes carry their parameters, so older ones still verify.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_DUMMY: list[str] = []


def _dummy() -> str:
    # Compared against when the name is unknown, so that a wrong name costs as long as a
    # wrong password (the answer time does not tell which names exist).
    if not _DUMMY:
        _DUMMY.append(_HASHER.hash("pantau-no-such-user"))
    return _DUMMY[0]


class AccessError(ValueError):
    """A name, role, region or password that cannot be stored; the message says why."""


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: Role
    region: str | None
    created_ts: int
    session_version: int

    @property
    def session_id(self) -> str:
        """What a session remembers: ``"<id>:<session_version>"``."""
        return f"{self.id}:{self.session_version}"

    def principal(self) -> Principal:
        return Principal(name=self.name, role=self.role, region=self.region, kind="user")


def check_name(name: str) -> str:
    """``name`` lower-cased; AccessError unless it is 1-64 of a-z 0-9 _ . @ -."""
    name = (name or "").strip().lower()
    if not _NAME.match(name):
        raise AccessError(f"{name!r} is not a name: use 1-64 of a-z, 0-9, _ . @ - "
                          "(starting with a letter or digit)")
    return name


def check_region(region: str | None) -> str | None:
    """A Kemendagri code (``52.71``) or None; AccessError otherwise."""
    if region in (None, ""):
        return None
    from pantau.data.config_models import region_code

    try:
        return region_code(str(region))
    except ValueError as exc:
        raise AccessError(str(exc)) from None


def check_password(store, name: str, password: str) -> User | None:
    """The user ``name`` when ``password`` is theirs, else None (unknown name included)."""
    try:
        name = check_name(name)
    except AccessError:
        name = ""
    user, stored = _row(store, users.c.name == name) if name else (None, None)
    try:
        _HASHER.verify(stored or _dummy(), password or "")
    except (VerificationError, InvalidHashError):
        return None
    return user


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``; AccessError when it is shorter than MIN_PASSWORD."""
    if len(password or "") < MIN_PASSWORD:
        raise AccessError(f"the password must have at least {MIN_PASSWORD} characters")
    return _HASHER.hash(password)


def add(store, name: str, password: str, role: Role, region: str | None = None,
        now: float | None = None) -> User:
    """Store a new user; AccessError when the name is taken or anything is not valid."""
    name, region = check_name(name), check_region(region)
    row = dict(name=name, password_hash=hash_password(password), role=Role(role).label,
               region=region, created_ts=int(time.time() if now is None else now),
               session_version=1)
    try:
        with store.writer.begin() as conn:
            conn.execute(insert(users).values(**row))
    except IntegrityError:
        raise AccessError(f"a user named {name!r} exists already") from None
    return get(store, name)


def set_password(store, name: str, password: str) -> User:
    """Give ``name`` a new password and end their sessions; AccessError for an unknown name."""
    name, digest = check_name(name), hash_password(password)
    with store.writer.begin() as conn:
        n = conn.execute(update(users).where(users.c.name == name).values(
            password_hash=digest, session_version=users.c.session_version + 1)).rowcount
    if not n:
        raise AccessError(f"no user named {name!r}")
    return get(store, name)


def set_role(store, name: str, role: Role, region: str | None = None) -> User:
    """Change ``name``'s role and region; their sessions end."""
    name, region = check_name(name), check_region(region)
    with store.writer.begin() as conn:
        n = conn.execute(update(users).where(users.c.name == name).values(
            role=Role(role).label, region=region,
            session_version=users.c.session_version + 1)).rowcount
    if not n:
        raise AccessError(f"no user named {name!r}")
    return get(store, name)


def remove(store, name: str) -> bool:
    """Delete ``name``; True when there was such a user. Their sessions end with the row."""
    name = check_name(name)
    with store.writer.begin() as conn:
        return bool(conn.execute(delete(users).where(users.c.name == name)).rowcount)


def get(store, name: str) -> User | None:
    """The user ``name``, or None."""
    try:
        name = check_name(name)
    except AccessError:
        return None
    return _row(store, users.c.name == name)[0]


def by_session(store, session_id: str | None) -> User | None:
    """The user a session remembers (``User.session_id``), or None when the user is gone or
    changed password since."""
    try:
        uid, version = (int(part) for part in str(session_id or "").split(":"))
    except ValueError:
        return None
    user = _row(store, users.c.id == uid)[0]
    return user if user is not None and user.session_version == version else None


def listing(store) -> list[User]:
    """Every user, by name."""
    with store.reader.connect() as conn:
        rows = conn.execute(select(users).order_by(users.c.name)).mappings().all()
    return [_user(r) for r in rows]


def _row(store, where) -> tuple[User | None, str | None]:
    with store.reader.connect() as conn:
        r = conn.execute(select(users).where(where)).mappings().first()
    return (None, None) if r is None else (_user(r), r["password_hash"])


def _user(r) -> User:
    return User(id=r["id"], name=r["name"], role=Role.parse(r["role"]), region=r["region"],
                created_ts=r["created_ts"], session_version=r["session_version"])
