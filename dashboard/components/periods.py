"""The periods an executive picks from, as [start, end) windows in the site's zone.

``window("7d", now, tz)`` ends at the end of the current hour (so hourly rollups answer and
the current hour counts whole, as ``data.kpi`` does); "today" starts at local midnight and
"ytd" (year to date) at 1 January 00:00 local time. The previous period is the window of the
same length just before it.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

PERIODS = ("today", "7d", "30d", "90d", "ytd")
DEFAULT_PERIOD = "7d"
_DAYS = {"7d": 7, "30d": 30, "90d": 90}


def period_key(value: str | None) -> str:
    """``value`` when it names a period, else the default (bad URL input is not an error)."""
    return value if value in PERIODS else DEFAULT_PERIOD


def window_end(now: float) -> int:
    """The end of the hour containing ``now`` (epoch s)."""
    now = int(now)
    return now - now % 3600 + 3600


def window(key: str, now: float, tz: str) -> tuple[int, int]:
    """``(start, end)`` epoch seconds of period ``key`` at ``now`` in zone ``tz``."""
    key = period_key(key)
    end = window_end(now)
    if key in _DAYS:
        return end - _DAYS[key] * 86400, end
    local = datetime.fromtimestamp(int(now), ZoneInfo(tz))
    if key == "today":
        start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    else:
        start = local.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    return int(start.timestamp()), end
