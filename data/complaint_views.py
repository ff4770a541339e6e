"""What the complaints page (``/aduan``), the wall's ``sla`` tile, the overview's card and the
derived metric ``complaints_overdue_count`` ask of the complaint records.

    w = waiting(c, cal, deadlines, today)        # the stage c waits at, its due date, lateness
    counts = overdue_by_day(rows, cal, deadlines, first, last)   # {(day, stage, region, agency): n}
    view = page_view(store, cfg, start, end, now, region, scope)  # everything /aduan draws

The deadlines and "done on time" are ``data.complaint_sla``'s (``stage_times``); hari kerja are
``data.workdays``'. A complaint is counted once, at the stage it waits at: ``verification``
(received, not verified), ``followup`` (verified, no follow-up yet) or ``completion``
(followed up, not closed). It is *lewat tenggat* (overdue) when that stage's due date is past:
the day is after the due date in the site's zone, as ``/api/v1/complaints/sla`` counts
``open_overdue``. (That answer's ``completion`` also counts a complaint still waiting at an
earlier stage whose completion date is past; here it is counted where it is stuck.)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd
from pantau.data import complaints as records
from pantau.data.access import record_in_scope
from pantau.data.complaint_sla import (
    MAX_COMPLAINTS,
    STAGES,
    TooManyComplaints,
    stage_times,
    summarise,
)
from pantau.data.complaints import Complaint
from pantau.data.workdays import Calendar, calendar_of

OLDEST = 10
"""Rows of the oldest overdue complaints' table."""
FAR = date.max


@dataclass(frozen=True)
class Waiting:
    """One open complaint at the stage it waits at."""

    complaint: Complaint
    stage: str
    due: date
    overdue: bool
    late_workdays: int
    """Hari kerja after the due date up to today (0 when not overdue)."""


def waiting(c: Complaint, cal: Calendar, deadlines, today: date) -> Waiting | None:
    """The stage ``c`` waits at on ``today`` and whether it is past due; None once closed."""
    if c.closed_at is not None:
        return None
    stage = "verification" if c.verified_at is None else \
        "followup" if c.followed_up_at is None else "completion"
    due = stage_times(c, stage, cal, deadlines).due
    overdue = today > due
    return Waiting(c, stage, due, overdue, cal.between(due, today) if overdue else 0)


def _overdue_days(c: Complaint, cal: Calendar, deadlines):
    """``(stage, first day, last day)`` spans in which ``c`` waited at a stage past its due
    date (a day counts when the complaint was still waiting at that stage at its end)."""
    done = [None if t is None else cal.day(t)
            for t in (c.verified_at, c.followed_up_at, c.closed_at)]
    began = cal.day(c.received_at)
    for i, stage in enumerate(STAGES):
        if i and done[i - 1] is None:
            return
        st = stage_times(c, stage, cal, deadlines)
        start = max(began if i == 0 else done[i - 1], st.due + timedelta(days=1))
        stop = FAR if done[i] is None else done[i] - timedelta(days=1)
        if start <= stop:
            yield stage, start, stop
        if done[i] is None:
            return


def overdue_by_day(rows: list[Complaint], cal: Calendar, deadlines, first: date,
                   last: date) -> Counter:
    """``{(day, stage, region, agency): complaints overdue at that stage at the end of the
    day}`` for the days in [first, last] (what ``waiting`` says on each of those days)."""
    out: Counter = Counter()
    for c in rows:
        for stage, start, stop in _overdue_days(c, cal, deadlines):
            d, end = max(start, first), min(stop, last)
            while d <= end:
                out[(d, stage, c.region, c.agency)] += 1
                d += timedelta(days=1)
    return out


def area_code(code: str | None, area: str) -> str | None:
    """The region one level below the site's ``area`` that ``code`` lies in (``52.71.01`` ->
    ``52.71`` under ``52``), or None (the area itself, outside it, no code)."""
    if not code:
        return None
    parts = str(code).split(".")
    depth = area.count(".") + 2
    if len(parts) < depth or ".".join(parts[:depth - 1]) != area:
        return None
    return ".".join(parts[:depth])


def share_step(start: int, end: int) -> int:
    """Days per point of the on-time share: a day up to two weeks, else a week."""
    return 1 if end - start <= 14 * 86400 else 7


