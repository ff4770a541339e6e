"""SQLite under load: ``pantau worker`` writing continuously while a reader polls every 50 ms
for 30 s (as the web pages do): zero reader errors, zero lost rows."""

from __future__ import annotations

import itertools
import json
import signal
import threading
import time

import pytest
from pantau.data import queries
from pantau.data.store import Store
from sqlalchemy import text
from test_worker_crash import Worker
from test_worker_process import write_config

SOURCES, HOSTS, STEPS = 4, 30, 100  # every run of a source writes 30 x 100 = 3,000 new rows
DURATION, POLL = 30.0, 0.05


@pytest.mark.slow
def test_reader_polls_while_the_worker_writes(tmp_path, threaded_server, capsys):
    start = int(time.time()) - 3 * 86400
    counter = itertools.count()
    served = {"rows": 0}
    lock = threading.Lock()

    def answer(_req):
        # Each answer carries timestamps no answer had before, so every row is a new row.
        with lock:
            base = start + next(counter) * STEPS
            served["rows"] += HOSTS * STEPS
        rows = [{"host": f"h{h:02d}", "ts": base + s, "v": (h * 31 + s) % 97 + 0.5}
                for h in range(HOSTS) for s in range(STEPS)]
        return json.dumps({"data": rows})

    threaded_server.expect_request("/m").respond_with_handler(answer)
    sources = [{"id": f"load{i}", "kind": "http_json", "every": "3s", "timeout": "2s",
                "options": {"url": threaded_server.url_for("/m"), "values": [
                    {"metric": "server_load", "path": "data[].v", "timestamp": "data[].ts",
                     "labels": {"host": "data[].host"}, "static_labels": {"src": f"load{i}"}}]}}
               for i in range(SOURCES)]
    db = tmp_path / "var" / "pantau.db"
    cfg = write_config(tmp_path / "config.yaml", sources, db)
    worker = Worker(cfg)
    reader = None
    errors: list[str] = []
    seen: list[int] = []
    slowest = 0.0
    try:
        assert worker.wait_for(" run load", 60), "".join(worker.lines)
        reader = Store(f"sqlite:///{db}")
        end = time.monotonic() + DURATION
        while time.monotonic() < end:
            t = time.monotonic()
            try:
                with reader.reader.connect() as conn:
                    seen.append(conn.execute(text("SELECT COUNT(*) FROM samples")).scalar())
                queries.latest(reader, "server_load", {"host": "h01"})
            except Exception as exc:  # counted: the test fails on any
                errors.append(f"{type(exc).__name__}: {exc}")
            took = time.monotonic() - t
            slowest = max(slowest, took)
            time.sleep(max(0.0, POLL - took))
        worker.proc.send_signal(signal.SIGTERM)
        assert worker.proc.wait(30) == 0
    finally:
        if worker.proc.poll() is None:
            worker.proc.kill()
    with reader.reader.connect() as conn:
        final = conn.execute(text("SELECT COUNT(*) FROM samples")).scalar()
        recorded, runs, failed = conn.execute(text(
            "SELECT SUM(samples), COUNT(*), SUM(CASE WHEN status = 'up' THEN 0 ELSE 1 END) "
            "FROM runs")).one()
        store_errors = conn.execute(text(
            "SELECT error FROM runs WHERE error LIKE 'store:%'")).scalars().all()
        integrity = conn.execute(text("PRAGMA integrity_check")).scalar()
    reader.dispose()
    lost = recorded - final
    decreases = sum(1 for a, b in zip(seen, seen[1:], strict=False) if b < a)
    with capsys.disabled():
        print(f"\nSQLite load: {len(seen)} polls in {DURATION:.0f}s, reader errors "
              f"{len(errors)}, slowest poll {slowest * 1000:.0f} ms, {runs} runs "
              f"({failed} failed, {len(store_errors)} on the store), {served['rows']} rows served, {recorded} reported written, "
              f"{final} stored, lost {lost}")
    assert errors == []
    assert decreases == 0
    # The writer never failed on the database (a fetch of this busy test process may be slow).
    assert store_errors == []
    assert failed <= runs // 10, "".join(line for line in worker.lines if "error=" in line)
    assert lost == 0 and final == (runs - failed) * HOSTS * STEPS
    # Every row served was stored, but for failed runs and answers in flight at SIGTERM.
    assert served["rows"] - final <= (failed + SOURCES) * HOSTS * STEPS
    assert integrity == "ok"
    assert len(seen) > DURATION / POLL * 0.5  # the reader really polled all along
    assert runs >= SOURCES * 6
