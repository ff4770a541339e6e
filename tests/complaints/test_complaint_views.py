"""data.complaint_views against the hand-computed fixture of support.aduan_seed: the stage each
open complaint waits at, lewat tenggat, hari kerja late (checked against numpy's business-day
count with the SKB holidays, not the code under test), by OPD and by region, the scope rule
for records, and the day-by-day counts behind complaints_overdue_count."""

from __future__ import annotations

from datetime import date

import numpy as np
from pantau.data.complaint_views import area_code, overdue_by_day, page_view
from pantau.data.complaints import received_between
from pantau.data.workdays import Calendar
from support.aduan_seed import HOLIDAYS_2026, NOW, at, seed
from support.config import config_from

CFG = config_from({"site": {"name": "Uji", "region": "52", "timezone": "Asia/Makassar"},
                   "metrics": [{"name": "x", "title": "X"}]})


def hk_after(due: str, today: str = "2026-05-18") -> int:
    """Hari kerja after ``due`` up to ``today``, by numpy (an independent count)."""
    return int(np.busday_count(np.datetime64(due) + 1, np.datetime64(today) + 1,
                               holidays=HOLIDAYS_2026))


def test_page_view_matches_the_hand_computed_answer(store):
    seed(store)
    v = page_view(store, CFG, at(3, 1), at(5, 18, 11), NOW, None, None)
    assert (v.open_total, v.overdue_total, v.received) == (9, 6, 10)
    assert v.backlog.to_dict("records") == [
        {"stage": "verification", "waiting": 7, "overdue": 4},
        {"stage": "followup", "waiting": 1, "overdue": 1},
        {"stage": "completion", "waiting": 1, "overdue": 1}]
    assert sorted(map(tuple, v.by_agency.values.tolist())) == [
        ("Dinas Kesehatan", "completion", 1), ("Dinas Kesehatan", "followup", 1),
        ("Dinas Kominfo", "verification", 1), ("Dinas PUPR", "verification", 2),
        ("Dinas Sosial", "verification", 1)]
    # the kecamatan 52.71.01 counts for Kota Mataram; the province's own and no region: off
    # the map
    assert dict(v.by_region.values.tolist()) == {"52.01": 2, "52.71": 2}
    oldest = v.oldest.to_dict("records")
    assert [r["complaint_id"] for r in oldest] == ["C", "D", "B-0", "B-1", "E", "F"]
    assert [r["late_workdays"] for r in oldest] == [
        hk_after("2026-04-10"), hk_after("2026-05-01"), *[hk_after("2026-05-07")] * 4]
    assert [r["late_workdays"] for r in oldest] == [23, 9, 5, 5, 5, 5]
    assert [r["due"] for r in oldest[:3]] == [date(2026, 4, 10), date(2026, 5, 1),
                                              date(2026, 5, 7)]
    assert set(oldest[0]) == {"complaint_id", "agency", "region", "stage", "due",
                              "late_workdays"}
    # medians of the done stages of complaints received in the window: verification took
    # 1 (C), 1 (D), 1 (G) hari kerja; follow-up 2 (D: 4, 5 Mar), 1 (G); closing 3 (G)
    assert v.medians == {"verification": 1, "followup": 1.5, "completion": 3}


def test_a_scoped_viewer_sees_only_records_of_its_region(store):
    seed(store)
    v = page_view(store, CFG, at(3, 1), at(5, 18, 11), NOW, "52.71", "52.71")
    # A x3 (not late), B x2 (late); not E (the province's own), not F (no region), not C, D
    assert (v.open_total, v.overdue_total) == (5, 2)
    assert set(v.oldest["complaint_id"]) == {"B-0", "B-1"}
    assert dict(v.by_region.values.tolist()) == {"52.71": 2}
    # asking for the whole site with a scope still gives the scope's records only
    whole = page_view(store, CFG, at(3, 1), at(5, 18, 11), NOW, None, "52.71")
    assert (whole.open_total, whole.overdue_total) == (5, 2)


def test_overdue_by_day_follows_each_complaint_through_its_stages(store):
    seed(store)
    rows = received_between(store, at(1, 1), at(6, 1))
    cal = Calendar("Asia/Makassar")
    days = overdue_by_day(rows, cal, CFG.complaints, date(2026, 3, 1), date(2026, 5, 18))

    def on(d):
        return {(s, r, a): n for (day, s, r, a), n in days.items() if day == d}

    # 10 Apr: C's follow-up is due that day, not late yet; D waits to close until 1 May
    assert on(date(2026, 4, 10)) == {}
    assert on(date(2026, 4, 11)) == {("followup", "52.01", "Dinas Kesehatan"): 1}
    # 7 May: G was done that day; B, E, F due that day: only C
    assert on(date(2026, 5, 7)) == {("followup", "52.01", "Dinas Kesehatan"): 1,
                                    ("completion", "52.01", "Dinas Kesehatan"): 1}
    today = on(date(2026, 5, 18))
    assert today == {("followup", "52.01", "Dinas Kesehatan"): 1,
                     ("completion", "52.01", "Dinas Kesehatan"): 1,
                     ("verification", "52.71.01", "Dinas PUPR"): 2,
                     ("verification", "52", "Dinas Kominfo"): 1,
                     ("verification", None, "Dinas Sosial"): 1}
    # the same as the page's count of now
    assert sum(today.values()) == page_view(store, CFG, at(3, 1), at(5, 18, 11), NOW, None,
                                            None).overdue_total


def test_area_code_at_each_site_level():
    assert area_code("52.71.01", "52") == "52.71"
    assert area_code("52.71", "52") == "52.71"
    assert area_code("52", "52") is None and area_code(None, "52") is None
    assert area_code("51.71", "52") is None
    assert area_code("33.11.04.2001", "33.11") == "33.11.04"
    assert area_code("33.11", "33.11") is None
