"""Processes: ``serve`` (gunicorn), ``worker`` (the scheduler), and ``run`` (both, supervised).

The scheduler never runs inside a web worker: ``run`` starts it as its own process.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

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
            # gthread that hands a thread only requests whose headers are in (slow clients)
            "--worker-class", "pantau.webworker.BufferingThreadWorker",
            "--timeout", "60", "--graceful-timeout", "10",
            *(["--access-logfile", "-"] if cfg.web.access_log else []),
            "--error-logfile", "-", "--log-level", "warning",
            "--logger-class", "pantau.weblog.GunicornLogger",
            "--config", "python:pantau.webconf", "pantau.wsgi:server"]


def _env(config_path: str, extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env[CONFIG_ENV] = config_path
    # glibc gives each thread of a gthread worker its own malloc arena, and freed answers stay
    # mapped in all of them: two arenas, not sixteen (bench/abuse.py: +139 against +230 MB).
    env.setdefault("MALLOC_ARENA_MAX", "2")
    # An answer, a cached answer or a result array of more than 128 KB gets pages of its own
    # (mmap) that go back to the system when freed. glibc's default raises that threshold to
    # the size of the last such block freed, so later ones come from the heap, whose freed
    # middle is never returned: the web workers crept ~10 MB per 250 heavy requests and one
    # run of 1,000 ended +255 MB. A fixed threshold turns the adaptation off.
    env.setdefault("MALLOC_MMAP_THRESHOLD_", "131072")
    env.update(extra or {})
    return env


def serve(cfg: Config, args) -> int:
    """Run the web app under gunicorn in the foreground."""
    from pantau.config import open_store

    open_store(cfg).dispose()
    cmd = gunicorn_cmd(cfg, args.host, args.port, args.workers)
    path = _config_path(args)
    return supervise({"web": cmd}, _env(path), cfg=cfg, config_path=path)


def worker(cfg: Config, args) -> int:
    """Run the collectors' scheduler in the foreground until SIGTERM/SIGINT."""
    from pantau.worker import run_worker

    return run_worker(cfg)


def run(cfg: Config, args, extra_env: dict | None = None, banner=None) -> int:
    """Run the worker and the web app as two supervised processes (a dead one is restarted);
    Ctrl-C stops both."""
    from pantau.config import open_store

    open_store(cfg).dispose()
    path = _config_path(args)
    procs = {
        "worker": [sys.executable, "-m", "pantau", "worker", "-c", path],
        "web": gunicorn_cmd(cfg, getattr(args, "host", None), getattr(args, "port", None),
                            getattr(args, "workers", None)),
    }
    # The worker lets runs in flight finish (up to their timeout) before it exits.
    grace = max((s.timeout for s in cfg.sources), default=0) + 10
    return supervise(procs, _env(path, extra_env), banner, grace=grace, cfg=cfg,
                     config_path=path)


def supervise(commands: dict[str, list[str]], env: dict, banner=None, grace: float = 20,
              cfg: Config | None = None, config_path: str | None = None) -> int:
    """Start ``commands`` and keep them running (restarted with back-off when one dies) until
    SIGINT/SIGTERM; children get ``grace`` seconds after SIGTERM before they are killed. With
    ``cfg``, the state is kept in ``<var>/pantau-run.json`` for /healthz and ``pantau status``
    (see ``pantau.supervise``)."""
    from pantau.data.runstate import STATE_NAME
    from pantau.data.telemetry import MULTIPROC_ENV, prepare_multiproc_dir
    from pantau.logs import setup_logging
    from pantau.supervise import Supervisor
    from pantau.vardir import var_dir

    setup_logging()
    state = None
    if cfg is not None:
        folder = var_dir(cfg, config_path)
        state = folder / STATE_NAME
        # Every child writes its /metrics values here; an earlier run's would add up.
        env = {**env, MULTIPROC_ENV: str(folder / "metrics")}
        prepare_multiproc_dir(folder / "metrics")
    return Supervisor(commands, env, state, grace=grace).run(banner)
