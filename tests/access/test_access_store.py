"""Users and the audit log in the store, on SQLite and PostgreSQL: argon2 hashes, sessions
ended by a password change, the audit log append-only in the database itself."""

from __future__ import annotations

import pytest
from pantau.data import audit, users
from pantau.data.access import Role


def test_users_round_trip(store):
    u = users.add(store, "Rina", "rahasia-rina-1", Role.VIEWER, region="52.71", now=100)
    assert (u.name, u.role, u.region, u.created_ts) == ("rina", Role.VIEWER, "52.71", 100)
    from pantau.data.schema import users as table
    from sqlalchemy import select

    with store.reader.connect() as conn:
        stored = conn.execute(select(table.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "rahasia" not in stored
    assert users.check_password(store, "RINA", "rahasia-rina-1") == u
    assert users.check_password(store, "rina", "rahasia-rina-2") is None
    assert users.check_password(store, "nobody", "rahasia-rina-1") is None
    assert users.by_session(store, u.session_id) == u
    users.set_password(store, "rina", "baru-sekali-22")
    assert users.by_session(store, u.session_id) is None
    with pytest.raises(users.AccessError, match="exists already"):
        users.add(store, "rina", "rahasia-rina-1", Role.ADMIN)
    assert [x.name for x in users.listing(store)] == ["rina"]
    assert users.remove(store, "rina") and not users.remove(store, "rina")


def test_audit_is_append_only(store):
    audit.record(store, "rina", audit.SIGN_IN, address="10.0.0.1", now=1)
    audit.record(store, "rina", audit.SIGN_OUT, now=2)
    got = audit.recent(store)
    assert [(e.actor, e.action, e.ts) for e in got] == [("rina", "sign_out", 2),
                                                         ("rina", "sign_in", 1)]
    from pantau.data.schema import audit as table
    from sqlalchemy import delete, update
    from sqlalchemy.exc import DBAPIError

    for stmt in (update(table).values(actor="x"), delete(table)):
        with pytest.raises(DBAPIError, match="append-only"):
            with store.writer.begin() as conn:
                conn.execute(stmt)
    assert len(audit.recent(store)) == 2


def test_tokens_and_screens_on_both_backends(store):
    from pantau.data import screens, tokens

    secret, tok = tokens.create(store, "skrip", Role.ANALYST, region="52.71", expires_in=60,
                                now=1000)
    assert tokens.lookup(store, secret, now=1059) == tok
    assert tokens.lookup(store, secret, now=1060) is None  # expired
    assert tokens.first_use_on(store, tok.id, "2026-12-02")
    assert not tokens.first_use_on(store, tok.id, "2026-12-02")
    assert tokens.first_use_on(store, tok.id, "2026-12-03")
    assert tokens.revoke(store, "skrip") and tokens.lookup(store, secret, now=1001) is None

    code = screens.add(store, "lobi", now=1000)
    assert screens.pair(store, code, now=1000 + 15 * 60) is None  # 15 minutes: too late
    code = screens.add(store, "aula", now=1000)
    screen, device = screens.pair(store, code, now=1100)
    assert screen.name == "aula" and screen.paired_ts == 1100
    assert screens.pair(store, code, now=1101) is None  # once
    assert screens.by_device(store, device) == screen
    assert [s.state(1200) for s in screens.listing(store)] == ["paired", "waiting"]
    assert [s.state(1900) for s in screens.listing(store)] == ["paired", "expired"]
    with pytest.raises(users.AccessError, match="exists already"):
        screens.add(store, "aula")
    assert screens.revoke(store, "aula") and screens.by_device(store, device) is None
