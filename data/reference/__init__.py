"""Reference data shipped with Pantau: the national region list (``codes``), boundaries of
the regions inside a site's area, and NTB's published indicators.

Use::

    from pantau.data.reference import load_geojson, regions, indicators, indicator_samples

    gj = load_geojson()                 # NTB's kabupaten/kota: properties.code "52.01" ... "52.72"
    load_geojson("33.11")               # the 12 kecamatan of Kabupaten Sukoharjo
    regions()                           # [("52.01", "Kabupaten Lombok Barat", "Lombok Barat",
                                        #   "kabupaten"), ...] in code order
    regions("52.71")                    # [("52.71.01", "Ampenan", "Ampenan", "kecamatan"), ...]
    indicators()                        # DataFrame indicator, code, name, year, value, source
    store.write(Batch(indicator_samples()), names)   # IPM and SPBE index as samples

Codes are always strings. Licences and traps: ``NOTICE.md`` next to this file.
"""

from __future__ import annotations

import copy
import gzip
import json
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pantau.data.batch import Sample
from pantau.data.reference import codes

if TYPE_CHECKING:  # pandas only when the indicators are read: config loading stays light
    import pandas as pd

HERE = Path(__file__).resolve().parent
GEOJSON = HERE / "ntb-kabkota.geojson"
KABKOTA = HERE / "kabkota.geojson.gz"
"""Every kabupaten/kota of Indonesia, simplified hard (``scripts/reference_regions.py``)."""
INDICATORS = HERE / "ntb-indicators.csv"
PROVINCE = "52"
"""Kemendagri code of Nusa Tenggara Barat: the default site area, the area of ``GEOJSON``."""
PROVINCE_NAME = "Nusa Tenggara Barat"

INDICATOR_METRICS = {"ipm": "ipm_score", "spbe_index": "spbe_index_score"}
"""Indicator name in ``ntb-indicators.csv`` -> metric name in the catalogue."""

INDICATOR_ZONE = "Asia/Makassar"


@lru_cache(maxsize=1)
def _geojson() -> dict:
    with GEOJSON.open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def _kabkota() -> dict:
    return json.loads(gzip.decompress(KABKOTA.read_bytes()))


def boundary_file(area: str, extra: Path | str | None = None) -> Path | None:
    """The file holding the polygons one level below ``area``: an imported one in ``extra``
    (``pantau regions import``) first, then a shipped ``kecamatan-<area>.geojson``."""
    for folder in ([Path(extra)] if extra else []) + [HERE]:
        for name in (f"{area}.geojson", f"kecamatan-{area}.geojson"):
            if (folder / name).is_file():
                return folder / name
    return None


@lru_cache(maxsize=32)
def _area_geojson(area: str, extra: str | None, stamp: float) -> dict:
    path = boundary_file(area, extra)
    if path is not None:
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    if area == PROVINCE:
        return _geojson()
    if "." not in area:
        return {"type": "FeatureCollection",
                "features": [f for f in _kabkota()["features"]
                             if codes.parent(f["properties"]["code"]) == area]}
    return {"type": "FeatureCollection", "features": []}


def load_geojson(area: str = PROVINCE, extra: Path | str | None = None) -> dict:
    """The boundaries of the regions one level below ``area`` (a province: its kabupaten/kota;
    a kabupaten/kota: its kecamatan) as a GeoJSON FeatureCollection, a fresh copy (callers may
    change it); empty when none are shipped or imported. ``extra`` is the folder of imported
    boundaries (``site.boundaries``). Properties: ``code``, ``name``, ``short_name``, ``kind``,
    ``centroid``. Outer rings are clockwise, as Plotly's ``geo`` (d3-geo) wants them."""
    area = str(area)
    path = boundary_file(area, extra)
    stamp = path.stat().st_mtime if path is not None else 0.0
    return copy.deepcopy(_area_geojson(area, str(extra) if extra else None, stamp))


def regions(area: str = PROVINCE) -> list[tuple[str, str, str, str]]:
    """``(code, name, short_name, kind)`` of the regions one level below ``area`` in the code
    list (NTB's ten kabupaten/kota by default), in code order."""
    return [(c, codes.name(c), codes.short_name(c), codes.kind(c))
            for c in codes.children(area)]


def region_name(code: str) -> str | None:
    """The full name of ``code`` in the national list ("Kota Mataram"), or None."""
    return codes.name(code)


def indicators() -> pd.DataFrame:
    """``ntb-indicators.csv``: columns indicator, code (str), name, year (int), value (float),
    value_text (as published, e.g. ``"72.70"``), source."""
    import pandas as pd

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
