"""Fixtures of the overview area (data and expectations live in ``ov_seed.py``)."""

from __future__ import annotations

import pytest
from ov_seed import raw_config


@pytest.fixture
def config_from():
    """``config_from(raw) -> Config`` with the registered collector kinds."""
    def build(raw: dict):
        from pantau.collectors.registry import option_models
        from pantau.data.config import parse_config

        return parse_config(raw, kinds=option_models(), env={})
    return build


@pytest.fixture
def ov_config(config_from):
    return config_from(raw_config())
