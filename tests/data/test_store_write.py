"""The store: one transaction per batch, updates not duplicates, rejections row by row."""

from __future__ import annotations

import math

import pytest
from pantau.data.batch import Batch, Sample
from pantau.data.store import Store
from sqlalchemy import text

NOW = 1_795_000_000  # 2026-11-18, a fixed clock


def count(store: Store, table: str) -> int:
    with store.reader.connect() as conn:
        return conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


def test_same_point_twice_is_an_update(store):
    cat = {"m"}
    store.write(Batch([Sample("m", 1.0, {"region": "52.71"}, NOW - 60)]), cat, now=NOW)
    store.write(Batch([Sample("m", 5.0, {"region": "52.71"}, NOW - 60)]), cat, now=NOW)
    assert count(store, "samples") == 1
    assert count(store, "series") == 1
    with store.reader.connect() as conn:
        assert conn.execute(text("SELECT value FROM samples")).scalar_one() == 5.0
        assert conn.execute(text("SELECT total, cnt FROM rollup_1h")).one() == (5.0, 1)


def test_label_order_does_not_make_a_new_series(store):
    cat = {"m"}
    store.write(Batch([Sample("m", 1, {"a": "1", "b": "2"}, NOW - 10)]), cat, now=NOW)
    store.write(Batch([Sample("m", 2, {"b": "2", "a": "1"}, NOW - 5)]), cat, now=NOW)
    assert count(store, "series") == 1


def test_rejections_are_row_by_row_and_the_rest_is_kept(store):
    store.retention_days = 30
    rows = [
        Sample("m", 1.0, {}, NOW - 100),                 # ok
        Sample("unknown_metric", 1.0, {}, NOW - 100),    # not in catalogue
        Sample("m", math.nan, {}, NOW - 90),             # NaN
        Sample("m", math.inf, {}, NOW - 80),             # inf
        Sample("m", 2.0, {}, NOW + 601),                 # > 10 min in the future
        Sample("m", 3.0, {}, NOW + 599),                 # ok: within 10 min
        Sample("m", 4.0, {}, NOW - 31 * 86400),          # older than retention
        Sample("m", "abc", {}, NOW - 70),                # not a number
        Sample("m", 7.0),                                # ok: ts = now
    ]
    result = store.write(Batch(rows), {"m"}, now=NOW)
    assert result.written == 3
    assert result.rejected == 6
    reasons = [r.reason for r in result.rejections]
    assert "metric 'unknown_metric' is not in the catalogue" in reasons
    assert reasons.count("value is NaN or infinite") == 2
    assert "timestamp is more than 10 minutes in the future" in reasons
    assert "timestamp is older than retention (30 days)" in reasons
    assert "value 'abc' is not a number" in reasons
    assert [r.where for r in result.rejections] == [1, 2, 3, 4, 6, 7]
    assert count(store, "samples") == 3


def test_batch_is_one_transaction(store, monkeypatch):
    """A failure in the middle of writing leaves nothing of the batch behind."""
    from pantau.data import rollups

    store.write(Batch([Sample("m", 1.0, {"k": "old"}, NOW - 100)]), {"m"}, now=NOW)

    real = rollups.refresh_spans

    def failing(conn, spans):
        real(conn, spans)  # samples and rollups written, then the disk catches fire
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(rollups, "refresh_spans", failing)
    batch = Batch([Sample("m", float(i), {"k": str(i % 3)}, NOW - 1000 + i) for i in range(300)])
    with pytest.raises(RuntimeError):
        store.write(batch, {"m"}, now=NOW)
    monkeypatch.setattr(rollups, "refresh_spans", real)
    store._series_ids.clear()  # the cache may name series the rollback removed
    assert count(store, "samples") == 1
    assert count(store, "series") == 1
    assert store.write(batch, {"m"}, now=NOW).written == 300
    assert count(store, "samples") == 301


def test_articles_deduplicate_on_normalised_link(store):
    from pantau.data.batch import Article

    a = Article(url="https://www.Example.go.id/berita/1/?utm_source=x", title="Satu")
    b = Article(url="http://example.go.id/berita/1#top", title="Satu lagi")
    c = Article(url="javascript:alert(1)", title="bad")
    d = Article(url="https://example.go.id/2", title="radio", channel="radio")
    e = Article(url="https://example.go.id/3", title="  ")
    result = store.write(Batch(articles=[a, b, c, d, e]), set(), now=NOW)
    assert result.articles == 1
    assert count(store, "articles") == 1
    assert [r.reason for r in result.rejections] == [
        "article link 'javascript:alert(1)' is not http(s)",
        "channel 'radio' is not one of media_massa, media_interaktif, media_digital, "
        "media_ruang_publik, media_tradisional",
        "article has no title"]


