"""BMKG's earthquakes as events of their own: checked, upserted by BMKG's time, asked.

    n = quakes.upsert_in(conn, [Quake(...)], now)        # inside Store.write's transaction
    q = quakes.latest(store)                              # the newest stored quake, or None
    rows = quakes.recent(store, since=now - 7 * 86400, min_magnitude=None, limit=200)
    about = quakes.about(q, area="52", tz="Asia/Makassar")  # distance, local time for a site

A quake's key is BMKG's own time of it (``event_id``, ``YYYYMMDDhhmmss`` UTC): the latest
quake (autogempa) shows up again in gempaterkini and gempadirasakan, and every feed is fetched
again and again, yet it is one row. Text BMKG left out of one feed (``Dirasakan`` in
gempaterkini, ``Potensi`` in gempadirasakan) never erases what another feed said.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from pantau.data.batch import Quake
from pantau.data.reference.geo import area_centre, distance_km
from pantau.data.schema import quakes as table
from pantau.data.zones import zone, zone_label
from sqlalchemy import func, select

FUTURE_SLACK = 600
QUAKE_FEEDS = ("autogempa", "gempaterkini", "gempadirasakan")
"""BMKG's quake feeds (``collectors.bmkg``'s ``feed`` values that give quakes)."""


def event_id(ts: int) -> str:
    """BMKG's key of the quake at ``ts`` (UTC epoch seconds): ``YYYYMMDDhhmmss`` in UTC."""
    return datetime.fromtimestamp(int(ts), UTC).strftime("%Y%m%d%H%M%S")


def problem(q: Quake, now: int) -> str | None:
    """Why ``q`` cannot be stored, or None: a value outside what a quake can be."""
    for name, value in (("magnitude", q.magnitude), ("depth", q.depth_km),
                        ("latitude", q.lat), ("longitude", q.lon)):
        if not math.isfinite(value):
            return f"{name} is not a finite number"
    if not 0 <= q.magnitude <= 10:
        return f"magnitude {q.magnitude:g} is outside 0-10"
    if not -10 <= q.depth_km <= 800:
        return f"depth {q.depth_km:g} km is outside -10-800 km"
    if not -90 <= q.lat <= 90 or not -180 <= q.lon <= 180:
        return f"coordinates {q.lat:g},{q.lon:g} are not on the Earth"
    if q.ts > now + FUTURE_SLACK:
        return "the quake's time is more than 10 minutes in the future"
    if not q.region.strip():
        return "no region text (Wilayah)"
    return None


def _insert(conn):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def upsert_in(conn, records: Iterable[Quake], now: int) -> int:
    """Insert or update ``records`` (already checked) in the open transaction ``conn``,
    keyed by ``event_id``; return how many were given. A quake given twice in one batch is
    merged first (the last non-empty text wins)."""
    merged: dict[str, dict] = {}
    for q in records:
        row = {"event_id": event_id(q.ts), "ts": int(q.ts), "magnitude": float(q.magnitude),
               "depth_km": float(q.depth_km), "lat": float(q.lat), "lon": float(q.lon),
               "region": q.region, "felt": q.felt or None, "tsunami": q.tsunami or None,
               "shakemap": q.shakemap or None, "feed": q.feed[:30], "updated_ts": int(now)}
        old = merged.get(row["event_id"])
        if old:
            row = {**row, **{k: old[k] for k in ("felt", "tsunami", "shakemap")
                             if row[k] is None}}
        merged[row["event_id"]] = row
    rows = list(merged.values())
    insert = _insert(conn)
    for start in range(0, len(rows), 500):
        stmt = insert(table).values(rows[start:start + 500])
        new = stmt.excluded
        keep = {k: func.coalesce(getattr(new, k), getattr(table.c, k))
                for k in ("felt", "tsunami", "shakemap")}
        conn.execute(stmt.on_conflict_do_update(
            index_elements=["event_id"],
            set_={"magnitude": new.magnitude, "depth_km": new.depth_km, "lat": new.lat,
                  "lon": new.lon, "region": new.region, "feed": new.feed,
                  "updated_ts": new.updated_ts, **keep}))
    return len(rows)


@dataclass(frozen=True)
class StoredQuake:
    """A stored quake: the ``Quake`` fields and its key."""

    event_id: str
    ts: int
    magnitude: float
    depth_km: float
    lat: float
    lon: float
    region: str
    felt: str | None
    tsunami: str | None


def _row(r) -> StoredQuake:
    return StoredQuake(r.event_id, int(r.ts), float(r.magnitude), float(r.depth_km),
                       float(r.lat), float(r.lon), r.region, r.felt, r.tsunami)


def latest(store, before: int | None = None) -> StoredQuake | None:
    """The newest stored quake (at or before ``before`` when given), or None."""
    q = select(table)
    if before is not None:
        q = q.where(table.c.ts <= int(before))
    with store.reader.connect() as conn:
        r = conn.execute(q.order_by(table.c.ts.desc()).limit(1)).first()
    return _row(r) if r else None


def recent(store, since: int, until: int | None = None, min_magnitude: float | None = None,
           limit: int = 200) -> list[StoredQuake]:
    """Quakes from ``since`` (to ``until``), newest first, at least ``min_magnitude`` when
    given; at most ``limit`` (bounded: a wall asks this every minute)."""
    q = select(table).where(table.c.ts >= int(since))
    if until is not None:
        q = q.where(table.c.ts <= int(until))
    if min_magnitude is not None:
        q = q.where(table.c.magnitude >= float(min_magnitude))
    q = q.order_by(table.c.ts.desc()).limit(max(1, min(int(limit), 1000)))
    with store.reader.connect() as conn:
        return [_row(r) for r in conn.execute(q)]


def count(store) -> int:
    """How many quakes are stored."""
    with store.reader.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def tsunami_warning(text: str | None) -> bool:
    """True when BMKG's ``Potensi`` warns of a tsunami ("Berpotensi tsunami ...", a
    "Siaga"/"Awas"/"Waspada" level); False for "Tidak berpotensi tsunami" or no text."""
    t = (text or "").lower()
    if not t or "tidak berpotensi" in t:
        return False
    return "berpotensi tsunami" in t or any(w in t for w in ("siaga", "awas", "waspada"))


@dataclass(frozen=True)
class Seen:
    """A quake as a site sees it: distance from the centre of the site's area (km, None
    without boundaries) and its time in the site's zone."""

    quake: StoredQuake
    distance_km: float | None
    local_time: datetime
    zone: str
    warning: bool


def about(q: StoredQuake, area: str, tz: str, boundaries: str | None = None) -> Seen:
    """``q`` seen from the site of ``area`` (``site.region``) in zone ``tz``."""
    centre = area_centre(area, boundaries)
    km = None if centre is None else distance_km(q.lat, q.lon, centre[1], centre[0])
    local = datetime.fromtimestamp(q.ts, zone(tz))
    return Seen(q, km, local, zone_label(tz), tsunami_warning(q.tsunami))
