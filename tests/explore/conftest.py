"""Fixtures of the explorer tests: the fixed world of ``support.api_seed``."""

from __future__ import annotations

import pytest
from support.api_seed import NOW, make_config, seed


@pytest.fixture
def ex_config():
    return make_config()


@pytest.fixture
def ex_store(sqlite_store):
    seed(sqlite_store)
    return sqlite_store


@pytest.fixture
def ex_app(ex_config, ex_store, live_app):
    """Base URL of the app serving the seeded SQLite store, clock fixed at ``NOW``."""
    return live_app(ex_config, ex_store, clock=lambda: NOW)
