"""BMKG's forecast for today per kabupaten/kota, as the ``bmkg`` kind (feed ``cuaca``) stored
it: one named question for the wall's ``cuaca`` tile.

    rows = weather.today(store, now, tz="Asia/Makassar", scope=None)

Each kabupaten/kota's newest collection counts, and only when it was made today (in ``tz``):
a forecast from yesterday is not today's weather. A warning is a word of BMKG's forecast that
says heavy rain, thunderstorm, strong wind or extreme weather in one of today's 3-hourly slots.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from pantau.data.queries import latest
from pantau.data.zones import zone

RAIN, TEMP, WORDS = "bmkg_hujan_maks_mm", "bmkg_suhu_maks_c", "bmkg_cuaca_slot_count"
WARNING_WORDS = ("lebat", "petir", "angin kencang", "ekstrem")


def is_warning(word: str) -> bool:
    """True for BMKG weather words that warn ("Hujan Lebat", "Hujan Petir", ...)."""
    w = word.lower()
    return any(k in w for k in WARNING_WORDS)


@dataclass(frozen=True)
class RegionWeather:
    """Today's forecast of one kabupaten/kota: the largest 3-hourly rain (mm), the highest
    temperature, BMKG's words with their number of slots (most first), the warning words, and
    when it was collected."""

    region: str
    rain_mm: float | None
    temp_c: float | None
    words: tuple[tuple[str, int], ...]
    warnings: tuple[str, ...]
    ts: int


def _newest(store, metric: str, scope: str | None):
    df = latest(store, metric, scope=scope)
    if df.empty or "region" not in df:
        return df.iloc[0:0]
    return df[df["region"].notna()]


def today(store, now: float, tz: str, scope: str | None = None) -> list[RegionWeather]:
    """Today's forecast per kabupaten/kota in ``scope``, in code order."""
    z = zone(tz)
    day = datetime.fromtimestamp(now, z).date()
    words = _newest(store, WORDS, scope)
    out = []
    if words.empty:
        return out
    words = words[[datetime.fromtimestamp(int(t), z).date() == day for t in words["ts"]]]
    rain = _newest(store, RAIN, scope)
    temp = _newest(store, TEMP, scope)
    for region, g in words.groupby("region"):
        ts = int(g["ts"].max())
        g = g[g["ts"] == ts]  # the newest collection's words only
        counted = sorted(((str(w), int(v)) for w, v in zip(g["cuaca"], g["value"],
                                                            strict=True) if v and v > 0),
                         key=lambda p: (-p[1], p[0]))
        out.append(RegionWeather(
            region=str(region), rain_mm=_at(rain, region, ts), temp_c=_at(temp, region, ts),
            words=tuple(counted), warnings=tuple(w for w, _ in counted if is_warning(w)),
            ts=ts))
    return sorted(out, key=lambda r: r.region)


def _at(df, region: str, ts: int) -> float | None:
    if df.empty:
        return None
    hit = df[(df["region"] == region) & (df["ts"] == ts)]
    if hit.empty:
        return None
    v = float(hit["value"].iloc[0])
    return v if math.isfinite(v) else None
