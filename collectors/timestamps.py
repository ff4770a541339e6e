"""Timestamps as sources write them, to UTC epoch seconds.

``to_epoch(value, tz, fmt=None)``: numbers are epoch seconds (or milliseconds when larger than
1e11); strings are ISO 8601 or ``fmt`` (strftime); datetimes are taken as they are. A time
without a zone is read in ``tz`` (the site's zone unless the source says otherwise).
"""

from __future__ import annotations

import math
from datetime import date, datetime
from zoneinfo import ZoneInfo

_MS_THRESHOLD = 1e11  # epoch seconds reach 1e11 in the year 5138


def to_epoch(value, tz: str, fmt: str | None = None) -> int:
    """``value`` as integer UTC epoch seconds; ValueError naming the value otherwise."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{value!r} is not a time")
    if isinstance(value, datetime):
        return _aware(value, tz)
    if isinstance(value, date):
        return _aware(datetime(value.year, value.month, value.day), tz)
    if fmt:
        text = _as_text(value)
        try:
            return _aware(datetime.strptime(text, fmt), tz)
        except ValueError:
            raise ValueError(f"{text!r} does not match the time format {fmt!r}") from None
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a time")
        return int(value / 1000 if abs(value) > _MS_THRESHOLD else value)
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        pass
    else:
        return to_epoch(number, tz)
    try:
        return _aware(datetime.fromisoformat(text.replace("Z", "+00:00")), tz)
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO 8601 time or epoch number") from None


def _as_text(value) -> str:
    # A spreadsheet cell holding the year 2024 arrives as 2024 or 2024.0.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _aware(dt: datetime, tz: str) -> int:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=ZoneInfo(tz))
    return int(dt.timestamp())
