"""Issue 22: the site decides the levels. The repository's NTB config.yaml with only
``site.region: "52.71"`` changed (Kota Mataram) drills to Mataram's six kecamatan: the region
select, the /metric page's map and table, the API's region parameter and the runner's checks,
with no code change."""

from __future__ import annotations

import json
import re
import time

from pantau.collectors.runner import Runner
from pantau.data.batch import Batch, Sample
from pantau.data.store import Store
from support.config import config_from, repo_yaml

MATARAM = ["Ampenan", "Mataram", "Cakranegara", "Sekarbela", "Selaparang", "Sandubaya"]


def _walk(component):
    if isinstance(component, list | tuple):
        for c in component:
            yield from _walk(c)
        return
    yield component
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for c in children:
            yield from _walk(c)
    elif children is not None and hasattr(children, "children"):
        yield from _walk(children)


def mataram_config(tmp_path):
    raw = repo_yaml("config.yaml")
    raw["site"]["region"] = "52.71"
    raw["site"].pop("timezone", None)  # from the province: WITA
    raw["store"]["url"] = f"sqlite:///{tmp_path / 'm.db'}"
    return config_from(raw)


def test_kota_mataram_drills_to_its_kecamatan(tmp_path):
    from pantau.dashboard.api.params import ApiError, region
    from pantau.dashboard.app import create_app
    from pantau.dashboard.components.regions import region_options
    from pantau.dashboard.pages.metric import body

    cfg = mataram_config(tmp_path)
    assert cfg.site.timezone == "Asia/Makassar"
    store = Store(cfg.store.url, retention_days=cfg.store.retention_days)
    store.upgrade()
    metric = next(m for m in cfg.metrics if m.name == "lapor_complaints_received_count")
    now = int(time.time())
    samples = [Sample(metric.name, float(10 + i), {"region": f"52.71.0{i}"}, now - 3600)
               for i in range(1, 7)]
    samples.append(Sample(metric.name, 5.0, {"region": "52.01"}, now - 3600))  # outside
    res = Runner.from_config(cfg, store)._write(Batch(samples), now)
    assert res.written == 6 and res.rejected == 1
    assert "outside the site's area 52.71 (Kota Mataram)" in res.rejections[0].reason

    opts = region_options(cfg.site.region, "id")
    assert opts[0] == {"label": "Seluruh kota", "value": "52.71"}
    assert [o["label"] for o in opts[1:]] == MATARAM

    app = create_app(cfg, store)
    page = body(app.ctx, metric, "7d", "52.71.03", "id")
    parts = list(_walk(page))
    graph = next(c for c in parts if getattr(c, "id", None) == "metric-map")
    located = [loc for trace in graph.figure.data if trace.type == "choropleth"
               for loc in trace.locations]
    assert sorted(located) == [f"52.71.0{i}" for i in range(1, 7)]
    names = next(t for t in graph.figure.data if t.type == "scattergeo").text
    assert list(names) == MATARAM
    table = next(c for c in parts if getattr(c, "id", None) == "metric-region-table")
    cells = [c.children for c in _walk(table) if type(c).__name__ == "Td"]
    assert cells[:3] == ["Ampenan", "52.71.01", "11"]
    assert [c for c in parts if type(c).__name__ == "Tr"
            and getattr(c, "className", None) == "table-active"]  # Cakranegara picked

    with app.server.test_request_context():
        assert region(app.ctx, {"region": ["52.71.06"]}) == "52.71.06"
        try:
            region(app.ctx, {"region": ["52.01"]})
        except ApiError as exc:
            assert "kecamatan" in str(exc)
        else:
            raise AssertionError("52.01 is not inside Kota Mataram")
    store.dispose()


