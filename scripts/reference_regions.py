"""Regenerate Pantau's national region reference data from snapshots of cahyadsn's repositories.

Usage::

    python scripts/reference_regions.py WILAYAH_DIR BOUNDARIES_DIR [--kecamatan 52.71 33.11 ...]

(without ``--kecamatan``: NTB's ten kabupaten/kota and Kabupaten Sukoharjo, what ships)

``WILAYAH_DIR`` is a checkout or bare clone of github.com/cahyadsn/wilayah (MIT; ``db/wilayah.sql``:
the Kemendagri code list, provinsi to desa/kelurahan), ``BOUNDARIES_DIR`` one of
github.com/cahyadsn/wilayah_boundaries (MIT; ``db/kab/*.sql``, ``db/kec/*.sql``: polygons as
``[lat, lng]`` arrays). A bare clone is read with ``git show HEAD:path``; nothing is fetched.

Writes into ``data/reference/``:

- ``wilayah.csv.gz``: ``code,name`` of every region, in code order (gzip, fixed mtime, so the
  same snapshot gives the same bytes);
- ``kabkota.geojson.gz``: every kabupaten/kota of every province, simplified hard (maps only);
- ``kecamatan-<NN.NN>.geojson``: the kecamatan of each kabupaten/kota given with ``--kecamatan``.

Polygons: ``[lng, lat]`` rounded, simplified by Douglas-Peucker per ring, holes and rings that
collapse dropped, outer rings clockwise (what d3-geo and Plotly's ``geo`` expect). Properties:
``code``, ``name`` (as in the code list), ``short_name`` (``codes.shorten``),
``kind`` (kabupaten, kota, kecamatan), ``centroid`` ``[lng, lat]`` (the source's).
``ntb-kabkota.geojson`` (NTB at a finer resolution) is not touched by this script.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # a checkout's pantau
from pantau.data.reference.codes import shorten  # noqa: E402
from pantau.data.reference.imports import SQL_ROW  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "data" / "reference"
ROW = re.compile(r"^\s*\('([0-9.]+)','((?:[^']|'')*)'(.*)\)[,;]?\s*$")
KAB = {"tolerance": 0.01, "digits": 3, "min_area": 0.0004}
KEC = {"tolerance": 0.0004, "digits": 5, "min_area": 0.0000005}


def read(repo: Path, path: str) -> str:
    """``path`` from a checkout, or from a bare clone's HEAD."""
    if (repo / path).is_file():
        return (repo / path).read_text(encoding="utf-8")
    out = subprocess.run(["git", "-C", str(repo), "show", f"HEAD:{path}"], check=True,
                         capture_output=True)
    return out.stdout.decode("utf-8")


def files(repo: Path, folder: str) -> list[str]:
    if (repo / folder).is_dir():
        return sorted(str(p.relative_to(repo)) for p in (repo / folder).rglob("*.sql"))
    out = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "--name-only", "HEAD",
                          folder], check=True, capture_output=True, text=True)
    return sorted(out.stdout.split())


def code_list(text: str) -> list[tuple[str, str]]:
    rows = {}
    for line in text.splitlines():
        m = ROW.match(line)
        if m:
            rows[m.group(1)] = m.group(2).replace("''", "'").strip()
    return sorted(rows.items(), key=lambda kv: [int(p) for p in kv[0].split(".")])


