"""``pantau run`` supervises its processes: ``kill -9`` of the worker or of the web server
(gunicorn's master) is followed by a restart, the web keeps answering while the worker is
away, a new worker collects again within 30 s, /healthz counts the restarts and tells when
the last collection ran, and SIGTERM still stops everything with exit 0."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time

import pytest
from ops_helpers import get_json, wait_for, write_config
from pantau.data import runstate
from support.proc import pantau

pytestmark = pytest.mark.slow


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead too
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


class Run:
    """``pantau run`` on a fresh folder, its output collected in a thread."""

    def __init__(self, folder):
        self.cfg = write_config(folder, every="5s")
        import yaml

        self.port = yaml.safe_load(self.cfg.read_text())["web"]["port"]
        self.base = f"http://127.0.0.1:{self.port}"
        self.state_path = folder / "var" / runstate.STATE_NAME
        self.proc = pantau("run", "-c", str(self.cfg), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, cwd=folder)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line)

    def output(self) -> str:
        return "".join(self.lines)

    def healthz(self) -> dict | None:
        try:
            code, body = get_json(self.base + "/healthz", timeout=3)
        except OSError:
            return None
        return body if code == 200 else None

    def pid(self, name: str) -> int | None:
        state = runstate.read(self.state_path)
        return state and state["children"][name]["pid"]


@pytest.fixture
def running(tmp_path):
    run = Run(tmp_path)
    try:
        assert wait_for(run.healthz, 120), run.output()
        yield run
    finally:
        if run.proc.poll() is None:
            run.proc.kill()
            run.proc.wait()


def test_kill_9_of_worker_and_web_are_restarted_and_sigterm_stops_all(running):
    run = running
    first = wait_for(lambda: (h := run.healthz()) and h["last_collection"] and h, 60)
    assert first, run.output()
    assert first["restarts"] == 0 and first["last_restart"] is None

    # -- the web server runs with the malloc settings that bound its memory (bench/abuse.py)
    worker = run.pid("worker")
    web = run.pid("web")
    with open(f"/proc/{web}/environ", "rb") as fh:
        environ = dict(v.split(b"=", 1) for v in fh.read().split(b"\0") if b"=" in v)
    assert environ.get(b"MALLOC_ARENA_MAX") == b"2"
    assert environ.get(b"MALLOC_MMAP_THRESHOLD_") == b"131072"

    # -- the worker dies: the web keeps answering, a new worker collects within 30 s
    os.kill(worker, signal.SIGKILL)
    killed = time.time()
    misses = answered = 0
    new_run = None
    while time.time() - killed < 30:
        h = run.healthz()
        if h is None:
            misses += 1
        else:
            answered += 1
            if h["last_collection"] and h["last_collection"] > killed:
                new_run = h
                break
        time.sleep(0.25)
    assert new_run, f"no collection within 30 s of the kill:\n{run.output()}"
    took = new_run["last_collection"] - killed
    assert misses == 0, f"/healthz failed {misses} times while the worker was away"
    assert new_run["restarts"] == 1 and new_run["last_restart"] >= killed
    assert run.pid("worker") not in (None, worker)
    assert run.pid("web") == web
    assert "worker ended unexpectedly (killed by SIGKILL" in run.output()
    print(f"\nworker kill -9: next collection {took:.1f} s later; /healthz answered "
          f"{answered}/{answered} times meanwhile")

    # -- the web server's master dies: a new one answers, the worker goes on collecting
    os.kill(web, signal.SIGKILL)
    killed = time.time()
    back = wait_for(lambda: (h := run.healthz()) and h["restarts"] == 2 and h, 30)
    assert back, f"the web server did not come back within 30 s:\n{run.output()}"
    web_took = time.time() - killed
    assert run.pid("web") not in (None, web)
    collected = wait_for(lambda: (h := run.healthz()) and h["last_collection"] > killed and h, 30)
    assert collected, run.output()
    assert "web ended unexpectedly (killed by SIGKILL" in run.output()
    print(f"web kill -9: /healthz answered again {web_took:.1f} s later")

    # -- SIGTERM stops everything cleanly
    children = [run.pid("worker"), run.pid("web")]
    before = len(run.lines)
    run.proc.send_signal(signal.SIGTERM)
    assert run.proc.wait(60) == 0, run.output()
    assert not any(_alive(p) for p in children)
    assert not run.state_path.exists()
    after = "".join(run.lines[before:])
    assert "ERROR" not in after and "Traceback" not in after, run.output()
    print(run.output())
