"""``load()``: config.yaml validated with every registered collector kind's options model."""

from __future__ import annotations

import os
import sys

from pantau.collectors.registry import option_models
from pantau.data.config import ConfigError, load_config
from pantau.data.config_models import Config

DEFAULT_CONFIG = "config.yaml"
CONFIG_ENV = "PANTAU_CONFIG"

__all__ = ["Config", "ConfigError", "load", "default_path"]


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
