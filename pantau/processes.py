"""Processes: ``serve`` (gunicorn), ``worker`` (the scheduler), and ``run`` (both, supervised).

The scheduler never runs inside a web worker: ``run`` starts it as its own process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pantau.cli import EXIT_FAIL, EXIT_OK
from pantau.config import CONFIG_ENV, default_path
from pantau.data.config_models import Config


def _config_path(args) -> str:
    return str(Path(getattr(args, "config", None) or default_path()).resolve())


def gunicorn_cmd(cfg: Config, host: str | None = None, port: int | None = None,
                 workers: int | None = None) -> list[str]:
    """The gunicorn command line serving the web app of ``cfg``."""
    bind = f"{host or cfg.web.host}:{port or cfg.web.port}"
    return [sys.executable, "-m", "gunicorn", "--bind", bind,
            "--workers", str(workers or cfg.web.workers), "--threads", "4",
            "--worker-class", "gthread", "--timeout", "60", "--graceful-timeout", "10",
            *(["--access-logfile", "-"] if cfg.web.access_log else []),
            "--error-logfile", "-", "--log-level", "warning", "pantau.wsgi:server"]


def _env(config_path: str, extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env[CONFIG_ENV] = config_path
    env.update(extra or {})
    return env


def serve(cfg: Config, args) -> int:
    """Run the web app under gunicorn in the foreground."""
    from pantau.commands import open_store

    open_store(cfg).dispose()
    cmd = gunicorn_cmd(cfg, args.host, args.port, args.workers)
    return supervise({"web": cmd}, _env(_config_path(args)))


def worker(cfg: Config, args) -> int:
    """Run the collectors' scheduler in the foreground until SIGTERM/SIGINT."""
    from pantau.worker import run_worker

    return run_worker(cfg)


def run(cfg: Config, args, extra_env: dict | None = None, banner=None) -> int:
    """Run the worker and the web app as two supervised processes; Ctrl-C stops both."""
    from pantau.commands import open_store

    open_store(cfg).dispose()
    path = _config_path(args)
    procs = {
        "worker": [sys.executable, "-m", "pantau", "worker", "-c", path],
        "web": gunicorn_cmd(cfg, getattr(args, "host", None), getattr(args, "port", None),
                            getattr(args, "workers", None)),
    }
    # The worker lets runs in flight finish (up to their timeout) before it exits.
    grace = max((s.timeout for s in cfg.sources), default=0) + 10
    return supervise(procs, _env(path, extra_env), banner, grace=grace)


def supervise(commands: dict[str, list[str]], env: dict, banner=None,
              grace: float = 20) -> int:
    """Start ``commands``; when one ends, or on SIGINT/SIGTERM, stop the rest and return.
    Children get ``grace`` seconds after SIGTERM before they are killed."""
    children = {name: subprocess.Popen(cmd, env=env) for name, cmd in commands.items()}
    stopping = {"signal": None}

    def _stop(signum, _frame):
        stopping["signal"] = signum

    old = {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)}
    if banner:
        banner()
    code = EXIT_OK
    try:
        while stopping["signal"] is None:
            ended = {n: p.returncode for n, p in children.items() if p.poll() is not None}
            if ended:
                for name, rc in ended.items():
                    print(f"pantau: {name} stopped (exit {rc}); stopping the rest",
                          file=sys.stderr)
                code = EXIT_FAIL if any(rc for rc in ended.values()) else EXIT_OK
                break
            time.sleep(0.3)
    finally:
        for p in children.values():
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace
        for p in children.values():
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for s, h in old.items():
            signal.signal(s, h)
    return code
