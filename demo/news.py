"""The demo's news stream: fictional NTB outlets publishing fictional articles.

The stream is deterministic: ``article_times(seed, outlet, start, end)`` gives when an outlet
published, and ``make_article(seed, outlet, ts, n)`` what (title, lead, link), so the history
loader, the gap filler and the feeder agree on every article::

    for ts in article_times(52, "warta_rinjani", start, end):
        a = make_article(52, "warta_rinjani", int(ts))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from pantau.demo import REGIONS
from pantau.demo.calendar import Local, rainy_season
from pantau.demo.corpus import OFFICES, PLACES, PRESS, TEMPLATES
from pantau.demo.incidents import floods
from pantau.demo.noise import poisson, uniform


@dataclass(frozen=True)
class Outlet:
    name: str
    channel: str
    format: str          # rss | atom
    per_day: float
    site: str
    regions: tuple[str, ...]
    working_days_only: bool = False
    subjects: dict | None = None


_LOMBOK = ("52.01", "52.02", "52.03", "52.08", "52.71")
_SUMBAWA = ("52.04", "52.05", "52.06", "52.07", "52.72")

OUTLETS = {
    "warta_rinjani": Outlet("Warta Rinjani", "media_massa", "rss", 15,
                            "https://wartarinjani.example", tuple(REGIONS)),
    "kabar_tambora": Outlet("Kabar Tambora", "media_massa", "atom", 8,
                            "https://kabartambora.example", _SUMBAWA),
    "lintas_lombok": Outlet("Lintas Lombok", "media_digital", "rss", 11,
                            "https://lintaslombok.example", _LOMBOK),
    "info_publik_ntb": Outlet("Info Publik NTB", "media_interaktif", "rss", 5,
                              "https://infopublik-ntb.example", tuple(REGIONS), True, PRESS),
    "radio_selaparang": Outlet("Radio Komunitas Selaparang", "media_tradisional", "rss", 3,
                               "https://radioselaparang.example", _LOMBOK),
}
"""Fictional outlets (``.example`` domains, which never resolve) across four media channels."""

_NEWS_HOURS = np.array([0.1, 0.05, 0.05, 0.05, 0.15, 0.4, 0.9, 1.4, 1.7, 1.8, 1.7, 1.6,
                        1.3, 1.5, 1.5, 1.4, 1.2, 1.0, 0.9, 1.0, 1.1, 0.8, 0.5, 0.25])


def _hour_weights(ts: np.ndarray) -> np.ndarray:
    loc = Local(ts)
    return _NEWS_HOURS[np.floor(loc.hour).astype(int)] / _NEWS_HOURS.sum()


def article_times(seed: int, outlet: str, start: int, end: int) -> np.ndarray:
    """Sorted publication times (UTC epoch s) of ``outlet``'s articles in [start, end)."""
    o = OUTLETS[outlet]
    hours = np.arange(int(start) - int(start) % 3600, int(end), 3600, dtype=np.int64)
    if hours.size == 0:
        return hours
    loc = Local(hours)
    day = np.where(loc.holiday | loc.cuti, 0.6, np.where(loc.weekend, 0.72, 1.0))
    if o.working_days_only:
        day = np.where(loc.off, 0.0, 1.0)
    lam = o.per_day * day * _hour_weights(hours)
    k = poisson(seed, f"news|{outlet}", hours, lam).astype(int)
    if k.sum() == 0:
        return np.zeros(0, dtype=np.int64)
    at = np.repeat(hours, k)
    nth = np.arange(at.size) - np.repeat(np.cumsum(k) - k, k)
    ts = at + (uniform(seed, f"news-min|{outlet}", at * 64 + nth) * 3600).astype(np.int64)
    ts = np.sort(ts)
    return ts[(ts >= start) & (ts < end)]


class _Calendar:
    """What the subject of an article depends on, for many timestamps at once."""

    def __init__(self, seed: int, ts: np.ndarray, regions: tuple[str, ...]):
        loc = Local(ts)
        self.rain = rainy_season(loc)
        self.month = loc.month
        self.mday = (loc.date - loc.date.astype("datetime64[M]")).astype(int) + 1
        self.leisure = loc.weekend | loc.holiday
        lo, hi = int(ts.min()) - 4 * 86400 if ts.size else 0, int(ts.max()) + 3600 \
            if ts.size else 0
        self.floods = {r: floods(seed, r, lo, hi) for r in regions}