def on_time_share(rows: list[Complaint], cal: Calendar, deadlines, now: float, start: int,
                  end: int) -> pd.DataFrame:
    """Per bucket of receipt (days, or weeks from Monday) and stage: ``due`` and ``share``
    (done on time / due, ``data.complaint_sla.summarise``'s counts; NaN when none is due)."""
    step = share_step(start, end)
    first = cal.day(start)
    if step == 7:
        first -= timedelta(days=first.weekday())
    buckets: dict[date, list[Complaint]] = {}
    for c in rows:
        d = cal.day(c.received_at)
        buckets.setdefault(first + timedelta(days=(d - first).days // step * step), []).append(c)
    out = []
    for day in sorted(buckets):
        stages = summarise(buckets[day], cal, deadlines, now)["stages"]
        for stage in STAGES:
            s = stages[stage]
            out.append({"day": day, "stage": stage, "due": s["due"],
                        "share": s["on_time"] / s["due"] if s["due"] else float("nan")})
    return pd.DataFrame(out, columns=["day", "stage", "due", "share"])


@dataclass(frozen=True)
class PageView:
    """Everything ``/aduan`` draws for one region, period and scope."""

    open_total: int = 0
    overdue_total: int = 0
    received: int = 0
    backlog: pd.DataFrame = field(default_factory=pd.DataFrame)
    """``stage, waiting, overdue`` (every stage, in order)."""
    by_agency: pd.DataFrame = field(default_factory=pd.DataFrame)
    """``agency, stage, overdue`` (agencies with any overdue)."""
    by_region: pd.DataFrame = field(default_factory=pd.DataFrame)
    """``region, value``: overdue per region one level below the site."""
    share: pd.DataFrame = field(default_factory=pd.DataFrame)
    medians: dict = field(default_factory=dict)
    """``{stage: median hari kerja}`` of the stages done, complaints received in the period."""
    oldest: pd.DataFrame = field(default_factory=pd.DataFrame)
    """``complaint_id, agency, region, stage, due, late_workdays``: the most overdue."""

    @property
    def empty(self) -> bool:
        return self.open_total == 0 and self.received == 0


def open_waiting(store, cfg, now: float, region: str | None, scope: str | None,
                 cal: Calendar | None = None) -> list[Waiting]:
    """Every open complaint of ``region`` in ``scope`` at the stage it waits at ``now``
    (``TooManyComplaints`` past ``MAX_COMPLAINTS``)."""
    cal = cal or calendar_of(cfg)
    found = records.still_open(store, region, limit=MAX_COMPLAINTS + 1)
    if len(found) > MAX_COMPLAINTS:
        raise TooManyComplaints(f"more than {MAX_COMPLAINTS} complaints are open")
    today = cal.day(now)
    out = [waiting(c, cal, cfg.complaints, today) for c in found
           if record_in_scope(c.region, scope)]
    return [w for w in out if w is not None]


def stage_totals(items: list[Waiting]) -> pd.DataFrame:
    """``stage, waiting, overdue`` for every stage, in order."""
    return pd.DataFrame([{"stage": s, "waiting": sum(1 for w in items if w.stage == s),
                          "overdue": sum(1 for w in items if w.stage == s and w.overdue)}
                         for s in STAGES], columns=["stage", "waiting", "overdue"])


def page_view(store, cfg, start: int, end: int, now: float, region: str | None,
              scope: str | None) -> PageView:
    """What ``/aduan`` shows: the open complaints of ``region`` now (backlog, overdue by OPD
    and by region, the oldest overdue) and those received in [start, end) (on-time share
    over time, median hari kerja), only records in ``scope``."""
    cal = calendar_of(cfg)
    items = open_waiting(store, cfg, now, region, scope, cal)
    late = [w for w in items if w.overdue]
    found = records.received_between(store, start, end, region, limit=MAX_COMPLAINTS + 1)
    if len(found) > MAX_COMPLAINTS:
        raise TooManyComplaints(f"more than {MAX_COMPLAINTS} complaints were received in "
                                "the period; choose a shorter one")
    rows = [c for c in found if record_in_scope(c.region, scope)]
    area = cfg.site.region
    by_agency = Counter((w.complaint.agency, w.stage) for w in late)
    by_region = Counter(area_code(w.complaint.region, area) for w in late)
    by_region.pop(None, None)
    oldest = sorted(late, key=lambda w: (-w.late_workdays, w.due, w.complaint.received_at,
                                         w.complaint.complaint_id))[:OLDEST]
    summary = summarise(rows, cal, cfg.complaints, now)["stages"] if rows else {}
    return PageView(
        open_total=len(items), overdue_total=len(late), received=len(rows),
        backlog=stage_totals(items),
        by_agency=pd.DataFrame([{"agency": a, "stage": s, "overdue": n}
                                for (a, s), n in sorted(by_agency.items())],
                               columns=["agency", "stage", "overdue"]),
        by_region=pd.DataFrame(sorted(by_region.items()), columns=["region", "value"]),
        share=on_time_share(rows, cal, cfg.complaints, now, start, end),
        medians={s: summary[s]["median_workdays"] for s in summary},
        oldest=pd.DataFrame([{"complaint_id": w.complaint.complaint_id,
                              "agency": w.complaint.agency, "region": w.complaint.region,
                              "stage": w.stage, "due": w.due,
                              "late_workdays": w.late_workdays} for w in oldest],
                            columns=["complaint_id", "agency", "region", "stage", "due",
                                     "late_workdays"]))


def overdue_now(store, cfg, now: float, scope: str | None = None) -> pd.DataFrame:
    """``stage, waiting, overdue`` of every open complaint of the site in ``scope`` at
    ``now``: the wall's ``sla`` tile."""
    return stage_totals(open_waiting(store, cfg, now, None, scope))


def has_complaints(store) -> bool:
    """True when any complaint is stored."""
    return records.count(store) > 0