def _perp(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify(points: list, tol: float) -> list:
    """Douglas-Peucker, iterative (rings have tens of thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = 0.0, None
        for k in range(i + 1, j):
            d = _perp(points[k], points[i], points[j])
            if d > best:
                best, idx = d, k
        if idx is not None and best > tol:
            keep[idx] = True
            stack += [(i, idx), (idx, j)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def signed_area(ring: list) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


def ring_out(ring_latlng: list, opts: dict) -> list | None:
    pts = [(float(lng), float(lat)) for lat, lng in ring_latlng]
    if len(pts) < 4:
        return None
    if pts[0] != pts[-1]:
        pts.append(pts[0])
    # Split the closed ring at its farthest point so both halves keep their ends.
    far = max(range(len(pts)), key=lambda k: (pts[k][0] - pts[0][0]) ** 2
              + (pts[k][1] - pts[0][1]) ** 2)
    simple = simplify(pts[:far + 1], opts["tolerance"])[:-1] + simplify(pts[far:],
                                                                      opts["tolerance"])
    d = opts["digits"]
    out = []
    for x, y in simple:
        p = [round(x, d), round(y, d)]
        if not out or out[-1] != p:
            out.append(p)
    if len(out) < 4 or abs(signed_area(out)) < opts["min_area"]:
        return None
    if signed_area(out) > 0:  # counter-clockwise: d3-geo wants the outer ring clockwise
        out.reverse()
    return out


def geometry(path: list, opts: dict) -> dict | None:
    depth, probe = 0, path
    while isinstance(probe, list):
        depth, probe = depth + 1, probe[0]
    polys = [path] if depth == 3 else path
    rings = [r for r in (ring_out(poly[0], opts) for poly in polys) if r]  # holes dropped
    if not rings:  # everything is smaller than min_area: keep the largest outline anyway
        loose = dict(opts, min_area=0, tolerance=0)
        rings = [r for r in (ring_out(poly[0], loose) for poly in polys) if r]
        rings = sorted(rings, key=lambda r: -abs(signed_area(r)))[:1]
    if not rings:
        return None
    return {"type": "MultiPolygon", "coordinates": [[r] for r in rings]}


def short_name(name: str) -> tuple[str, str]:
    kind = "kota" if name.startswith("Kota ") else "kabupaten"
    return shorten(name), kind


def features(text: str, names: dict, opts: dict, keep=lambda code: True) -> list[dict]:
    out = []
    for line in text.splitlines():
        m = SQL_ROW.match(line)
        if not m or not keep(m.group(1)):
            continue
        code = m.group(1)
        geom = geometry(json.loads(m.group(5)), opts)
        if geom is None:
            print(f"  {code}: no outline left, skipped", file=sys.stderr)
            continue
        name = names.get(code, m.group(2).replace("''", "'"))
        short, kind = short_name(name)
        out.append({"type": "Feature", "properties": {
            "code": code, "name": name, "short_name": short,
            "kind": kind if code.count(".") == 1 else "kecamatan",
            "centroid": [round(float(m.group(4)), 5), round(float(m.group(3)), 5)]},
            "geometry": geom})
    return sorted(out, key=lambda f: f["properties"]["code"])


def dump(obj: dict) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("wilayah", type=Path)
    ap.add_argument("boundaries", type=Path)
    ap.add_argument("--kecamatan", nargs="*", default=[
        "52.01", "52.02", "52.03", "52.04", "52.05", "52.06", "52.07", "52.08", "52.71", "52.72",
        "33.11"],
                    help="kabupaten/kota codes whose kecamatan polygons to ship")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    rows = code_list(read(args.wilayah, "db/wilayah.sql"))
    names = dict(rows)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["code", "name"])
    w.writerows(rows)
    (args.out / "wilayah.csv.gz").write_bytes(gzip.compress(buf.getvalue().encode("utf-8"),
                                                            9, mtime=0))
    print(f"wilayah.csv.gz: {len(rows)} regions")

    kab = []
    for path in files(args.boundaries, "db/kab"):
        kab += features(read(args.boundaries, path), names, KAB)
    kab.sort(key=lambda f: f["properties"]["code"])
    (args.out / "kabkota.geojson.gz").write_bytes(
        gzip.compress(dump({"type": "FeatureCollection", "features": kab}), 9, mtime=0))
    print(f"kabkota.geojson.gz: {len(kab)} kabupaten/kota")

    for parent in args.kecamatan:
        prov = parent.split(".")[0]
        text = read(args.boundaries, f"db/kec/wilayah_boundaries_kec_{prov}.sql")
        feats = features(text, names, KEC, keep=lambda c, p=parent: c.startswith(p + "."))
        (args.out / f"kecamatan-{parent}.geojson").write_bytes(
            dump({"type": "FeatureCollection", "features": feats}) + b"\n")
        print(f"kecamatan-{parent}.geojson: {len(feats)} kecamatan")
    return 0


if __name__ == "__main__":
    sys.exit(main())
