"""BMKG's formats read exactly, on the project's fixtures of the real formats: numbers sent
as strings, coordinates with a comma, WIB text beside the UTC DateTime, missing fields, a
bad item refused with its reason while the others are kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bmkg_helpers import doc
from pantau.collectors.bmkg_parse import (
    Refused,
    coordinates,
    number,
    parse_forecast,
    parse_quakes,
    tanggal_jam,
    utc_iso,
)

MAIN_TS = int(datetime(2026, 11, 30, 6, 5, 12, tzinfo=UTC).timestamp())


def test_autogempa_one_object_every_field():
    quakes, refused = parse_quakes(doc("autogempa.json"), "autogempa")
    assert refused == []
    (q,) = quakes
    assert q.ts == MAIN_TS  # "2026-11-30T06:05:12+00:00"; Jam says 13:05:12 WIB: the same time
    assert (q.magnitude, q.depth_km, q.lat, q.lon) == (5.2, 10.0, -8.45, 116.20)
    assert q.region == "Pusat gempa berada di darat 12 km BaratLaut Lombok Timur"
    assert q.felt == "IV Lombok Timur, III Mataram, II - III Lombok Utara"
    assert q.tsunami == "Tidak berpotensi tsunami"
    assert q.shakemap == "20261130130512.mmi.jpg"


def test_wib_text_and_utc_datetime_agree_on_every_fixture_item():
    for name in ("autogempa.json", "gempaterkini.json", "gempadirasakan.json"):
        items = doc(name)["Infogempa"]["gempa"]
        for item in [items] if isinstance(items, dict) else items:
            assert tanggal_jam(item["Tanggal"], item["Jam"]) == utc_iso(item["DateTime"])


def test_gempaterkini_bad_items_refused_with_reasons_others_kept():
    quakes, refused = parse_quakes(doc("gempaterkini.json"), "gempaterkini")
    assert len(quakes) == 5
    assert refused == ["item 6 (2026-11-24T01:00:00+00:00): Coordinates is missing",
                       "item 7 (2026-11-23T02:00:00+00:00): Magnitude is missing"]
    poso = quakes[4]
    assert poso.tsunami is None and poso.felt is None  # no Potensi, no Dirasakan: kept
    dompu = quakes[3]
    assert dompu.magnitude == 7.1 and dompu.depth_km == 25.0
    assert dompu.tsunami.startswith("Berpotensi tsunami")
    # 2026-11-28T17:15:48Z is 29 Nov 00:15:48 WIB: the UTC field decides, not the WIB date
    assert quakes[2].ts == int(datetime(2026, 11, 28, 17, 15, 48, tzinfo=UTC).timestamp())


def test_gempadirasakan_has_felt_text_no_potensi():
    quakes, refused = parse_quakes(doc("gempadirasakan.json"), "gempadirasakan")
    assert refused == [] and len(quakes) == 3
    assert quakes[0].ts == MAIN_TS and quakes[0].tsunami is None
    assert quakes[1].felt == "II Lombok Barat, II Mataram"


@pytest.mark.parametrize(("text", "want"), [
    ("5.2", 5.2), ("5,2", 5.2), ("10 km", 10.0), ("10km", 10.0), (" 163 Km ", 163.0),
    (4.4, 4.4), ("-8.45", -8.45)])
def test_numbers_as_strings(text, want):
    assert number(text, "x") == want


@pytest.mark.parametrize("text", ["", None, "lima", "5.2 SR", "nan", "1e999"])
def test_not_numbers_refused(text):
    with pytest.raises(Refused):
        number(text, "Magnitude")


def test_coordinates_comma_between_lat_and_lon():
    assert coordinates("-8.45,116.20") == (-8.45, 116.20)
    assert coordinates(" 1.20 , 126.50 ") == (1.20, 126.50)
    for bad in ("", "-8.45", "-8.45;116.2", "-8,45,116,20"):
        with pytest.raises(Refused):
            coordinates(bad)


def test_times_exact_in_every_zone_named():
    wib = tanggal_jam("30 Nov 2026", "13:05:12 WIB")
    assert wib == MAIN_TS
    assert tanggal_jam("30 Nov 2026", "14:05:12 WITA") == MAIN_TS
    assert tanggal_jam("30 Nov 2026", "15:05:12 WIT") == MAIN_TS
    assert tanggal_jam("01 Agu 2026", "00:30:00 WIB") == int(
        datetime(2026, 7, 31, 17, 30, tzinfo=UTC).timestamp())
    assert utc_iso("2026-11-30T06:05:12+00:00") == MAIN_TS
    assert utc_iso("2026-11-30T06:05:12") == MAIN_TS  # no offset: UTC, as documented
    assert utc_iso("2026-11-30T13:05:12+07:00") == MAIN_TS
    for bad in ("30 Nov 2026", "kemarin"):
        with pytest.raises(Refused):
            utc_iso(bad) if bad == "kemarin" else tanggal_jam(bad, "25:00:00 WIB")


def test_item_without_datetime_read_from_wib_text_and_lintang_bujur():
    item = {"Tanggal": "30 Nov 2026", "Jam": "13:05:12 WIB", "Lintang": "8,45 LS",
            "Bujur": "116,20 BT", "Magnitude": "5,2", "Kedalaman": "10 Km",
            "Wilayah": "  Pusat   gempa di darat ", "Potensi": "-"}
    quakes, refused = parse_quakes({"Infogempa": {"gempa": [item]}}, "gempaterkini")
    assert refused == []
    q = quakes[0]
    assert (q.ts, q.lat, q.lon, q.magnitude, q.depth_km) == (MAIN_TS, -8.45, 116.2, 5.2, 10.0)
    assert q.region == "Pusat gempa di darat" and q.tsunami is None


def test_not_a_tews_document():
    for bad in ({}, [], {"Infogempa": {}}, {"Infogempa": {"gempa": "x"}}):
        with pytest.raises(ValueError):
            parse_quakes(bad, "autogempa")
    quakes, refused = parse_quakes({"Infogempa": {"gempa": ["x", {"DateTime": "kemarin"}]}},
                                   "gempaterkini")
    assert quakes == [] and refused[0] == "item 1: item is not an object"
    assert "DateTime 'kemarin' is not an ISO 8601 time" in refused[1]


def test_forecast_slots_utc_and_local_agree():
    d = doc("cuaca-52.71.01.1004.json")
    slots, refused = parse_forecast(d)
    assert refused == [] and len(slots) == 22
    first = d["data"][0]["cuaca"][0][0]
    assert first["local_datetime"] == "2026-11-30 08:00:00"  # WITA, the village's zone
    assert slots[0].ts == int(datetime(2026, 11, 30, 0, 0, tzinfo=UTC).timestamp())
    assert slots[0].kabkota == "52.71" and slots[0].adm4 == "52.71.01.1004"
    assert slots[2].weather == "Hujan Sedang" and slots[2].rain_mm == 4.2


def test_forecast_null_rain_kept_as_unknown():
    slots, refused = parse_forecast(doc("cuaca-52.01.01.2002.json"))
    assert refused == []
    assert slots[2].weather == "Hujan Lebat" and slots[2].rain_mm is None
    assert slots[1].weather == "Hujan Petir" and slots[1].rain_mm == 12.6


def test_forecast_bad_slot_refused_others_kept():
    d = doc("cuaca-52.71.01.1004.json")
    d["data"][0]["cuaca"][0][1]["utc_datetime"] = "30/11/2026 03:00"
    d["data"][0]["cuaca"][0][3]["tp"] = "-1"
    slots, refused = parse_forecast(d)
    assert len(slots) == 20 and len(refused) == 2
    assert "utc_datetime '30/11/2026 03:00' is not 'YYYY-MM-DD hh:mm:ss'" in refused[0]
    assert "tp -1 is negative" in refused[1]
    with pytest.raises(ValueError):
        parse_forecast({"lokasi": {}, "data": []})


def test_distance_and_centre_in_one_place():
    """data.reference.geo: the haversine on known distances, the centroid of a square with
    a hole, the centre of NTB inside its bounds."""
    from pantau.data.reference.geo import area_centre, distance_km, polygons_centre

    assert distance_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.01)  # 1 deg on the equator
    assert distance_km(-8.45, 116.20, -8.45, 116.20) == 0
    # Mataram (-8.58, 116.12) to Bima (-8.46, 118.73): about 287 km
    assert distance_km(-8.58, 116.12, -8.46, 118.73) == pytest.approx(287.3, abs=0.5)
    ring = [[0, 0], [0, 2], [2, 2], [2, 0], [0, 0]]
    hole = [[1, 1], [1.5, 1], [1.5, 1.5], [1, 1.5], [1, 1]]
    square = {"geometry": {"type": "Polygon", "coordinates": [ring]}}
    assert polygons_centre([square]) == pytest.approx((1.0, 1.0))
    holed = {"geometry": {"type": "Polygon", "coordinates": [ring, hole]}}
    cx, cy = polygons_centre([holed])
    assert cx < 1.0 and cy < 1.0  # the hole in the upper right pulls the centre away
    lon, lat = area_centre("52")
    assert 115.8 < lon < 119.3 and -9.2 < lat < -8.0
    assert polygons_centre([]) is None
