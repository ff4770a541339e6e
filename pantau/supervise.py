"""Supervision of ``pantau run``'s processes (the collectors' worker, the gunicorn web server).

A child that dies while nobody asked it to stop is started again after a back-off (1 s, 2 s,
4 s, ... up to 30 s; back to 1 s once it has stayed up for a minute), and each death and
restart is one log line naming the process, how it ended and when it comes back. Exit code 2
(bad usage or config) is not retried: starting again cannot mend it. SIGINT or SIGTERM to the
supervisor stops every child with SIGTERM and waits ``grace`` seconds before killing one, and
says so when it must.

Children run in their own process group: Ctrl-C in a terminal reaches the supervisor alone,
which stops them in order, instead of every process at once (gunicorn's master then had to
SIGKILL workers that were already quitting, and logged "Perhaps out of memory?"). On Linux a
child also gets SIGTERM if the supervisor itself is killed.

The state (pids, restarts, last exit) is written to a JSON file (``pantau.data.runstate``) that
``/healthz`` and ``pantau status`` read.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pantau.data import runstate

log = logging.getLogger("pantau.run")

BACKOFF_FIRST, BACKOFF_MAX = 1.0, 30.0
STABLE_AFTER = 60.0
"""A child up this long counts as healthy again: its next restart waits BACKOFF_FIRST."""
NO_RESTART_CODES = (2,)


def _die_with_parent() -> None:  # runs in the child between fork and exec
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def describe_exit(code: int | None) -> str:
    """``exit 1`` or ``killed by SIGKILL``."""
    if code is None:
        return "running"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit {code}"


def _forget_metrics(pid: int, env: dict) -> None:
    """Drop the live gauges of a dead child from the metrics folder it wrote to."""
    from pantau.data.telemetry import MULTIPROC_ENV

    folder = env.get(MULTIPROC_ENV)
    if folder:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid, folder)


class Child:
    """One supervised command."""

    def __init__(self, name: str, cmd: list[str]):
        self.name, self.cmd = name, cmd
        self.proc: subprocess.Popen | None = None
        self.started = 0.0
        self.restarts = 0
        self.last_restart: float | None = None
        self.last_exit: str | None = None
        self.backoff = BACKOFF_FIRST
        self.due: float | None = None  # when a dead child is started again

    def start(self, env: dict) -> None:
        self.proc = subprocess.Popen(self.cmd, env=env, process_group=0,
                                     preexec_fn=_die_with_parent if sys.platform == "linux"
                                     else None)
        self.started, self.due = time.time(), None

    def state(self) -> dict:
        alive = self.proc is not None and self.proc.poll() is None
        return {"pid": self.proc.pid if alive else None, "started": self.started,
                "restarts": self.restarts, "last_restart": self.last_restart,
                "last_exit": self.last_exit, "restart_due": self.due}


class Supervisor:
    """Start ``commands`` and keep them running until SIGINT/SIGTERM (see the module doc)."""

    def __init__(self, commands: dict[str, list[str]], env: dict,
                 state_path: str | Path | None = None, grace: float = 20):
        self.children = {name: Child(name, cmd) for name, cmd in commands.items()}
        self.env, self.grace = env, grace
        self.state_path = Path(state_path) if state_path else None
        if self.state_path:
            self.env = {**env, runstate.STATE_ENV: str(self.state_path)}
        self.signal: int | None = None
        self.code = 0
        self.began = time.time()

    def _save(self) -> None:
        if self.state_path is None:
            return
        try:
            runstate.write(self.state_path, {
                "pid": os.getpid(), "started": self.began,
                "children": {n: c.state() for n, c in self.children.items()}})
        except OSError as exc:  # a read-only var dir must not stop the supervision
            log.warning("cannot write %s: %s", self.state_path, exc.strerror,
                        extra={"reason": "state-file"})
            self.state_path = None

    def _ended(self, child: Child, now: float) -> bool:
        """Handle a child that ended; False when the supervisor must stop (exit code 2)."""
        rc = child.proc.returncode
        child.last_exit = describe_exit(rc)
        _forget_metrics(child.proc.pid, self.env)
        if rc in NO_RESTART_CODES:
            log.error("%s ended (%s): bad usage or config, not restarted; stopping the rest",
                      child.name, child.last_exit,
                      extra={"child": child.name, "reason": child.last_exit})
            self.code = rc
            return False
        if now - child.started >= STABLE_AFTER:
            child.backoff = BACKOFF_FIRST
        child.due = now + child.backoff
        log.error("%s ended unexpectedly (%s, pid %d, up %.0f s); restarting in %.0f s",
                  child.name, child.last_exit, child.proc.pid, now - child.started,
                  child.backoff, extra={"child": child.name, "reason": child.last_exit})
        child.backoff = min(child.backoff * 2, BACKOFF_MAX)
        return True

    def run(self, banner=None) -> int:
        """Supervise until a signal (exit 0) or an unrecoverable child (its exit code)."""
        def _stop(signum, _frame):
            self.signal = signum

        old = {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            for child in self.children.values():
                child.start(self.env)
            self._save()
            if banner:
                banner()
            while self.signal is None:
                now, changed = time.time(), False
                for child in self.children.values():
                    if child.due is None and child.proc.poll() is not None:
                        changed = True
                        if not self._ended(child, now):
                            return self.code
                    elif child.due is not None and now >= child.due:
                        child.start(self.env)
                        child.restarts += 1
                        child.last_restart = now
                        changed = True
                        log.warning("%s restarted (pid %d, restart %d)", child.name,
                                    child.proc.pid, child.restarts,
                                    extra={"child": child.name, "reason": "restart"})
                if changed:
                    self._save()
                time.sleep(0.2)
            return self.code
        finally:
            self._stop_all()
            for s, h in old.items():
                signal.signal(s, h)
            if self.state_path:
                self.state_path.unlink(missing_ok=True)

    def _stop_all(self) -> None:
        running = [c for c in self.children.values()
                   if c.proc is not None and c.proc.poll() is None]
        for c in running:
            c.proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + self.grace
        for c in running:
            try:
                c.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("%s (pid %d) did not stop within %.0f s of SIGTERM; killing it",
                            c.name, c.proc.pid, self.grace,
                            extra={"child": c.name, "reason": "stop-timeout"})
                c.proc.kill()
                c.proc.wait()
