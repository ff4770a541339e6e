"""Regions an executive can filter by, and how a region choice becomes a label filter.

The site's own area (``site.region``) plus the regions one level below it in the national
code list (a province: its kabupaten/kota; a kabupaten/kota: its kecamatan), by Kemendagri
code (strings). A metric with a ``region`` label is filtered with
``{"region": code}``; the province view uses the metric's own province series when one
exists and all its series otherwise. A metric without a region label is always
province-wide (the page says so).

A principal limited to a region (``scope``, ``current().region``) is offered only the site's
area (its total) and the regions in its scope; a URL naming another region falls back to the
site's area (``region_key``), and maps hold only the regions in scope (``area_geojson``).
"""

from __future__ import annotations

from dataclasses import dataclass

from pantau.dashboard.i18n import t
from pantau.data.access import region_in_scope
from pantau.data.reference import PROVINCE, codes, load_geojson, regions
from pantau.data.shows import place_filters

REGION_LABEL = "region"


def region_names(area: str = PROVINCE, scope: str | None = None) -> dict[str, str]:
    """``{code: full name}`` of the regions one level below ``area`` (the site's
    ``site.region``): "52.71": "Kota Mataram" under "52", "33.11.12": "Kartasura" under "33.11";
    with ``scope``, only those in it (``data.access.region_in_scope``)."""
    return {code: name for code, name, _short, _kind in regions(area)
            if region_in_scope(code, scope)}


def area_geojson(cfg, scope: str | None = None) -> dict:
    """The boundaries of the regions below the site's area (``load_geojson``), only those
    in ``scope``: a scoped principal's map draws its region alone."""
    geo = load_geojson(cfg.site.region, cfg.site.boundaries)
    if scope is not None:
        geo["features"] = [f for f in geo["features"]
                           if region_in_scope(str(f["properties"]["code"]), scope)]
    return geo


def whole_label(area: str, lang: str) -> str:
    """What the site's whole area is called in a select: "Seluruh provinsi" / "Seluruh
    kabupaten" / "Seluruh kota"."""
    kind = codes.kind(area) or "provinsi"
    return t(f"overview.region.{'province' if kind == 'provinsi' else kind}", lang)


def total_label(area: str, lang: str) -> str:
    """What the site's total is called in a sentence: "total provinsi" / "total kabupaten" /
    "total kota" ("the province total", ...)."""
    kind = codes.kind(area) or "provinsi"
    return t(f"common.total.{kind if kind in ('kabupaten', 'kota') else 'provinsi'}", lang)


def region_options(province: str, lang: str, scope: str | None = None) -> list[dict]:
    """Options for a select: the site's area first, then the regions below it in ``scope``
    in code order."""
    opts = [{"label": whole_label(province, lang), "value": province}]
    opts += [{"label": name, "value": code}
             for code, name in region_names(province, scope).items()]
    return opts


def region_key(value: str | None, province: str, scope: str | None = None) -> str:
    """``value`` when it is the site's area or one region below it in ``scope``, else the
    area."""
    return value if value == province or value in region_names(province, scope) \
        else province


def region_label(code: str, province: str, lang: str) -> str:
    """The display name of ``code``."""
    if code == province:
        return whole_label(province, lang)
    return region_names(province).get(code, code)


@dataclass(frozen=True)
class RegionFilter:
    filters: dict | None
    """Label filters for ``data.queries`` (None: no filter)."""
    province_wide: bool
    """True when a kabupaten/kota was asked for but the metric has no region label."""


def region_filter(label_values: dict[str, list[str]], region: str,
                  province: str) -> RegionFilter:
    """The label filter for ``region`` on a metric whose labels are ``label_values``
    (from ``data.queries.label_values``): ``data.shows.place_filters``' rule."""
    place = place_filters(label_values, region, province)
    return RegionFilter(place.filters, place.province_wide)
