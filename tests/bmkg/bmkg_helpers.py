"""Helpers of the BMKG tests (imported by name: ``from bmkg_helpers import ...``)."""

from __future__ import annotations

import json
from pathlib import Path

from support.config import config_from

FIXTURES = Path(__file__).with_name("fixtures")
WEATHER_METRICS = [
    {"name": "bmkg_hujan_maks_mm", "title": "Hujan maksimum", "unit": "mm", "agg": "max"},
    {"name": "bmkg_suhu_maks_c", "title": "Suhu maksimum", "unit": "celsius", "agg": "max"},
    {"name": "bmkg_cuaca_slot_count", "title": "Prakiraan cuaca", "agg": "last"},
]


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def doc(name: str):
    return json.loads(fixture(name))


def bmkg_config(sources: list[dict], **sections):
    raw = {"site": {"timezone": "Asia/Makassar", "region": "52"},
           "store": {"retention_days": 3650},
           "metrics": WEATHER_METRICS, "sources": sources}
    raw.update(sections)
    return config_from(raw)


def open_wall(page, url: str, timeout: float = 60000) -> None:
    """Go to ``url`` and wait until the wall's tiles are drawn with their data (as
    tests/wall/wall_seed.py does)."""
    page.goto(url)
    page.wait_for_selector("#wall-root .wall-tile", timeout=timeout)
    page.wait_for_function("document.querySelectorAll('.wall-tile.is-loading').length === 0",
                           timeout=timeout)
    page.wait_for_function("""() => [...document.querySelectorAll('.wall-tile.is-live .wall-graph')]
        .every(g => g.querySelector('.main-svg'))""", timeout=timeout)
