"""A wall config built from the production config.yaml (its metrics, topics and screens) and a
store seeded with realistic NTB history, for the wall's tests and ``bench/wall.py``.

Sources are declared with their ``values`` so that ``data.config.metric_sources`` knows which
source feeds which tile; they are parsed with stand-in option models (``KINDS``), so these
tests do not depend on which collector kinds are registered.
"""

from __future__ import annotations

import copy
import json
import math
import random
import time

from pantau.data.batch import Article, Batch
from pantau.data.reference import indicator_samples, regions
from pantau.data.store import RunRecord, Store
from pydantic import BaseModel, ConfigDict
from support.config import config_from, repo_yaml

PROBES = ("portal_ntbprov", "ppid_ntb", "satudata_ntb")
PROBE_TITLES = {"portal_ntbprov": {"id": "Portal Pemprov NTB", "en": "NTB government portal"},
                "ppid_ntb": {"id": "PPID NTB", "en": "NTB information desk"},
                "satudata_ntb": {"id": "Portal Satu Data", "en": "Open data portal"}}
"""Titles of the probes in config: what legends and tables show instead of the ids."""
OUTLETS = (("suara_ntb", "Suara NTB", "media_massa"), ("lombok_post", "Lombok Post", "media_massa"),
           ("insidelombok", "InsideLombok", "media_digital"))
HEADLINES = (
    ("Pemprov NTB perluas layanan digital SPBE ke sepuluh kabupaten/kota", ["spbe"]),
    ("Kunjungan wisatawan ke Mandalika naik menjelang akhir tahun", ["pariwisata"]),
    ("BPBD NTB siagakan tim hadapi banjir di Kabupaten Bima", ["bencana"]),
    ("Harga beras di Mataram stabil, inflasi NTB terkendali", ["ekonomi"]),
    ("Ombudsman NTB terima puluhan aduan pelayanan publik bulan ini", ["layanan_publik"]),
    ("Puskesmas di Lombok Timur tambah layanan penanganan stunting", ["kesehatan"]),
    ("Satu Data NTB rilis dataset baru tentang layanan publik", ["layanan_publik"]),
    ("Gempa magnitudo 4,2 guncang Sumbawa, tidak berpotensi tsunami", ["bencana"]),
    ("UMKM Lombok Tengah tembus pasar ekspor kerajinan tenun", ["ekonomi"]),
    ("Jalur pendakian Rinjani dibuka kembali untuk wisatawan", ["pariwisata"]),
    ("Diskominfotik NTB latih operator aduan LAPOR! di kabupaten", ["layanan_publik", "spbe"]),
    ("RSUD Provinsi NTB buka layanan rawat jalan malam", ["kesehatan"]),
)


def production_raw() -> dict:
    """``config.yaml`` of the repository as a dict."""
    return repo_yaml("config.yaml")


def _values(*metrics: str, labels: dict | None = None, static: dict | None = None) -> list:
    out = []
    for m in metrics:
        v = {"metric": m, "path": f"data[].{m}"}
        if labels:
            v["labels"] = labels
        if static:
            v["static_labels"] = static
        out.append(v)
    return out


def wall_raw(**sections) -> dict:
    """A config dict: production metrics, topics and screens; test sources; fast refresh.
    Keyword arguments replace (or add) whole sections: ``wall_raw(wall={...})``."""
    prod = production_raw()
    raw = {
        "site": {"name": "Command Center NTB", "language": "id", "timezone": "Asia/Makassar",
                 "region": "52"},
        "web": {"min_refresh": "1s"},
        "metrics": copy.deepcopy(prod["metrics"]),
        "sources": [
            {"id": "lapor_ntb", "kind": "http_json", "every": "15m", "timeout": "20s",
             "options": {"url": "http://127.0.0.1:9/lapor", "values": _values(
                 "lapor_complaints_received_count", "lapor_complaints_resolved_ratio",
                 "lapor_followup_days", labels={"region": "data[].kode"})}},
            *[{"id": p, "title": PROBE_TITLES[p], "kind": "http_json", "every": "1m",
               "timeout": "10s",
               "options": {"url": f"http://127.0.0.1:9/{p}", "values": _values(
                   "service_up", "service_latency_seconds", static={"service": p})}}
              for p in PROBES],
            {"id": "indikator_ntb", "kind": "csv", "cron": "0 6 * * *", "timeout": "1m",
             "options": {"path": "var/indikator.csv", "values": [
                 {"metric": "ipm_score", "column": "ipm", "labels": {"region": "kode"}},
                 {"metric": "spbe_index_score", "column": "spbe", "labels": {"region": "kode"}}]}},
            {"id": "satudata_db", "kind": "sql", "every": "1h", "timeout": "30s",
             "options": {"url": "sqlite:///var/satudata.db", "query": "SELECT 1", "values": [
                 {"metric": "opendata_downloads_count", "column": "downloads",
                  "labels": {"opd": "opd"}}]}},
            *[{"id": sid, "kind": "rss", "every": "10m", "timeout": "30s",
               "options": {"url": f"http://127.0.0.1:9/{sid}.xml", "outlet": outlet,
                           "channel": channel}} for sid, outlet, channel in OUTLETS],
        ],
        "media": copy.deepcopy(prod["media"]),
        "screens": copy.deepcopy(prod["screens"]),
        "wall": {"playlist": ["layanan", "pembangunan", "media"], "rotate": "30s",
                 "refresh": "2s", "theme": "dark", "reload_at": "03:00"},
    }
    raw.update(copy.deepcopy(sections))
    return raw


