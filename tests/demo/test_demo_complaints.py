"""The demo's complaint stream has the shapes it promises, measured with the service-level
function the API answers with: a slow OPD, a kabupaten/kota that clears fast, the backlog of
the week before Idul Fitri; loading again updates and never duplicates."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from pantau.data import complaints
from pantau.data.complaint_sla import sla
from pantau.demo.complaints import AGENCIES, SLOW_AGENCY, fast_region, write_complaints
from pantau.demo.history import load_history

WITA = ZoneInfo("Asia/Makassar")


def _ts(*a) -> int:
    return int(datetime(*a, tzinfo=WITA).timestamp())


def _share(answer, stage="verification") -> float:
    s = answer["stages"][stage]
    return s["on_time"] / s["due"]


def test_slow_opd_fast_kabupaten_and_the_lebaran_backlog(demo_cfg, demo_store):
    now = _ts(2026, 9, 1, 12)
    start, end = _ts(2026, 1, 5), _ts(2026, 8, 1)
    n = write_complaints(demo_store, demo_cfg, start + 120 * 86400, end, 7, now)
    assert n > 3000
    whole = sla(demo_store, demo_cfg, start, end, now)
    for stage in ("verification", "followup", "completion"):
        by_agency = {a: _share(sla(demo_store, demo_cfg, start, end, now, agency=a), stage)
                     for a in AGENCIES}
        assert min(by_agency, key=by_agency.get) == SLOW_AGENCY, (stage, by_agency)
        assert by_agency[SLOW_AGENCY] < 0.7 * _share(whole, stage)
    area = demo_cfg.site.region
    fast = fast_region(area)
    from pantau.data.reference import codes

    by_region = {c: sla(demo_store, demo_cfg, start, end, now, region=c)
                 for c in codes.children(area)}
    best = max(by_region, key=lambda c: _share(by_region[c]))
    assert best == fast
    assert by_region[fast]["stages"]["verification"]["median_workdays"] <= min(
        a["stages"]["verification"]["median_workdays"] for a in by_region.values())
    # Received 13-19 March 2026, the week before Idul Fitri (20 March cuti bersama).
    week = sla(demo_store, demo_cfg, _ts(2026, 3, 13), _ts(2026, 3, 20), now)
    assert week["complaints"] > 50
    assert _share(week) < 0.5 * _share(whole)
    assert any(h["date"] == "2026-03-23" for h in week["calendar"]["holidays_used"])
    # The same window loaded again, later: same rows, more stages reached.
    before = complaints.count(demo_store)
    write_complaints(demo_store, demo_cfg, start + 120 * 86400, end, 7, now + 30 * 86400)
    assert complaints.count(demo_store) == before
    later = sla(demo_store, demo_cfg, start, end, now + 30 * 86400)
    assert later["stages"]["completion"]["on_time"] + later["stages"]["completion"]["late"] > \
        whole["stages"]["completion"]["on_time"] + whole["stages"]["completion"]["late"]


def test_load_history_writes_the_stream(demo_cfg, demo_store):
    now = _ts(2026, 12, 2, 12)
    report = load_history(demo_store, demo_cfg, now - 86400, now, now=now, articles=False)
    assert report.complaints == complaints.count(demo_store) > 1000
