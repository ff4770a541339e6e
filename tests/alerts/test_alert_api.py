"""/api/v1/alerts, /alerts/history and /annotations over a store the evaluator wrote (both
backends): current states firing first, history with durations, annotations of a metric;
a wall screen's role is refused, a region-scoped viewer sees its region only."""

from __future__ import annotations

import pytest
from alert_helpers import T0, world
from pantau.data.access import Principal, Role


def client(cfg, store, principal=None):
    from pantau.dashboard.access import set_current
    from pantau.dashboard.app import create_app

    app = create_app(cfg, store, clock=lambda: T0 + 90)
    if principal is not None:
        app.server.before_request(lambda: set_current(principal))
    return app.server.test_client()


def test_alerts_history_and_annotations(store):
    c = client(world(store), store)
    body = c.get("/api/v1/alerts").get_json()
    assert [(a["rule"], a["state"], a["labels"]) for a in body["alerts"]] == [
        ("lonjakan", "firing", {"region": "52.01"}),
        ("naik", "pending", {"region": "52.01"})]
    first = body["alerts"][0]
    assert first["names"] == {"region": "Kabupaten Lombok Barat"}
    assert first["starts_at"] == "2026-05-29T04:26:40+08:00" and first["value"] == 40
    assert first["acknowledged"] == {"by": "operator1", "note": "Sedang dicek",
                                     "at": "2026-05-29T04:27:50+08:00"}
    assert body["alerts"][1]["silenced"] == "operator1: uji"
    assert body["critical_firing"] == 1 and len(body["silences"]) == 1

    hist = c.get("/api/v1/alerts/history?from=2026-05-29T04:00&to=2026-05-29T05:00")
    events = hist.get_json()["events"]
    assert [(e["rule"], e["state"], e["labels"].get("region")) for e in events] == [
        ("lonjakan", "acknowledged", "52.01"), ("lonjakan", "resolved", "52.71"),
        ("lonjakan", "firing", "52.71"), ("lonjakan", "firing", "52.01")]
    assert events[1]["duration_seconds"] == 60
    assert events[1]["ends_at"] == "2026-05-29T04:27:40+08:00"

    notes = c.get("/api/v1/annotations?metric=lapor_count&from=2026-05-29T04:00"
                  "&to=2026-05-29T05:00").get_json()["annotations"]
    assert [(n["kind"], n["author"]) for n in notes] == [("alert", "pantau")] * 3 + [
        ("manual", "operator1")]
    assert notes[-1]["text"] == "Pemadaman listrik PLN di Sumbawa"
    assert c.get("/api/v1/annotations?metric=nope").status_code == 404
    assert c.get("/api/v1/alerts?x=1").get_json()["parameter"] == "x"
    spec = c.get("/api/v1/openapi.json").get_json()
    assert {"/alerts", "/alerts/history", "/annotations"} <= set(spec["paths"])


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_roles_and_region_scope(store):
    cfg = world(store)
    wall = client(cfg, store, Principal("tv-1", Role.WALL, kind="screen"))
    assert wall.get("/api/v1/alerts").status_code == 403
    assert wall.get("/api/v1/annotations").status_code == 403
    scoped = client(cfg, store, Principal("mataram", Role.VIEWER, region="52.71"))
    assert scoped.get("/api/v1/alerts").get_json()["alerts"] == []
    events = scoped.get("/api/v1/alerts/history?from=2026-05-29T04:00"
                        "&to=2026-05-29T05:00").get_json()["events"]
    assert {e["labels"]["region"] for e in events} == {"52.71"}


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_planned_events_of_config_are_annotations(store):
    from pantau.data.alert_models import Planned

    cfg = world(store)
    planned = (Planned(start="2026-05-29T04:27", end="2026-05-29T06:00",
                       text="Pemeliharaan server Diskominfotik", metric="lapor_count"),
               Planned(start="2026-05-29T04:30", text="Kunjungan gubernur", region="52.71"),
               Planned(start="2026-06-10T08:00", text="Nanti"))
    cfg = cfg.model_copy(update={"alerts": cfg.alerts.model_copy(update={"planned": planned})})
    c = client(cfg, store)
    rows = c.get("/api/v1/annotations?metric=lapor_count&from=2026-05-29T04:00"
                 "&to=2026-05-29T05:00").get_json()["annotations"]
    assert [(n["kind"], n["text"]) for n in rows if n["kind"] == "planned"] == [
        ("planned", "Pemeliharaan server Diskominfotik"), ("planned", "Kunjungan gubernur")]
    first = next(n for n in rows if n["kind"] == "planned")
    assert (first["at"], first["end"], first["author"]) == (
        "2026-05-29T04:27:00+08:00", "2026-05-29T06:00:00+08:00", "config")
    scoped = client(cfg, store, Principal("sumbawa", Role.VIEWER, region="52.04"))
    texts = [n["text"] for n in scoped.get(
        "/api/v1/annotations?from=2026-05-29T04:00&to=2026-05-29T05:00").get_json()[
        "annotations"]]
    assert "Kunjungan gubernur" not in texts and "Pemadaman listrik PLN di Sumbawa" in texts


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_the_xlsx_export_carries_the_annotations_of_its_period(store):
    import io

    import openpyxl
    from pantau.data.alert_store import Note, add_note

    cfg = world(store)
    add_note(store, Note(T0 + 85, "=HYPERLINK(\"http://x\")", "operator2", metric="lapor_count"))
    c = client(cfg, store)
    r = c.get("/api/v1/export.xlsx?metric=lapor_count&from=2026-05-29T04:00"
              "&to=2026-05-29T05:00")
    assert r.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(r.data))
    sheet = book["Anotasi"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Waktu (WITA)", "Sampai (WITA)", "Jenis", "Catatan", "Oleh"]
    assert [r[2] for r in rows[1:]] == ["alert", "alert", "alert", "manual", "manual"]
    assert rows[4][3:] == ["Pemadaman listrik PLN di Sumbawa", "operator1"]
    assert rows[5][3] == "'=HYPERLINK(\"http://x\")"  # never run as a formula
    assert str(rows[1][0]) == "2026-05-29 04:26:40"
