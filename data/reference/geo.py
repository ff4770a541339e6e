"""Distances on the Earth and the centre of an area: the one haversine of the project.

    km = distance_km(-8.45, 116.20, -8.58, 116.10)
    lon, lat = area_centre("52")           # the centroid of NTB's boundary
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

EARTH_RADIUS_KM = 6371.0088
"""The mean Earth radius (IUGG), the radius every distance here uses."""


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points in degrees (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _ring_area_centroid(ring: list) -> tuple[float, float, float]:
    """Signed area and area-weighted centroid sums of one ring (planar, in degrees)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return a / 2, cx / 6, cy / 6


def polygons_centre(features: list[dict]) -> tuple[float, float] | None:
    """``(lon, lat)`` of the area-weighted centroid of every polygon of ``features`` (holes
    subtracted), or None when they hold no area. Planar in degrees: within a province the
    error is well under a kilometre."""
    total = sx = sy = 0.0
    for f in features:
        geom = f.get("geometry") or {}
        polys = geom.get("coordinates") or []
        if geom.get("type") == "Polygon":
            polys = [polys]
        elif geom.get("type") != "MultiPolygon":
            continue
        for poly in polys:
            for ring in poly:
                pts = [(float(p[0]), float(p[1])) for p in ring]
                a, cx, cy = _ring_area_centroid(pts)
                total += a
                sx += cx
                sy += cy
    if abs(total) < 1e-12:
        return None
    return sx / total, sy / total


def area_centre(area: str, extra: Path | str | None = None) -> tuple[float, float] | None:
    """``(lon, lat)`` of the centre of ``area`` (the site's ``site.region``): the centroid of
    the boundaries of the regions one level below it (``load_geojson``), or None when no
    boundaries are shipped or imported for it."""
    return _centre(str(area), str(extra) if extra else None)


@lru_cache(maxsize=16)
def _centre(area: str, extra: str | None) -> tuple[float, float] | None:
    from pantau.data.reference import load_geojson

    return polygons_centre(load_geojson(area, extra).get("features", []))
