"""The demo's BMKG: a recorded earthquake sequence replayed week after week, and a village
forecast for each of NTB's kabupaten/kota, written in BMKG's own formats for the feeder to
serve (``bmkg/autogempa.json``, ``gempaterkini.json``, ``gempadirasakan.json`` and
``bmkg/cuaca/<adm4>.json``). Everything here is made up for the demo (places and numbers in
the style of BMKG's reports), a pure function of the seed and the clock.

    files = bmkg_files(now, seed)      # {relative path: JSON text}
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import numpy as np
from pantau.demo.noise import uniform

WIB = timezone(timedelta(hours=7))
WITA = timezone(timedelta(hours=8))
WEEK = 7 * 86400
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
NO_TSUNAMI = "Tidak berpotensi tsunami"

SEQUENCE = [
    # seconds after Monday 00:00 WITA, lat, lon, magnitude, depth km, Wilayah, Dirasakan
    (1 * 3600 + 12 * 60, -3.12, 129.55, 6.1, 18, "45 km BaratDaya MALUKUTENGAH-MALUKU", None),
    (20 * 3600 + 41 * 60, -9.85, 117.12, 5.6, 35, "148 km Tenggara SUMBAWABESAR-NTB",
     "III Sumbawa Besar, II Dompu"),
    (86400 + 9 * 3600, -8.62, 116.05, 3.4, 8,
     "Pusat gempa berada di darat 9 km Tenggara Lombok Barat", "II Lombok Barat, II Mataram"),
    (2 * 86400 + 4 * 3600 + 55 * 60, -8.30, 116.45, 4.1, 11,
     "Pusat gempa berada di laut 14 km TimurLaut Lombok Utara",
     "III Lombok Utara, II - III Lombok Timur"),
    (2 * 86400 + 14 * 3600 + 5 * 60, -8.45, 116.20, 5.2, 10,
     "Pusat gempa berada di darat 12 km BaratLaut Lombok Timur",
     "IV Lombok Timur, III Mataram, II - III Lombok Utara"),
    (2 * 86400 + 15 * 3600 + 31 * 60, -8.41, 116.24, 3.9, 9,
     "Pusat gempa berada di darat 10 km BaratLaut Lombok Timur", "III Lombok Timur"),
    (3 * 86400 + 2 * 3600 + 10 * 60, -8.48, 116.17, 3.2, 12,
     "Pusat gempa berada di darat 13 km BaratLaut Lombok Timur", "II Lombok Timur"),
    (3 * 86400 + 22 * 3600, -8.79, 118.71, 4.6, 60, "Pusat gempa berada di laut 21 km Utara "
     "Bima", "III Kota Bima, II - III Bima"),
    (4 * 86400 + 11 * 3600 + 20 * 60, -10.40, 118.30, 5.9, 25, "210 km Selatan DOMPU-NTB", None),
    (5 * 86400 + 6 * 3600 + 45 * 60, -8.37, 116.31, 4.4, 10,
     "Pusat gempa berada di darat 8 km Utara Lombok Timur", "III Lombok Timur, II Mataram"),
    (6 * 86400 + 17 * 3600 + 2 * 60, -7.95, 117.60, 5.0, 14, "96 km TimurLaut SUMBAWA-NTB",
     "II Sumbawa"),
]
"""One week of a Lombok swarm with quakes around NTB and one far away (Maluku)."""

VILLAGES = {
    # kabupaten/kota: (adm4, kecamatan, desa, lat, lon): one village each
    "52.01": ("52.01.01.1001", "Gerung", "Gerung Utara", -8.68, 116.12),
    "52.02": ("52.02.01.1001", "Praya", "Praya", -8.71, 116.27),
    "52.03": ("52.03.01.2001", "Keruak", "Tanjung Luar", -8.76, 116.57),
    "52.04": ("52.04.02.2001", "Lunyuk", "Lunyuk Rea", -9.03, 117.23),
    "52.05": ("52.05.01.1001", "Dompu", "Bada", -8.54, 118.46),
    "52.06": ("52.06.01.2005", "Monta", "Tolotangga", -8.66, 118.73),
    "52.07": ("52.07.01.2001", "Jereweh", "Goa", -8.86, 116.84),
    "52.08": ("52.08.01.2001", "Tanjung", "Tanjung", -8.35, 116.15),
    "52.71": ("52.71.01.1004", "Ampenan", "Ampenan Selatan", -8.58, 116.08),
    "52.72": ("52.72.01.1001", "Rasanae Barat", "Paruga", -8.46, 118.72),
}
KABKOTA = {"52.01": "Lombok Barat", "52.02": "Lombok Tengah", "52.03": "Lombok Timur",
           "52.04": "Sumbawa", "52.05": "Dompu", "52.06": "Bima", "52.07": "Sumbawa Barat",
           "52.08": "Lombok Utara", "52.71": "Kota Mataram", "52.72": "Kota Bima"}
WEATHER = {0: ("Cerah", "Sunny"), 1: ("Cerah Berawan", "Partly Cloudy"),
           3: ("Berawan", "Mostly Cloudy"), 4: ("Berawan Tebal", "Overcast"),
           60: ("Hujan Ringan", "Light Rain"), 61: ("Hujan Sedang", "Moderate Rain"),
           63: ("Hujan Lebat", "Heavy Rain"), 95: ("Hujan Petir", "Thunderstorm")}
CODES = {desc: code for code, (desc, _en) in WEATHER.items()}


def quakes_until(now: int, n: int = 15) -> list[dict]:
    """The ``n`` newest quakes of the replayed sequence at or before ``now``, newest first,
    as ``{ts, lat, lon, magnitude, depth, wilayah, felt}``."""
    monday = datetime.fromtimestamp(now, WITA).replace(hour=0, minute=0, second=0,
                                                       microsecond=0)
    monday -= timedelta(days=monday.weekday())
    start = int(monday.timestamp())
    out = []
    for week in range(0, -4, -1):
        for off, lat, lon, mag, depth, where, felt in SEQUENCE:
            ts = start + week * WEEK + off
            if ts <= now:
                out.append({"ts": ts, "lat": lat, "lon": lon, "magnitude": mag,
                            "depth": depth, "wilayah": where, "felt": felt})
    return sorted(out, key=lambda q: -q["ts"])[:n]


def _gempa(q: dict, potensi: bool, felt: bool, shakemap: bool = False) -> dict:
    dt = datetime.fromtimestamp(q["ts"], UTC)
    w = dt.astimezone(WIB)
    item = {"Tanggal": f"{w.day:02d} {MONTHS[w.month - 1]} {w.year}",
            "Jam": w.strftime("%H:%M:%S") + " WIB",
            "DateTime": dt.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
            "Coordinates": f"{q['lat']:.2f},{q['lon']:.2f}",
            "Lintang": f"{abs(q['lat']):.2f} {'LS' if q['lat'] < 0 else 'LU'}",
            "Bujur": f"{q['lon']:.2f} BT", "Magnitude": f"{q['magnitude']:.1f}",
            "Kedalaman": f"{q['depth']} km", "Wilayah": q["wilayah"]}
    if potensi:
        item["Potensi"] = NO_TSUNAMI
    if felt:
        item["Dirasakan"] = q["felt"] or "-"
    if shakemap:
        item["Shakemap"] = w.strftime("%Y%m%d%H%M%S") + ".mmi.jpg"
    return item


def tews_files(now: int) -> dict[str, str]:
    """autogempa, gempaterkini (M 5.0+) and gempadirasakan (felt) as of ``now``."""
    recent = quakes_until(now, 60)
    if not recent:
        return {}
    auto = {"Infogempa": {"gempa": _gempa(recent[0], True, True, True)}}
    big = [_gempa(q, True, False) for q in recent if q["magnitude"] >= 5.0][:15]
    felt = [_gempa(q, False, True) for q in recent if q["felt"]][:15]
    dump = lambda d: json.dumps(d, ensure_ascii=False, indent=1)  # noqa: E731
    return {"bmkg/autogempa.json": dump(auto),
            "bmkg/gempaterkini.json": dump({"Infogempa": {"gempa": big}}),
            "bmkg/gempadirasakan.json": dump({"Infogempa": {"gempa": felt}})}


SLOT = 3 * 3600
OFFSET = 8 * 3600
"""WITA's offset: the demo's days and hours are NTB's."""
DRY = np.array([0, 1, 1, 3, 3, 4])


