"""``pantau regions import FILE.geojson`` as an operator runs it: boundaries checked against the
Kemendagri code list (unknown or mismatched codes refused with their names, nothing written),
then read by the maps of a site whose area they are below."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pantau.data.reference import load_geojson

ROOT = Path(__file__).resolve().parents[2]


def square(x: float, y: float, d: float = 0.05) -> dict:
    # counter-clockwise on purpose: the import turns outer rings clockwise
    return {"type": "Polygon", "coordinates": [[[x, y], [x + d, y], [x + d, y + d], [x, y + d],
                                                [x, y]]]}


def feature(code, name, geometry):
    return {"type": "Feature", "properties": {"kode": code, "nama": name}, "geometry": geometry}


def run(*args):
    return subprocess.run([sys.executable, "-m", "pantau", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_import_checks_against_the_code_list_then_the_maps_read_it(tmp_path):
    bounds = tmp_path / "regions"
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f'site: {{name: Wonogiri, region: "33.12", boundaries: "{bounds}"}}\n'
                   f'store: {{url: "sqlite:///{tmp_path / "w.db"}"}}\n'
                   'metrics: [{name: m, title: M, unit: count, agg: sum}]\n')
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": [
        feature("33.12.01", "Pracimantoro", square(110.8, -8.05)),
        feature("33.12.99", "Entah", square(110.9, -8.05)),
        feature("33.12.02", "Baturetno", square(110.9, -8.0)),
        feature("33.12.03", "Giriwoyo", square(-8.0, 110.9)),
        {"type": "Feature", "properties": {"name": "Tanpa kode"}, "geometry": square(111, -8)},
    ]}))
    res = run("regions", "import", str(bad), "-c", str(cfg))
    assert res.returncode == 2, res.stdout + res.stderr
    err = res.stderr
    assert "feature 2 (Entah): code '33.12.99' is not in the Kemendagri list" in err
    assert ("feature 3 (Baturetno): code '33.12.02' is 'Giritontro' in the Kemendagri list, "
            "not 'Baturetno'") in err
    assert "feature 4 (Giriwoyo): code '33.12.03' (Giriwoyo): position [-8.0, 110.9] is " \
        "outside Indonesia" in err
    assert "feature 5 (Tanpa kode): no properties.code" in err
    assert "4 problem(s); nothing imported" in err
    assert not bounds.exists()

    good = tmp_path / "good.geojson"
    good.write_text(json.dumps({"type": "FeatureCollection", "features": [
        feature("33.12.02", "GIRITONTRO", square(110.9, -8.0)),
        feature("33.12.01", "Pracimantoro", square(110.8, -8.05)),
    ]}))
    res = run("regions", "import", str(good), "-c", str(cfg))
    assert res.returncode == 0, res.stderr
    assert "2 region(s) below 33.12 (Kabupaten Wonogiri)" in res.stdout
    gj = load_geojson("33.12", bounds)
    props = [f["properties"] for f in gj["features"]]
    assert [(p["code"], p["name"], p["kind"]) for p in props] == [
        ("33.12.01", "Pracimantoro", "kecamatan"), ("33.12.02", "Giritontro", "kecamatan")]
    ring = gj["features"][0]["geometry"]["coordinates"][0][0]
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))
    assert area < 0  # clockwise
    assert load_geojson("33.12")["features"] == []  # the shipped data has none

    import pandas as pd
    from pantau.dashboard.figures.region_map import region_map
    from pantau.data.config_models import Metric
    fig = region_map(pd.DataFrame({"region": ["33.12.01"], "value": [5.0]}),
                     Metric(name="m", title="M", unit="count", agg="sum"), "id", gj)
    assert [list(t.locations) for t in fig.data if t.type == "choropleth"] == [
        ["33.12.01"], ["33.12.02"]]


def test_import_reads_a_wilayah_boundaries_sql_dump(tmp_path):
    bounds = tmp_path / "regions"
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f'site: {{region: "33.12", boundaries: "{bounds}"}}\n'
                   f'store: {{url: "sqlite:///{tmp_path / "w.db"}"}}\n'
                   'metrics: [{name: m, title: M, unit: count, agg: sum}]\n')
    ring = [[-8.05, 110.8], [-8.05, 110.85], [-8.0, 110.85], [-8.0, 110.8], [-8.05, 110.8]]
    sql = tmp_path / "kec.sql"
    sql.write_text("INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES\n"
                   f"\t('33.12.01','Pracimantoro',-8.02,110.82,'{json.dumps([ring])}'),\n"
                   f"\t('33.12.04','Salah Nama',-8.02,110.82,'{json.dumps([[ring]])}');\n")
    res = run("regions", "import", str(sql), "-c", str(cfg))
    assert res.returncode == 2
    assert "code '33.12.04' is 'Batuwarno' in the Kemendagri list, not 'Salah Nama'" in res.stderr
    sql.write_text(sql.read_text().replace("Salah Nama", "Batuwarno"))
    res = run("regions", "import", str(sql), "-c", str(cfg))
    assert res.returncode == 0, res.stderr
    feats = load_geojson("33.12", bounds)["features"]
    assert [f["properties"]["name"] for f in feats] == ["Pracimantoro", "Batuwarno"]
    assert feats[0]["geometry"]["coordinates"][0][0][0] == [110.8, -8.05]  # [lng, lat]
