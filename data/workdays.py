"""Hari kerja: the working-day calendar of the site (one rule for "is this day a holiday").

    cal = calendar_of(cfg)                       # the site's zone and config.calendar
    cal.between(received_at, closed_at)          # hari kerja after received_at, up to closed_at
    cal.add(received_at, 3)                      # the date 3 hari kerja after received_at
    cal.holiday_name(date(2026, 3, 20))          # "Eid al-Fitr Joint Holiday" (cuti bersama)

A moment (a ``datetime`` with its zone, or Unix seconds) is first turned into its date in the
site's zone (WIB/WITA/WIT): a complaint sent at 23:30 WITA is a complaint of that day, wherever
the server's clock runs. Weekends are Saturday and Sunday. Holidays are the national holidays
(``public``) and cuti bersama (``government``) of ``holidays.country_holidays("ID")``, plus
``calendar.extra_holidays`` (regional holidays, a decree that adds a day), minus
``calendar.extra_workdays`` (a decree that cancels a cuti bersama or makes a Saturday a
working day).

Counting: ``between(a, b)`` is the number of hari kerja d with a's date < d <= b's date, so
the day of receipt does not count and the day of the answer does; ``add(a, n)`` is the
earliest date d with ``between(a, d) == n``: "3 hari kerja after" a complaint of Friday
afternoon is the following Wednesday, of a Saturday also Wednesday. Both agree with
``numpy.busday_count(a + 1, b + 1)`` and, for n >= 1, ``numpy.busday_offset(a, n,
roll="backward")``.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache

from pantau.data.zones import zone

log = logging.getLogger("pantau.calendar")
_warned: set[int] = set()

Moment = datetime | date | float | int


@lru_cache(maxsize=32)
def national_days(year: int) -> tuple[dict[date, str], dict[date, str]]:
    """The national holidays (``public``) and the cuti bersama (``government``) of ``year``,
    apart: the demo's history treats a holiday and a collective-leave day differently, so it
    asks here instead of keeping lists of its own."""
    import holidays

    known = holidays.country_holidays("ID").supported_categories
    public = dict(holidays.country_holidays("ID", years=year, categories=("public",)))
    cuti = dict(holidays.country_holidays("ID", years=year, categories=("government",))) \
        if "government" in known else {}
    return public, cuti


@lru_cache(maxsize=32)
def _national(year: int) -> dict[date, str]:
    """National holidays and cuti bersama of ``year`` that the ``holidays`` package knows."""
    public, cuti = national_days(year)
    if not cuti and year not in _warned:
        import holidays

        _warned.add(year)
        log.warning("calendar: the holidays package (%s) knows no cuti bersama for %d; "
                    "add them to calendar.extra_holidays or upgrade it",
                    holidays.__version__, year)
    return {**public, **cuti}


def idul_fitri(year: int) -> date | None:
    """The first day of Idul Fitri in ``year`` (the national calendar's; estimated dates of
    coming years included), or None if the package does not know the year."""
    public, _ = national_days(year)
    first = [d for d, name in public.items()
             if "Eid al-Fitr" in name and "Second" not in name]
    return min(first) if first else None


class Calendar:
    """Working days in the zone ``tz`` (an IANA name), with extra holidays (``{date: name}``)
    and extra working days (dates) on top of the national calendar."""

    def __init__(self, tz: str = "Asia/Makassar", extra_holidays: dict[date, str] | None = None,
                 extra_workdays: Iterable[date] = ()):
        self.tz = tz
        self.extra_holidays = dict(extra_holidays or {})
        self.extra_workdays = frozenset(extra_workdays)
        self._off: dict[int, list[date]] = {}
        self._added: dict[tuple[date, int], date] = {}

    def day(self, moment: Moment) -> date:
        """The date of ``moment`` in the site's zone (a ``date`` is taken as it is; a naive
        ``datetime`` as local time)."""
        if isinstance(moment, datetime):
            return moment.astimezone(zone(self.tz)).date() if moment.tzinfo else moment.date()
        if isinstance(moment, date):
            return moment
        return datetime.fromtimestamp(float(moment), zone(self.tz)).date()

    def holiday_name(self, day: date) -> str | None:
        """The national holiday, cuti bersama or extra holiday on ``day``, or None (also for a
        day ``extra_workdays`` makes a working day)."""
        if day in self.extra_workdays:
            return None
        return self.extra_holidays.get(day) or _national(day.year).get(day)

    def is_workday(self, day: date) -> bool:
        """True on a hari kerja: Monday to Friday and no holiday, or an extra working day."""
        if day in self.extra_workdays:
            return True
        return day.weekday() < 5 and self.holiday_name(day) is None

    def between(self, a: Moment, b: Moment) -> int:
        """Hari kerja after ``a``'s date up to and including ``b``'s date (negative when ``b``
        is before ``a``)."""
        start, end = self.day(a), self.day(b)
        if end < start:
            return -self.between(b, a)
        full_weeks, rest = divmod((end - start).days, 7)
        count = 5 * full_weeks
        d = start + timedelta(days=7 * full_weeks)
        for _ in range(rest):
            d += timedelta(days=1)
            count += d.weekday() < 5
        # Weekday holidays and weekend working days inside (start, end] correct the plain count.
        for y in range(start.year, end.year + 1):
            off = self._weekday_holidays(y)
            count -= bisect_right(off, end) - bisect_right(off, start)
        count += sum(1 for w in self.extra_workdays if start < w <= end and w.weekday() >= 5)
        return count

    def _weekday_holidays(self, year: int) -> list[date]:
        # Sorted, per year, made once: between() counts them by bisection (20,000 complaints'
        # three stages took 3.6 s when the set was rebuilt on every call).
        got = self._off.get(year)
        if got is None:
            got = self._off[year] = sorted(
                d for d in self._holiday_dates(year, year)
                if d.year == year and d.weekday() < 5 and d not in self.extra_workdays)
        return got

    def _holiday_dates(self, first_year: int, last_year: int) -> set[date]:
        days = set(self.extra_holidays)
        for y in range(first_year, last_year + 1):
            days |= set(_national(y))
        return days

    def add(self, a: Moment, n: int) -> date:
        """The date ``n`` (>= 0) hari kerja after ``a``'s date: the deadline of a stage."""
        if n < 0:
            raise ValueError("n must be 0 or more hari kerja")
        first = self.day(a)
        key = (first, n)
        if key not in self._added:  # complaints of one day share their due dates
            d = first
            while n:
                d += timedelta(days=1)
                n -= self.is_workday(d)
            self._added[key] = d
        return self._added[key]

    def holidays_in(self, start: Moment, end: Moment) -> list[tuple[date, str]]:
        """The holidays that fall on a weekday in [start's date, end's date], by date: the days
        this calendar skipped besides weekends."""
        lo, hi = self.day(start), self.day(end)
        out = {d: self.holiday_name(d) for d in self._holiday_dates(lo.year, hi.year)
               if lo <= d <= hi and d.weekday() < 5 and d not in self.extra_workdays}
        return sorted(out.items())


def calendar_of(cfg) -> Calendar:
    """The site's calendar: ``cfg.site.timezone`` and ``cfg.calendar``."""
    cal = cfg.calendar
    return Calendar(cfg.site.timezone, {h.date: h.name for h in cal.extra_holidays},
                    cal.extra_workdays)