def slots(seed: int, kab: str, starts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weather codes, rain (mm) and temperatures of the 3-hour slots starting at ``starts``
    (UTC epoch seconds on WITA's 3-hour marks) in ``kab``: a pure function of the seed, the
    place and the slot's time (``demo.noise``), afternoons wetter, some days wetter."""
    starts = np.asarray(starts, dtype=np.int64)
    hour = (starts + OFFSET) // 3600 % 24
    wet = 0.35 + 0.25 * uniform(seed, f"bmkg-day|{kab}", (starts + OFFSET) // 86400)
    p = wet * np.where((hour >= 13) & (hour <= 19), 1.6, 0.6)
    r = uniform(seed, f"bmkg|{kab}", starts, 1)
    a = uniform(seed, f"bmkg|{kab}", starts, 2)
    dry = DRY[(uniform(seed, f"bmkg|{kab}", starts, 3) * len(DRY)).astype(int)]
    cases = [r < p * 0.12, r < p * 0.22, r < p * 0.5, r < p]
    code = np.select(cases, [95, 63, 61, 60], dry)
    tp = np.round(np.select(cases, [8 + 12 * a, 10 + 15 * a, 2 + 6 * a, 0.2 + 1.8 * a], 0.0), 1)
    temp = np.round(24 + 8 * np.maximum(0.0, 1 - np.abs(hour - 14) / 9) - 2 * (code >= 60))
    return code, tp, temp


def _first_slot(now: int) -> int:
    return int(now) - (int(now) + OFFSET) % SLOT


def forecast(kab: str, now: int, seed: int) -> dict:
    """The forecast of the village of ``kab`` from the 3-hour slot holding ``now`` over
    about 2.5 days, in BMKG's ``prakiraan-cuaca`` format (``analysis_date``: the last 12-hour
    analysis). A slot's weather depends on the seed and its time only: it stays the same as
    the forecast is written again."""
    adm4, kec, desa, lat, lon = VILLAGES[kab]
    analysis = now - now % 43200
    lokasi = {"adm1": "52", "adm2": kab, "adm3": adm4.rsplit(".", 1)[0], "adm4": adm4,
              "provinsi": "Nusa Tenggara Barat", "kotkab": KABKOTA[kab], "kecamatan": kec,
              "desa": desa, "lon": lon, "lat": lat, "timezone": "Asia/Makassar"}
    starts = _first_slot(now) + SLOT * np.arange(20)
    codes, rains, temps = slots(seed, kab, starts)
    days: list[list[dict]] = []
    for i in range(20):
        ut = datetime.fromtimestamp(int(starts[i]), UTC)
        lt = ut.astimezone(WITA)
        code, tp, t = int(codes[i]), float(rains[i]), int(temps[i])
        desc, en = WEATHER[code]
        slot = {"datetime": ut.strftime("%Y-%m-%dT%H:%M:%SZ"), "t": t,
                "tcc": 100 if code >= 3 else 30, "tp": tp, "weather": code,
                "weather_desc": desc, "weather_desc_en": en, "wd_deg": 120, "wd": "SE",
                "wd_to": "NW", "ws": round(7 + (i * 37 % 60) / 10, 1),
                "hu": 90 if code >= 60 else 75, "vs": 20000, "vs_text": "> 10 km",
                "time_index": f"{3 * i}-{3 * i + 3}",
                "analysis_date": datetime.fromtimestamp(analysis, UTC).strftime(
                    "%Y-%m-%dT%H:%M:%S"),
                "image": "https://api-apps.bmkg.go.id/storage/icon/cuaca/"
                         f"{desc.lower()}-{'am' if 6 <= lt.hour < 18 else 'pm'}.svg",
                "utc_datetime": ut.strftime("%Y-%m-%d %H:%M:%S"),
                "local_datetime": lt.strftime("%Y-%m-%d %H:%M:%S")}
        if days and days[-1][0]["local_datetime"][:10] == slot["local_datetime"][:10]:
            days[-1].append(slot)
        else:
            days.append([slot])
    return {"lokasi": lokasi, "data": [{"lokasi": {**lokasi, "type": "adm4"}, "cuaca": days}]}


def today(seed: int, kab: str, ts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What the ``bmkg`` kind makes of the forecast written at each of ``ts`` for ``kab``:
    today's (WITA) largest rain, highest temperature, and the codes of today's slots (-1 past
    the day's end), so the demo's history of the ``bmkg_*`` metrics continues into what the
    live collector stores."""
    ts = np.asarray(ts, dtype=np.int64)
    first = ts - (ts + OFFSET) % SLOT
    grid = first[:, None] + SLOT * np.arange(8)[None, :]
    same = (grid + OFFSET) // 86400 == ((ts + OFFSET) // 86400)[:, None]
    code, tp, temp = slots(seed, kab, grid.ravel())
    code, tp, temp = (x.reshape(grid.shape) for x in (code, tp, temp))
    rain = np.where(same, tp, -np.inf).max(axis=1)
    hot = np.where(same, temp, -np.inf).max(axis=1)
    return rain, hot, np.where(same, code, -1)


def bmkg_files(now: int, seed: int) -> dict[str, str]:
    """Every BMKG file of the demo as of ``now``: {path under the sources folder: text}."""
    files = tews_files(now)
    for kab, (adm4, *_rest) in VILLAGES.items():
        files[f"bmkg/cuaca/{adm4}.json"] = json.dumps(forecast(kab, now, seed),
                                                      ensure_ascii=False)
    return files
