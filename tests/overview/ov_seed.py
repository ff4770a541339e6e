"""Test data of the overview area: a config with KPI screens, a known data set written to a
fresh store at a fixed time, and the expected card numbers computed independently from the
rows written (plain Python over the rows, never through data.kpi or data.queries)."""

from __future__ import annotations

from dataclasses import dataclass

from pantau.data.batch import Batch, Sample
from pantau.data.reference import indicator_samples

# 2026-11-28 09:15 WITA (01:15 UTC): the fixed "now" of every overview test.
T = 1795828500
HOUR, DAY = 3600, 86400
END = T - T % HOUR + HOUR  # the 7-day window ends at the end of the current hour
PROVINCE = "52"

METRICS = [
    {"name": "lapor_complaints_received_count",
     "title": {"id": "Aduan LAPOR! masuk", "en": "LAPOR! complaints received"},
     "unit": "count", "better": "down", "agg": "sum", "target": 1000, "warn": 1500,
     "crit": 2000, "per": "7d"},
    {"name": "lapor_complaints_resolved_ratio",
     "title": {"id": "Aduan LAPOR! selesai", "en": "LAPOR! complaints resolved"},
     "unit": "ratio", "better": "up", "agg": "last", "target": 0.9, "warn": 0.8, "crit": 0.7},
    {"name": "service_up", "title": {"id": "Ketersediaan layanan", "en": "Service availability"},
     "unit": "ratio", "better": "up", "agg": "avg", "target": 0.995, "warn": 0.99,
     "crit": 0.95},
    {"name": "ipm_score",
     "title": {"id": "Indeks Pembangunan Manusia", "en": "Human Development Index"},
     "unit": "index", "better": "up", "agg": "last", "target": 75},
    {"name": "spbe_index_score", "title": {"id": "Indeks SPBE", "en": "SPBE index"},
     "unit": "score", "better": "up", "agg": "last", "target": 3.5, "warn": 2.6, "crit": 1.8},
    {"name": "news_articles_count", "title": {"id": "Berita terbit", "en": "News published"},
     "unit": "count", "better": "none", "agg": "sum"},
]

SCREENS = [
    {"id": "layanan", "title": {"id": "Layanan Publik", "en": "Public services"},
     "tiles": [{"metric": "lapor_complaints_received_count", "view": "kpi"},
               {"metric": "lapor_complaints_resolved_ratio", "view": "kpi"},
               {"metric": "service_up", "view": "kpi"},
               {"metric": "service_up", "view": "line", "by": "service"}]},
    {"id": "pembangunan", "title": {"id": "Pembangunan Daerah", "en": "Regional development"},
     "tiles": [{"metric": "ipm_score", "view": "map"}, {"metric": "spbe_index_score",
                                                        "view": "kpi"},
               {"metric": "ipm_score", "view": "kpi"}]},
    {"id": "media", "title": {"id": "Pemantauan Media", "en": "Media monitoring"},
     "tiles": [{"metric": "news_articles_count", "view": "kpi"}, {"view": "headlines"}]},
]

COMPLAINT_REGIONS = ["52.01", "52.04", "52.71", "52.72"]
SERVICES = ["portal", "ppid"]
OUTLETS = ["Suara NTB", "Lombok Post"]


def raw_config(**site) -> dict:
    return {"site": {"name": "Command Center NTB", "timezone": "Asia/Makassar",
                     "region": PROVINCE, **site},
            "metrics": METRICS, "sources": [], "screens": SCREENS}


