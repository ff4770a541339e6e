"""Fixtures of the wall's tests: ``ntb_history`` (a store seeded with 45 days of NTB history)
and the wall served from it."""

from __future__ import annotations

import pytest
from wall_seed import seed, wall_config


@pytest.fixture
def ntb_history(sqlite_store):
    """A SQLite store holding 45 days of NTB history, articles and fresh runs."""
    seed(sqlite_store)
    return sqlite_store


@pytest.fixture
def wall_url(live_app, ntb_history):
    """``start(**config sections) -> base URL`` of the wall on the seeded store."""

    def start(**sections):
        return live_app(wall_config(**sections), ntb_history)

    return start