def test_record_run_and_retention(store):
    from pantau.data.store import RunRecord

    store.record_run(RunRecord("s1", NOW - 5, NOW - 4, "up", samples=3))
    assert count(store, "runs") == 1
    store.retention_days = 10
    old, new = NOW - 11 * 86400, NOW - 9 * 86400
    store.write(Batch([Sample("m", 1, {}, new)]), {"m"}, now=NOW)
    with store.writer.begin() as conn:  # an old row from before retention was shortened
        conn.execute(text("INSERT INTO samples (series_id, ts, value) VALUES (1, :t, 2)"),
                     {"t": old})
    from pantau.data import rollups

    with store.writer.begin() as conn:
        rollups.refresh(conn, 1, old, old)
    assert store.apply_retention(now=NOW) == 1
    assert count(store, "samples") == 1
    with store.reader.connect() as conn:
        buckets = [r[0] for r in conn.execute(text("SELECT bucket FROM rollup_1h"))]
    assert buckets == [new - new % 3600]


def test_sqlite_pragmas_on_every_connection(sqlite_store):
    for engine in (sqlite_store.reader, sqlite_store.writer):
        for _ in range(3):
            with engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        engine.dispose()  # a new pool: the pragmas must hold on fresh connections too
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_bulk_write_leaves_foreign_keys_on(sqlite_store):
    """write_points skips the per-row parent lookup inside its transaction only: the pooled
    connection it used enforces foreign keys again, even after a failed bulk write."""
    assert sqlite_store.write_points([("m", {"r": "a"}, [NOW - 60, NOW], [1.0, 2.0])]) == 2
    with pytest.raises(ValueError, match="2 timestamps but 1 values"):
        sqlite_store.write_points([("m", {"r": "a"}, [NOW - 60, NOW], [1.0])])
    with sqlite_store.writer.connect() as conn:  # the pool's one connection, used above
        assert sqlite_store.writer.pool.checkedin() == 0
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        with pytest.raises(Exception, match="FOREIGN KEY"):
            conn.exec_driver_sql("INSERT INTO samples (series_id, ts, value) VALUES (999, 1, 1)")
    assert count(sqlite_store, "samples") == 2


def test_two_writers_queue_instead_of_failing(tmp_path):
    """Two stores on one SQLite file writing at once: both batches land (BEGIN IMMEDIATE +
    busy_timeout), none fails with 'database is locked'."""
    import threading

    url = f"sqlite:///{tmp_path / 'w.db'}"
    a, b = Store(url), Store(url)
    a.upgrade()
    errors = []

    def write(store, label):
        try:
            for i in range(20):
                batch = Batch([Sample("m", j, {"w": label}, NOW - 5000 + i * 100 + j)
                               for j in range(100)])
                store.write(batch, {"m"}, now=NOW)
        except Exception as exc:  # collect, the assertion below names it
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(s, n)) for s, n in ((a, "a"), (b, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert count(a, "samples") == 2 * 20 * 100


def test_bulk_write_into_new_and_stored_ranges(store):
    """write_points into an empty and an already stored range: stored timestamps are updated,
    duplicates in one write keep the last value, and the hourly rollups follow."""
    assert store.write_points([("m", {"r": "a"}, [NOW - 120, NOW - 60], [1.0, 2.0])]) == 2
    groups = [("m", {"r": "a"}, [NOW - 60, NOW], [5.0, 6.0]),           # overlaps: upsert
              ("m", {"r": "b"}, [NOW - 60, NOW, NOW - 60], [7.0, 8.0, 9.0])]  # new, dup ts
    assert store.write_points(groups) == 5
    with store.reader.connect() as conn:
        rows = conn.execute(text("SELECT series_id, ts, value FROM samples "
                                 "ORDER BY series_id, ts")).all()
    assert [tuple(r) for r in rows] == [(1, NOW - 120, 1.0), (1, NOW - 60, 5.0), (1, NOW, 6.0),
                                        (2, NOW - 60, 9.0), (2, NOW, 8.0)]
    assert store.write_points([("m", {"r": "b"}, [NOW - 60, NOW + 1], [3.0, 4.0])]) == 2
    with store.reader.connect() as conn:
        got = conn.execute(text("SELECT ts, value FROM samples WHERE series_id = 2 "
                                "ORDER BY ts")).all()
        hour = conn.execute(text("SELECT cnt, total FROM rollup_1h WHERE series_id = 2")).all()
    assert [tuple(r) for r in got] == [(NOW - 60, 3.0), (NOW, 8.0), (NOW + 1, 4.0)]
    assert sum(c for c, _ in hour) == 3 and sum(t for _, t in hour) == 15.0