def known_rows() -> list[Sample]:
    """Fourteen days of points before T: every 6 hours for complaints and resolution ratios
    per region, hourly for two services, every 3 hours for two outlets."""
    rows: list[Sample] = []
    for k in range(56):  # k = 0..27 in this week, 28..55 in the week before
        ts = END - 3 * HOUR - k * 6 * HOUR
        for i, code in enumerate(COMPLAINT_REGIONS):
            rows.append(Sample("lapor_complaints_received_count",
                               (k * 7 + i * 5) % 13 + 4 * i + (6 if k < 28 else 0),
                               {"region": code}, ts))
            rows.append(Sample("lapor_complaints_resolved_ratio",
                               round(0.62 + ((k * 3 + i * 11) % 29) / 100, 4),
                               {"region": code}, ts))
    for h in range(14 * 24):
        ts = T - 300 - h * HOUR
        for j, svc in enumerate(SERVICES):
            up = 0.0 if (h + j) % (17 if h < 168 else 9) == 0 else 1.0
            rows.append(Sample("service_up", up, {"service": svc}, ts))
    for h in range(0, 14 * 24, 3):
        ts = END - 2 * HOUR - h * HOUR
        for j, outlet in enumerate(OUTLETS):
            rows.append(Sample("news_articles_count", (h // 3 + j) % 5,
                               {"outlet": outlet, "channel": "media_massa"}, ts))
    return rows


@dataclass
class Seeded:
    rows: list[Sample]

    def in_window(self, metric: str, start: int, end: int, region: str | None = None):
        return [r for r in self.rows if r.metric == metric and start <= r.ts < end
                and (region is None or r.labels.get("region") == region)]


def seed(store, cfg) -> Seeded:
    """Write the known rows and the real IPM/SPBE indicators (years old, so written with a
    'now' of their own time, as an import of history would) into ``store``."""
    names = [m.name for m in cfg.metrics]
    rows = known_rows()
    res = store.write(Batch(rows), names, now=T)
    assert res.rejected == 0, res.rejections[:3]
    ind = indicator_samples()
    for year in sorted({s.ts for s in ind}):
        res = store.write(Batch([s for s in ind if s.ts == year]), names, now=year + DAY)
        assert res.rejected == 0, res.rejections[:3]
    return Seeded(rows + ind)


# -- the independent computation ------------------------------------------------------------
def expected(seeded: Seeded, metric: dict, start: int, end: int, region: str | None) -> dict:
    """Value, previous value and status of a card, from the rows alone.

    Rules (the product's, restated): ``sum`` adds every point in [start, end); ``avg`` is
    the mean of the points of each series, averaged over series; ``last`` is the newest
    point of each series in the window, averaged over series. The province view of a
    metric with a province series uses that series. A metric without a point in the
    window but with older points is shown over the window of the same length ending at the
    end of the hour of its newest point (and the window before that), dated by that point."""
    name, agg = metric["name"], metric["agg"]

    def per_series(s, e):
        groups: dict[str, list[Sample]] = {}
        for r in seeded.rows:
            if r.metric != name or not (s <= r.ts < e):
                continue
            reg = r.labels.get("region")
            if region is not None and reg is not None and reg != region:
                continue
            key = repr(sorted(r.labels.items()))
            groups.setdefault(key, []).append(r)
        return groups

    def value(s, e):
        groups = per_series(s, e)
        if not groups:
            return None
        if agg == "sum":
            return float(sum(r.value for g in groups.values() for r in g))
        if agg == "avg":
            means = [sum(r.value for r in g) / len(g) for g in groups.values()]
            return sum(means) / len(means)
        lasts = [max(g, key=lambda r: r.ts).value for g in groups.values()]
        return sum(lasts) / len(lasts)

    v = value(start, end)
    prev = value(start - (end - start), start)
    as_of = None
    if v is None:
        groups = per_series(0, end)
        if groups:
            as_of = max(r.ts for g in groups.values() for r in g)
            hi = as_of - as_of % 3600 + 3600
            lo = hi - (end - start)
            v, prev = value(lo, hi), value(lo - (end - start), lo)
    status = status_of(metric, v, end - start)
    adds_up = agg == "sum" or metric.get("unit") == "count"
    if v is not None and region not in (None, PROVINCE) and adds_up:
        status = "none"  # a summed count's province thresholds are not a kabupaten's
    return {"value": v, "previous": prev, "status": status, "as_of": as_of}


def status_of(metric: dict, v: float | None, period: int) -> str:
    """Thresholds of a sum metric given ``per`` a period grow with the window (per 7 days:
    a 30-day window compares with 30/7 of them)."""
    if v is None:
        return "nodata"
    warn, crit, better = metric.get("warn"), metric.get("crit"), metric["better"]
    if better == "none" or (warn is None and crit is None):
        return "none"
    if metric.get("per") == "7d":
        warn, crit = warn * period / (7 * DAY), crit * period / (7 * DAY)

    def worse(x, thr):
        return x >= thr if better == "down" else x <= thr

    if crit is not None and worse(v, crit):
        return "crit"
    if warn is not None and worse(v, warn):
        return "warn"
    return "ok"


def region_for(metric: dict, region: str) -> str | None:
    """The region filter the product applies (see dashboard.components.regions), restated:
    metrics with a province series use it for the province; metrics without region labels
    are never filtered."""
    if metric["name"] in ("ipm_score", "spbe_index_score"):
        return region
    if metric["name"] in ("lapor_complaints_received_count", "lapor_complaints_resolved_ratio"):
        return None if region == PROVINCE else region
    return None
