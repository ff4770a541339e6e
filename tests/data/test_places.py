"""Issue 22, the desa/kelurahan level: a kabupaten site whose metrics have series per kecamatan
and per desa. One rule (``data.places``): a place is its own series when the metric has one,
else the places inside it. The numbers below are worked out by hand from the samples written,
never through the code under test."""

from __future__ import annotations

import time

import pytest
from pantau.data.batch import Batch, Sample
from pantau.data.config_models import Metric
from pantau.data.places import counted, parts
from pantau.data.reference import codes
from pantau.data.shows import region_totals, what_metric_shows
from pantau.data.store import Store

AREA = "33.11"                      # Kabupaten Sukoharjo
WERU, BULU, KARTASURA = "33.11.01", "33.11.02", "33.11.12"
WERU_DESA = ["33.11.01.2001", "33.11.01.2002"]          # Grogol, Karangtengah (in Weru)
KARTASURA_DESA = ["33.11.12.1002", "33.11.12.2001"]     # Kartasura, Pucangan


def test_the_rule_on_codes():
    values = [KARTASURA, *KARTASURA_DESA, *WERU_DESA, BULU]
    assert parts(values, KARTASURA) == [KARTASURA]       # its own figure wins
    assert parts(values, WERU) == WERU_DESA               # no figure of its own: its desa
    assert parts(values, "33.11.03") == []                # nothing there
    assert parts(values, AREA) == [*WERU_DESA, BULU, KARTASURA]
    assert parts([AREA, *values], AREA) == [AREA]         # a published kabupaten figure
    assert counted(values, AREA) == {WERU_DESA[0]: WERU, WERU_DESA[1]: WERU, BULU: BULU,
                                     KARTASURA: KARTASURA}
    assert counted(values, KARTASURA) == {d: d for d in KARTASURA_DESA}
    assert counted([*values, "33.12.01", "52.71"], AREA) == counted(values, AREA)
    assert codes.below("33.11.12.2001", AREA) == KARTASURA
    assert codes.below(KARTASURA, AREA) == KARTASURA
    assert codes.below(AREA, AREA) is None and codes.below("33.12.01", AREA) is None
    assert codes.below("33.11.12.2001", KARTASURA) == "33.11.12.2001"


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'desa.db'}")
    s.upgrade()
    yield s
    s.dispose()


COUNT = Metric(name="aduan_count", title="Aduan", unit="count", agg="sum")
RATIO = Metric(name="selesai_ratio", title="Selesai", unit="ratio", agg="last")


def _write(store, now):
    at = now - 7200
    rows = [  # complaints: Kartasura 10 of its own, its desa 3 + 4 (not added to it);
        # Weru none of its own, its desa 5 + 6; Bulu 7 of its own
        (COUNT, KARTASURA, 10.0), (COUNT, KARTASURA_DESA[0], 3.0),
        (COUNT, KARTASURA_DESA[1], 4.0), (COUNT, WERU_DESA[0], 5.0), (COUNT, WERU_DESA[1], 6.0),
        (COUNT, BULU, 7.0),
        # a ratio: Weru only by its desa (0.5, 0.9), Bulu its own 0.8
        (RATIO, WERU_DESA[0], 0.5), (RATIO, WERU_DESA[1], 0.9), (RATIO, BULU, 0.8)]
    res = store.write(Batch([Sample(m.name, v, {"region": r}, at) for m, r, v in rows]),
                      [COUNT.name, RATIO.name], now=now, area=AREA)
    assert res.written == len(rows) and res.rejected == 0


def test_desa_codes_inside_the_site_are_accepted_others_refused(store):
    now = int(time.time())
    res = store.write(Batch([
        Sample("m", 1.0, {"region": "33.11.12.2001"}, now - 60),    # Pucangan, Kartasura
        Sample("m", 1.0, {"region": "33.12.01.2001"}, now - 60),    # a desa of Wonogiri
        Sample("m", 1.0, {"region": "33.11.12.2999"}, now - 60)]),  # no such desa
        ["m"], now=now, area=AREA)
    assert res.written == 1 and res.rejected == 2
    reasons = sorted(r.reason for r in res.rejections)
    assert reasons[0].startswith("region '33.11.12.2999' is not a code in the Kemendagri list")
    assert "'33.12.01.2001'" in reasons[1] and "outside the site's area 33.11" in reasons[1]


def test_no_place_is_counted_twice(store):
    now = int(time.time())
    _write(store, now)
    lo, hi = now - 86400, now + 3600

    def shows(metric, region=None):
        return what_metric_shows(store, metric, lo, hi, region, AREA).value

    assert shows(COUNT) == 10 + 5 + 6 + 7                 # not + 3 + 4
    assert shows(COUNT, KARTASURA) == 10
    assert shows(COUNT, WERU) == 11
    assert shows(COUNT, BULU) == 7
    assert shows(COUNT, "33.11.03") is None
    assert shows(RATIO, WERU) == pytest.approx(0.7)       # the desa's average
    assert shows(RATIO) == pytest.approx((0.5 + 0.9 + 0.8) / 3)

    df, as_of = region_totals(store, COUNT, lo, hi, AREA)
    assert as_of is None
    assert dict(zip(df["region"], df["value"], strict=True)) == {WERU: 11, BULU: 7,
                                                                 KARTASURA: 10}
    ratio, _ = region_totals(store, RATIO, lo, hi, AREA)
    assert dict(zip(ratio["region"], ratio["value"].round(6), strict=True)) == {
        WERU: 0.7, BULU: 0.8}
    desa, _ = region_totals(store, COUNT, lo, hi, KARTASURA)  # the drill below a kecamatan
    assert dict(zip(desa["region"], desa["value"], strict=True)) == {KARTASURA_DESA[0]: 3,
                                                                     KARTASURA_DESA[1]: 4}
    scoped, _ = region_totals(store, COUNT, lo, hi, AREA, scope=WERU)
    assert dict(zip(scoped["region"], scoped["value"], strict=True)) == {WERU: 11}


def test_sentences_name_a_place_with_its_level():
    """Alert texts, report legends and explorer lines name a kecamatan or desa with its level:
    Kartasura is a kecamatan and a kelurahan inside it."""
    from types import SimpleNamespace

    from pantau.data.alert_text import subject
    from pantau.data.labels import labels_text, place_phrase

    assert place_phrase(KARTASURA) == "Kecamatan Kartasura"
    assert place_phrase("33.11.12.1002") == "Kelurahan Kartasura"
    assert place_phrase("33.11.12.2001") == "Desa Pucangan"
    assert place_phrase("52.01") == "Kabupaten Lombok Barat"
    assert place_phrase("52.71") == "Kota Mataram"
    assert place_phrase("52") == "Provinsi Nusa Tenggara Barat"
    assert place_phrase("33.11.99") == "33.11.99"
    assert labels_text(None, {"region": WERU, "opd": "Bappeda"}, "id") == \
        "Bappeda · Kecamatan Weru"
    rule = SimpleNamespace(source_down=None, series_metric=COUNT.name)
    cfg = SimpleNamespace(metric=lambda name: COUNT)
    assert subject(cfg, rule, {"region": "33.11.12.2001"}) == "Aduan di Desa Pucangan"
