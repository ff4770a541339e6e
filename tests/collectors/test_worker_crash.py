"""Crash safety: ``pantau worker`` killed with SIGKILL in the middle of writing a large batch,
then started again, leaves no partial batch, no duplicate, an intact SQLite file, and exactly
the data a clean run writes."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import threading
import time

import pytest
from test_worker_process import PANTAU, write_config

N_SERIES, N_TS = 1000, 100  # 100,000 samples of 1,000 series in one batch
T0 = 1780000000


def _big_csv(path):
    with path.open("w") as fh:
        fh.write("ts,region,value\n")
        for s in range(N_SERIES):
            for t in range(N_TS):
                fh.write(f"{T0 + t * 60},r{s:04d},{(s * 7 + t) % 100}.5\n")
    return path


def _source(csv_path):
    return [{"id": "big", "kind": "csv", "every": "1h", "timeout": "5m",
             "options": {"path": str(csv_path), "timestamp": {"column": "ts"},
                         "values": [{"metric": "server_load", "column": "value",
                                     # not "region": a region label must be a code
                                     # inside the site's area, and r0001 is not one
                                     "labels": {"host": "region"}}]}}]


class Worker:
    """``pantau worker`` with its stderr read line by line in a thread."""

    def __init__(self, cfg):
        self.lines: list[str] = []
        self.proc = subprocess.Popen([PANTAU, "worker", "-c", str(cfg)], stderr=subprocess.PIPE,
                                     stdout=subprocess.DEVNULL, text=True, cwd=cfg.parent)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append(line)

    def wait_for(self, text: str, timeout: float) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if any(text in line for line in self.lines):
                return True
            if self.proc.poll() is not None:
                return any(text in line for line in self.lines)
            time.sleep(0.05)
        return False


def _content(db):
    conn = sqlite3.connect(db)
    try:
        samples = conn.execute(
            "SELECT s.metric, s.labels_key, p.ts, p.value FROM samples p JOIN series s "
            "ON s.id = p.series_id ORDER BY 1, 2, 3").fetchall()
        rollups = conn.execute(
            "SELECT s.labels_key, r.bucket, r.cnt, r.total, r.vmin, r.vmax, r.last_ts, "
            "r.last_val FROM rollup_1h r JOIN series s ON s.id = r.series_id "
            "ORDER BY 1, 2").fetchall()
        return samples, rollups
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_mid_batch_then_restart(tmp_path, capsys):
    csv_path = _big_csv(tmp_path / "big.csv")
    db = tmp_path / "var" / "pantau.db"
    cfg = write_config(tmp_path / "config.yaml", _source(csv_path), db)
    wal = db.with_name(db.name + "-wal")

    first = Worker(cfg)
    try:
        assert first.wait_for("worker started", 60), "".join(first.lines)
        base = wal.stat().st_size if wal.exists() else 0
        # The batch is being written once its uncommitted pages spill into the WAL (the commit
        # itself comes about a second later, with ~2 MB at once).
        end = time.monotonic() + 120
        while time.monotonic() < end:
            if wal.exists() and wal.stat().st_size > base + 150_000:
                break
            time.sleep(0.01)
        else:
            pytest.fail("the worker never started writing")
        wal_at_kill = wal.stat().st_size
        first.proc.send_signal(signal.SIGKILL)
        first.proc.wait(10)
    finally:
        if first.proc.poll() is None:
            first.proc.kill()
    assert not any(" run big " in line for line in first.lines), "killed too late"

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # Nothing of the interrupted batch: the transaction never committed.
    assert conn.execute("SELECT COUNT(*) FROM samples").fetchone() == (0,)
    assert conn.execute("SELECT COUNT(*) FROM runs").fetchone() == (0,)
    conn.close()

    second = Worker(cfg)
    try:
        assert second.wait_for(" run big status=up samples=100000 ", 180), "".join(second.lines)
        second.proc.send_signal(signal.SIGTERM)
        assert second.proc.wait(30) == 0
    finally:
        if second.proc.poll() is None:
            second.proc.kill()

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT series_id || ':' || ts) "
                        "FROM samples").fetchone() == (100_000, 100_000)
    assert conn.execute("SELECT status, samples FROM runs").fetchall() == [("up", 100_000)]
    conn.close()

    # The same source collected cleanly into a fresh store gives the very same data.
    clean_db = tmp_path / "clean" / "pantau.db"
    clean_cfg = write_config(tmp_path / "clean.yaml", _source(csv_path), clean_db)
    done = subprocess.run([PANTAU, "collect", "-c", str(clean_cfg)], capture_output=True,
                          text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    samples, rollups = _content(db)
    clean_samples, clean_rollups = _content(clean_db)
    assert len(samples) == 100_000
    assert samples == clean_samples
    assert rollups == clean_rollups
    with capsys.disabled():
        print(f"\nSIGKILL with {wal_at_kill - base} uncommitted bytes in the WAL: 0 samples "
              f"and 0 runs after the crash, integrity ok; after restart {len(samples)} samples "
              f"= the clean run's, {len(rollups)} hourly rollups equal")
