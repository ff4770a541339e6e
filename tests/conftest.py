"""Shared fixtures: a fresh store on SQLite and on PostgreSQL, a fixed clock, the shared data.

PostgreSQL comes from ``PANTAU_TEST_PG_URL`` (default the local server of CI). Without
``PANTAU_REQUIRE_PG=1`` a missing server skips the PostgreSQL half; with it (CI) it fails.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PANTAU_SHARED", ROOT.parent / "shared"))
REALDATA = SHARED / "realdata"
PG_URL = os.environ.get("PANTAU_TEST_PG_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_PG = os.environ.get("PANTAU_REQUIRE_PG") == "1"


def _pg_available() -> str | None:
    import sqlalchemy as sa

    try:
        eng = sa.create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with eng.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        eng.dispose()
        return None
    except Exception as exc:  # any failure to reach the server
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


@pytest.fixture(scope="session")
def pg_base_url():
    """The PostgreSQL URL; skips (or fails in CI) when no server answers."""
    why = _pg_available()
    if why:
        if REQUIRE_PG:
            pytest.fail(f"PostgreSQL required (PANTAU_REQUIRE_PG=1) but unreachable: {why}")
        pytest.skip(f"no PostgreSQL: {why}")
    return PG_URL


def pg_schema_url(base: str):
    """A fresh schema on the PostgreSQL server; returns (url using it, drop function)."""
    import sqlalchemy as sa

    schema = "t_" + uuid.uuid4().hex[:12]
    eng = sa.create_engine(base)
    with eng.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options=-csearch_path%3D{schema}"

    def drop():
        with eng.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        eng.dispose()

    return url, drop


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A URL of an empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'pantau.db'}"
        return
    base = request.getfixturevalue("pg_base_url")
    url, drop = pg_schema_url(base)
    yield url
    drop()


@pytest.fixture
def store(store_url):
    """A migrated, empty ``Store`` on each backend."""
    from data.store import Store

    s = Store(store_url, retention_days=730)
    s.upgrade()
    yield s
    s.dispose()


@pytest.fixture
def sqlite_store(tmp_path):
    from data.store import Store

    s = Store(f"sqlite:///{tmp_path / 'pantau.db'}", retention_days=730)
    s.upgrade()
    yield s
    s.dispose()
