"""The runner and a PostgreSQL outage (a cluster the test creates itself): a write retried
within the run's timeout lands once the server is back; a run whose whole time passes without
the store is recorded (failed) once the store answers again; no sample of later runs is lost."""

from __future__ import annotations

import threading
import time

import pytest
from support import pg_cluster as pg
from support.config import config_from

pg_cluster = pg.pg_cluster  # the fixture


def _config(csv_path, timeout: str):
    return config_from({
        "metrics": [{"name": "server_load", "title": "Beban", "agg": "avg"}],
        "sources": [{"id": "beban", "kind": "csv", "every": "1h", "timeout": timeout,
                     "options": {"path": str(csv_path), "timestamp": {"column": "ts"},
                                 "values": [{"metric": "server_load", "column": "value"}]}}]})


def _rows(store, sql):
    from sqlalchemy import text

    with store.reader.connect() as conn:
        return conn.execute(text(sql)).fetchall()


@pytest.mark.slow
def test_runner_retries_and_records_failed_runs_after_an_outage(tmp_path, pg_cluster):
    from pantau.collectors.runner import Runner
    from pantau.data.store import Store

    url, start, stop = pg_cluster
    store = Store(url)
    store.upgrade()
    now = int(time.time())
    csv_path = tmp_path / "beban.csv"

    def feed(k: int):
        csv_path.write_text("ts,value\n" + "".join(f"{now - 3600 * k - 60 * i},{i}\n"
                                                   for i in range(10)))

    # 1. the store goes away during a run and is back within its timeout: written, UP
    cfg = _config(csv_path, "20s")
    runner = Runner.from_config(cfg, store)
    feed(1)
    stop()
    threading.Timer(4, start).start()
    started = time.monotonic()
    first = runner.run(cfg.source("beban"))
    assert first.status == "up" and first.samples == 10, first
    assert 4 <= time.monotonic() - started < 20

    # 2. away for the whole run: it fails, and is recorded once the store is back
    short = _config(csv_path, "3s")
    feed(2)
    stop()
    failed = runner.run(short.source("beban"))
    assert failed.status != "up" and failed.error.startswith("store: ")
    start()
    feed(3)
    later = runner.run(cfg.source("beban"))
    assert later.status == "up" and later.samples == 10

    runs = _rows(store, "SELECT status, samples, error FROM runs WHERE source_id = 'beban' "
                        "ORDER BY started_ts")
    assert [r[0] for r in runs] == ["up", failed.status, "up"], runs
    assert runs[1][2].startswith("store: ")
    stored = _rows(store, "SELECT COUNT(*) FROM samples")[0][0]
    assert stored == 20  # the runs before and after the outage, nothing lost
    runner.close()
    store.dispose()
