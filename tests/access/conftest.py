"""Fixtures of the sign-in tests (helpers in ``support.access``)."""

from __future__ import annotations

import pytest
from support.access import add_users, make_app
from support.api_seed import seed


@pytest.fixture(scope="session")
def world_file(tmp_path_factory):
    """A SQLite file holding the fixed world and the users of ``add_users``, made once (the
    seed and six argon2 hashes are most of a test's time); each test gets a copy."""
    from pantau.data.store import Store

    path = tmp_path_factory.mktemp("access") / "world.db"
    store = Store(f"sqlite:///{path}")
    store.upgrade()
    seed(store)
    add_users(store)
    store.dispose()  # the last connection closed checkpoints the WAL into the file
    return path


@pytest.fixture
def world(world_file, tmp_path):
    """A copy of ``world_file`` as a Store of its own."""
    import shutil

    from pantau.data.store import Store

    path = tmp_path / "world.db"
    shutil.copyfile(world_file, path)
    store = Store(f"sqlite:///{path}")
    yield store
    store.dispose()


@pytest.fixture
def app(world):
    return make_app(world)


@pytest.fixture
def client(app):
    return app.server.test_client()
