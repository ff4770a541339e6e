"""Service levels of complaints: per stage, its due date, done on time, done late, open and
overdue (deadlines: ``config.complaints``; hari kerja: ``data.workdays``).

    answer = sla(store, cfg, start, end, now, region="52.71", agency=None, scope=None)
    answer["stages"]["verification"]   # {"due", "on_time", "late", "open_overdue", ...}

Stages: ``verification`` from receipt to ``verified_at``, ``followup`` from verification to
``followed_up_at`` (only complaints already verified have one), ``completion`` from receipt to
``closed_at``. A stage is due by the end of its due date in the site's zone: done on that day
or earlier is on time. ``due`` counts the complaints whose stage is done or past its due date
(``on_time + late + open_overdue``); one still open before its due date is not due yet.
``median_workdays`` is the median of the hari kerja the done ones took (None when none).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from pantau.data import complaints as records
from pantau.data.access import record_in_scope
from pantau.data.complaints import Complaint
from pantau.data.workdays import Calendar, calendar_of

STAGES = ("verification", "followup", "completion")
MAX_COMPLAINTS = 100_000
"""Most complaints one answer counts (20,000 took 1.6 s on the 2-core test host); more is
refused (``TooManyComplaints``), asking for a shorter from-to."""


class TooManyComplaints(ValueError):
    """More than ``MAX_COMPLAINTS`` complaints were received in the range asked."""


@dataclass(frozen=True)
class StageTimes:
    """One complaint's stage: when it began and was done (Unix seconds), when it is due."""

    start: int
    done: int | None
    due: date


def stage_times(c: Complaint, stage: str, cal: Calendar, deadlines) -> StageTimes | None:
    """``stage`` of ``c`` under ``deadlines`` (``config.complaints``), or None when it has not
    begun (a follow-up before verification)."""
    if stage == "verification":
        return StageTimes(c.received_at, c.verified_at,
                          cal.add(c.received_at, deadlines.verification_workdays))
    if stage == "followup":
        if c.verified_at is None:
            return None
        return StageTimes(c.verified_at, c.followed_up_at,
                          cal.add(c.verified_at, deadlines.followup_workdays))
    if deadlines.completion_unit == "workdays":
        due = cal.add(c.received_at, deadlines.completion)
    else:
        due = cal.day(c.received_at) + timedelta(days=deadlines.completion)
    return StageTimes(c.received_at, c.closed_at, due)


def summarise(rows: list[Complaint], cal: Calendar, deadlines, now: float) -> dict:
    """The answer of ``/api/v1/complaints/sla`` for ``rows`` at ``now``."""
    today = cal.day(now)
    stages = {}
    first: date | None = None
    last: date | None = None
    for stage in STAGES:
        on_time = late = overdue = 0
        took = []
        for c in rows:
            st = stage_times(c, stage, cal, deadlines)
            if st is None:
                continue
            first = min(first or st.due, cal.day(st.start))
            last = max(last or st.due, st.due)
            if st.done is not None:
                took.append(cal.between(st.start, st.done))
                if cal.day(st.done) <= st.due:
                    on_time += 1
                else:
                    late += 1
            elif today > st.due:
                overdue += 1
        stages[stage] = {"due": on_time + late + overdue, "on_time": on_time, "late": late,
                         "open_overdue": overdue,
                         "median_workdays": statistics.median(took) if took else None}
    used = cal.holidays_in(first, last) if first is not None else []
    return {"stages": stages, "calendar": {
        "holidays_used": [{"date": d.isoformat(), "name": name} for d, name in used]}}


def sla(store, cfg, start: int, end: int, now: float, region: str | None = None,
        agency: str | None = None, scope: str | None = None) -> dict:
    """Service levels of the complaints received in [start, end), of ``region`` (that code
    or inside it) and ``agency`` when given, of those a principal limited to ``scope`` may
    see (``data.access.record_in_scope``)."""
    found = records.received_between(store, start, end, region, agency,
                                     limit=MAX_COMPLAINTS + 1)
    if len(found) > MAX_COMPLAINTS:
        raise TooManyComplaints(f"more than {MAX_COMPLAINTS} complaints were received in "
                                "from-to; ask for a shorter range")
    rows = [c for c in found if record_in_scope(c.region, scope)]
    answer = summarise(rows, calendar_of(cfg), cfg.complaints, now)
    answer["complaints"] = len(rows)
    return answer
