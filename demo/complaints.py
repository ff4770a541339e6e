"""The demo's complaint stream (SP4N-LAPOR!): records with the shapes a Diskominfo meets.

    rows = demo_complaints(seed, start, end, now, area="52", tz="Asia/Makassar")
    n = write_complaints(store, cfg, start, end, seed, now)

Each day's complaints are a pure function of the seed and the day, so loading a window again
(``pantau demo`` after a pause) gives the same ids and times, cut at ``now``: stages reached
since then update the records. The shapes: fewer complaints on weekends and holidays; the
week before Idul Fitri leaves a backlog that is verified late after the cuti bersama; one slow
OPD (``SLOW_AGENCY``) late at every stage; one kabupaten/kota (the second of the area) that
clears fast. No complainant data exists here either.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import numpy as np
from pantau.data.complaints import Complaint, upsert
from pantau.data.reference import codes
from pantau.data.workdays import Calendar, idul_fitri
from pantau.data.zones import zone
from pantau.demo import REGIONS

AGENCIES = ("Dinas PUPR", "Dinas Kesehatan", "Dinas Dukcapil", "Dinas Pendidikan",
            "Dinas Sosial", "Dinas Perhubungan")
SLOW_AGENCY = "Dinas PUPR"
CATEGORIES = ("Infrastruktur", "Kesehatan", "Administrasi Kependudukan", "Pendidikan",
              "Bantuan Sosial", "Transportasi")
CHANNELS = ("web", "sms", "whatsapp", "aplikasi")
PER_WORKDAY = 24
REACH_BACK = 120
"""Days before ``start`` whose complaints are generated again (their later stages)."""


def _regions(area: str) -> tuple[list[str], np.ndarray]:
    # The demo place's regions weighted by population (pantau.demo.REGIONS), else the code
    # list's, evenly.
    named = [c for c in REGIONS if c.startswith(area + ".")]
    below = named or codes.children(area) or [area]
    weights = np.array([REGIONS[c][1] if named else 1 for c in below], dtype=float)
    return below, weights / weights.sum()


def fast_region(area: str) -> str:
    """The kabupaten/kota of ``area`` that clears its complaints fast."""
    below, _ = _regions(area)
    return below[1] if len(below) > 1 else below[0]


def _before_lebaran(day: date) -> bool:
    lebaran = [d for d in (idul_fitri(day.year), idul_fitri(day.year + 1)) if d is not None]
    return any(timedelta(0) < d - day <= timedelta(7) for d in lebaran)


def _moment(cal: Calendar, day: date, rng, tz: str) -> int:
    at = time(int(rng.integers(8, 16)), int(rng.integers(0, 60)))
    return int(datetime.combine(day, at, zone(tz)).timestamp())


def demo_complaints(seed: int, start: int, end: int, now: int, area: str,
                    tz: str) -> list[Complaint]:
    """The complaints received in [start, end), as they stand at ``now``."""
    cal = Calendar(tz)
    regions, weights = _regions(area)
    fast = fast_region(area)
    out = []
    day, last = cal.day(start), cal.day(end - 1)
    while day <= last:
        rng = np.random.default_rng([seed, day.toordinal()])
        rate = PER_WORKDAY if cal.is_workday(day) else PER_WORKDAY // 4
        backlog = _before_lebaran(day)
        for k in range(int(rng.poisson(rate))):
            received = _moment(cal, day, rng, tz)
            region = regions[int(rng.choice(len(regions), p=weights))]
            i = int(rng.integers(len(AGENCIES)))
            agency = AGENCIES[i]
            slow, quick = agency == SLOW_AGENCY, region == fast
            # Hari kerja each stage takes: 3 and 5 are the deadlines (config.complaints).
            verify = int(rng.integers(0, 2)) if quick else int(rng.integers(1, 4))
            verify += 2 * slow + 3 * backlog
            follow = int(rng.integers(1, 4)) if quick else int(rng.integers(2, 7))
            follow += 3 * slow
            close = int(rng.integers(5, 30)) + 20 * slow
            times = [received]
            for step in (verify, follow, close):
                t = _moment(cal, cal.add(times[-1], max(step, 0)), rng, tz)
                times.append(max(t, times[-1] + 60))
            reached = [t if t <= now else None for t in times[1:]]
            for j in (1, 2):  # a stage is reached only after the one before it
                if reached[j - 1] is None:
                    reached[j] = None
            if received >= now:
                continue
            out.append(Complaint(
                source="lapor", complaint_id=f"DEMO-{day:%Y%m%d}-{k:03d}", region=region,
                agency=agency, category=CATEGORIES[i],
                channel=CHANNELS[int(rng.integers(len(CHANNELS)))], received_at=received,
                verified_at=reached[0], followed_up_at=reached[1], closed_at=reached[2]))
        day += timedelta(days=1)
    return out


def write_complaints(store, cfg, start: int, end: int, seed: int, now: int) -> int:
    """Upsert the demo complaints received in [start - REACH_BACK days, end) at ``now``."""
    rows = demo_complaints(seed, start - REACH_BACK * 86400, end, now, cfg.site.region,
                           cfg.site.timezone)
    return upsert(store, rows, now)
