"""The national code list and the shipped boundaries: they agree, the lookups answer, the
script in scripts/ regenerates them from a snapshot, and the site's area is enforced."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pantau.data.batch import Batch, Sample
from pantau.data.config_models import Site
from pantau.data.reference import (
    GEOJSON,
    HERE,
    KABKOTA,
    codes,
    load_geojson,
    regions,
)
from pantau.data.store import Store

ROOT = Path(__file__).resolve().parents[2]
SUKOHARJO = ["Weru", "Bulu", "Tawangsari", "Sukoharjo", "Nguter", "Bendosari", "Polokarto",
             "Mojolaban", "Grogol", "Baki", "Gatak", "Kartasura"]


def shipped() -> dict[str, list[dict]]:
    files = {GEOJSON.name: json.loads(GEOJSON.read_text(encoding="utf-8")),
             KABKOTA.name: json.loads(gzip.decompress(KABKOTA.read_bytes()))}
    for p in sorted(HERE.glob("kecamatan-*.geojson")):
        files[p.name] = json.loads(p.read_text(encoding="utf-8"))
    return {k: v["features"] for k, v in files.items()}


def test_every_shipped_polygon_has_a_code_in_the_list_and_the_same_names():
    files = shipped()
    assert {"kecamatan-52.71.geojson", "kecamatan-33.11.geojson"} <= set(files)
    checked = 0
    for fname, feats in files.items():
        for f in feats:
            p = f["properties"]
            assert codes.known(p["code"]), (fname, p["code"])
            assert p["name"] == codes.name(p["code"]), (fname, p["code"], p["name"])
            assert p["short_name"] == codes.short_name(p["code"]), (fname, p["code"])
            assert p["kind"] == codes.kind(p["code"]), (fname, p["code"])
            assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
            checked += 1
    assert checked == 10 + 514 + 117 + 12  # NTB's 117 kecamatan and Sukoharjo's 12


def test_every_kabupaten_kota_of_the_list_has_a_polygon_and_each_kecamatan_file_is_whole():
    files = shipped()
    kab = {f["properties"]["code"] for f in files[KABKOTA.name]}
    listed = {c for p in codes.children("") for c in codes.children(p)}
    assert len(codes.children("")) == 38 and kab == listed and len(kab) == 514
    parents = [name[len("kecamatan-"):-len(".geojson")] for name in files
               if name.startswith("kecamatan-")]
    assert sorted(parents) == ["33.11", *codes.children("52")]  # all of NTB, and Sukoharjo
    for parent in parents:
        have = [f["properties"]["code"] for f in files[f"kecamatan-{parent}.geojson"]]
        assert have == codes.children(parent)


def test_lookups():
    assert codes.name("33.11") == "Kabupaten Sukoharjo" and codes.name("99.99") is None
    assert [codes.name(c) for c in codes.children("33.11")] == SUKOHARJO
    assert codes.level("52") == "provinsi" and codes.level("33.11") == "kabupaten/kota"
    assert codes.level("33.11.12") == "kecamatan"
    assert codes.kind("52.71") == "kota" and codes.kind("52.06") == "kabupaten"
    desa = codes.children("33.11.12")[0]
    assert codes.level(desa) == "desa/kelurahan" and codes.kind(desa) in ("desa", "kelurahan")
    assert codes.short_name("52.72") == "Bima" and codes.short_name("31.71") == "Jakarta Pusat"
    assert codes.parent("33.11.04") == "33.11" and codes.parent("33") is None
    assert codes.within("33.11.04", "33.11") and codes.within("33.11", "33.11")
    assert not codes.within("33.1", "33.11") and not codes.within("52.71", "33.11")
    assert codes.province_zone("33.11") == "Asia/Jakarta"   # WIB
    assert codes.province_zone("52.71") == "Asia/Makassar"  # WITA
    assert codes.province_zone("91.01") == "Asia/Jayapura"  # WIT
    assert codes.province_zone("61") == "Asia/Jakarta" and codes.province_zone("63") == \
        "Asia/Makassar"
    assert codes.suggest("Sukoharjo")[0] == ("33.11", "Kabupaten Sukoharjo")
    assert codes.suggest("kab sukoharja")[0][0] == "33.11"
    assert codes.suggest("Kota Mataram")[0] == ("52.71", "Kota Mataram")


def test_regions_and_boundaries_follow_the_area():
    assert [r[0] for r in regions()] == [f["properties"]["code"]
                                         for f in load_geojson()["features"]]
    assert [r[1] for r in regions("33.11")] == SUKOHARJO
    assert [f["properties"]["name"] for f in load_geojson("33.11")["features"]] == SUKOHARJO
    jateng = load_geojson("33")["features"]
    assert len(jateng) == 35 and all(f["properties"]["code"].startswith("33.") for f in jateng)
    assert load_geojson("33.12")["features"] == []  # no kecamatan shipped for Wonogiri
    assert len(load_geojson("52.04")["features"]) == 24  # Sumbawa
    gj = load_geojson("52.71")
    gj["features"].clear()  # a copy
    assert len(load_geojson("52.71")["features"]) == 6


def test_the_site_zone_defaults_from_the_province():
    assert Site(region="33.11").timezone == "Asia/Jakarta"
    assert Site(region="94").timezone == "Asia/Jayapura"
    assert Site(region="52.71").timezone == "Asia/Makassar"
    assert Site(region="33.11", timezone="Asia/Makassar").timezone == "Asia/Makassar"


def test_check_config_names_an_unknown_region_and_the_closest(tmp_path):
    cfg = tmp_path / "c.yaml"
    for value, expected in (("Sukoharjo", '"33.11" (Kabupaten Sukoharjo)'),
                            ("33.11.04", "'33.11.04' (Sukoharjo) is a kecamatan")):
        cfg.write_text(f'site: {{region: "{value}"}}\nstore: {{url: "sqlite:///x.db"}}\n')
        res = subprocess.run([sys.executable, "-m", "pantau", "check-config", "-c", str(cfg)],
                             capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert res.returncode == 2
        out = res.stdout + res.stderr
        assert "site.region" in out and expected in out, out


def test_the_store_refuses_a_region_outside_the_site_area(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    store.upgrade()
    now = int(time.time())
    batch = Batch([Sample("m", 1.0, {"region": "33.11.12"}, now - 60),
                   Sample("m", 2.0, {"region": "33.11"}, now - 60),
                   Sample("m", 3.0, {"region": "52.71"}, now - 60),
                   Sample("m", 4.0, {"region": "33.11.99"}, now - 60),
                   Sample("m", 5.0, {"service": "x"}, now - 60)])
    res = store.write(batch, ["m"], now=now, area="33.11")
    assert res.written == 3 and res.rejected == 2
    reasons = sorted(r.reason for r in res.rejections)
    assert reasons == [
        "region '33.11.99' is not a code in the Kemendagri list",
        "region '52.71' (Kota Mataram) is outside the site's area 33.11 (Kabupaten Sukoharjo)"]
    # Without an area (a store used on its own) nothing is checked.
    assert store.write(batch, ["m"], now=now).written == 5
    store.dispose()


def test_pantau_import_refuses_a_region_outside_the_site(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"""
site: {{name: Sukoharjo, region: "33.11"}}
store: {{url: "{url}"}}
metrics:
  - {{name: visits_count, title: Kunjungan, unit: count, agg: sum}}
