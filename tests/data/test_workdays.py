"""Hari kerja (data.workdays) against an independent computation: numpy's business-day
functions fed with the 2026 holidays written out by hand from the decree."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from pantau.data.alert_models import Mute
from pantau.data.alert_mute import window_end
from pantau.data.config import parse_config
from pantau.data.workdays import Calendar, calendar_of

# Hari libur nasional and cuti bersama 2026 as decided by the SKB 3 Menteri (Menteri Agama,
# Menteri Ketenagakerjaan, Menteri PANRB) on libur nasional dan cuti bersama tahun 2026,
# typed from the decree's list, not from the holidays package; plus 1 January 2027.
SKB_2026 = [
    "2026-01-01",  # Tahun Baru 2026 Masehi
    "2026-01-16",  # Isra Mikraj Nabi Muhammad SAW
    "2026-02-16",  # cuti bersama Tahun Baru Imlek
    "2026-02-17",  # Tahun Baru Imlek 2577 Kongzili
    "2026-03-18",  # cuti bersama Hari Suci Nyepi
    "2026-03-19",  # Hari Suci Nyepi, Tahun Baru Saka 1948
    "2026-03-20",  # cuti bersama Idul Fitri 1447 H
    "2026-03-21",  # Idul Fitri 1447 H (Sabtu)
    "2026-03-22",  # Idul Fitri 1447 H hari kedua (Minggu)
    "2026-03-23",  # cuti bersama Idul Fitri
    "2026-03-24",  # cuti bersama Idul Fitri
    "2026-04-03",  # Wafat Yesus Kristus
    "2026-04-05",  # Kebangkitan Yesus Kristus (Paskah)
    "2026-05-01",  # Hari Buruh Internasional
    "2026-05-14",  # Kenaikan Yesus Kristus
    "2026-05-15",  # cuti bersama Kenaikan Yesus Kristus
    "2026-05-27",  # Idul Adha 1447 H
    "2026-05-28",  # cuti bersama Idul Adha
    "2026-05-31",  # Hari Raya Waisak 2570 BE
    "2026-06-01",  # Hari Lahir Pancasila
    "2026-06-16",  # Tahun Baru Islam 1448 H
    "2026-08-17",  # Hari Kemerdekaan RI
    "2026-08-25",  # Maulid Nabi Muhammad SAW
    "2026-12-24",  # cuti bersama Hari Raya Natal
    "2026-12-25",  # Hari Raya Natal
    "2027-01-01",  # Tahun Baru 2027 Masehi
]
LIST_ENDS = "2027-01-04"  # the list above is whole up to this day

# (a, b): Lebaran with its cuti bersama, Nyepi, Natal and the year's end, weekends at either end.
PAIRS = [
    ("2026-03-13", "2026-03-25"), ("2026-03-14", "2026-03-25"), ("2026-03-15", "2026-03-29"),
    ("2026-03-16", "2026-03-17"), ("2026-03-17", "2026-03-18"), ("2026-03-17", "2026-03-25"),
    ("2026-03-18", "2026-03-24"), ("2026-03-19", "2026-03-26"), ("2026-03-20", "2026-03-21"),
    ("2026-03-21", "2026-03-28"), ("2026-03-22", "2026-03-30"), ("2026-03-24", "2026-03-25"),
    ("2026-03-06", "2026-04-06"), ("2026-03-07", "2026-04-04"), ("2026-02-27", "2026-03-31"),
    ("2026-03-11", "2026-03-27"), ("2026-03-12", "2026-03-20"), ("2026-04-02", "2026-04-06"),
    ("2026-02-13", "2026-02-18"), ("2026-02-14", "2026-02-22"), ("2026-05-13", "2026-05-18"),
    ("2026-05-26", "2026-06-02"), ("2026-05-30", "2026-06-06"), ("2026-08-14", "2026-08-26"),
    ("2026-12-19", "2026-12-27"), ("2026-12-21", "2026-12-28"), ("2026-12-23", "2026-12-24"),
    ("2026-12-23", "2026-12-26"), ("2026-12-24", "2026-12-31"), ("2026-12-26", "2027-01-02"),
    ("2026-12-27", "2027-01-03"), ("2026-12-30", "2027-01-04"), ("2026-12-18", "2027-01-04"),
    ("2026-01-01", "2026-12-31"), ("2026-03-20", "2026-03-20"), ("2026-03-28", "2026-03-16"),
    ("2026-06-13", "2026-06-20"), ("2026-01-03", "2026-01-17"),
]
ZONE = "Asia/Makassar"


def _numpy_between(a: str, b: str) -> int:
    # Hari kerja d with a < d <= b: busday_count counts [a + 1, b + 1). Backwards, the
    # same count negated (numpy's own backward count is shifted by a day).
    if b < a:
        return -_numpy_between(b, a)
    one = np.timedelta64(1, "D")
    return int(np.busday_count(np.datetime64(a) + one, np.datetime64(b) + one,
                               holidays=SKB_2026))


def test_at_least_thirty_pairs_over_lebaran_nyepi_natal_and_weekends():
    days = {date.fromisoformat(x) for p in PAIRS for x in p}
    assert len(PAIRS) >= 30
    assert any(d.weekday() >= 5 for d in days)
    for must in ("2026-03-19", "2026-03-23", "2026-12-25"):  # Nyepi, cuti Lebaran, Natal
        assert any(a < must <= b for a, b in PAIRS)


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_between_matches_numpy_with_the_decree_list(a, b):
    cal = Calendar(ZONE)
    assert cal.between(date.fromisoformat(a), date.fromisoformat(b)) == _numpy_between(a, b)


def test_by_hand_around_lebaran():
    cal = Calendar(ZONE)
    # Tue 17 March -> Wed 25 March: 18 cuti, 19 Nyepi, 20 cuti, 21-22 Lebaran (weekend),
    # 23-24 cuti: only the 25th counts.
    assert cal.between(date(2026, 3, 17), date(2026, 3, 25)) == 1
    assert cal.add(date(2026, 3, 17), 1) == date(2026, 3, 25)
    # Friday 13 March + 3 hari kerja: Mon 16, Tue 17, Wed 25.
    assert cal.add(date(2026, 3, 13), 3) == date(2026, 3, 25)
    assert cal.holiday_name(date(2026, 3, 20)) is not None
    assert not cal.is_workday(date(2026, 12, 24))


@pytest.mark.parametrize("start", sorted({a for a, _ in PAIRS}))
def test_add_matches_numpy_offset(start):
    cal = Calendar(ZONE)
    assert cal.add(date.fromisoformat(start), 0) == date.fromisoformat(start)
    for n in (1, 3, 5, 14):
        want = np.busday_offset(np.datetime64(start), n, roll="backward", holidays=SKB_2026)
        if want > np.datetime64(LIST_ENDS):
            continue
        got = cal.add(date.fromisoformat(start), n)
        assert np.datetime64(got) == want, (start, n)
        assert cal.between(date.fromisoformat(start), got) == n


def test_a_zones_midnight_decides_the_day():
    # 16:30 UTC on Thursday 12 March 2026 is still Thursday 23:30 in WIB but already Friday
    # 00:30 in WITA; 3 hari kerja later is Tuesday 17 March in WIB, Wednesday 25 March in WITA
    # (Nyepi and Lebaran in between).
    sent = datetime(2026, 3, 12, 16, 30, tzinfo=UTC)
    assert Calendar("Asia/Jakarta").add(sent, 3) == date(2026, 3, 17)
    assert Calendar("Asia/Makassar").add(sent, 3) == date(2026, 3, 25)
    assert Calendar("Asia/Jayapura").add(sent.timestamp(), 3) == date(2026, 3, 25)
    done = datetime(2026, 3, 17, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert Calendar("Asia/Jakarta").between(sent, done) == 3
    assert Calendar("Asia/Makassar").between(sent, done) == 2


def test_config_extra_holiday_moves_a_due_date_and_mutes():
    plain = parse_config({"site": {"region": "52"}})
    extra = parse_config({"site": {"region": "52"}, "calendar": {
        "extra_holidays": [{"date": "2026-06-15", "name": "HUT Provinsi"}, "2026-06-17"],
        "extra_workdays": ["2026-12-24"]}})
    assert calendar_of(plain).add(date(2026, 6, 12), 3) == date(2026, 6, 18)
    # Fri 12 June + 3: Mon 15 (HUT), Tue 16 (1 Muharram), Wed 17 (extra) are off.
    assert calendar_of(extra).add(date(2026, 6, 12), 3) == date(2026, 6, 22)
    assert calendar_of(extra).holiday_name(date(2026, 6, 15)) == "HUT Provinsi"
    # The cancelled cuti bersama of 24 December is a working day again.
    assert calendar_of(extra).between(date(2026, 12, 23), date(2026, 12, 28)) == 2
    assert calendar_of(plain).between(date(2026, 12, 23), date(2026, 12, 28)) == 1
    # alerts.mute's holidays: true follows the same calendar.
    at = datetime(2026, 6, 15, 9, 0, tzinfo=ZoneInfo(ZONE)).timestamp()
    assert window_end(Mute(holidays=True), at, ZONE, calendar_of(plain)) is None
    end = window_end(Mute(holidays=True), at, ZONE, calendar_of(extra))
    assert end == datetime(2026, 6, 18, tzinfo=ZoneInfo(ZONE)).timestamp()


def test_config_refuses_a_non_date():
    from pantau.data.config_file import ConfigError

    with pytest.raises(ConfigError, match="calendar.extra_holidays"):
        parse_config({"calendar": {"extra_holidays": ["besok"]}})


def test_the_installed_holidays_knows_cuti_bersama_this_year_and_next():
    import holidays

    this = datetime.now(UTC).year
    for year in (this, this + 1):
        gov = holidays.country_holidays("ID", years=year, categories=("government",))
        assert len(gov) >= 3, (holidays.__version__, year)
    assert Calendar(ZONE).holidays_in(date(2026, 3, 16), date(2026, 3, 27)) == [
        (date(2026, 3, d), Calendar(ZONE).holiday_name(date(2026, 3, d)))
        for d in (18, 19, 20, 23, 24)]
