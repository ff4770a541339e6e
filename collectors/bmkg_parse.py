"""BMKG's formats, read exactly (no network here; ``collectors.bmkg`` fetches).

Earthquakes (``data.bmkg.go.id/DataMKG/TEWS/``): ``{"Infogempa": {"gempa": ...}}`` where
``gempa`` is one object (``autogempa.json``) or a list (``gempaterkini.json``,
``gempadirasakan.json``). Every value is a string: ``"Magnitude": "5.2"``, ``"Kedalaman":
"10 km"``, ``"Coordinates": "-8.45,116.20"`` (latitude, comma, longitude). ``DateTime`` is UTC
ISO 8601 (``2026-11-30T06:05:12+00:00``); ``Tanggal`` ("30 Nov 2026") and ``Jam`` ("13:05:12
WIB") are WIB, UTC+7, wherever the quake was. ``DateTime`` is read first; an item without it
is read from ``Tanggal``/``Jam`` in WIB (the zone the text names: WIB, WITA or WIT).

Forecasts (``api.bmkg.go.id/publik/prakiraan-cuaca?adm4=``): ``lokasi`` (``adm2`` is the
kabupaten/kota code) and ``data[0].cuaca``: a list of days, each a list of 3-hourly slots with
``utc_datetime`` ("2026-11-30 03:00:00", UTC), ``local_datetime`` (the village's own zone),
``t`` (deg C), ``tp`` (precipitation, mm, may be null), ``weather_desc`` (BMKG's words).

A bad item is refused with its reason and the others kept (``parse_quakes`` returns both).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from pantau.data.batch import Quake

ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}
MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"])}
MONTHS.update({"may": 5, "aug": 8, "oct": 10, "dec": 12, "agt": 8, "ags": 8})
_NUMBER = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*(?:km)?\s*$", re.IGNORECASE)


class Refused(ValueError):
    """An item BMKG sent that cannot be read; ``str()`` says what is wrong."""


def number(text, what: str) -> float:
    """A number BMKG sent as text ("5.2", "5,2", "10 km") or as a number."""
    if isinstance(text, bool) or text is None:
        raise Refused(f"{what} is missing")
    if isinstance(text, int | float):
        value = float(text)
    else:
        m = _NUMBER.match(str(text))
        if not m:
            raise Refused(f"{what} {str(text)[:40]!r} is not a number")
        value = float(m.group(1).replace(",", "."))
    if not math.isfinite(value):
        raise Refused(f"{what} is not a finite number")
    return value


def coordinates(text) -> tuple[float, float]:
    """``(lat, lon)`` from ``"-8.45,116.20"`` (BMKG's ``Coordinates``)."""
    if not isinstance(text, str) or not text.strip():
        raise Refused("Coordinates is missing")
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2:
        raise Refused(f"Coordinates {text[:40]!r} is not 'lat,lon'")
    return number(parts[0], "latitude"), number(parts[1], "longitude")


def _lintang_bujur(item: dict) -> tuple[float, float]:
    """``(lat, lon)`` from ``Lintang`` "8.45 LS" and ``Bujur`` "116.20 BT" (older items)."""
    lat_t, lon_t = str(item.get("Lintang") or ""), str(item.get("Bujur") or "")
    m1 = re.match(r"^\s*(\d+(?:[.,]\d+)?)\s*(LS|LU)\s*$", lat_t, re.IGNORECASE)
    m2 = re.match(r"^\s*(\d+(?:[.,]\d+)?)\s*(BT|BB)\s*$", lon_t, re.IGNORECASE)
    if not (m1 and m2):
        raise Refused("Coordinates is missing")
    lat = float(m1.group(1).replace(",", ".")) * (-1 if m1.group(2).upper() == "LS" else 1)
    lon = float(m2.group(1).replace(",", ".")) * (-1 if m2.group(2).upper() == "BB" else 1)
    return lat, lon


def utc_iso(text) -> int:
    """Epoch seconds of BMKG's ``DateTime`` ("2026-11-30T06:05:12+00:00"; a time without an
    offset is UTC, as BMKG documents the field)."""
    try:
        dt = datetime.fromisoformat(str(text).strip().replace("Z", "+00:00"))
    except ValueError:
        raise Refused(f"DateTime {str(text)[:40]!r} is not an ISO 8601 time") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return int(dt.timestamp())


def tanggal_jam(tanggal, jam) -> int:
    """Epoch seconds of ``Tanggal`` "30 Nov 2026" and ``Jam`` "13:05:12 WIB" (the zone the
    text names; BMKG writes WIB)."""
    m = re.match(r"^\s*(\d{1,2})[\s-]+([A-Za-z]+)[\s-]+(\d{4})\s*$", str(tanggal or ""))
    j = re.match(r"^\s*(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*(WIB|WITA|WIT)\s*$",
                 str(jam or ""), re.IGNORECASE)
    if not m or not j:
        raise Refused(f"no DateTime and Tanggal/Jam {tanggal!r} {jam!r} is not a time")
    month = MONTHS.get(m.group(2)[:3].lower())
    if month is None:
        raise Refused(f"Tanggal {tanggal!r}: unknown month")
    tz = timezone(timedelta(hours=ZONES[j.group(4).upper()]))
    try:
        dt = datetime(int(m.group(3)), month, int(m.group(1)), int(j.group(1)),
                      int(j.group(2)), int(j.group(3) or 0), tzinfo=tz)
    except ValueError as exc:
        raise Refused(f"Tanggal/Jam {tanggal!r} {jam!r}: {exc}") from None
    return int(dt.timestamp())


def _text(item: dict, key: str) -> str | None:
    v = item.get(key)
    if v is None:
        return None
    v = re.sub(r"\s+", " ", str(v)).strip()
    return v if v and v != "-" else None


def quake(item, feed: str) -> Quake:
    """One ``gempa`` item as a ``Quake``; ``Refused`` saying why it cannot be."""
    if not isinstance(item, dict):
        raise Refused("item is not an object")
    ts = (utc_iso(item["DateTime"]) if item.get("DateTime")
          else tanggal_jam(item.get("Tanggal"), item.get("Jam")))
    if item.get("Coordinates") not in (None, ""):
        lat, lon = coordinates(item["Coordinates"])
    else:
        lat, lon = _lintang_bujur(item)
    magnitude = number(item.get("Magnitude") or None, "Magnitude")
    depth = number(item.get("Kedalaman") or None, "Kedalaman")
    region = _text(item, "Wilayah")
    if not region:
        raise Refused("Wilayah is missing")
    shakemap = _text(item, "Shakemap")
    if shakemap and not re.fullmatch(r"[\w.-]{1,100}", shakemap):
        shakemap = None  # a file name only: anything else is not BMKG's
    return Quake(ts=ts, magnitude=magnitude, depth_km=depth, lat=lat, lon=lon,
                 region=region[:500], felt=(_text(item, "Dirasakan") or None),
                 tsunami=_text(item, "Potensi"), shakemap=shakemap, feed=feed)


def parse_quakes(doc, feed: str) -> tuple[list[Quake], list[str]]:
    """The quakes of a TEWS document and the reasons of those refused (``"item 3 (...):
    Magnitude is missing"``). ``ValueError`` when the document is not ``Infogempa``."""
    info = doc.get("Infogempa") if isinstance(doc, dict) else None
    if not isinstance(info, dict) or "gempa" not in info:
        raise ValueError("not a BMKG TEWS document (no Infogempa.gempa)")
    items = info["gempa"]
    items = [items] if isinstance(items, dict) else items
    if not isinstance(items, list):
        raise ValueError("Infogempa.gempa is neither an object nor a list")
    good, bad = [], []
    for i, item in enumerate(items):
        try:
            good.append(quake(item, feed))
        except Refused as exc:
            when = item.get("DateTime") or item.get("Jam") if isinstance(item, dict) else None
            bad.append(f"item {i + 1}{f' ({when})' if when else ''}: {exc}")
    return good, bad


@dataclass(frozen=True)
class Slot:
    """One 3-hourly forecast slot of one village."""

    adm4: str
    kabkota: str
    ts: int
    temp_c: float | None
    rain_mm: float | None
    weather: str


def parse_forecast(doc) -> tuple[list[Slot], list[str]]:
    """The slots of a ``prakiraan-cuaca`` answer and the reasons of those refused.
    ``ValueError`` when the document has no ``lokasi``/``data``."""
    if not isinstance(doc, dict) or not isinstance(doc.get("data"), list) or not doc["data"]:
        raise ValueError("not a BMKG forecast (no data[])")
    slots, bad = [], []
    for block in doc["data"]:
        lok = (block.get("lokasi") if isinstance(block, dict) else None) or doc.get("lokasi")
        if not isinstance(lok, dict) or not lok.get("adm4"):
            raise ValueError("not a BMKG forecast (no lokasi.adm4)")
        adm4 = str(lok["adm4"])
        kab = str(lok.get("adm2") or ".".join(adm4.split(".")[:2]))
        days = block.get("cuaca") or []
        for day in days if isinstance(days, list) else []:
            for s in day if isinstance(day, list) else []:
                try:
                    slots.append(_slot(s, adm4, kab))
                except Refused as exc:
                    bad.append(f"{adm4} {str((s or {}).get('local_datetime', ''))}: {exc}")
    return slots, bad


def _slot(s, adm4: str, kab: str) -> Slot:
    if not isinstance(s, dict):
        raise Refused("slot is not an object")
    if s.get("utc_datetime"):
        try:
            dt = datetime.strptime(str(s["utc_datetime"]).strip(), "%Y-%m-%d %H:%M:%S")
        except ValueError:
            raise Refused(f"utc_datetime {str(s['utc_datetime'])[:30]!r} is not "
                          "'YYYY-MM-DD hh:mm:ss'") from None
        ts = int(dt.replace(tzinfo=UTC).timestamp())
    elif s.get("datetime"):
        ts = utc_iso(s["datetime"])
    else:
        raise Refused("no utc_datetime")
    weather = _text(s, "weather_desc")
    if not weather:
        raise Refused("weather_desc is missing")
    temp = None if s.get("t") in (None, "") else number(s["t"], "t")
    rain = None if s.get("tp") in (None, "") else number(s["tp"], "tp")
    if rain is not None and rain < 0:
        raise Refused(f"tp {rain:g} is negative")
    return Slot(adm4, kab, ts, temp, rain, weather)
