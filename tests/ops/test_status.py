"""``pantau status``: the store (size, oldest and newest sample, rollup lag), the sources'
statuses, worker and web liveness and the last errors, on one screen; its store questions
answered by ``data.status`` on SQLite and PostgreSQL alike."""

from __future__ import annotations

import re
import signal
import subprocess
import time

import pytest
import yaml
from ops_helpers import get_json, wait_for, write_config
from pantau.data.status import last_errors, store_summary
from pantau.data.store import RunRecord
from support.proc import pantau

HOUR = 3600


def test_store_summary_and_last_errors(store):
    now = int(time.time()) // HOUR * HOUR
    empty = store_summary(store)
    assert (empty.series, empty.oldest_ts, empty.newest_ts, empty.rollup_lag_s) == \
        (0, None, None, None)
    store.write_points([("m", {"r": "a"}, [now - 10 * HOUR, now - HOUR], [1.0, 2.0]),
                        ("m", {"r": "b"}, [now - 5 * HOUR, now - 2 * HOUR], [3.0, 4.0])])
    s = store_summary(store)
    assert (s.series, s.oldest_ts, s.newest_ts, s.rollup_lag_s) == \
        (2, now - 10 * HOUR, now - HOUR, 0)
    assert s.size_bytes and s.size_bytes > 0
    store.record_run(RunRecord("a", now - 60, now - 59, "up", 2))
    store.record_run(RunRecord("b", now - 50, now - 49, "down", 0, 0, "HTTP 500"))
    store.record_run(RunRecord("c", now - 40, now - 39, "pending", 0, 0, "timeout"))
    assert last_errors(store) == [("c", now - 39.0, "timeout"), ("b", now - 49.0, "HTTP 500")]
    assert last_errors(store, limit=1) == [("c", now - 39.0, "timeout")]


def _status(cfg, cwd) -> tuple[int, str]:
    proc = pantau("status", "-c", str(cfg), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                  text=True, cwd=cwd)
    out, _ = proc.communicate(timeout=60)
    return proc.returncode, out


@pytest.mark.slow
def test_status_of_a_running_and_a_stopped_pantau(tmp_path):
    cfg = write_config(tmp_path, every="5s")
    raw = yaml.safe_load(cfg.read_text())
    raw["sources"].append({"id": "broken", "kind": "csv", "every": "5s", "timeout": "4s",
                           "retries": 1, "options": {
                               "path": str(tmp_path / "missing.csv"),
                               "timestamp": {"column": "ts"},
                               "values": [{"metric": "server_load", "column": "value"}]}})
    cfg.write_text(yaml.safe_dump(raw, sort_keys=False))
    base = f"http://127.0.0.1:{raw['web']['port']}"
    proc = pantau("run", "-c", str(cfg), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                  cwd=tmp_path)
    try:
        assert wait_for(lambda: get_json(base + "/healthz")[1].get("last_collection"), 120)
        time.sleep(1)
        code, out = _status(cfg, tmp_path)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)
    print("\n" + out)
    assert code == 0, out
    assert "Pantau — Uji — " in out and " WITA" in out
    assert "Store    sqlite, " in out and ", 2 series" in out
    assert "oldest sample 2026-01-01 08:00 WITA, newest 2026-01-01 08:01 WITA" in out
    assert "rollups up to date" in out
    assert "Worker   running (pid " in out
    assert "Web      running (pid " in out
    assert f"Web      answering: {base}/healthz answered in " in out
    assert "  load    UP       last run " in out
    # retries: 1 -> PENDING after the first failure, DOWN after the second
    assert re.search(r"\n  broken  (PENDING|DOWN) +STALE last run ", out), out
    assert "missing.csv: no such file" in out
    assert "Last errors" in out and "broken: " in out

    code, out = _status(cfg, tmp_path)
    assert code == 0, out
    assert "Worker   not supervised here" in out
    assert "Web      NOT ANSWERING: " in out
