"""Gunicorn's log in Pantau's format (``pantau.logs``: text or JSON, component ``web``), and a
forced kill that says why.

Gunicorn reports every worker that ended by SIGKILL as "Worker (pid:N) was sent SIGKILL!
Perhaps out of memory?" (ERROR). When the master itself kills a worker because it did not stop
within ``--graceful-timeout`` while the server stops, that guess is wrong: the line then says
so, as a WARNING naming the timeout (also for a killed worker gunicorn did not reap before
it exited, of which it says nothing). A SIGKILL at any other time (the kernel's OOM killer, an
operator) keeps gunicorn's words.

Used by ``pantau.processes.gunicorn_cmd`` as ``--logger-class pantau.weblog.GunicornLogger``.
"""

from __future__ import annotations

import sys

from gunicorn.arbiter import Arbiter
from gunicorn.glogging import Logger

from pantau.logs import formatter, log_format

_OOM_GUESS = "Perhaps out of memory?"


def _arbiter_in(method: str) -> Arbiter | None:
    """The arbiter when this call comes from inside its ``method`` (``stop``: shutting down;
    ``halt``: shut down, about to exit)."""
    frame = sys._getframe(2)
    for _ in range(8):
        if frame is None:
            return None
        if frame.f_code.co_name == method and isinstance(frame.f_locals.get("self"), Arbiter):
            return frame.f_locals["self"]
        frame = frame.f_back
    return None


class GunicornLogger(Logger):
    """Gunicorn's logger with Pantau's line format and an honest forced-kill message."""

    def setup(self, cfg):
        super().setup(cfg)
        handler = self._get_gunicorn_handler(self.error_log)
        if handler is not None:
            handler.setFormatter(formatter())
        access = self._get_gunicorn_handler(self.access_log)
        if access is not None and log_format() == "json":
            access.setFormatter(formatter())  # the access line becomes the JSON message

    def _killed_at_stop(self, pid) -> None:
        self.error_log.warning(
            "worker (pid %s) killed: it did not stop within the graceful timeout (%s s) while "
            "the server stopped", pid, self.cfg.graceful_timeout,
            extra={"reason": "graceful-timeout"})

    def error(self, msg, *args, **kwargs):
        if isinstance(msg, str) and _OOM_GUESS in msg and args and _arbiter_in("stop"):
            self._killed_at_stop(args[0])
            return
        super().error(msg, *args, **kwargs)

    def info(self, msg, *args, **kwargs):
        if isinstance(msg, str) and msg.startswith("Shutting down"):
            # Workers still listed here were killed by stop() and not reaped in time, so
            # gunicorn says nothing of them at all.
            arbiter = _arbiter_in("halt")
            for pid in list(arbiter.WORKERS) if arbiter else []:
                self._killed_at_stop(pid)
        super().info(msg, *args, **kwargs)
