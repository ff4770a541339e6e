"""Constants and helpers of the collector tests (imported by name: `from collector_helpers
import ...`; conftest modules are not importable reliably across test folders)."""
from __future__ import annotations

from pathlib import Path

from support.config import config_from

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).with_name("fixtures")

# The metrics the tests' configs declare (a subset of config.yaml's catalogue).
METRICS = [
    {"name": "lapor_complaints_received_count", "title": "Aduan masuk", "agg": "sum"},
    {"name": "lapor_complaints_resolved_ratio", "title": "Aduan selesai", "unit": "ratio"},
    {"name": "service_up", "title": "Ketersediaan", "unit": "ratio", "agg": "avg"},
    {"name": "service_latency_seconds", "title": "Waktu respons", "unit": "seconds",
     "agg": "avg"},
    {"name": "tls_expiry_days", "title": "Sisa TLS", "unit": "days"},
    {"name": "ipm_score", "title": "IPM", "unit": "index"},
    {"name": "spbe_index_score", "title": "Indeks SPBE", "unit": "score"},
    {"name": "news_articles_count", "title": "Berita", "agg": "sum"},
    {"name": "opendata_datasets_count", "title": "Dataset"},
    {"name": "opendata_downloads_count", "title": "Unduhan", "agg": "sum"},
    {"name": "server_load", "title": "Beban server", "unit": "score", "agg": "avg"},
]


def build_config(sources: list[dict], metrics: list[dict] | None = None, **sections):
    """A validated Config (kinds from the registry) with the test catalogue."""
    raw = {"site": {"timezone": "Asia/Makassar"},
           "store": {"retention_days": 3650},
           "metrics": METRICS if metrics is None else metrics, "sources": sources}
    raw.update(sections)
    return config_from(raw)



def stored(store, metric: str) -> list[tuple[dict, int, float]]:
    """Every stored sample of ``metric`` as ``(labels, ts, value)``, sorted."""
    import json

    from sqlalchemy import text

    with store.reader.connect() as conn:
        rows = conn.execute(text(
            "SELECT s.labels, p.ts, p.value FROM samples p JOIN series s ON s.id = p.series_id "
            "WHERE s.metric = :m ORDER BY s.labels_key, p.ts"), {"m": metric}).fetchall()
    return [(json.loads(lab), int(ts), float(v)) for lab, ts, v in rows]



def run_rows(store, source_id: str | None = None) -> list[dict]:
    """The ``runs`` rows (of ``source_id``), oldest first, as dicts."""
    from pantau.data.schema import runs
    from sqlalchemy import select

    q = select(runs).order_by(runs.c.id)
    if source_id is not None:
        q = q.where(runs.c.source_id == source_id)
    with store.reader.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