def test_a_level_without_boundaries_says_so(tmp_path):
    """Kabupaten Wonogiri (33.12): the code list knows its kecamatan, no polygons ship for them.
    The select and table list them; the maps say how to load boundaries instead of failing."""
    import pandas as pd
    from pantau.dashboard.app import create_app
    from pantau.dashboard.components.regions import region_options
    from pantau.dashboard.figures.wall_map import wall_map
    from pantau.dashboard.pages.metric import body
    from pantau.data.reference import load_geojson

    raw = repo_yaml("config.yaml")
    raw["site"].update(region="33.12", boundaries=str(tmp_path / "none"))
    raw["site"].pop("timezone", None)
    raw["store"]["url"] = f"sqlite:///{tmp_path / 'w.db'}"
    cfg = config_from(raw)
    assert cfg.site.timezone == "Asia/Jakarta"
    assert len(region_options("33.12", "id")) == 1 + 25
    store = Store(cfg.store.url)
    store.upgrade()
    metric = next(m for m in cfg.metrics if m.name == "lapor_complaints_received_count")
    now = int(time.time())
    res = Runner.from_config(cfg, store)._write(Batch(
        [Sample(metric.name, 4.0, {"region": "33.12.10"}, now - 60)]), now)
    assert res.written == 1
    page = body(create_app(cfg, store).ctx, metric, "7d", "33.12", "id")
    graph = next(c for c in _walk(page) if getattr(c, "id", None) == "metric-map")
    assert "pantau regions import" in graph.figure.layout.annotations[0].text
    table = next(c for c in _walk(page) if getattr(c, "id", None) == "metric-region-table")
    assert "Manyaran" in [c.children for c in _walk(table) if type(c).__name__ == "Td"]
    fig = wall_map(pd.DataFrame({"group": ["33.12.10"], "value": [4.0]}), metric, "en",
                   load_geojson("33.12", cfg.site.boundaries))
    assert fig.layout.annotations[0].text.startswith("No boundaries for this level yet")
    store.dispose()


KARTASURA_DESA = {"33.11.12.1002": ("Kartasura", 3.0), "33.11.12.2001": ("Pucangan", 4.0),
                  "33.11.12.2003": ("Ngemplak", 2.0)}
WERU_DESA = {"33.11.01.2001": ("Grogol", 5.0), "33.11.01.2002": ("Karangtengah", 6.0)}


def _square(lon, lat, d=0.01):
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + d, lat], [lon + d, lat + d],
                                                [lon, lat + d], [lon, lat]]]}


