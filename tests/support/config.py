"""Configs for tests: one way to turn a dict shaped like config.yaml into a validated ``Config``.

    cfg = config_from({"site": {...}, "metrics": [...], "sources": [...]})
    cfg = config_from(raw, kinds=KINDS)          # stand-in option models instead of the registry
    raw = repo_yaml("config.yaml")               # a YAML file of the repository as a dict

The environment is empty (``{$env: ...}`` references take their defaults), so a test never
depends on the variables of the shell that runs it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def config_from(raw: dict | None, kinds: Mapping[str, type] | None = None,
                env: Mapping[str, str] | None = None):
    """The validated ``Config`` of ``raw``; option models from the collectors registry unless
    ``kinds`` is given. Raises ``ConfigError`` with every problem, as ``check-config`` does."""
    from pantau.data.config import parse_config

    if kinds is None:
        from pantau.collectors.registry import option_models

        kinds = option_models()
    return parse_config(raw, kinds=kinds, env={} if env is None else env)


def repo_yaml(path: str) -> Any:
    """A YAML file of the repository (``config.yaml``, ``demo/config.yaml``) as plain data."""
    import yaml

    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
