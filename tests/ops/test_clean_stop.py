"""A clean stop raises no false alarm: Ctrl-C of ``pantau demo`` in a terminal (SIGINT to the
whole process group) ends with exit 0 and no ERROR line; when gunicorn must kill a worker
that does not stop in time, the line says so instead of guessing "out of memory"."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from ops_helpers import free_port, wait_for
from support.proc import env, pantau

pytestmark = pytest.mark.slow
HERE = Path(__file__).resolve().parent


def _ok(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=3) as r:
        return r.status == 200


def test_ctrl_c_of_the_demo_in_a_terminal_leaves_no_error_line(tmp_path):
    port = free_port()
    log = tmp_path / "demo.log"
    with log.open("w") as out:
        # Its own session, as a shell's job: SIGINT to the group is what Ctrl-C does.
        proc = pantau("demo", "--port", str(port), "--dir", str(tmp_path / "var"),
                      stdout=out, stderr=subprocess.STDOUT, cwd=tmp_path,
                      start_new_session=True)
        try:
            assert wait_for(lambda: _ok(f"http://127.0.0.1:{port}/healthz"), 180), \
                log.read_text()
            # Let the worker be busy with its first runs, as a visitor's Ctrl-C finds it.
            wait_for(lambda: log.read_text().count(" run ") >= 5, 30)
            began = time.monotonic()
            os.killpg(proc.pid, signal.SIGINT)
            code = proc.wait(60)
            took = time.monotonic() - began
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    text = log.read_text()
    assert code == 0, text
    errors = [line for line in text.splitlines() if "ERROR" in line or "Traceback" in line]
    assert errors == [], text
    assert "Perhaps out of memory" not in text
    assert "pantau demo: stopped" in text
    print(f"\nCtrl-C of the demo: exit 0 after {took:.1f} s, no ERROR line")


def test_a_worker_killed_at_the_graceful_timeout_says_why(tmp_path):
    port = free_port()
    cmd = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
           "--worker-class", "gthread", "--threads", "2", "--graceful-timeout", "1",
           "--error-logfile", "-", "--log-level", "warning",
           "--logger-class", "pantau.weblog.GunicornLogger", "stubborn_wsgi:app"]
    proc = subprocess.Popen(cmd, cwd=HERE, env=env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_for(lambda: _ok(f"http://127.0.0.1:{port}/"), 60)
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Perhaps out of memory" not in out, out
    assert "WARNING web: worker (pid " in out, out
    assert "did not stop within the graceful timeout (1 s) while the server stopped" in out
    assert "ERROR" not in out, out
