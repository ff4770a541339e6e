"""The supervisor's state file: which processes ``pantau run`` keeps alive, how often each was
restarted and when.

``pantau run`` writes it (``write``) to ``<var>/pantau-run.json`` on every change and names it
to its children in ``$PANTAU_RUN_STATE``; ``/healthz`` and ``pantau status`` read it
(``read``). A missing or unreadable file reads as ``None``: nothing supervises this process.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

STATE_ENV = "PANTAU_RUN_STATE"
STATE_NAME = "pantau-run.json"


def write(path: str | Path, state: dict) -> None:
    """Replace the state file at ``path`` atomically (a reader never sees half a file)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(state, sort_keys=True), encoding="utf-8")
    tmp.replace(path)


def read(path: str | Path | None = None) -> dict | None:
    """The state at ``path`` (default ``$PANTAU_RUN_STATE``), or None."""
    path = path or os.environ.get(STATE_ENV)
    if not path:
        return None
    try:
        state = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and isinstance(state.get("children"), dict) \
        else None


def restarts(state: dict | None) -> tuple[int, float | None]:
    """Total restarts of the supervised processes and the time of the last one."""
    if not state:
        return 0, None
    kids = [c for c in state["children"].values() if isinstance(c, dict)]
    total = sum(int(c.get("restarts") or 0) for c in kids)
    last = max((c["last_restart"] for c in kids if c.get("last_restart")), default=None)
    return total, last
