"""Reference data shipped with Pantau: NTB kabupaten/kota boundaries and published indicators.

Use::

    from pantau.data.reference import load_geojson, regions, indicators, indicator_samples

    gj = load_geojson()                 # FeatureCollection, properties.code "52.01" ... "52.72"
    regions()                           # [("52.01", "Kabupaten Lombok Barat", "Lombok Barat",
                                        #   "kabupaten"), ...] in code order
    indicators()                        # DataFrame indicator, code, name, year, value, source
    store.write(Batch(indicator_samples()), names)   # IPM and SPBE index as samples

Codes are always strings. Licences and traps: ``NOTICE.md`` next to this file.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
from pantau.data.batch import Sample

HERE = Path(__file__).resolve().parent
GEOJSON = HERE / "ntb-kabkota.geojson"
INDICATORS = HERE / "ntb-indicators.csv"
PROVINCE = "52"
"""Kemendagri code of Nusa Tenggara Barat, the area the boundaries cover."""
PROVINCE_NAME = "Nusa Tenggara Barat"

INDICATOR_METRICS = {"ipm": "ipm_score", "spbe_index": "spbe_index_score"}
"""Indicator name in ``ntb-indicators.csv`` -> metric name in the catalogue."""

INDICATOR_ZONE = "Asia/Makassar"


@lru_cache(maxsize=1)
def _geojson() -> dict:
    with GEOJSON.open(encoding="utf-8") as fh:
        return json.load(fh)


def load_geojson() -> dict:
    """The boundaries as a GeoJSON FeatureCollection (a fresh copy: callers may change it).

    Outer rings are clockwise, as Plotly's ``geo`` (d3-geo) wants them."""
    return copy.deepcopy(_geojson())


def regions() -> list[tuple[str, str, str, str]]:
    """``(code, name, short_name, kind)`` of the ten kabupaten/kota, in code order."""
    out = [(str(f["properties"]["code"]), f["properties"]["name"],
            f["properties"]["short_name"], f["properties"]["kind"])
           for f in _geojson()["features"]]
    return sorted(out)


def region_name(code: str) -> str | None:
    """The full name of kabupaten/kota ``code`` ("Kota Mataram"), or None."""
    for c, name, _short, _kind in regions():
        if c == code:
            return name
    return None


def indicators() -> pd.DataFrame:
    """``ntb-indicators.csv``: columns indicator, code (str), name, year (int), value (float),
    value_text (as published, e.g. ``"72.70"``), source."""
    df = pd.read_csv(INDICATORS, dtype=str, keep_default_na=False)
    df["value_text"] = df["value"]
    df["value"] = df["value"].astype(float)
    df["year"] = df["year"].astype(int)
    return df


def indicator_ts(year: int) -> int:
    """1 July of ``year`` at 00:00 WITA as UTC epoch seconds: the time stamp of a yearly value."""
    return int(datetime(int(year), 7, 1, tzinfo=ZoneInfo(INDICATOR_ZONE)).timestamp())


def indicator_samples() -> list[Sample]:
    """Every row of ``ntb-indicators.csv`` as a sample of ``ipm_score`` or
    ``spbe_index_score`` labelled ``{region: code}`` at :func:`indicator_ts` of its year.

    The points are years old: a store keeps them only if its retention reaches back that far
    (``store.retention_days``), or when written with an earlier ``now``."""
    df = indicators()
    return [Sample(metric=INDICATOR_METRICS[row.indicator], value=float(row.value),
                   labels={"region": str(row.code)}, ts=indicator_ts(row.year))
            for row in df.itertuples(index=False) if row.indicator in INDICATOR_METRICS]


def indicator_sources(metric: str) -> list[str]:
    """The distinct ``source`` texts of the rows behind ``metric`` (empty for other metrics)."""
    names = [k for k, v in INDICATOR_METRICS.items() if v == metric]
    df = indicators()
    return list(dict.fromkeys(df.loc[df["indicator"].isin(names), "source"]))
