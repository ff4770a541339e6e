"""/api/v1/complaints/sla against an answer computed by hand: 50 complaints received the week
before Idul Fitri 1447 H (Saturday 14 to Friday 20 March 2026, WITA), asked on Monday 18 May
2026 at 10:00 WITA, with the default deadlines (3 hari kerja, 5 hari kerja, 60 days)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import httpx
import pytest
from pantau.data.complaints import Complaint, upsert
from pantau.data.config import parse_config

WITA = ZoneInfo("Asia/Makassar")
NOW = datetime(2026, 5, 18, 10, 0, tzinfo=WITA).timestamp()


def at(month: int, day: int, hour: int = 9, minute: int = 0, tz=WITA) -> int:
    return int(datetime(2026, month, day, hour, minute, tzinfo=tz).timestamp())


# Off days of 2026 around Lebaran (SKB 3 Menteri): 18 March cuti Nyepi, 19 Nyepi, 20 cuti
# Idul Fitri, 21-22 Idul Fitri (weekend), 23-24 cuti; 3 April Wafat Yesus Kristus.
GROUPS = [
    # G1, 10 x: Mon 16 Mar -> verified Tue 17 (1 hk; due Thu 26 Mar: on time) -> followed up
    # Tue 31 Mar (5 hk: 25,26,27,30,31; due 31 Mar: on time) -> closed Fri 10 Apr (13 hk;
    # due 15 May: on time).
    (10, "52.71", "Dinas PUPR", (3, 16), (3, 17, 10), (3, 31, 10), (4, 10, 15)),
    # G2, 10 x: Tue 17 Mar -> verified Fri 27 Mar (3 hk: 25,26,27; due 27 Mar: on time) ->
    # followed up Tue 7 Apr (6 hk: 30,31,1,2,6,7; due Mon 6 Apr, 3 Apr off: late) -> open,
    # completion due 16 May: overdue on 18 May.
    (10, "52.71", "RSUD Kota", (3, 17, 14), (3, 27, 16), (4, 7, 9), None),
    # G3, 10 x: Fri 20 Mar (cuti) -> verified Mon 30 Mar (4 hk; due Fri 27 Mar: late) -> no
    # follow-up (due Tue 7 Apr: overdue) -> open, completion due 19 May: not yet due.
    (10, "52.01", "Dinas Dukcapil", (3, 20, 8), (3, 30, 9), None, None),
    # G4, 10 x: Sat 14 Mar -> never verified (due Wed 25 Mar: 16,17,25; overdue) -> no
    # follow-up stage -> completion due 13 May: overdue.
    (10, "52.01", "Dinas Dukcapil", (3, 14, 10), None, None, None),
    # G5, 5 x: Thu 19 Mar (Nyepi) -> verified Wed 25 Mar (1 hk; due 27 Mar: on time) ->
    # followed up Wed 1 Apr (5 hk: 26,27,30,31,1; due 1 Apr: on time) -> closed the same day
    # (6 hk; on time).
    (5, "52.71", "Dinas PUPR", (3, 19, 11), (3, 25, 9), (4, 1, 10), (4, 1, 15)),
]
# G6, 5 x: received 16:30 UTC on Sunday 15 March = 00:30 WITA on Monday 16 March: a Monday
# complaint (in WIB it would be Sunday's) -> verified Thu 26 Mar 17:00 (3 hk: 17,25,26; due
# Thu 26 Mar: on time; from a Sunday it would have been due 25 Mar) -> followed up Thu 2 Apr
# (5 hk: 27,30,31,1,2; due 2 Apr: on time) -> open, completion due 15 May: overdue.
G6 = (5, "52.01", "RSUD Kota", int(datetime(2026, 3, 15, 16, 30,
                                               tzinfo=ZoneInfo("UTC")).timestamp()),
      at(3, 26, 17), at(4, 2, 10), None)

EXPECTED = {
    # verification: on time G1+G2+G5+G6 = 30, late G3 = 10, overdue G4 = 10; hk taken:
    # 1 x15 (G1, G5), 3 x15 (G2, G6), 4 x10 (G3): the 20th and 21st of 40 are 3.
    "verification": {"due": 50, "on_time": 30, "late": 10, "open_overdue": 10,
                     "median_workdays": 3},
    # followup (the 40 verified): on time G1+G5+G6 = 20, late G2 = 10, overdue G3 = 10;
    # hk taken: 5 x20, 6 x10: median 5.
    "followup": {"due": 40, "on_time": 20, "late": 10, "open_overdue": 10,
                 "median_workdays": 5},
    # completion: on time G1+G5 = 15, overdue G2+G4+G6 = 25, G3 not yet due; hk taken:
    # 6 x5, 13 x10: the 8th of 15 is 13.
    "completion": {"due": 40, "on_time": 15, "late": 0, "open_overdue": 25,
                   "median_workdays": 13},
}
# Weekday holidays from the first receipt (14 Mar) to the last due date (19 May).
HOLIDAYS = ["2026-03-18", "2026-03-19", "2026-03-20", "2026-03-23", "2026-03-24",
            "2026-04-03", "2026-05-01", "2026-05-14", "2026-05-15"]


def _t(spec):
    return None if spec is None else spec if isinstance(spec, int) else at(*spec)


def seed(store) -> None:
    rows = []
    for g, (n, region, agency, rec, ver, fol, clo) in enumerate([*GROUPS, G6], start=1):
        for i in range(n):
            rows.append(Complaint(source="lapor", complaint_id=f"G{g}-{i:02d}", region=region,
                                  agency=agency, category="Umum", received_at=_t(rec) + i,
                                  verified_at=_t(ver), followed_up_at=_t(fol),
                                  closed_at=_t(clo)))
    # Outside [from, to): 23:59 WITA on Friday 13 March and 00:00 WITA on Saturday 21 March.
    rows.append(Complaint("lapor", "OUT-1", "52.71", "Dinas PUPR", "Umum", at(3, 13, 23, 59)))
    rows.append(Complaint("lapor", "OUT-2", "52.71", "Dinas PUPR", "Umum", at(3, 21, 0, 0)))
    assert len(rows) == 52
    upsert(store, rows, now=int(NOW))


def config():
    return parse_config({"site": {"name": "Uji", "region": "52", "timezone": "Asia/Makassar"},
                         "metrics": [{"name": "lapor_count", "title": "Aduan", "agg": "sum"}]})


WINDOW = "from=2026-03-14T00:00&to=2026-03-21T00:00"


def test_sla_matches_the_hand_computed_answer(store, live_app):
    seed(store)
    base = live_app(config(), store, clock=lambda: NOW)
    r = httpx.get(f"{base}/api/v1/complaints/sla?{WINDOW}", timeout=60)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["complaints"] == 50
    assert body["stages"] == EXPECTED
    assert [h["date"] for h in body["calendar"]["holidays_used"]] == HOLIDAYS

    one = httpx.get(f"{base}/api/v1/complaints/sla?{WINDOW}&region=52.71&agency=Dinas+PUPR",
                    timeout=60).json()
    # G1 and G5: every stage done on time.
    assert one["complaints"] == 15
    assert one["stages"]["verification"] == {"due": 15, "on_time": 15, "late": 0,
                                             "open_overdue": 0, "median_workdays": 1}
    assert one["stages"]["completion"]["median_workdays"] == 13

    spec = httpx.get(f"{base}/api/v1/openapi.json", timeout=60).json()
    assert "ComplaintsSla" in spec["components"]["schemas"]
    params = {p["name"] for p in spec["paths"]["/complaints/sla"]["get"]["parameters"]}
    assert params == {"from", "to", "region", "agency"}
    bad = httpx.get(f"{base}/api/v1/complaints/sla?{WINDOW}&region=33.11", timeout=60)
    assert bad.status_code == 400 and bad.json()["parameter"] == "region"
    assert httpx.get(f"{base}/api/v1/complaints/sla?{WINDOW}&q=1",
                     timeout=60).status_code == 400


@pytest.mark.parametrize(("role", "region", "status", "count"),
                         [("viewer", None, 403, None), ("analyst", "52.71", 200, 25),
                          ("analyst", "52.01", 200, 25)])
def test_role_and_region_scope(sqlite_store, role, region, status, count):
    from pantau.dashboard.access import set_current
    from pantau.dashboard.app import create_app
    from pantau.data.access import Principal, Role

    seed(sqlite_store)
    app = create_app(config(), sqlite_store, clock=lambda: NOW)
    who = Principal(name="rina", role=Role.parse(role), region=region, kind="user")
    app.server.before_request(lambda: set_current(who))
    client = app.server.test_client()
    r = client.get(f"/api/v1/complaints/sla?{WINDOW}")
    assert r.status_code == status, r.get_data(as_text=True)
    if count is not None:
        assert r.get_json()["complaints"] == count
        other = "52.01" if region == "52.71" else "52.71"
        refused = client.get(f"/api/v1/complaints/sla?{WINDOW}&region={other}")
        assert refused.status_code == 403 and refused.get_json()["scope"] == region


def test_too_many_complaints_asks_for_a_shorter_range(sqlite_store, monkeypatch):
    from pantau.dashboard.app import create_app
    from pantau.data import complaint_sla

    seed(sqlite_store)
    monkeypatch.setattr(complaint_sla, "MAX_COMPLAINTS", 49)
    client = create_app(config(), sqlite_store, clock=lambda: NOW).server.test_client()
    r = client.get(f"/api/v1/complaints/sla?{WINDOW}")
    assert r.status_code == 400 and r.get_json()["parameter"] == "from"
    assert "more than 49 complaints" in r.get_json()["error"]
    monkeypatch.setattr(complaint_sla, "MAX_COMPLAINTS", 50)
    assert client.get(f"/api/v1/complaints/sla?{WINDOW}").status_code == 200
