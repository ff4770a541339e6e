"""The config and the store of the ``pantau`` command, in one place.

    cfg = load_or_fail(args.config)     # a bad config is one UsageError line
    store = open_store(cfg)             # migrated (SQLite) or checked (PostgreSQL)

``load()`` validates config.yaml with every registered collector kind's options model.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from pantau.collectors.registry import option_models
from pantau.data.config import ConfigError, load_config
from pantau.data.config_models import Config
from pantau.errors import RuntimeFailure, UsageError

if TYPE_CHECKING:
    from pantau.data.store import Store

DEFAULT_CONFIG = "config.yaml"
CONFIG_ENV = "PANTAU_CONFIG"

__all__ = ["Config", "ConfigError", "load", "default_path", "load_or_fail", "open_store",
           "store_for"]


def default_path() -> str:
    """``$PANTAU_CONFIG`` or ``config.yaml`` in the working directory."""
    return os.environ.get(CONFIG_ENV, DEFAULT_CONFIG)


def load(path: str | None = None) -> Config:
    """Load and validate ``path`` (default ``default_path()``); raises ``ConfigError``.
    Warnings (a password written inline) go to stderr as ``pantau: warning: ...`` lines."""
    path = path or default_path()
    warnings: list[str] = []
    cfg = load_config(path, kinds=option_models(), warnings=warnings)
    for line in warnings:
        print(f"pantau: warning: {path}: {line}", file=sys.stderr)
    return cfg


def load_or_fail(path: str | None) -> Config:
    """The config at ``path``; a bad one raises UsageError naming the first problem."""
    try:
        return load(path)
    except ConfigError as exc:
        first = exc.problems[0]
        more = f" (and {len(exc.problems) - 1} more: run pantau check-config)" \
            if len(exc.problems) > 1 else ""
        raise UsageError(f"{path or default_path()}: {first}{more}") from None


def store_for(cfg: Config) -> Store:
    """The store of ``cfg``; its daily rollups start at the site's local midnight."""
    # Imported here: sqlalchemy costs a third of a second that check-config does not need.
    from pantau.data.store import Store
    from pantau.data.zones import utc_offset

    return Store(cfg.store.url, retention_days=cfg.store.retention_days,
                 day_shift=utc_offset(time.time(), cfg.site.timezone))


def open_store(cfg: Config, upgrade: bool = True) -> Store:
    """The store of ``cfg``, migrated when ``upgrade`` (SQLite only: PostgreSQL at scale is
    migrated on purpose with ``pantau db upgrade``)."""
    store = store_for(cfg)
    if upgrade and store.dialect == "sqlite":
        store.upgrade()
    elif upgrade:
        from pantau.data.migrate import current, head

        at = current(store.writer)
        if at != head():
            raise RuntimeFailure(f"the database is at schema revision {at or 'none'}, "
                                 f"not {head()}: run `pantau db upgrade` first")
    return store
