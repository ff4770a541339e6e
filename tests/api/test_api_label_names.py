"""Issue 17, item 4: region codes read as kabupaten/kota names wherever a person reads them
(the chart's legend, the report's filter line, the screen report's bars), and API answers and
CSV keep the code with the name next to it."""

from __future__ import annotations

import csv
import io

from support.api_seed import NOW

QS = "metric=lapor_count&from=now-2d&step=6h&region=52.71&region=52.01"


def test_series_answer_names_next_to_codes(client):
    body = client.get("/api/v1/series?" + QS).get_json()
    got = {s["labels"]["region"]: s["label_names"]["region"] for s in body["series"]}
    assert got == {"52.01": "Kabupaten Lombok Barat", "52.71": "Kota Mataram"}
    text = client.get("/api/v1/series?" + QS + "&format=csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["metric", "ts", "value", "region", "region_name"]
    assert {(r[3], r[4]) for r in rows[1:]} == {("52.01", "Kabupaten Lombok Barat"),
                                                ("52.71", "Kota Mataram")}


def test_chart_and_reports_read_names(api_config, api_world_sqlite):
    from pantau.dashboard.api.charts import filter_text, report_lines, screen_report_bytes
    from pantau.dashboard.api.params import series_query
    from pantau.dashboard.app import create_app
    from pantau.dashboard.figures.explore_chart import explore_figure

    app = create_app(api_config, api_world_sqlite, clock=lambda: NOW)
    ctx = app.ctx
    args = {"metric": ["lapor_count"], "from": ["now-2d"], "region": ["52.71", "52.01"]}
    with app.server.test_request_context():
        q = series_query(ctx, args)
    lines = report_lines(ctx, q)
    assert any("Kota Mataram" in ln and "Kabupaten Lombok Barat" in ln for ln in lines), lines
    assert not any("52.71" in ln for ln in lines), lines
    assert filter_text({"opd": ["Bappeda"]}, "id", api_config) == "opd = Bappeda"
    from pantau.dashboard.api.answers import series_answer

    fig = explore_figure(series_answer(ctx, q), {m.name: m for m in api_config.metrics}, "id",
                         ctx.tz)
    assert sorted(tr.name for tr in fig.data) == ["Kabupaten Lombok Barat", "Kota Mataram"]
    # the screen report is a PDF: its bars by region are drawn from these names
    assert screen_report_bytes(ctx, api_config.screen("layanan"), "id", {})[:4] == b"%PDF"


def test_latest_answer_and_csv_name_regions(client):
    body = client.get("/api/v1/latest?metric=lapor_count&region=52.72&lang=en").get_json()
    assert [r["label_names"] for r in body["series"]] == [{"region": "Kota Bima"}]
    text = client.get("/api/v1/latest?metric=lapor_count&format=csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0])[-2:] == ["region", "region_name"]
    assert {(r["region"], r["region_name"]) for r in rows} == {
        ("52.01", "Kabupaten Lombok Barat"), ("52.71", "Kota Mataram"), ("52.72", "Kota Bima")}


def test_screen_report_lines_carry_titles_dashes_and_a_legend(api_config, api_world_sqlite):
    from pantau.dashboard.api.charts import _panel
    from pantau.dashboard.app import create_app
    from pantau.dashboard.figures.explore_report import screen_figure

    ctx = create_app(api_config, api_world_sqlite, clock=lambda: NOW).ctx
    tile = next(t for t in api_config.screen("layanan").tiles if t.view == "line")
    panel = _panel(ctx, tile, "id", NOW, {})
    # services named by data.labels: these values are no source's id, so they read as
    # themselves (titles: tests/wall/test_wall_series.py)
    assert sorted(tr["name"] for tr in panel["traces"]) == ["portal", "ppid"]
    fig = screen_figure("Site", "Layar", [], [panel], "id")
    lines = [tr for tr in fig.data if tr.type == "scatter"]
    assert len({tr.line.dash for tr in lines}) == len(lines) == 2
    assert all(tr.showlegend for tr in lines)
    assert fig.layout["legend2"].orientation == "h" and fig.layout.showlegend


def test_sources_answer_has_titles_and_one_status(client):
    body = client.get("/api/v1/sources?lang=en").get_json()
    rows = {r["id"]: r for r in body["sources"]}
    assert rows["probe_portal"]["title"] == "Province portal"
    assert rows["probe_ppid"]["title"] == "probe_ppid"          # no title in config: the id
    for r in rows.values():
        assert r["state"] == ("STALE" if r["stale"] and r["status"] not in ("DOWN", "DISABLED")
                              else r["status"])
    text = client.get("/api/v1/sources?format=csv").get_data(as_text=True)
    assert text.splitlines()[0].startswith("id,title,kind,enabled,status,state,")


def test_sources_page_lists_a_status_by_title(sqlite_store):
    import copy

    from pantau.dashboard.app import create_app
    from pantau.dashboard.pages import sources
    from pantau.data.store import RunRecord
    from support.api_seed import RAW, make_config

    raw = copy.deepcopy(RAW)
    raw["sources"][0]["title"] = {"id": "Zamrud portal", "en": "Zamrud portal"}  # probe_portal
    raw["sources"][1]["title"] = "Aduan PPID"                                    # probe_ppid
    for sid in ("probe_portal", "probe_ppid"):
        sqlite_store.record_run(RunRecord(sid, NOW - 5, NOW - 4, "up", 1, 0, None))
    ctx = create_app(make_config(raw), sqlite_store, clock=lambda: NOW).ctx
    assert list(sources.health(ctx)["source_id"]) == ["probe_ppid", "probe_portal"]
