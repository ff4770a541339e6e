"""Fixtures of the API tests: the fixed world of ``support.api_seed`` in a store, and the app."""

from __future__ import annotations

import pytest
from support.api_seed import NOW, make_config, seed


@pytest.fixture
def api_config():
    return make_config()


@pytest.fixture
def api_world(store):
    """The parametrised store (SQLite and PostgreSQL) holding the fixed world."""
    seed(store)
    return store


@pytest.fixture
def api_world_sqlite(sqlite_store):
    """A SQLite store holding the fixed world."""
    seed(sqlite_store)
    return sqlite_store


def _client(config, store):
    from pantau.dashboard.app import create_app

    app = create_app(config, store, clock=lambda: NOW)
    return app.server.test_client()


@pytest.fixture
def client(api_config, api_world):
    """A Flask test client of the app over the seeded store (both backends)."""
    return _client(api_config, api_world)


@pytest.fixture
def sqlite_client(api_config, api_world_sqlite):
    """The same on SQLite only (for tests of behaviour that does not depend on the backend)."""
    return _client(api_config, api_world_sqlite)