def _subject_weights(o: Outlet, cal: _Calendar, i: int, flooded: bool) -> dict[str, float]:
    month, mday = int(cal.month[i]), int(cal.mday[i])
    w = {"umum": 3.0, "ekonomi": 2.0, "pariwisata": 2.0, "layanan_publik": 1.2,
         "kesehatan": 1.5, "spbe": 0.8, "bencana": 0.3 + 2.5 * float(cal.rain[i]),
         "kemarau": 1.0 if month in (7, 8, 9, 10) else 0.0,
         "kemerdekaan": 4.0 if month == 8 and 8 <= mday <= 19 else 0.0}
    if cal.leisure[i]:
        w["pariwisata"] *= 1.8
    if flooded:
        w["bencana"] += 12.0
    if o.subjects:
        w = {k: v * o.subjects.get(k, 0.3) for k, v in w.items()}
    return w


def _pick(names: list[str], weights: list[float], u: float) -> str:
    cum = np.cumsum(weights)
    return names[int(np.searchsorted(cum, u * cum[-1], side="right").clip(0, len(names) - 1))]


def _slug(title: str) -> str:
    keep = "".join(c.lower() if c.isalnum() else "-" for c in title)
    return "-".join(p for p in keep.split("-") if p)[:80]


@dataclass(frozen=True)
class DemoArticle:
    outlet: str
    title: str
    summary: str
    url: str
    published_ts: int
    subject: str
    region: str


_FLOOD_TEMPLATES = tuple(t for t in TEMPLATES["bencana"] if "anjir" in t[0] or "ongsor" in t[0])


def _articles(seed: int, outlet: str, ts: np.ndarray, nth: np.ndarray) -> list[DemoArticle]:
    o = OUTLETS[outlet]
    if ts.size == 0:
        return []
    cal = _Calendar(seed, ts, o.regions)
    ident = ts * 8 + nth
    draws = np.stack([uniform(seed, f"art|{outlet}", ident, salt=j) for j in range(11)])
    weights = np.array([REGIONS[c][1] for c in o.regions], dtype=float)
    picks = np.searchsorted(np.cumsum(weights), draws[0] * weights.sum(), side="right")
    out = []
    for i, t in enumerate(ts.tolist()):
        d = draws[:, i]
        region = o.regions[min(int(picks[i]), len(o.regions) - 1)]
        flooded = any(b - 3600 <= t < f + 2 * 86400 for b, f, _s in cal.floods[region])
        w = _subject_weights(o, cal, i, flooded)
        names = [k for k, v in w.items() if v > 0]
        subject = _pick(names, [w[k] for k in names], float(d[10]))
        choices = _FLOOD_TEMPLATES if flooded and subject == "bencana" else TEMPLATES[subject]
        title_t, summary_t = choices[int(d[1] * len(choices))]
        slots = {
            "kab": REGIONS[region][0], "place": PLACES[int(d[2] * len(PLACES))],
            "opd": OFFICES[int(d[3] * len(OFFICES))], "n": 2 + int(d[4] * 9),
            "n2": int(d[5] * 10), "big": (1 + int(d[6] * 48)) * 25 + int(d[7] * 20),
            "pct": 5 + int(d[8] * 36), "hipct": 80 + int(d[9] * 19),
            "small": 1 + int(d[9] * 3),
        }
        title, summary = title_t.format(**slots), summary_t.format(**slots)
        day = datetime.fromtimestamp(t, UTC)
        url = f"{o.site}/berita/{day:%Y/%m/%d}/{_slug(title)}-{t % 10**6:06d}{int(nth[i])}"
        out.append(DemoArticle(outlet, title, summary, url, int(t), subject, region))
    return out


def make_article(seed: int, outlet: str, ts: int, n: int = 0) -> DemoArticle:
    """The ``n``-th article ``outlet`` published at ``ts`` (deterministic)."""
    return _articles(seed, outlet, np.array([int(ts)], dtype=np.int64), np.array([n]))[0]


def articles_between(seed: int, outlet: str, start: int, end: int) -> list[DemoArticle]:
    """Every article ``outlet`` published in [start, end), oldest first."""
    ts = article_times(seed, outlet, start, end)
    if ts.size == 0:
        return []
    same = np.concatenate([[False], ts[1:] == ts[:-1]])
    # n counts articles sharing one second, so each gets its own link.
    run_start = np.maximum.accumulate(np.where(~same, np.arange(ts.size), 0))
    return _articles(seed, outlet, ts, np.arange(ts.size) - run_start)
