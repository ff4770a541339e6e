"""Real third-party data kept beside the repository in ``../shared/realdata`` (Tempo.co RSS
captures, NusaX sentences, the cahyadsn boundaries): on the project's machines, not in a clone.

A test that reads it carries the ``realdata`` marker and finds its files with
``realdata_path("rss/tempo")``. When the data is absent the test is skipped, so a fresh clone
passes; with ``PANTAU_REQUIRE_REALDATA=1`` (the CI step that has ``../shared``) absence fails.
``PANTAU_SHARED`` names another folder than ``../shared``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("PANTAU_SHARED") or ROOT.parent / "shared")
REALDATA = SHARED / "realdata"
TEMPO = REALDATA / "rss" / "tempo"
REQUIRED = os.environ.get("PANTAU_REQUIRE_REALDATA") == "1"
CURRENT: dict = {"item": None}
"""The test being run (set by ``tests/conftest.py``), so that reading real data from a test
without the marker fails even where the data is present: such a test would fail in a clone."""


def missing(path: Path) -> NoReturn:
    """Skip the running test for want of ``path``, or fail it when the data is required."""
    if REQUIRED:
        pytest.fail(f"real data required (PANTAU_REQUIRE_REALDATA=1) but {path} is missing")
    pytest.skip(f"no real data at {path} (a clone has none; see tests/support/realdata.py)")


def realdata_path(relative: str) -> Path:
    """``../shared/realdata/<relative>``; skips (or fails, see above) when it does not exist.
    Called from a test that lacks the ``realdata`` marker, it fails that test."""
    item = CURRENT["item"]
    if item is not None and item.get_closest_marker("realdata") is None:
        pytest.fail(f"{item.nodeid} reads realdata/{relative} but is not marked realdata "
                    "(@pytest.mark.realdata): it would fail in a clone without ../shared")
    path = REALDATA / relative
    if not path.exists():
        missing(path)
    return path
