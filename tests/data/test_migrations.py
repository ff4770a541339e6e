"""Migrations build exactly the schema the code describes, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from pantau.data.migrate import current, head
from pantau.data.schema import metadata
from pantau.data.store import Store


def test_migrated_schema_matches_metadata(store_url):
    store = Store(store_url)
    assert current(store.writer) is None
    store.upgrade()
    assert current(store.writer) == head()
    store.upgrade()  # a second upgrade is a no-op
    with store.writer.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    store.dispose()
    assert diff == []
