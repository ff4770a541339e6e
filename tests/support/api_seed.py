"""A small, fixed world for the API and explorer tests: a config, a clock, seeded stores.

Three regions of a ``sum`` count metric every 5 minutes for 10 days, two services of an
``avg`` ratio every minute for 2 days, a ``last`` gauge, source runs and articles.
"""

from __future__ import annotations

import math

from support.config import config_from

NOW = 1_790_000_000  # 2026-09-21 22:13:20 WITA
TZ = "Asia/Makassar"
REGIONS = ("52.01", "52.71", "52.72")
SERVICES = ("portal", "ppid")

RAW = {
    "site": {"name": "Command Center Uji", "timezone": TZ, "language": "id", "region": "52"},
    "store": {"url": "sqlite:///unused.db", "retention_days": 730},
    "web": {"cache_ttl": "10s"},
    "metrics": [
        {"name": "lapor_count", "title": {"id": "Aduan masuk", "en": "Complaints"},
         "unit": "count", "agg": "sum", "better": "down"},
        {"name": "service_up", "title": {"id": "Ketersediaan", "en": "Availability"},
         "unit": "ratio", "agg": "avg", "better": "up"},
        {"name": "queue_depth", "title": {"id": "Antrean", "en": "Queue"}, "unit": "count",
         "agg": "last", "stale_after": "1h"},
        {"name": "empty_metric", "title": "Kosong", "unit": "count", "agg": "sum"},
    ],
    "sources": [
        {"id": "probe_portal", "title": {"id": "Portal Pemprov", "en": "Province portal"},
         "kind": "http_probe", "every": "1m", "timeout": "10s",
         # credentials in the URL must never reach an export
         "options": {"url": "http://operator:rahasia@127.0.0.1:9/portal?token=abc"}},
        {"id": "probe_ppid", "kind": "http_probe", "every": "1m", "timeout": "10s",
         "options": {"url": "http://127.0.0.1:9/ppid"}},
    ],
    "media": {"topics": {"banjir": ["banjir"], "ekonomi": ["harga", "inflasi"]}},
    "screens": [
        {"id": "layanan", "title": {"id": "Layanan Publik", "en": "Public services"},
         "tiles": [{"metric": "lapor_count", "view": "kpi", "period": "7d"},
                   {"metric": "service_up", "view": "line", "period": "1d", "by": "service"},
                   {"metric": "lapor_count", "view": "bar", "period": "7d", "by": "region"},
                   {"view": "headlines", "limit": 5}]},
    ],
}


def make_config(raw: dict | None = None):
    """The validated config of ``raw`` (default this world's ``RAW``)."""
    return config_from(raw or RAW)


def count_value(i: int, r: int) -> float:
    """A deterministic, non-trivial value: a daily wave per region plus a saw tooth."""
    return round(10 + 5 * r + 4 * math.sin(i / 288 * 2 * math.pi) + (i * 7 + r * 3) % 11, 3)


def seed(store) -> None:
    """Write the fixed world into ``store``."""
    from pantau.data.batch import Article, Batch
    from pantau.data.store import RunRecord

    start = NOW - 10 * 86400
    ts = list(range(start - start % 300, NOW, 300))
    groups = [("lapor_count", {"region": reg}, ts, [count_value(i, r) for i in range(len(ts))])
              for r, reg in enumerate(REGIONS)]
    ts1 = list(range(NOW - 2 * 86400 - (NOW % 60), NOW, 60))
    for k, svc in enumerate(SERVICES):
        groups.append(("service_up", {"service": svc}, ts1,
                       [0.0 if (i + k * 5) % 37 == 0 else 1.0 for i in range(len(ts1))]))
    tq = list(range(NOW - 86400, NOW - 7200, 900))
    groups.append(("queue_depth", {}, tq, [float(i % 17) for i in range(len(tq))]))
    store.write_points(groups)
    store.record_run(RunRecord("probe_portal", NOW - 70, NOW - 69.5, "up", 2, 0))
    store.record_run(RunRecord("probe_ppid", NOW - 4000, NOW - 3999, "up", 2, 0))
    store.record_run(RunRecord("probe_ppid", NOW - 65, NOW - 60, "down", 0, 0,
                               "ConnectError: connection refused"))
    arts = [Article(url=f"https://berita.example/{i}", title=t, summary=s, outlet=o,
                    channel=c, published_ts=NOW - i * 3600, source_id="rss_x",
                    sentiment=sen, topics=tops)
            for i, (t, s, o, c, sen, tops) in enumerate([
                ("Banjir di Bima surut", "Warga kembali", "Suara NTB", "media_massa",
                 "neutral", ("banjir",)),
                ("Harga beras naik", "Pasar ramai", "Lombok Post", "media_massa", "negative",
                 ("ekonomi",)),
                ("Layanan digital baru", "SPBE 'maju'", "InsideLombok", "media_digital",
                 "positive", ()),
                ("=HYPERLINK(\"x\")", "judul jahat", "InsideLombok", "media_digital",
                 "neutral", ()),
            ])]
    store.write(Batch(samples=[], articles=arts), catalogue=[], now=NOW)


def row_counts(store) -> dict[str, int]:
    """Rows per table: to prove a request changed nothing."""
    import sqlalchemy as sa
    from pantau.data.schema import ROLLUP_CHAIN

    out = {}
    with store.reader.connect() as conn:
        for table in ("series", "samples", *(t for _, t in ROLLUP_CHAIN), "articles", "runs"):
            out[table] = conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
    return out
