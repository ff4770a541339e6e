"""``sql``: one read-only SELECT through any SQLAlchemy URL (here SQLite and PostgreSQL)."""

from __future__ import annotations

import sqlite3

import pytest
from collector_helpers import stored
from pantau.collectors.base import CollectContext, CollectError
from pantau.collectors.sql import SqlCollector, SqlOptions
from sqlalchemy import text

# The query of config.yaml's satudata_db source.
QUERY = ("SELECT organisasi AS opd, COUNT(*) AS datasets, SUM(unduhan) AS downloads "
         "FROM dataset GROUP BY organisasi")
VALUES = [{"metric": "opendata_datasets_count", "column": "datasets", "labels": {"opd": "opd"}},
          {"metric": "opendata_downloads_count", "column": "downloads", "labels": {"opd": "opd"}}]
ROWS = [("Diskominfotik", "Indeks SPBE", 120), ("Diskominfotik", "Jumlah BTS", 45),
        ("Bappeda", "IPM kabupaten/kota", 310), ("Dinas Pariwisata", "Kunjungan wisatawan", 97)]


def _portal(url_engine):
    with url_engine.begin() as conn:
        conn.execute(text("CREATE TABLE dataset (id INTEGER PRIMARY KEY, organisasi TEXT, "
                          "judul TEXT, unduhan INTEGER, diperbarui TEXT)"))
        for i, (org, judul, n) in enumerate(ROWS, start=1):
            conn.execute(text("INSERT INTO dataset VALUES (:i, :o, :j, :n, '2026-05-31')"),
                         {"i": i, "o": org, "j": judul, "n": n})


def test_query_of_the_config_on_both_backends(store, make_config, run_once):
    _portal(store.writer)  # the store's own database stands in for the portal's
    url = store.writer.url.render_as_string(hide_password=False)
    cfg = make_config([{"id": "satudata_db", "kind": "sql", "every": "1h", "timeout": "30s",
                        "options": {"url": url, "query": QUERY, "values": VALUES}}])
    res = run_once(cfg, store, "satudata_db")
    assert (res.status, res.samples, res.rejected) == ("up", 6, 0), res.error
    datasets = {lab["opd"]: v for lab, _, v in stored(store, "opendata_datasets_count")}
    downloads = {lab["opd"]: v for lab, _, v in stored(store, "opendata_downloads_count")}
    assert datasets == {"Diskominfotik": 2.0, "Bappeda": 1.0, "Dinas Pariwisata": 1.0}
    assert downloads == {"Diskominfotik": 165.0, "Bappeda": 310.0, "Dinas Pariwisata": 97.0}


def _ctx(timeout=10.0):
    return CollectContext(source_id="satudata_db", timeout=timeout, tz="Asia/Makassar")


@pytest.fixture
def portal_file(tmp_path):
    path = tmp_path / "satudata.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE dataset (organisasi TEXT, unduhan INTEGER, diperbarui TEXT)")
    conn.executemany("INSERT INTO dataset VALUES (?, ?, '2026-05-31 10:00:00')",
                     [(o, n) for o, _, n in ROWS])
    conn.commit()
    conn.close()
    return path


def test_timestamp_column_in_its_zone(portal_file):
    opts = SqlOptions.model_validate({
        "url": f"sqlite:///{portal_file}", "query": "SELECT organisasi, unduhan, diperbarui "
        "FROM dataset", "timestamp": {"column": "diperbarui", "format": "%Y-%m-%d %H:%M:%S",
                                      "timezone": "Asia/Jakarta"},
        "values": [{"metric": "opendata_downloads_count", "column": "unduhan",
                    "labels": {"opd": "organisasi"}}]})
    batch = SqlCollector().collect(opts, _ctx())
    assert len(batch.samples) == 4
    assert {s.ts for s in batch.samples} == {1780196400}  # 10:00 WIB = 03:00 UTC


def test_writes_are_impossible_even_past_the_check(portal_file):
    # model_construct skips validation: the database itself refuses to write.
    opts = SqlOptions.model_construct(url=f"sqlite:///{portal_file}",
                                      query="DELETE FROM dataset", timestamp=None, values=())
    with pytest.raises(CollectError, match="readonly database|read-only"):
        SqlCollector().query(opts, _ctx())
    assert sqlite3.connect(portal_file).execute("SELECT COUNT(*) FROM dataset").fetchone() == (4,)


def test_a_slow_query_is_interrupted_at_the_timeout(portal_file):
    import time

    slow = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
            "SELECT COUNT(*) AS c FROM n")
    opts = SqlOptions.model_validate({"url": f"sqlite:///{portal_file}", "query": slow,
                                      "values": [{"metric": "opendata_datasets_count",
                                                  "column": "c"}]})
    t0 = time.monotonic()
    with pytest.raises(CollectError, match="query timed out after 1s"):
        SqlCollector().collect(opts, _ctx(timeout=1.0))
    assert time.monotonic() - t0 < 2.5


def test_missing_database_file_is_not_created(tmp_path):
    opts = SqlOptions.model_validate({"url": f"sqlite:///{tmp_path}/tidak_ada.db",
                                      "query": QUERY, "values": VALUES})
    with pytest.raises(CollectError, match="no such database file"):
        SqlCollector().collect(opts, _ctx())
    assert not (tmp_path / "tidak_ada.db").exists()


def test_query_errors_and_missing_columns(portal_file):
    bad = SqlOptions.model_validate({"url": f"sqlite:///{portal_file}",
                                     "query": "SELECT nama FROM dataset", "values": VALUES})
    with pytest.raises(CollectError, match="query failed on sqlite:///.*no such column: nama"):
        SqlCollector().collect(bad, _ctx())
    missing = SqlOptions.model_validate({"url": f"sqlite:///{portal_file}",
                                         "query": "SELECT organisasi FROM dataset",
                                         "values": VALUES})
    with pytest.raises(CollectError, match="the query result has no column 'datasets'"):
        SqlCollector().collect(missing, _ctx())


def test_password_never_shown(make_config):
    from pantau.collectors.sql import shown

    assert "rahasia" not in shown("postgresql+psycopg://reader:rahasia@db.local/portal")