def test_a_kabupaten_drills_to_desa_where_data_has_them(tmp_path):
    """Sukoharjo with complaints per kecamatan (Kartasura 10 of its own) and per desa
    (Kartasura's three, Weru's two, Weru without a figure of its own): the kecamatan map and
    table count Weru's desa in Weru and not Kartasura's twice; the page filtered to a
    kecamatan lists its desa by name (bars and a table without desa boundaries; a map once
    ``pantau regions import`` has loaded them); the total says "Seluruh kabupaten"."""
    from pantau.dashboard.app import create_app
    from pantau.dashboard.pages.metric import body
    from pantau.data.reference.imports import check_geojson, save

    raw = repo_yaml("examples/sukoharjo.yaml")
    raw["store"]["url"] = f"sqlite:///{tmp_path / 's.db'}"
    raw["site"]["boundaries"] = str(tmp_path / "regions")
    cfg = config_from(raw)
    store = Store(cfg.store.url, retention_days=cfg.store.retention_days)
    store.upgrade()
    metric = next(m for m in cfg.metrics if m.name == "lapor_complaints_received_count")
    now = int(time.time())
    rows = [("33.11.12", 10.0), ("33.11.02", 7.0)] + \
        [(c, v) for c, (_n, v) in {**KARTASURA_DESA, **WERU_DESA}.items()]
    res = Runner.from_config(cfg, store)._write(Batch(
        [Sample(metric.name, v, {"region": c}, now - 3600) for c, v in rows] +
        [Sample(metric.name, 1.0, {"region": "33.12.01.2001"}, now - 3600)]), now)  # Wonogiri
    assert res.written == len(rows) and res.rejected == 1
    app = create_app(cfg, store)

    def cells(page, table_id):
        table = next(c for c in _walk(page) if getattr(c, "id", None) == table_id)
        return [[td.children for td in row.children] for row in _walk(table)
                if type(row).__name__ == "Tr" and type(row.children[0]).__name__ == "Td"]

    whole = body(app.ctx, metric, "7d", "33.11", "id")
    by_kec = {row[1]: row[2] for row in cells(whole, "metric-region-table")}
    assert by_kec["33.11.12"] == "10" and by_kec["33.11.01"] == "11" and by_kec["33.11.02"] == "7"
    assert by_kec["33.11.03"] == "–"  # Tawangsari: no data
    summary = next(c for c in _walk(whole) if getattr(c, "id", None) == "metric-summary")
    assert "28" in str(summary)  # 10 + 11 + 7: Kartasura's desa are not added again
    assert not any(getattr(c, "id", None) == "metric-below-panel" for c in _walk(whole))

    kartasura = body(app.ctx, metric, "7d", "33.11.12", "id")
    assert cells(kartasura, "metric-below-table") == [
        [n, c, f"{v:.0f}"] for c, (n, v) in KARTASURA_DESA.items()]
    panel = next(c for c in _walk(kartasura) if getattr(c, "id", None) == "metric-below-panel")
    assert "Per desa/kelurahan di Kecamatan Kartasura" in str(panel)
    hint = next(c for c in _walk(panel) if getattr(c, "className", None) == "metric-hint")
    assert hint.children.startswith("3 dari 12 wilayah mempunyai data.")
    assert "pantau regions import" in hint.children
    bars = next(c for c in _walk(kartasura) if getattr(c, "id", None) == "metric-below-bars")
    assert sorted(bars.figure.data[0].y) == sorted(n for n, _v in KARTASURA_DESA.values())
    from pantau.dashboard.pages.overview import cards

    with app.server.test_request_context():
        ov = cards(app.ctx, "7d", "33.11.12", None, "id")  # / filtered to Kartasura
        assert not any(getattr(c, "id", None) == "ov-below" for c in _walk(cards(
            app.ctx, "7d", "33.11", None, "id")))
    section = next(c for c in _walk(ov) if getattr(c, "id", None) == "ov-below")
    assert "Per desa/kelurahan di Kecamatan Kartasura" in _text(section)
    ov_rows = cells(section, "ov-below-table")
    assert ov_rows == [[n, f"{v:.0f}"] for _c, (n, v) in KARTASURA_DESA.items()]
    link = next(c for c in _walk(section) if type(c).__name__ == "Link")
    assert link.href == f"/metric/{metric.name}?region=33.11.12"
    bulu = body(app.ctx, metric, "7d", "33.11.02", "id")  # no desa data: no such panel
    assert not any(getattr(c, "id", None) == "metric-below-panel" for c in _walk(bulu))

    from pantau.dashboard.report.pages import _region_rows
    from pantau.dashboard.wall.tiledata import tile_data
    from pantau.data.config_models import Tile

    header, report_rows, _cols, _values = _region_rows(app.ctx, [metric], now - 86400,
                                                       now + 3600, None, "id")
    assert header[0] == "Kecamatan"  # the page report's table: kecamatan, desa counted in
    assert dict((r[0], r[1]) for r in report_rows) == {**{n: "–" for n in (
        "Tawangsari", "Sukoharjo", "Nguter", "Bendosari", "Polokarto", "Mojolaban", "Grogol",
        "Baki", "Gatak")}, "Weru": "11", "Bulu": "7", "Kartasura": "10"}

    on_wall = tile_data(app.ctx, Tile(view="map", metric=metric.name, period=86400), now)
    assert dict(zip(on_wall.frame["group"], on_wall.frame["value"], strict=True)) == {
        "33.11.12": 10, "33.11.01": 11, "33.11.02": 7}
    lines = tile_data(app.ctx, Tile(view="line", metric=metric.name, period=86400,
                                    by="region"), now)
    assert lines.frame.groupby("group")["value"].sum().to_dict() == {
        "33.11.01": 11, "33.11.02": 7, "33.11.12": 10}

    checked = check_geojson({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": c, "name": n},
         "geometry": _square(110.75 + i * 0.01, -7.56)}
        for i, (c, (n, _v)) in enumerate(KARTASURA_DESA.items())]})
    assert not checked.problems
    save(checked, cfg.site.boundaries)
    mapped = body(app.ctx, metric, "7d", "33.11.12", "id")
    graph = next(c for c in _walk(mapped) if getattr(c, "id", None) == "metric-below-map")
    located = {loc: z for trace in graph.figure.data if trace.type == "choropleth"
               for loc, z in zip(trace.locations, trace.z, strict=True)}
    assert located == {c: v for c, (_n, v) in KARTASURA_DESA.items()}
    store.dispose()


PROVINCE_WORDS = re.compile(r"provinsi|province|kabupaten/kota|regency/city", re.I)


def _text(component) -> str:
    import plotly.utils

    return json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


