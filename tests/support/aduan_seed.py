"""A small set of complaints whose page answer is computed by hand (tests/complaints): asked on
Monday 18 May 2026 at 10:00 WITA with the default deadlines (3 and 5 hari kerja, 60 days).

Off weekdays of 2026 inside the window (SKB 3 Menteri): 3 April (Wafat Yesus Kristus),
1 May (Hari Buruh), 14 May (Kenaikan Yesus Kristus), 15 May (cuti bersama).

    A x3  Mon 11 May, 52.71, Dinas PUPR: not verified; due 18 May (12, 13, 18): waiting, not late
    B x2  Mon 4 May, 52.71.01 (a kecamatan of Kota Mataram), Dinas PUPR: not verified; due
          7 May (5, 6, 7); late 8, 11, 12, 13, 18 = 5 hari kerja
    C     Wed 1 Apr, 52.01, Dinas Kesehatan: verified Thu 2 Apr, no follow-up; due 10 Apr
          (6-10; 3 Apr off); late 14 + 9 = 23 hari kerja (13-30 Apr: 14; 4-18 May: 9)
    D     Mon 2 Mar, 52.01, Dinas Kesehatan: verified 3 Mar, followed up 5 Mar, open; closing
          due 1 May (60 days); late 4-8, 11-13, 18 = 9 hari kerja
    E     Mon 4 May, "52" (the province's own OPD), Dinas Kominfo: not verified; late 5
    F     Mon 4 May, no region, Dinas Sosial: not verified; late 5
    G     Mon 4 May, 52.71, Dinas PUPR: verified 5, followed up 6, closed 7 May: done
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from pantau.data.complaints import Complaint, upsert

WITA = ZoneInfo("Asia/Makassar")
NOW = datetime(2026, 5, 18, 10, 0, tzinfo=WITA).timestamp()
HOLIDAYS_2026 = ["2026-03-18", "2026-03-19", "2026-03-20", "2026-03-23", "2026-03-24",
                 "2026-04-03", "2026-05-01", "2026-05-14", "2026-05-15"]
"""Weekday holidays and cuti bersama of March-May 2026 (SKB 3 Menteri), for numpy."""


def at(month: int, day: int, hour: int = 9) -> int:
    return int(datetime(2026, month, day, hour, 0, tzinfo=WITA).timestamp())


def rows() -> list[Complaint]:
    out = [Complaint("lapor", f"A-{i}", "52.71", "Dinas PUPR", "Jalan", at(5, 11) + i)
           for i in range(3)]
    out += [Complaint("lapor", f"B-{i}", "52.71.01", "Dinas PUPR", "Jalan", at(5, 4) + i)
            for i in range(2)]
    out.append(Complaint("lapor", "C", "52.01", "Dinas Kesehatan", "Puskesmas", at(4, 1),
                         verified_at=at(4, 2, 10)))
    out.append(Complaint("lapor", "D", "52.01", "Dinas Kesehatan", "Puskesmas", at(3, 2),
                         verified_at=at(3, 3), followed_up_at=at(3, 5)))
    out.append(Complaint("lapor", "E", "52", "Dinas Kominfo", "Internet", at(5, 4, 11)))
    out.append(Complaint("lapor", "F", None, "Dinas Sosial", "Bansos", at(5, 4, 12)))
    out.append(Complaint("lapor", "G", "52.71", "Dinas PUPR", "Jalan", at(5, 4),
                         verified_at=at(5, 5), followed_up_at=at(5, 6), closed_at=at(5, 7)))
    return out


def seed(store) -> None:
    upsert(store, rows(), now=int(NOW))