class _Value(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    metric: str


class _Options(BaseModel):
    """Options of any test source: only ``values[].metric`` matters to the wall."""

    model_config = ConfigDict(extra="allow", frozen=True)
    values: tuple[_Value, ...] = ()


class _RssOptions(_Options):
    def emitted_metrics(self) -> list[str]:
        return ["news_articles_count"]


KINDS = {"http_json": _Options, "csv": _Options, "sql": _Options, "rss": _RssOptions}
"""Stand-in option models: these tests need to know which source feeds which metric, not
how each kind validates its options (that is the collectors' tests' business)."""


def wall_config(**sections):
    """The validated ``Config`` of :func:`wall_raw`."""
    return config_from(wall_raw(**sections), kinds=KINDS)


def seed(store: Store, now: float | None = None, days: int = 45) -> int:
    """Write ``days`` of history for every metric on the wall's screens, articles, and one
    successful run per source; return the number of points written."""
    now = int(time.time() if now is None else now)
    rng = random.Random(52)
    hour = now - now % 3600
    codes = [code for code, *_ in regions()]
    groups = []
    hours = [hour - 3600 * i for i in range(days * 24, -1, -1)]
    for code in codes:
        weight = rng.uniform(0.5, 1.6)
        groups.append(("lapor_complaints_received_count", {"region": code}, hours,
                       [float(rng.random() < 0.09 * weight) + float(rng.random() < 0.02)
                        for _ in hours]))
        daily = hours[::24]
        groups.append(("lapor_complaints_resolved_ratio", {"region": code}, daily,
                       [round(rng.uniform(0.74, 0.96), 3) for _ in daily]))
    minutes = [now - now % 300 - 300 * i for i in range(2 * 288, -1, -1)]
    for i, probe in enumerate(PROBES):
        ups = [0.0 if (i == 1 and 40 < k % 288 < 46) else 1.0 for k in range(len(minutes))]
        groups.append(("service_up", {"service": probe}, minutes, ups))
        groups.append(("service_latency_seconds", {"service": probe}, minutes,
                       [round(rng.uniform(0.2, 0.9) + 0.3 * i, 3) for _ in minutes]))
    for _sid, outlet, _channel in OUTLETS:
        # more news by day than by night (WITA = UTC+8), a little noise
        groups.append(("news_articles_count", {"outlet": outlet}, hours,
                       [float(max(0, round(3 + 2.5 * math.sin((h / 3600 + 8 - 9) / 24 * 2
                                                                 * math.pi) + rng.gauss(0, 0.6))))
                        for h in hours]))
    for opd in ("Diskominfotik", "Bappeda", "Dinas Kesehatan", "BPS NTB"):
        daily = hours[::24]
        groups.append(("opendata_downloads_count", {"opd": opd}, daily,
                       [float(rng.randint(20, 140)) for _ in daily]))
    by_series: dict = {}
    for s in indicator_samples():
        key = (s.metric, tuple(sorted(s.labels.items())))
        by_series.setdefault(key, ([], []))
        by_series[key][0].append(int(s.ts))
        by_series[key][1].append(float(s.value))
    for (metric, labels), (tss, vals) in by_series.items():
        groups.append((metric, dict(labels), tss, vals))
    written = store.write_points(groups)
    items = []
    for i, (title, topics) in enumerate(HEADLINES):
        sid, outlet, channel = OUTLETS[i % len(OUTLETS)]
        items.append(Article(url=f"https://{sid}.example.id/berita/{i}", title=title,
                             summary=title, outlet=outlet, channel=channel,
                             published_ts=now - 1800 * (i + 1), source_id=sid,
                             topics=tuple(topics)))
    store.write(Batch(articles=items), catalogue=(), now=now)
    runs_ok(store, now)
    return written


SOURCE_IDS = ("lapor_ntb", *PROBES, "indikator_ntb", "satudata_db", *(o[0] for o in OUTLETS))


def runs_ok(store: Store, now: float | None = None, sources=SOURCE_IDS) -> None:
    """Record a successful run of each of ``sources`` that finished just before ``now``."""
    now = time.time() if now is None else now
    for src in sources:
        store.record_run(RunRecord(src, now - 4, now - 2, "up", samples=10))


def fail_source(store: Store, source_id: str, now: float | None = None,
                status: str = "down") -> None:
    """Record a failed run of ``source_id`` (no samples), as the runner does."""
    now = time.time() if now is None else now
    store.record_run(RunRecord(source_id, now - 3, now - 1, status, samples=0,
                               error="ConnectError: connection refused"))


def open_wall(page, url: str, timeout: float = 20000) -> None:
    """Go to ``url`` and wait until the wall's tiles are drawn with their data."""
    page.goto(url)
    page.wait_for_selector("#wall-root .wall-tile", timeout=timeout)
    page.wait_for_function("document.querySelectorAll('.wall-tile.is-loading').length === 0",
                           timeout=timeout)
    # every chart drawn by Plotly (the first drawing keeps a busy browser busy for a while)
    page.wait_for_function("""() => [...document.querySelectorAll('.wall-tile.is-live .wall-graph')]
        .every(g => g.querySelector('.main-svg'))""", timeout=timeout)


def as_json(value) -> str:
    """``value`` (Dash components, figures) as the JSON Dash sends."""
    import plotly.utils

    return json.dumps(value, cls=plotly.utils.PlotlyJSONEncoder)


def texts(component) -> list[str]:
    """Every string child in a Dash component tree."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        return [t for c in component for t in texts(c)]
    children = getattr(component, "children", None)
    return texts(children) if children is not None else []
