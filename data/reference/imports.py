"""Boundaries an operator brings (``pantau regions import FILE.geojson|.sql``), checked against the
national code list and kept where ``load_geojson`` looks first (``site.boundaries``).

Use::

    from pantau.data.reference.imports import check_geojson, save

    result = check_geojson(json.load(fh))   # every problem named, nothing written
    if not result.problems:
        paths = save(result, "var/regions")  # one <parent>.geojson per area, e.g. 33.12.geojson

A ``.sql`` file is read as cahyadsn/wilayah_boundaries writes it (rows ``('33.12.01','Name',
lat, lng, '[[[lat, lng], ...]]')``): :func:`sql_to_geojson`. A feature needs ``properties.code`` (or ``kode``), a Kemendagri code in the list, and may give a
name (``name``/``nama``), which must equal the list's (case and spaces aside). Coordinates are
``[longitude, latitude]`` inside Indonesia. The saved features carry the list's names and the
properties the maps read (``code``, ``name``, ``short_name``, ``kind``, ``centroid``); outer
rings are made clockwise and holes dropped (what d3-geo and the wall map want).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pantau.data.reference import codes

MAX_FEATURES = 20_000
LON, LAT = (94.0, 142.0), (-11.5, 6.5)
"""Indonesia's extent in degrees: a point outside is a swapped [lat, lng] or another CRS."""


SQL_ROW = re.compile(r"^\s*\('([0-9.]+)','((?:[^']|'')*)',(-?[0-9.]+),(-?[0-9.]+),'(\[.*\])'")
"""One row of a cahyadsn/wilayah_boundaries INSERT: code, name, lat, lng, path ([lat, lng])."""


def sql_rows(text: str):
    """``(code, name, lat, lng, path)`` of every boundary row of ``text`` (path parsed, still
    ``[lat, lng]``, a Polygon's rings or a MultiPolygon's polygons)."""
    for line in text.splitlines():
        m = SQL_ROW.match(line)
        if m:
            yield (m.group(1), m.group(2).replace("''", "'"), float(m.group(3)),
                   float(m.group(4)), json.loads(m.group(5)))


def _depth(path) -> int:
    depth = 0
    while isinstance(path, list) and path:
        depth, path = depth + 1, path[0]
    return depth


def sql_to_geojson(text: str) -> dict:
    """A cahyadsn/wilayah_boundaries SQL dump as a GeoJSON FeatureCollection ([lng, lat])."""
    feats = []
    for code, name, _lat, _lng, path in sql_rows(text):
        polys = [path] if _depth(path) == 3 else path
        coords = [[[[p[1], p[0]] for p in ring] for ring in poly] for poly in polys]
        feats.append({"type": "Feature", "properties": {"code": code, "name": name},
                      "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    return {"type": "FeatureCollection", "features": feats}


@dataclass
class Checked:
    """Features that passed, grouped by the area they are one level below; problems by line."""

    by_parent: dict[str, list[dict]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _norm(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def _rings(geometry: dict) -> list[list]:
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "Polygon" and isinstance(coords, list) and coords:
        return [coords[0]]
    if kind == "MultiPolygon" and isinstance(coords, list):
        return [poly[0] for poly in coords if isinstance(poly, list) and poly]
    raise ValueError(f"geometry type {kind!r} is not Polygon or MultiPolygon")


def _area(ring: list) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


def _clean_ring(ring: list) -> list[list[float]]:
    pts = []
    for p in ring:
        if not (isinstance(p, list | tuple) and len(p) >= 2):
            raise ValueError("a position is not [longitude, latitude]")
        x, y = float(p[0]), float(p[1])
        if not (LON[0] <= x <= LON[1] and LAT[0] <= y <= LAT[1]):
            raise ValueError(f"position [{x}, {y}] is outside Indonesia (positions are "
                             "[longitude, latitude] in WGS 84)")
        pts.append([round(x, 6), round(y, 6)])
    if len(pts) < 4:
        raise ValueError("a ring has fewer than 4 positions")
    if pts[0] != pts[-1]:
        pts.append(pts[0])
    return pts[::-1] if _area(pts) > 0 else pts  # clockwise


def check_geojson(data: object) -> Checked:
    """Check a parsed GeoJSON FeatureCollection; see the module docstring."""
    out = Checked()
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" \
            or not isinstance(data.get("features"), list):
        out.problems.append("not a GeoJSON FeatureCollection")
        return out
    feats = data["features"]
    if len(feats) > MAX_FEATURES:
        out.problems.append(f"{len(feats)} features: at most {MAX_FEATURES} in one file")
        return out
    seen: set[str] = set()
    for i, f in enumerate(feats):
        props = (f or {}).get("properties") or {} if isinstance(f, dict) else {}
        code = props.get("code", props.get("kode"))
        given = props.get("name", props.get("nama"))
        where = f"feature {i + 1}" + (f" ({given})" if given else "")
        if not isinstance(code, str) or not code:
            out.problems.append(f"{where}: no properties.code (a Kemendagri code as a string)")
            continue
        listed = codes.name(code)
        if listed is None:
            out.problems.append(f"{where}: code {code!r} is not in the Kemendagri list")
            continue
        if given is not None and _norm(given) != _norm(listed) \
                and _norm(given) != _norm(codes.shorten(listed)):
            out.problems.append(f"{where}: code {code!r} is {listed!r} in the Kemendagri list, "
                                f"not {given!r}")
            continue
        if code in seen:
            out.problems.append(f"{where}: code {code!r} ({listed}) is given twice")
            continue
        seen.add(code)
        parent = codes.parent(code)
        if parent is None:
            out.problems.append(f"{where}: {code!r} ({listed}) is a province; import the "
                                "regions below an area (kabupaten/kota, kecamatan, desa)")
            continue
        try:
            rings = [_clean_ring(r) for r in _rings(f.get("geometry") or {})]
        except (ValueError, TypeError) as exc:
            out.problems.append(f"{where}: code {code!r} ({listed}): {exc}")
            continue
        big = max(rings, key=lambda r: abs(_area(r)))
        cx = sum(p[0] for p in big[:-1]) / (len(big) - 1)
        cy = sum(p[1] for p in big[:-1]) / (len(big) - 1)
        kind = codes.kind(code)
        out.by_parent.setdefault(parent, []).append({
            "type": "Feature",
            "properties": {"code": code, "name": listed, "short_name": codes.shorten(listed),
                           "kind": kind, "centroid": [round(cx, 5), round(cy, 5)]},
            "geometry": {"type": "MultiPolygon", "coordinates": [[r] for r in rings]}})
    return out


def save(checked: Checked, folder: str | Path) -> list[Path]:
    """Write one ``<parent>.geojson`` per area into ``folder`` (replacing an earlier import of
    that area whole, atomically); return the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for parent, feats in sorted(checked.by_parent.items()):
        path = folder / f"{parent}.geojson"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"type": "FeatureCollection", "features": sorted(
            feats, key=lambda f: f["properties"]["code"])}, ensure_ascii=False,
            separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
        written.append(path)
    return written
