"""The one rule for ticks on a time axis: where they go and how they read.

    times, labels = tick_times(lo, hi, "id", "Asia/Makassar")   # epoch seconds, texts

Ticks fall on round local times at one even step, chosen so that at most ``n`` fit between
``lo`` and ``hi``: whole minutes or hours (1, 5, 10, 15, 30 min; 1, 2, 3, 4, 6, 12 h), local
midnights (every 1, 2, 7 or 14 days) or the first of a month (every 1, 2, 3, 6 or 12 months,
then whole years). So no date between two ticks is skipped at equal spacing, and a tick never
reads "09:17". Labels come from Babel in the page language: clock times for clock steps (a
midnight reads as its date), "d MMM" for days and months up to ~13 months, "MMM y" beyond.
The history of ``/metric``, the wall's charts, media attention and the explorer (page, chart
files, PDF) all take their ticks from here.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from pantau.dashboard.fmt import LOCALES

MINUTE, HOUR, DAY = 60, 3600, 86400
CLOCK_STEPS = tuple(m * MINUTE for m in (1, 5, 10, 15, 30)) + \
    tuple(h * HOUR for h in (1, 2, 3, 4, 6, 12))
DAY_STEPS = (1, 2, 7, 14)
MONTH_STEPS = (1, 2, 3, 6, 12)
SHORT_SPAN = 2 * DAY  # an empty or tick-less axis this short reads as clock times
DATE_SPAN = 400 * DAY


def _first_local(lo: int, zone: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(lo, zone)


def _clock(lo: int, hi: int, zone: ZoneInfo, step: int) -> list[int]:
    # Indonesia keeps one offset all year, yet read it per tick so any zone stays round.
    offset = int(_first_local(lo, zone).utcoffset().total_seconds())
    t = lo + (-(lo + offset)) % step
    out = []
    while t <= hi:
        out.append(t)
        t += step
    return out


def _days(lo: int, hi: int, zone: ZoneInfo, step: int) -> list[int]:
    day = _first_local(lo, zone).date()
    if datetime(day.year, day.month, day.day, tzinfo=zone).timestamp() < lo:
        day += timedelta(days=1)  # the first local midnight at or after lo
    out = []
    while (t := datetime(day.year, day.month, day.day, tzinfo=zone).timestamp()) <= hi:
        out.append(int(t))
        day += timedelta(days=step)
    return out


def _months(lo: int, hi: int, zone: ZoneInfo, step: int) -> list[int]:
    first = _first_local(lo, zone)
    y, m = first.year, first.month
    out = []
    while True:
        t = datetime(y, m, 1, tzinfo=zone).timestamp()
        if t > hi:
            return out
        if t >= lo and (y * 12 + m - 1) % step == 0:
            out.append(int(t))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def _positions(lo: int, hi: int, tz: str, n: int, min_step: int) -> tuple[list[int], str]:
    """The ticks and the unit of their step ("hour", "day" or "month")."""
    zone, span = ZoneInfo(tz), hi - lo
    for step in CLOCK_STEPS:
        if step >= min_step and span / step <= n:
            return _clock(lo, hi, zone, step), "hour"
    for step in DAY_STEPS:
        if step * DAY >= min_step and span / (step * DAY) <= n:
            return _days(lo, hi, zone, step), "day"
    for step in MONTH_STEPS:
        if step * 28 * DAY >= min_step and span / (step * 30.44 * DAY) <= n:
            return _months(lo, hi, zone, step), "month"
    years = -(-span // int(365.25 * DAY * n)) * 12
    return _months(lo, hi, zone, years), "month"


def tick_positions(lo: int, hi: int, tz: str, n: int = 8, min_step: int = 0) -> list[int]:
    """At most ``n`` (and at least one) round local times in ``[lo, hi]`` (epoch seconds) at
    one even step; ``[lo]`` when the span is empty."""
    return tick_times(lo, hi, "id", tz, n, min_step)[0]


def tick_label(ts: int, unit: str, span: int, lang: str, tz: str) -> str:
    """The text of a tick at ``ts`` on an axis stepping by ``unit`` over ``span`` seconds:
    a clock time between hours (a midnight shows its date), the date for days and months,
    month and year for spans past ~13 months."""
    loc = LOCALES.get(lang, "id_ID")
    dt = datetime.fromtimestamp(int(ts), ZoneInfo(tz))
    if unit == "hour" and (dt.hour or dt.minute):
        return format_time(dt, "HH:mm", locale=loc)
    if span <= DATE_SPAN:
        return format_date(dt, "d MMM", locale=loc)
    return format_date(dt, "MMM y", locale=loc)


def tick_times(lo: int, hi: int, lang: str, tz: str, n: int = 8,
               min_step: int = 0) -> tuple[list[int], list[str]]:
    """Tick positions (epoch seconds, round local times) and their labels in ``lang`` for an
    axis from ``lo`` to ``hi``: at most ``n``, at least one (``lo`` itself when no round time
    falls inside). ``min_step`` (seconds) keeps ticks apart by at least a bar's width."""
    lo, hi = int(lo), int(hi)
    picked, unit = _positions(lo, hi, tz, n, min_step) if hi > lo else ([], "hour")
    if not picked:
        picked, unit = [lo], ("hour" if hi - lo <= SHORT_SPAN else "day")
    return picked, [tick_label(t, unit, hi - lo, lang, tz) for t in picked]
