"""The ``bmkg`` kind through the real runner against a local HTTP server serving the fixtures:
the latest quake in three feeds stored once (upsert by BMKG's time, the texts of each feed
kept), bad items counted as rejected with their reasons, the forecast as today's samples per
kabupaten/kota, a failing village not losing the others."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from bmkg_helpers import bmkg_config, doc, fixture
from pantau.collectors.runner import Runner
from pantau.data import quakes
from sqlalchemy import text

NOW = int(datetime(2026, 11, 30, 7, 0, tzinfo=UTC).timestamp())  # 15:00 WITA


def _run(cfg, store, source_id, now=NOW):
    runner = Runner.from_config(cfg, store, clock=lambda: now)
    try:
        return runner.run(cfg.source(source_id))
    finally:
        runner.close()


def _quake_sources(httpserver):
    for feed in ("autogempa", "gempaterkini", "gempadirasakan"):
        httpserver.expect_request(f"/TEWS/{feed}.json").respond_with_data(
            fixture(f"{feed}.json"), content_type="application/json")
    return [{"id": f"bmkg_{f}", "kind": "bmkg", "every": "5m",
             "options": {"feed": f, "url": httpserver.url_for(f"/TEWS/{f}.json")}}
            for f in ("autogempa", "gempaterkini", "gempadirasakan")]


def test_repeated_quake_stored_once_with_every_feeds_text(store, httpserver):
    cfg = bmkg_config(_quake_sources(httpserver))
    auto = _run(cfg, store, "bmkg_autogempa")
    assert (auto.status, auto.samples, auto.rejected) == ("up", 1, 0)
    terkini = _run(cfg, store, "bmkg_gempaterkini")
    assert (terkini.status, terkini.samples, terkini.rejected) == ("up", 5, 2)
    felt = _run(cfg, store, "bmkg_gempadirasakan")
    assert (felt.samples, felt.rejected) == (3, 0)
    again = _run(cfg, store, "bmkg_gempaterkini", NOW + 300)  # fetched again: no new rows
    assert again.samples == 5
    # 1 + 5 + 3 reports of 7 quakes: the main one is in all three feeds
    assert quakes.count(store) == 7
    with store.reader.connect() as conn:
        rows = conn.execute(text("SELECT event_id, felt, tsunami, shakemap, magnitude "
                                 "FROM quakes WHERE event_id = '20261130060512'")).all()
    assert len(rows) == 1
    _, felt_text, tsunami, shakemap, mag = rows[0]
    # gempaterkini has no Dirasakan and gempadirasakan no Potensi: neither erased the other
    assert felt_text == "IV Lombok Timur, III Mataram, II - III Lombok Utara"
    assert tsunami == "Tidak berpotensi tsunami"
    assert shakemap == "20261130130512.mmi.jpg" and mag == 5.2
    latest = quakes.latest(store)
    assert latest.event_id == "20261130060512" and latest.lat == -8.45
    recent = quakes.recent(store, since=NOW - 7 * 86400, min_magnitude=5.0)
    assert [q.magnitude for q in recent] == [5.2, 5.6, 6.1, 7.1, 5.0]


def test_refusal_reasons_reach_the_log(store, httpserver, caplog):
    cfg = bmkg_config(_quake_sources(httpserver))
    with caplog.at_level("WARNING"):
        _run(cfg, store, "bmkg_gempaterkini")
    text_ = caplog.text
    assert "2 sample(s) rejected" in text_ and "Coordinates is missing" in text_
    assert "Magnitude is missing" in text_


def test_store_refuses_impossible_quakes(store, httpserver):
    d = doc("gempadirasakan.json")
    d["Infogempa"]["gempa"][1]["Magnitude"] = "12.5"
    d["Infogempa"]["gempa"][2]["DateTime"] = "2026-12-30T00:00:00+00:00"  # a month ahead
    httpserver.expect_request("/felt.json").respond_with_json(d)
    cfg = bmkg_config([{"id": "felt", "kind": "bmkg", "every": "5m",
                        "options": {"feed": "gempadirasakan",
                                    "url": httpserver.url_for("/felt.json")}}])
    res = _run(cfg, store, "felt")
    assert (res.samples, res.rejected) == (1, 2)
    assert quakes.count(store) == 1


def test_not_json_is_the_runs_error(store, httpserver):
    httpserver.expect_request("/auto.json").respond_with_data("<html>maintenance</html>")
    cfg = bmkg_config([{"id": "auto", "kind": "bmkg", "every": "5m",
                        "options": {"feed": "autogempa",
                                    "url": httpserver.url_for("/auto.json")}}])
    res = _run(cfg, store, "auto")
    assert res.status != "up" and "is HTML" in res.error


def _weather_source(httpserver, codes=("52.71.01.1004", "52.01.01.2002")):
    return [{"id": "cuaca", "kind": "bmkg", "every": "3h",
             "options": {"feed": "cuaca", "adm4": list(codes),
                         "url": httpserver.url_for("/publik/prakiraan-cuaca") + "?adm4={adm4}"}}]


def _serve_forecasts(httpserver):
    for code in ("52.71.01.1004", "52.01.01.2002"):
        httpserver.expect_request("/publik/prakiraan-cuaca", query_string=f"adm4={code}") \
            .respond_with_data(fixture(f"cuaca-{code}.json"), content_type="application/json")


def _samples(store, metric):
    with store.reader.connect() as conn:
        rows = conn.execute(text(
            "SELECT s.labels, p.ts, p.value FROM samples p JOIN series s ON s.id = p.series_id "
            "WHERE s.metric = :m ORDER BY s.labels_key"), {"m": metric}).all()
    return [(json.loads(lab), ts, v) for lab, ts, v in rows]


def test_forecast_today_per_kabupaten(store, httpserver):
    _serve_forecasts(httpserver)
    cfg = bmkg_config(_weather_source(httpserver))
    res = _run(cfg, store, "cuaca")
    assert res.status == "up" and res.rejected == 0
    rain = {lab["region"]: v for lab, ts, v in _samples(store, "bmkg_hujan_maks_mm")}
    assert rain == {"52.71": 4.2, "52.01": 12.6}   # today's six slots; the null tp is skipped
    temp = {lab["region"]: v for lab, ts, v in _samples(store, "bmkg_suhu_maks_c")}
    assert temp == {"52.71": 32.0, "52.01": 30.0}
    words = {(lab["region"], lab["cuaca"]): v
             for lab, ts, v in _samples(store, "bmkg_cuaca_slot_count")}
    assert words == {("52.71", "Berawan"): 3.0, ("52.71", "Cerah Berawan"): 1.0,
                     ("52.71", "Hujan Ringan"): 1.0, ("52.71", "Hujan Sedang"): 1.0,
                     ("52.01", "Berawan"): 3.0, ("52.01", "Hujan Petir"): 1.0,
                     ("52.01", "Hujan Lebat"): 1.0, ("52.01", "Hujan Sedang"): 1.0}
    assert {ts for _, ts, _ in _samples(store, "bmkg_suhu_maks_c")} == {NOW}


def test_forecast_today_is_the_sites_date(store, httpserver):
    """At 16:30 UTC it is already 1 Dec 00:30 WITA: today is the second day of the answer."""
    _serve_forecasts(httpserver)
    cfg = bmkg_config(_weather_source(httpserver))
    later = int(datetime(2026, 11, 30, 16, 30, tzinfo=UTC).timestamp())
    _run(cfg, store, "cuaca", later)
    temp = {lab["region"]: v for lab, ts, v in _samples(store, "bmkg_suhu_maks_c")}
    assert temp == {"52.71": 31.0, "52.01": 30.0}


def test_one_village_failing_keeps_the_other(store, httpserver):
    _serve_forecasts(httpserver)
    cfg = bmkg_config(_weather_source(httpserver, ("52.71.01.1004", "52.03.01.2001")))
    res = _run(cfg, store, "cuaca")
    assert res.status != "up"
    assert res.error.startswith("1 of 2 village(s) failed: 52.03.01.2001: HTTP 500")
    assert {lab["region"] for lab, _, _ in _samples(store, "bmkg_suhu_maks_c")} == {"52.71"}


@pytest.mark.parametrize(("options", "message"), [
    ({"feed": "cuaca"}, "feed cuaca needs adm4"),
    ({"feed": "autogempa", "adm4": ["52.71.01.1004"]}, "adm4 is for feed cuaca"),
    ({"feed": "cuaca", "adm4": ["52.71"]}, "is not a village (adm4) code"),
    ({"feed": "gempa"}, "feed"),
    ({"feed": "cuaca", "adm4": ["52.71.01.1004"], "url": "https://x.example/c"},
     "must hold {adm4}"),
    ({"feed": "autogempa", "url": "ftp://x"}, "must start with"),
])
def test_bad_options_named(options, message):
    from pantau.data.config import ConfigError

    with pytest.raises(ConfigError) as exc:
        bmkg_config([{"id": "b", "kind": "bmkg", "every": "5m", "options": options}])
    assert message in str(exc.value) and "sources[0].options" in str(exc.value)
