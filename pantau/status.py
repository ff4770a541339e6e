"""``pantau status``: one screen for the operator at a terminal.

The store (size, series, oldest and newest sample, rollup lag), every source's status (UP,
PENDING, DOWN, NEW, DISABLED) with its last run and error, whether the worker and the web
server of ``pantau run`` are alive (the supervisor's state file, a GET of ``/healthz``), and
the last errors. Store questions go through ``pantau.data.status`` and ``data.health``.

Exit 0 when the store answered, 1 when it did not (the rest is still printed).
"""

from __future__ import annotations

import json
import os
import time
import urllib.request
from datetime import datetime
from pathlib import Path

from pantau.data import runstate
from pantau.data.config_models import Config
from pantau.data.durations import format_duration
from pantau.data.zones import zone, zone_label
from pantau.errors import EXIT_FAIL, EXIT_OK


def _size(n: int | None) -> str:
    if n is None:
        return "unknown"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024
    return ""


def _ago(ts: float | None, now: float) -> str:
    if ts is None:
        return "never"
    s = int(now - ts)
    if s < 1:
        return "now"
    # Two units are enough to read: 335d3h, not 335d3h8m15s.
    s -= s % 3600 if s >= 86400 else s % 60 if s >= 3600 else 0
    return f"{format_duration(s)} ago"


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _healthz(cfg: Config, timeout: float = 2.0) -> tuple[bool, str]:
    host = "127.0.0.1" if cfg.web.host in ("", "0.0.0.0", "::") else cfg.web.host
    url = f"http://{host}:{cfg.web.port}/healthz"
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            body = json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return False, f"{url} answered {exc.code}"
    except (OSError, ValueError) as exc:
        return False, f"{url}: {getattr(exc, 'reason', exc)}"
    ms = (time.perf_counter() - began) * 1000
    return body.get("status") == "ok", f"{url} answered in {ms:.0f} ms"


def render(cfg: Config, store, state_path: Path, now: float | None = None) -> tuple[str, int]:
    """The status screen of ``cfg`` and the exit code."""
    from pantau.data.health import config_health
    from pantau.data.status import last_errors, store_summary

    now = time.time() if now is None else now
    tz = zone(cfg.site.timezone)
    label = zone_label(cfg.site.timezone)

    def when(ts):
        if ts is None:
            return "-"
        return datetime.fromtimestamp(ts, tz).strftime("%Y-%m-%d %H:%M") + f" {label}"

    lines = [f"Pantau — {cfg.site.name} — {when(now)}", ""]
    code = EXIT_OK
    try:
        s = store_summary(store)
        health = config_health(store, cfg, now)
        errors = last_errors(store)
    except Exception as exc:  # the store is the first thing an operator must hear about
        from pantau.data.engine import database_error

        why = database_error(exc) or f"{type(exc).__name__}: {exc}"
        lines += [f"Store    {store.dialect}: CANNOT READ — {why}"]
        s, health, errors, code = None, None, [], EXIT_FAIL
    if s is not None:
        lag = "-" if s.rollup_lag_s is None else (
            "up to date" if s.rollup_lag_s == 0 else f"{format_duration(s.rollup_lag_s)} behind")
        lines += [f"Store    {s.dialect}, {_size(s.size_bytes)}, {s.series:,} series",
                  f"         oldest sample {when(s.oldest_ts)}, newest {when(s.newest_ts)} "
                  f"({_ago(s.newest_ts, now)}); rollups {lag}"]

    state = runstate.read(state_path)
    lines.append("")
    if state is None:
        lines.append("Worker   not supervised here (no pantau run state in "
                     f"{state_path.parent})")
    for name in ("worker", "web"):
        child = (state or {}).get("children", {}).get(name)
        if child is None:
            continue
        pid = child.get("pid")
        up = "running" if _alive(pid) else "NOT RUNNING"
        extra = f", {child['restarts']} restart(s)" if child.get("restarts") else ""
        if child.get("last_exit") and child.get("restarts"):
            extra += f", last ended: {child['last_exit']}"
        lines.append(f"{name.capitalize():8} {up} (pid {pid or '-'}, up since "
                     f"{when(child.get('started'))}{extra})")
    ok, said = _healthz(cfg)
    lines.append(f"Web      {'answering' if ok else 'NOT ANSWERING'}: {said}")

    if health is not None:
        lines += ["", f"Sources  {len(health)}: " + ", ".join(
            f"{n} {st}" for st, n in health["status"].value_counts().items())]
        width = max([len(x) for x in health["source_id"]] + [6])
        for row in health.itertuples():
            err = f"  {row.last_error[:60]}" if row.status != "UP" and row.last_error else ""
            stale = " STALE" if row.stale else ""
            lines.append(f"  {row.source_id:{width}}  {row.status:8}{stale} last run "
                         f"{_ago(row.last_run_ts, now)}{err}")
    if errors:
        lines += ["", "Last errors"]
        for sid, ts, err in errors:
            lines.append(f"  {when(ts)}  {sid}: {err[:100]}")
    return "\n".join(lines), code


def status(cfg: Config, args) -> int:
    """Print the status screen (see the module doc)."""
    from pantau.config import default_path, store_for
    from pantau.data.runstate import STATE_NAME
    from pantau.vardir import var_dir

    config_path = getattr(args, "config", None) or default_path()
    store = store_for(cfg)
    try:
        text, code = render(cfg, store, var_dir(cfg, config_path) / STATE_NAME)
    finally:
        store.dispose()
    print(text)
    return code
