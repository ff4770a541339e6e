"""Regions an executive can filter by, and how a region choice becomes a label filter.

The province (``site.region``) plus the kabupaten/kota of the shipped boundaries, by
Kemendagri code (strings). A metric with a ``region`` label is filtered with
``{"region": code}``; the province view uses the metric's own province series when one
exists and all its series otherwise. A metric without a region label is always
province-wide (the page says so).
"""

from __future__ import annotations

from dataclasses import dataclass

from pantau.dashboard.i18n import t
from pantau.data.reference import regions
from pantau.data.shows import place_filters

REGION_LABEL = "region"


def region_names() -> dict[str, str]:
    """``{code: full name}`` of the kabupaten/kota ("52.71": "Kota Mataram")."""
    return {code: name for code, name, _short, _kind in regions()}


def region_options(province: str, lang: str) -> list[dict]:
    """Options for a select: the province first, then the kabupaten/kota in code order."""
    opts = [{"label": t("overview.region.province", lang), "value": province}]
    opts += [{"label": name, "value": code} for code, name in region_names().items()]
    return opts


def region_key(value: str | None, province: str) -> str:
    """``value`` when it is the province or one of its kabupaten/kota, else the province."""
    return value if value == province or value in region_names() else province


def region_label(code: str, province: str, lang: str) -> str:
    """The display name of ``code``."""
    if code == province:
        return t("overview.region.province", lang)
    return region_names().get(code, code)


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
