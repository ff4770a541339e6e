"""config.yaml ships the BMKG sources, metrics and screen commented out, with BMKG's real
URLs; uncommented as the README says, they validate with the ``bmkg`` kind."""

from __future__ import annotations

import re

import yaml
from support.config import ROOT, config_from


def uncommented_bmkg(text: str) -> str:
    """config.yaml with its commented BMKG blocks uncommented (as an operator would)."""
    out, active, started = [], False, False
    for line in text.splitlines():
        m = re.match(r"^(\s*)# ?(.*)$", line)
        if active and m and (started or re.match(r"^\s*- ", m.group(2))):
            started = True
            out.append(m.group(1) + m.group(2))
            continue
        if m and "BMKG" in line:
            active, started = True, False
        elif not m:
            active = False
        out.append(line)
    return "\n".join(out)


def test_commented_bmkg_examples_validate_once_uncommented():
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    assert "https://data.bmkg.go.id/DataMKG/TEWS/autogempa.json" in text
    assert "https://api.bmkg.go.id/publik/prakiraan-cuaca?adm4=" in text
    plain = config_from(yaml.safe_load(text))
    assert "bmkg" not in {s.kind for s in plain.sources}  # shipped off
    cfg = config_from(yaml.safe_load(uncommented_bmkg(text)))
    bmkg = {s.id: s.options for s in cfg.sources if s.kind == "bmkg"}
    assert {k: o.feed for k, o in bmkg.items()} == {
        "bmkg_autogempa": "autogempa", "bmkg_gempaterkini": "gempaterkini",
        "bmkg_gempadirasakan": "gempadirasakan", "bmkg_cuaca": "cuaca"}
    villages = bmkg["bmkg_cuaca"].adm4
    assert len(villages) == 10 and all(v.startswith("52.") for v in villages)
    # one village per kabupaten/kota of NTB, each a code of the national list
    from pantau.data.reference import codes, regions

    assert sorted({".".join(v.split(".")[:2]) for v in villages}) == [r[0] for r in regions("52")]
    assert all(codes.name(v) for v in villages)
    assert {m.name for m in cfg.metrics} >= {"bmkg_hujan_maks_mm", "bmkg_suhu_maks_c",
                                             "bmkg_cuaca_slot_count"}
    gempa = next(s for s in cfg.screens if s.id == "gempa")
    assert [t.view for t in gempa.tiles] == ["gempa", "cuaca"]
