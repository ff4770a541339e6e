"""The Indonesian calendar the demo history follows: weekends, national holidays, cuti bersama,
Ramadan and Idul Fitri, the rainy season, office hours in WITA.

Everything is vectorised over numpy arrays of UTC epoch seconds::

    local = Local(ts)                    # WITA date parts of each timestamp
    office_day_factor(local)             # 1 on a working day, less on weekends and holidays
    office_hour_profile(local)           # the shape of a working day (peaks 09-11, 13-15)

The holidays and cuti bersama are the site calendar's (``pantau.data.workdays``, from the
``holidays`` package), so the demo's quiet days are the days the complaint deadlines skip.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from pantau.data.workdays import idul_fitri, national_days
from pantau.demo import SITE

WITA = 8 * 3600
"""UTC offset of Asia/Makassar (no daylight saving)."""

YEARS = range(2024, 2029)
"""The years the demo's history and feeder can reach."""

HOLIDAYS = {str(d) for y in YEARS for d in national_days(y)[0]}
"""National holidays (hari libur nasional): the one calendar of ``pantau.data.workdays``."""

CUTI_BERSAMA = {str(d) for y in YEARS for d in national_days(y)[1]}
"""Collective leave days around the holidays: offices mostly closed."""

IDUL_FITRI = tuple(str(d) for d in map(idul_fitri, YEARS) if d is not None)
"""Around these the province empties for mudik: a week of very low office activity."""

RAMADAN = tuple((str(date.fromisoformat(d) - timedelta(days=30)),
                 str(date.fromisoformat(d) - timedelta(days=1))) for d in IDUL_FITRI)
"""First and last fasting day (30 days before Idul Fitri: close enough for the demo's rhythm):
shorter office hours, activity shifts to the evening."""

_DAY0 = np.datetime64("1970-01-01", "D")
YEAR_2026 = 1767225600
"""2026-01-01 00:00 UTC: the zero of the growth trends."""


def _days(dates) -> np.ndarray:
    return np.array(sorted(np.datetime64(d, "D") for d in dates))


_HOLI = _days(HOLIDAYS)
_CUTI = _days(CUTI_BERSAMA)
_FITRI = _days(IDUL_FITRI)


class Local:
    """Local calendar parts of UTC epoch seconds ``ts`` (a numpy int array): WITA for NTB, the
    site's own offset (``SITE["utc_offset"]``: WIB for Sukoharjo) otherwise."""

    def __init__(self, ts: np.ndarray):
        self.ts = np.asarray(ts, dtype=np.int64)
        local = self.ts + SITE["utc_offset"]
        self.day = local // 86400                                   # days since 1970-01-01
        self.date = _DAY0 + self.day.astype("timedelta64[D]")
        self.hour = (local % 86400) / 3600.0                        # 0.0 .. 23.99
        self.weekday = (self.day + 3) % 7                           # Monday 0 .. Sunday 6
        self.month = (self.date.astype("datetime64[M]").astype(int) % 12) + 1
        self.holiday = np.isin(self.date, _HOLI)
        self.cuti = np.isin(self.date, _CUTI)
        self.ramadan = np.zeros(self.ts.shape, dtype=bool)
        for first, last in RAMADAN:
            self.ramadan |= (self.date >= np.datetime64(first)) & (self.date <= np.datetime64(last))
        self.mudik = np.zeros(self.ts.shape, dtype=bool)
        for day in _FITRI:
            self.mudik |= np.abs((self.date - day).astype(int)) <= 4

    @property
    def weekend(self) -> np.ndarray:
        return self.weekday >= 5

    @property
    def off(self) -> np.ndarray:
        """Days offices are closed: weekends, holidays, cuti bersama, the mudik week."""
        return self.weekend | self.holiday | self.cuti | self.mudik

    @property
    def years(self) -> np.ndarray:
        """Fractional years since 2026-01-01, for growth trends."""
        return (self.ts - YEAR_2026) / (365.25 * 86400)


def office_day_factor(loc: Local) -> np.ndarray:
    """How busy offices are on each day: 1 on a working day; weekends, holidays, cuti bersama,
    mudik and Ramadan less."""
    f = np.ones(loc.ts.shape)
    f = np.where(loc.weekday == 5, 0.40, f)
    f = np.where(loc.weekday == 6, 0.30, f)
    f = np.where(loc.cuti & ~loc.weekend, 0.45, f)
    f = np.where(loc.holiday, 0.28, f)
    f = np.where(loc.mudik, np.minimum(f, 0.22), f)
    f = np.where(loc.ramadan & ~loc.off, f * 0.85, f)
    return f


_OFFICE = np.array([0.08, 0.05, 0.04, 0.04, 0.06, 0.15, 0.35, 0.75, 1.45, 1.75, 1.8, 1.6,
                    1.0, 1.45, 1.55, 1.35, 0.95, 0.6, 0.45, 0.5, 0.5, 0.4, 0.25, 0.14])
_RAMADAN = np.array([0.15, 0.1, 0.3, 0.45, 0.2, 0.1, 0.2, 0.5, 1.3, 1.7, 1.7, 1.5,
                     1.0, 1.3, 1.3, 0.9, 0.5, 0.3, 0.4, 0.35, 0.9, 0.95, 0.7, 0.35])


def _interp(table: np.ndarray, hour: np.ndarray) -> np.ndarray:
    # Linear between the middles of the hours, so 5-minute series have no steps.
    x = np.arange(25) + 0.5
    return np.interp(hour, x - 1, np.append(table[-1], table))


def office_hour_profile(loc: Local) -> np.ndarray:
    """The shape of a day for office-driven activity (mean about 0.75 over 24 h): morning and
    early-afternoon peaks, a lunch dip, a dip at Friday prayer; Ramadan shifts it to the
    evening and sahur."""
    p = _interp(_OFFICE, loc.hour)
    p = np.where(loc.ramadan, _interp(_RAMADAN, loc.hour), p)
    friday_prayer = (loc.weekday == 4) & (loc.hour >= 11.5) & (loc.hour < 13.5)
    p = np.where(friday_prayer, p * 0.45, p)
    # On days off the day is flatter: people are online but not at their desks.
    return np.where(loc.off, 0.5 * p + 0.3, p)


_PEOPLE = np.array([0.35, 0.25, 0.2, 0.2, 0.3, 0.6, 0.8, 0.95, 1.0, 1.0, 1.05, 1.1,
                    1.1, 1.05, 1.0, 1.05, 1.15, 1.35, 1.55, 1.6, 1.45, 1.2, 0.85, 0.55])


def people_hour_profile(loc: Local) -> np.ndarray:
    """The shape of a day for what people do at any hour (emergency calls, reading news):
    low before dawn, an evening peak."""
    return _interp(_PEOPLE, loc.hour)


def rainy_season(loc: Local) -> np.ndarray:
    """0 in the dry season (May-October) rising to 1 in January: floods and landslides."""
    table = np.array([RAIN.get(m, 0.0) for m in range(13)])
    return table[loc.month]


RAIN = {11: 0.55, 12: 0.85, 1: 1.0, 2: 0.95, 3: 0.7, 4: 0.35, 10: 0.15}
"""Strength of the rainy season by month (NTB: November to April)."""
