"""Times as users write them: ISO 8601 (``2026-11-27``, ``2026-11-27T09:15+08:00``), epoch
seconds, ``now``, or relative to now (``now-7d``, ``now-1h30m``, ``now+5m``)."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from pantau.data.durations import parse_duration

_REL = re.compile(r"^now\s*(?:([+-])\s*([0-9smhdw]+))?$")


def parse_time(text: str, now: float, tz: str = "UTC") -> int:
    """Epoch seconds for ``text``; a time without zone is in ``tz``. ValueError if unreadable."""
    s = str(text).strip()
    m = _REL.match(s.lower())
    if m:
        if not m.group(1):
            return int(now)
        delta = parse_duration(m.group(2))
        return int(now - delta if m.group(1) == "-" else now + delta)
    if re.fullmatch(r"\d{9,11}", s):
        return int(s)
    try:
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{text!r} is not a time; use ISO 8601 (2026-11-27T09:15) "
                         "or a relative time (now-7d)") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=ZoneInfo(tz))
    return int(dt.timestamp())
