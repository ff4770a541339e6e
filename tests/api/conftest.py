"""Fixtures of the API tests: the fixed world of ``api_seed`` in a store, and the app."""

from __future__ import annotations

import pytest
from api_seed import NOW, make_config, seed


@pytest.fixture
def api_config():
    return make_config()


@pytest.fixture
def seeded(store):
    """The parametrised store (SQLite and PostgreSQL) holding the fixed world."""
    seed(store)
    return store


@pytest.fixture
def seeded_sqlite(sqlite_store):
    seed(sqlite_store)
    return sqlite_store


def _client(config, store):
    from pantau.dashboard.app import create_app

    app = create_app(config, store, clock=lambda: NOW)
    return app.server.test_client()


@pytest.fixture
def client(api_config, seeded):
    """A Flask test client of the app over the seeded store (both backends)."""
    return _client(api_config, seeded)


@pytest.fixture
def sqlite_client(api_config, seeded_sqlite):
    """The same on SQLite only (for tests of behaviour that does not depend on the backend)."""
    return _client(api_config, seeded_sqlite)