""")
    now = int(time.time())
    src = tmp_path / "rows.csv"
    src.write_text("metric,ts,value,region\n"
                   f"visits_count,{now - 100},1,33.11.10\n"
                   f"visits_count,{now - 100},1,52.71\n"
                   f"visits_count,{now - 100},1,33.11\n"
                   f"visits_count,{now - 100},1,33.11.1\n")
    res = subprocess.run([sys.executable, "-m", "pantau", "import", str(src), "-c", str(cfg)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "4 rows, 2 written, 2 rejected" in res.stdout
    assert (f"{src}:3: region '52.71' (Kota Mataram) is outside the site's area 33.11 "
            "(Kabupaten Sukoharjo)") in res.stderr
    assert f"{src}:5: region '33.11.1' is not a code in the Kemendagri list" in res.stderr


def _sql_row(code, name, lat, lng, rings):
    path = json.dumps([[[lat + dy, lng + dx] for dx, dy in ring] for ring in rings])
    return f"\t('{code}','{name}',{lat},{lng},'{path}'),"


@pytest.mark.parametrize("bare", [False])
def test_the_script_regenerates_the_files_from_a_snapshot(tmp_path, bare):
    wil, bnd, out = tmp_path / "wilayah", tmp_path / "bounds", tmp_path / "out"
    (wil / "db").mkdir(parents=True)
    (bnd / "db" / "kab").mkdir(parents=True)
    (bnd / "db" / "kec").mkdir(parents=True)
    out.mkdir()
    (wil / "db" / "wilayah.sql").write_text(
        "INSERT INTO wilayah (kode, nama)\nVALUES\n('99','Uji Coba'),\n"
        "('99.01','Kabupaten Ba''u'),\n('99.01.01','Satu'),\n('99.71','Kota Uji');\n")
    square = [(0, 0), (0.5, 0), (0.5, 0.5), (0.25, 0.5001), (0, 0.5), (0, 0)]
    (bnd / "db" / "kab" / "wilayah_boundaries_kab_99.sql").write_text(
        "INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES\n"
        + _sql_row("99.01", "Kabupaten Ba''u", -8.0, 116.0, [square]) + "\n"
        + _sql_row("99.71", "Kota Uji", -9.0, 117.0, [square]) + "\n")
    (bnd / "db" / "kec" / "wilayah_boundaries_kec_99.sql").write_text(
        "INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES\n"
        + _sql_row("99.01.01", "Satu", -8.0, 116.0, [square]) + "\n")
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "reference_regions.py"),
                          str(wil), str(bnd), "--kecamatan", "99.01", "--out", str(out)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    rows = gzip.decompress((out / "wilayah.csv.gz").read_bytes()).decode().splitlines()
    assert rows == ["code,name", "99,Uji Coba", "99.01,Kabupaten Ba'u", "99.01.01,Satu",
                    "99.71,Kota Uji"]
    kab = json.loads(gzip.decompress((out / "kabkota.geojson.gz").read_bytes()))
    props = [f["properties"] for f in kab["features"]]
    assert [(p["code"], p["name"], p["short_name"], p["kind"]) for p in props] == [
        ("99.01", "Kabupaten Ba'u", "Ba'u", "kabupaten"), ("99.71", "Kota Uji", "Uji", "kota")]
    ring = kab["features"][0]["geometry"]["coordinates"][0][0]
    assert ring[0] == [116.0, -8.0]  # [lng, lat], from the source's [lat, lng]
    assert [116.25, -7.5] not in ring  # the 0.0001 bump is simplified away
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))
    assert area < 0  # clockwise, as d3-geo wants the outer ring
    kec = json.loads((out / "kecamatan-99.01.geojson").read_text())
    assert [f["properties"]["name"] for f in kec["features"]] == ["Satu"]
    again = tmp_path / "again"
    again.mkdir()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "reference_regions.py"), str(wil),
                    str(bnd), "--kecamatan", "99.01", "--out", str(again)], check=True,
                   capture_output=True, timeout=120)
    for name in ("wilayah.csv.gz", "kabkota.geojson.gz", "kecamatan-99.01.geojson"):
        assert (again / name).read_bytes() == (out / name).read_bytes()  # reproducible


def test_check_config_refuses_region_targets_outside_the_site(tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text('site: {region: "33.11"}\nstore: {url: "sqlite:///x.db"}\n'
                   "metrics:\n  - {name: m, title: M, unit: count, agg: sum, per: 1d,\n"
                   '     region_targets: {"33.11.12": 3, "52.71": 5}}\n')
    res = subprocess.run([sys.executable, "-m", "pantau", "check-config", "-c", str(cfg)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 2
    assert ("metrics[0].region_targets: region '52.71' (Kota Mataram) is outside the site's "
            "area 33.11 (Kabupaten Sukoharjo)") in res.stderr
    assert "33.11.12" not in res.stderr
