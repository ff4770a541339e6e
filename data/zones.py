"""Indonesian time zones and their labels (WIB, WITA, WIT)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, available_timezones

ZONE_LABELS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Ujung_Pandang": "WITA",
    "Asia/Jayapura": "WIT",
}


def zone_label(tz_name: str) -> str:
    """The label shown beside a time: WITA for Asia/Makassar; the UTC offset elsewhere."""
    if tz_name in ZONE_LABELS:
        return ZONE_LABELS[tz_name]
    if tz_name in ("UTC", "Etc/UTC"):
        return "UTC"
    return tz_name


def is_zone(tz_name: str) -> bool:
    """True when ``tz_name`` is an IANA zone this machine knows."""
    return tz_name in available_timezones()


def utc_offset(ts: float, tz_name: str) -> int:
    """Seconds east of UTC of ``tz_name`` at ``ts`` (WITA: 28800), for aligning buckets to
    local midnight (``data.buckets.origin_for``)."""
    off = datetime.fromtimestamp(int(ts), ZoneInfo(tz_name)).utcoffset()
    return int(off.total_seconds()) if off else 0


def zone(tz_name: str) -> ZoneInfo:
    """The ZoneInfo for ``tz_name``."""
    return ZoneInfo(tz_name)
