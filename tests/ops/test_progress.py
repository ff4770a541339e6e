"""Progress of long work: ``pantau import`` of a million rows at a terminal (a pseudo-terminal
here) draws a bar with rows per second and time left; without a terminal, plain lines."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
import time

import pytest
from ops_helpers import write_config
from support.proc import env

from pantau.progress import count_lines, progress

ROWS = 1_000_000


def _big_csv(path, now: int) -> None:
    start = now - ROWS * 60 // 10
    with path.open("w") as fh:
        fh.write("metric,ts,value,host\n")
        fh.writelines(f"server_load,{start + (i // 10) * 60},{i % 97}.5,h{i % 10}\n"
                      for i in range(ROWS))


def under_pty(args: list[str], cwd) -> tuple[int, str, float]:
    """Run ``pantau ARGS`` with a pseudo-terminal as stdin, stdout and stderr; return the exit
    code, everything it wrote and the seconds it took."""
    master, slave = pty.openpty()
    began = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "pantau", *args], stdin=slave,
                            stdout=slave, stderr=slave, env=env(COLUMNS="100"), cwd=cwd)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other side closed: the command ended
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    code = proc.wait(300)
    os.close(master)
    return code, out.decode(errors="replace"), time.monotonic() - began


def bar_frames(text: str, desc: str) -> list[str]:
    return [f for f in text.replace("\r\n", "\n").split("\r") if desc in f]


@pytest.mark.slow
def test_import_and_export_of_a_million_rows_at_a_terminal_show_progress(tmp_path):
    cfg = write_config(tmp_path)
    src = tmp_path / "big.csv"
    _big_csv(src, int(time.time()))
    code, text, took = under_pty(["import", str(src), "-c", str(cfg)], tmp_path)
    assert code == 0, text
    assert f"{ROWS} rows, {ROWS} written, 0 rejected" in text
    frames = bar_frames(text, "import big.csv")
    assert len(frames) >= 2, text            # the bar was redrawn as the rows went in
    assert "rows/s" in text and "1.00M/1.00M" in text, text
    assert any("<" in f and "%" in f for f in frames), text   # time left, share done
    print(f"\nimport of {ROWS:,} rows under a pty: {len(frames)} bar frames in {took:.1f} s; "
          f"last: {frames[-1].strip()[:90]}")

    out = tmp_path / "out.csv"
    code, text, took = under_pty(["export", "--metric", "server_load", "--from", "now-400d",
                                  "-o", str(out), "-c", str(cfg)], tmp_path)
    assert code == 0, text
    assert f"{ROWS} rows of server_load" in text
    frames = bar_frames(text, "export server_load")
    assert len(frames) >= 2 and "1.00M/1.00M" in text and "rows/s" in text, text
    print(f"export of {ROWS:,} rows under a pty: {len(frames)} bar frames in {took:.1f} s")


def test_without_a_terminal_progress_is_plain_lines():
    out = io.StringIO()
    with progress("import x.csv", total=1000, unit="rows", stream=out, every=0) as advance:
        for _ in range(4):
            advance(250)
    lines = out.getvalue().splitlines()
    assert len(lines) == 4 and "\r" not in out.getvalue()
    assert lines[0].startswith("import x.csv: 250 / 1,000 rows (25%), ")
    assert "rows/s" in lines[0] and lines[0].endswith(" left")
    assert lines[-1].startswith("import x.csv: 1,000 / 1,000 rows (100%)")


def test_count_lines(tmp_path):
    p = tmp_path / "a.csv"
    p.write_bytes(b"h\n1\n2")
    assert count_lines(p) == 3
    p.write_bytes(b"h\n1\n2\n")
    assert count_lines(p) == 3
    p.write_bytes(b"")
    assert count_lines(p) == 0


def test_db_upgrade_shows_its_steps(tmp_path):
    from pantau.data.migrate import head, pending

    cfg = write_config(tmp_path)
    done = subprocess.run([sys.executable, "-m", "pantau", "db", "upgrade", "-c", str(cfg)],
                          capture_output=True, text=True, env=env(), cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"database at revision {head()}" in done.stdout
    from pantau.data.store import Store

    store = Store(f"sqlite:///{tmp_path / 'var' / 'pantau.db'}")
    try:
        assert pending(store.writer) == []
    finally:
        store.dispose()
    lines = done.stderr.splitlines()
    n = len(lines)
    assert n >= 2, done.stderr  # every migration, then the days' alignment
    assert lines[-1].startswith(f"db upgrade: {n} / {n} steps (100%)")
    assert all(line.startswith(f"db upgrade: {i + 1} / {n} steps") for i, line in
               enumerate(lines))
    again = subprocess.run([sys.executable, "-m", "pantau", "db", "upgrade", "-c", str(cfg)],
                           capture_output=True, text=True, env=env(), cwd=tmp_path, timeout=120)
    assert again.returncode == 0 and again.stderr == ""


def test_demo_history_reports_its_progress(tmp_path):
    from pantau.data.store import Store
    from pantau.demo import render_config
    from pantau.demo.history import load_history

    from pantau.config import load

    path = tmp_path / "demo-config.yaml"
    path.write_text(render_config({
        "STORE_URL": f"sqlite:///{tmp_path / 'demo.db'}", "FEEDS": "http://127.0.0.1:9",
        "SOURCES": str(tmp_path / "demo-sources"), "PANTAU": "http://127.0.0.1:8"}),
        encoding="utf-8")
    cfg = load(str(path))
    store = Store(cfg.store.url, retention_days=cfg.store.retention_days)
    store.upgrade()
    calls = []
    now = int(time.time())
    try:
        r = load_history(store, cfg, now - 2 * 86400, now, articles=False,
                         on_points=lambda n, total: calls.append((n, total)))
    finally:
        store.dispose()
    assert len(calls) >= 2                       # several transactions, each reported
    assert {t for _, t in calls} == {r.points}   # the total is known from the first call
    assert sum(n for n, _ in calls) == r.points > 0
