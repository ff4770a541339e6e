"""Fixtures of the overview area (data and expectations live in ``ov_seed.py``)."""

from __future__ import annotations

import pytest
from ov_seed import raw_config
from support import config


@pytest.fixture
def config_from():
    """``config_from(raw) -> Config`` with the registered collector kinds
    (``support.config.config_from``)."""
    return config.config_from


@pytest.fixture
def ov_config(config_from):
    return config_from(raw_config())