def test_a_kabupaten_site_never_speaks_of_a_province(tmp_path):
    """Every page of Sukoharjo (its total, a kecamatan, each metric's drill-down, the wall, the
    explorer, alerts, sources) in both languages, the API's 403 for a scoped asker and the
    explorer's sentence for it: no "provinsi", "province" or "kabupaten/kota" anywhere; the
    total is the kabupaten's. The same sentences on NTB say "total provinsi"."""
    from pantau.dashboard.api.params import ApiError, region, scope_error
    from pantau.dashboard.app import create_app
    from pantau.dashboard.pages import alerts, explore, metric, overview, sources, wall
    from pantau.dashboard.pages._explore_fit import error_text

    raw = repo_yaml("examples/sukoharjo.yaml")
    raw["store"]["url"] = f"sqlite:///{tmp_path / 's.db'}"
    cfg = config_from(raw)
    store = Store(cfg.store.url, retention_days=cfg.store.retention_days)
    store.upgrade()
    now = int(time.time())
    samples = [Sample(m.name, 3.0, {"region": "33.11.12.2001"}, now - 3600)
               for m in cfg.metrics if m.name.startswith("lapor_")]
    samples += [Sample("service_up", 1.0, {"service": "portal_sukoharjo"}, now - 3600)]
    assert Runner.from_config(cfg, store)._write(Batch(samples), now).rejected == 0
    app = create_app(cfg, store)
    ctx = app.ctx
    with app.server.test_request_context():
        for lang in ("id", "en"):
            pages = [overview.layout(ctx, lang, {}, "/"),
                     overview.layout(ctx, lang, {"region": "33.11.12"}, "/"),
                     wall.layout(ctx, lang, {}, "/wall"),
                     explore.layout(ctx, lang, {}, "/explore"),
                     alerts.layout(ctx, lang, {}, "/alerts"),
                     sources.layout(ctx, lang, {}, "/sources")]
            pages += [metric.layout(ctx, lang, {"region": r}, f"/metric/{m.name}")
                      for m in cfg.metrics for r in ("33.11", "33.11.12")]
            for page in pages:
                found = PROVINCE_WORDS.findall(_text(page))
                assert not found, (lang, found)
        assert "Angka tingkat kabupaten" in _text(
            overview.layout(ctx, "id", {"region": "33.11.12"}, "/"))  # service_up: no region
        assert region(ctx, {"region": ["33.11.12.2001"]}) == "33.11.12.2001"  # a desa
        try:
            region(ctx, {"region": ["33.12.01.2001"]})
        except ApiError as exc:
            assert "not 33.11 or one of its kecamatan codes" in exc.message
        else:
            raise AssertionError("a desa of Wonogiri is not inside Sukoharjo")
        err = scope_error("33.11.01", "33.11.12", "region", "33.11")
        assert err.body()["detail"].endswith("you may read 33.11.12 and the regency total "
                                             "(33.11)")
        said = error_text(err, "id")
        assert "Kartasura dan total kabupaten" in said and not PROVINCE_WORDS.search(said)
        assert "total provinsi" in error_text(scope_error("52.01", "52.71", "region", "52"),
                                              "id")
        client = app.server.test_client()
        answer = client.get("/api/v1/kpi?metric=lapor_complaints_received_count&period=7d"
                            "&region=33.11.12").get_json()
        assert answer["value"] == 3 and answer["site_wide"] is False
        assert not PROVINCE_WORDS.search(json.dumps(
            {k: v for k, v in answer.items() if k != "province_wide"}))
    store.dispose()


def test_the_wall_map_places_labels_for_the_pixels_its_tile_gets():
    """NTB's map shares its column with a chart under the key figures: a flat plot; Sukoharjo's
    has the column to itself: about 1160 x 727 stage pixels. The label placer works in these
    (a fixed flat hint let Kartasura's label cover Baki's on Sukoharjo's wall)."""
    from pantau.dashboard.wall.arrange import plot_size

    ntb = config_from(repo_yaml("config.yaml"))
    skh = config_from(repo_yaml("examples/sukoharjo.yaml"))

    def sizes(cfg):
        return [plot_size(s.tiles, i) for s in cfg.screens for i, tile in enumerate(s.tiles)
                if tile.view == "map"]

    assert sizes(ntb) == [(1160, 289)] * len(sizes(ntb)) and sizes(ntb)
    assert sizes(skh) == [(1160, 727)]
