"""``pantau worker`` as a process: one log line per run, and SIGTERM waits for the run in
flight, then exits 0."""

from __future__ import annotations

import signal
import subprocess
import threading
import time

import pytest
import yaml
from collector_helpers import METRICS, ROOT
from pantau.data.store import Store

PANTAU = str(ROOT / ".venv" / "bin" / "pantau")


def write_config(path, sources, db):
    path.write_text(yaml.safe_dump({
        "site": {"name": "Uji", "timezone": "Asia/Makassar"},
        "store": {"url": f"sqlite:///{db}", "retention_days": 3650},
        "metrics": METRICS, "sources": sources}, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.slow
def test_sigterm_lets_the_run_in_flight_finish(tmp_path, threaded_server):
    arrived = threading.Event()

    def slow(_req):
        arrived.set()
        time.sleep(2.0)
        return '{"data": [{"kode": "52.01", "masuk": 5}]}'

    threaded_server.expect_request("/slow").respond_with_handler(slow)
    db = tmp_path / "pantau.db"
    cfg = write_config(tmp_path / "config.yaml", [
        {"id": "lapor", "kind": "http_json", "every": "1m", "timeout": "10s",
         "options": {"url": threaded_server.url_for("/slow"),
                     "values": [{"metric": "lapor_complaints_received_count",
                                 "path": "data[].masuk", "labels": {"region": "data[].kode"}}]}},
    ], db)
    proc = subprocess.Popen([PANTAU, "worker", "-c", str(cfg)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        assert arrived.wait(60), "the worker never fetched"
        t_term = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert time.monotonic() - t_term >= 1.0  # it waited for the slow answer
    lines = [line for line in err.splitlines() if " run " in line]
    assert len(lines) == 1, err
    assert "run lapor status=up samples=1 rejected=0 articles=0 duration=2." in lines[0]
    assert "worker stopped (SIGTERM)" in err
    store = Store(f"sqlite:///{db}")
    with store.reader.connect() as conn:
        rows = conn.exec_driver_sql("SELECT status, samples FROM runs").fetchall()
    store.dispose()
    assert rows == [("up", 1)]
