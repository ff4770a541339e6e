"""The parts of ``pantau demo`` that need no running server: clear errors, state, reset."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from pantau.demo_run import DemoPaths, DemoState

ROOT = Path(__file__).resolve().parents[2]


def test_a_port_in_use_is_one_clear_line_and_exit_2(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "pantau", "demo", "--port", str(port),
                               "--dir", str(tmp_path / "var")], cwd=ROOT, capture_output=True,
                              text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == (f"pantau: port {port} on 127.0.0.1 is in use; choose "
                                   "another with --port")
    assert not (tmp_path / "var" / "demo.db").exists()


def test_state_round_trip_and_garbage_is_ignored(tmp_path):
    path = tmp_path / "demo-state.json"
    assert DemoState.read(path) is None
    DemoState(path, 52).save(last_alive=1_795_000_000, articles=True)
    back = DemoState.read(path)
    assert (back.seed, back.last_alive, back.articles) == (52, 1_795_000_000, True)
    for junk in ("", "{", "[]", '{"version": 1, "seed": 52}', '{"version": 99, "seed": 52, '
                 '"last_alive": 1}'):
        path.write_text(junk)
        assert DemoState.read(path) is None, junk


def test_reset_removes_the_demo_files_and_nothing_else(tmp_path):
    paths = DemoPaths(tmp_path)
    for p in (paths.db, paths.db.with_name("demo.db-wal"), paths.config, paths.state):
        p.write_text("x")
    (paths.sources / "feeds").mkdir(parents=True)
    (paths.sources / "feeds" / "a.xml").write_text("x")
    keep = tmp_path / "pantau.db"
    keep.write_text("production data")
    paths.reset()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pantau.db"]
