"""Where the running processes keep their working files (the supervisor's state, metrics).

``$PANTAU_VAR_DIR`` when set; else the folder of a SQLite store (``var/`` in the examples,
``--dir`` for the demo); else ``var/`` beside the config file.
"""

from __future__ import annotations

import os
from pathlib import Path

from pantau.data.config_models import Config
from pantau.data.engine import sqlite_path

VAR_ENV = "PANTAU_VAR_DIR"


def var_dir(cfg: Config, config_path: str | Path) -> Path:
    """The working folder of ``cfg``'s processes (created if missing)."""
    if os.environ.get(VAR_ENV):
        folder = Path(os.environ[VAR_ENV])
    elif (db := sqlite_path(cfg.store.url)) is not None:
        folder = db.parent
    else:
        folder = Path(config_path).resolve().parent / "var"
    folder.mkdir(parents=True, exist_ok=True)
    return folder.resolve()
