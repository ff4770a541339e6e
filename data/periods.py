"""The periods a metric is shown over, as [start, end) windows in the site's zone: one rule
for every page, the wall, the reports and the API.

    period_end(now)                  # the end of the hour containing now
    window("7d", now, tz)            # (period_end(now) - 7 days, period_end(now))
    window("today", now, tz)         # local midnight .. period_end(now)

A window ends at the end of the current hour, so the hourly rollups answer and the current
hour counts whole. "7d", "30d" and "90d" are that many times 24 hours before it; "today"
starts at local midnight and "ytd" (year to date) at 1 January 00:00 local time. The previous
period is the window of the same length just before.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

HOUR, DAY = 3600, 86400
PERIODS = ("today", "7d", "30d", "90d", "ytd")
DEFAULT_PERIOD = "7d"
_DAYS = {"7d": 7, "30d": 30, "90d": 90}


def period_end(now: float) -> int:
    """The end of the hour containing ``now`` (epoch s): where every shown period ends."""
    now = int(now)
    return now - now % HOUR + HOUR


def period_key(value: str | None) -> str:
    """``value`` when it names a period, else the default (bad URL input is not an error)."""
    return value if value in PERIODS else DEFAULT_PERIOD


def window(key: str, now: float, tz: str) -> tuple[int, int]:
    """``(start, end)`` epoch seconds of period ``key`` at ``now`` in zone ``tz``."""
    key = period_key(key)
    end = period_end(now)
    if key in _DAYS:
        return end - _DAYS[key] * DAY, end
    local = datetime.fromtimestamp(int(now), ZoneInfo(tz))
    if key == "today":
        start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    else:
        start = local.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    return int(start.timestamp()), end


def last(seconds: int, now: float) -> tuple[int, int]:
    """The window of the last ``seconds`` (a wall tile's or a report panel's period)."""
    end = period_end(now)
    return end - int(seconds), end
