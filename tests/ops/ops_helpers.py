"""Helpers of the operations tests: a small config, ``pantau`` as a subprocess of this
worktree's code, free ports, HTTP GETs (imported by name: ``from ops_helpers import ...``)."""

from __future__ import annotations

import json
import socket
import time
import urllib.request
from pathlib import Path

import yaml

METRICS = [
    {"name": "server_load", "title": "Beban server", "unit": "score", "agg": "avg"},
    {"name": "opendata_downloads_count", "title": "Unduhan", "agg": "sum"},
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_config(folder: Path, every: str = "5s", port: int | None = None,
                 web: dict | None = None, extra_rows: str = "") -> Path:
    """A config with one CSV source (``every``) writing two ``server_load`` samples (and
    ``extra_rows``, CSV lines ``ts,host,value``) into ``folder/var/pantau.db``; returns its
    path."""
    data = folder / "load.csv"
    data.write_text("ts,host,value\n2026-01-01T00:00:00Z,a,1.5\n2026-01-01T00:01:00Z,b,2.5\n"
                    + extra_rows, encoding="utf-8")
    cfg = folder / "config.yaml"
    cfg.write_text(yaml.safe_dump({
        "site": {"name": "Uji", "timezone": "Asia/Makassar"},
        "store": {"url": f"sqlite:///{folder / 'var' / 'pantau.db'}", "retention_days": 3650},
        "web": {"host": "127.0.0.1", "port": port or free_port(), "workers": 1,
                "access_log": False, **(web or {})},
        "metrics": METRICS,
        "sources": [{"id": "load", "kind": "csv", "every": every, "timeout": "4s",
                     "options": {"path": str(data), "timestamp": {"column": "ts"},
                                 "values": [{"metric": "server_load", "column": "value",
                                             "labels": {"host": "host"}}]}}],
    }, sort_keys=False), encoding="utf-8")
    return cfg
def get_json(url: str, timeout: float = 5) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def wait_for(check, timeout: float, every: float = 0.2):
    """Call ``check`` until it returns something truthy (returned) or ``timeout`` passes
    (None)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            got = check()
        except OSError:
            got = None
        if got:
            return got
        time.sleep(every)
    return None
