"""data/reference: the boundaries shipped byte-exact with their MIT notice, codes as strings,
the published indicators as samples a store accepts."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pantau.data.batch import Batch
from pantau.data.reference import (
    GEOJSON,
    INDICATORS,
    indicator_samples,
    indicator_sources,
    indicator_ts,
    indicators,
    load_geojson,
    region_name,
    regions,
)
from support.realdata import realdata_path

CODES = ["52.01", "52.02", "52.03", "52.04", "52.05", "52.06", "52.07", "52.08", "52.71",
         "52.72"]


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


# sha256 of the shipped files, measured on ../shared/realdata's originals: a clone checks its
# copies against these, the realdata test below checks these against the originals.
GEOJSON_SHA256 = "27503e4eb2f731c6eeb6cc443c8ed126d858fec16d78f184ed48bd487b72fed6"
INDICATORS_SHA256 = "4b37c40ef707702132de13e1c34f60083fc08d7031d0fd06dada5e31d25f6f4f"


def test_shipped_files_are_unchanged():
    assert sha(GEOJSON) == GEOJSON_SHA256
    assert GEOJSON.stat().st_size == 73303
    assert sha(INDICATORS) == INDICATORS_SHA256


@pytest.mark.realdata
def test_shipped_files_are_byte_exact_copies():
    assert sha(realdata_path("ntb-kabkota.geojson")) == GEOJSON_SHA256 == sha(GEOJSON)
    assert sha(realdata_path("ntb-indicators.csv")) == INDICATORS_SHA256 == sha(INDICATORS)


def test_notice_carries_the_mit_permission_notice():
    notice = (GEOJSON.parent / "NOTICE.md").read_text(encoding="utf-8")
    assert "copyright (c) 2025 by cahya dsn; cahyadsn@gmail.com" in notice
    assert "Permission is hereby granted, free of charge" in notice
    assert "THE SOFTWARE IS PROVIDED \"AS IS\"" in notice
    assert "ntb-kabkota.geojson" in notice


def test_regions_are_the_ten_kabupaten_kota_with_string_codes():
    rs = regions()
    assert [r[0] for r in rs] == CODES
    assert all(isinstance(r[0], str) for r in rs)
    assert ("52.72", "Kota Bima", "Bima", "kota") in rs
    assert ("52.06", "Kabupaten Bima", "Bima", "kabupaten") in rs
    assert region_name("52.71") == "Kota Mataram" and region_name("52") == "Nusa Tenggara Barat"
    gj = load_geojson()
    assert [f["properties"]["code"] for f in gj["features"]] == CODES
    gj["features"].clear()  # a copy: the next caller still gets all ten
    assert len(load_geojson()["features"]) == 10


def test_indicators_keep_codes_and_sources():
    df = indicators()
    assert len(df) == 32
    assert set(df["code"]) == {"52", *CODES}
    assert df.loc[(df.indicator == "ipm") & (df.code == "52.71"), "value"].item() == 81.64
    assert df.loc[(df.indicator == "ipm") & (df.code == "52.01"), "value_text"].item() == "72.70"
    assert df["source"].str.len().min() > 20
    assert "52.72" not in set(df.loc[df.indicator == "spbe_index", "code"])
    assert any("idntimes" in s for s in indicator_sources("ipm_score"))
    assert indicator_sources("service_up") == []


def test_indicator_samples_are_stored(tmp_path):
    from pantau.data.store import Store

    store = Store(f"sqlite:///{tmp_path / 'ref.db'}", retention_days=1500)
    store.upgrade()
    samples = indicator_samples()
    assert len(samples) == 32
    ipm24 = {s.labels["region"]: s.value for s in samples
             if s.metric == "ipm_score" and s.ts == indicator_ts(2024)}
    assert len(ipm24) == 11 and ipm24["52.08"] == 68.64 and ipm24["52"] == 73.10
    assert indicator_ts(2024) == 1719763200  # 2024-07-01 00:00 WITA
    assert {s.metric for s in samples} == {"ipm_score", "spbe_index_score"}
    # Years old: kept by a store whose retention reaches back to 2022.
    res = store.write(Batch(samples), ["ipm_score", "spbe_index_score"],
                      now=indicator_ts(2024) + 86400)
    assert res.written == 32 and res.rejected == 0
    store.dispose()
