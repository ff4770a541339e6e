"""Fixtures of the reports' tests (issue 20); the world and helpers are in
``report_world.py`` (a name of its own: ``conftest`` is every folder's)."""

from __future__ import annotations

import pytest
import report_world
from report_world import load_world, write_config


@pytest.fixture(scope="module")
def rep_world(tmp_path_factory):
    """``(config, store, config path)`` of the demo with its history loaded on SQLite."""
    from pantau.data.store import Store

    from pantau.config import load

    folder = tmp_path_factory.mktemp("reports")
    path = write_config(folder)
    cfg = load(str(path))
    store = Store(cfg.store.url)
    store.upgrade()
    load_world(store, cfg)
    yield cfg, store, path
    store.dispose()


@pytest.fixture
def rep_ctx(rep_world):
    from pantau.dashboard.cache import Cache
    from pantau.dashboard.context import AppContext

    cfg, store, _ = rep_world
    return AppContext(cfg, store, clock=lambda: report_world.NOW, cache=Cache())


