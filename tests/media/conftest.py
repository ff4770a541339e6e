"""Fixtures of the media area (helpers live in ``media_fixtures``)."""

from __future__ import annotations

import pytest
from media_fixtures import TEMPO


@pytest.fixture(scope="session")
def tempo_available():
    """The folder of the Tempo.co captures; skips when the shared data is absent."""
    if not TEMPO.is_dir():
        pytest.skip(f"no Tempo captures at {TEMPO}")
    return TEMPO
