"""The demo's incidents: service outages and slowdowns, floods, earthquakes and land fires.

Each is a deterministic list of ``(begin, end, strength)`` spans for a window (see
``pantau.demo.noise.events``), so the metrics and the news of the demo tell one story: when
Kabupaten Bima floods, its 112 calls jump and the feeds carry flood headlines.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pantau.demo import SERVICES, SITE
from pantau.demo.calendar import RAIN, WITA
from pantau.demo.noise import events

Span = tuple[int, int, float]


def _month(ts: int) -> int:
    return datetime.fromtimestamp(ts + WITA, UTC).month


def _rain(ts: int) -> float:
    return RAIN.get(_month(ts), 0.0)


def _dry(ts: int) -> float:
    return 1.0 if _month(ts) in (7, 8, 9, 10) else 0.0


def datacentre_outages(seed: int, start: int, end: int) -> list[Span]:
    """Power or network failures at the data centre: every hosted service is down at once."""
    return events(seed, "outage|datacentre", start, end, per_week=0.06, min_s=900, max_s=3600)


def outages(seed: int, service: str, start: int, end: int) -> list[Span]:
    """When ``service`` was down (its own failures plus the data centre's)."""
    per_week = SERVICES[service][2]
    own = events(seed, f"outage|{service}", start, end, per_week=per_week,
                 min_s=300, max_s=5400)
    if service == "pantau_web":  # Pantau runs elsewhere than the province's data centre
        return own
    return own + datacentre_outages(seed, start, end)


def slowdowns(seed: int, service: str, start: int, end: int) -> list[Span]:
    """When ``service`` answered slowly (load, a heavy report, a backup running)."""
    return events(seed, f"slow|{service}", start, end, per_week=0.6, min_s=1200, max_s=4 * 3600)


def floods(seed: int, region: str, start: int, end: int) -> list[Span]:
    """Floods and landslides, in the rainy season."""
    return events(seed, f"flood|{region}", start, end, per_week=0.5, min_s=6 * 3600,
                  max_s=40 * 3600, season=_rain)


def fires(seed: int, region: str, start: int, end: int) -> list[Span]:
    """Land and forest fires, in the dry season."""
    return events(seed, f"fire|{region}", start, end, per_week=0.12, min_s=3 * 3600,
                  max_s=20 * 3600, season=_dry)


def quakes(seed: int, start: int, end: int) -> list[Span]:
    """Felt earthquakes on Lombok: a few hours of calls and worry."""
    return events(seed, "quake|lombok", start, end, per_week=0.05, min_s=2 * 3600,
                  max_s=8 * 3600)


def emergencies(seed: int, region: str, start: int, end: int) -> list[Span]:
    """Everything that makes ``region`` call 112 more."""
    spans = floods(seed, region, start, end) + fires(seed, region, start, end)
    if region in SITE["quake"]:
        spans += quakes(seed, start, end)
    return spans
