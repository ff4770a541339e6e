"""The other endpoints: catalogue, source health, latest values, articles, OpenAPI; caching;
LTTB; the report's header."""

from __future__ import annotations

import numpy as np
import pytest
from support.api_seed import NOW


def test_metrics_catalogue(client):
    body = client.get("/api/v1/metrics?lang=en").get_json()
    names = [m["name"] for m in body["metrics"]]
    assert names == ["lapor_count", "service_up", "queue_depth", "empty_metric"]
    lapor = body["metrics"][0]
    assert lapor["title"] == "Complaints" and lapor["agg"] == "sum" and lapor["unit"] == "count"
    assert lapor["labels"] == {"region": ["52.01", "52.71", "52.72"]}
    csv = client.get("/api/v1/metrics?format=csv").get_data(as_text=True)
    assert csv.splitlines()[1].startswith("lapor_count,Aduan masuk,count,down,sum")


def test_sources_health_with_iso_times(client):
    body = client.get("/api/v1/sources").get_json()
    rows = {r["id"]: r for r in body["sources"]}
    assert rows["probe_portal"]["status"] == "UP" and rows["probe_portal"]["stale"] is False
    ppid = rows["probe_ppid"]
    assert ppid["status"] == "DOWN" and ppid["last_error"].startswith("ConnectError")
    assert ppid["last_success"] == "2026-09-21T21:06:41+08:00"  # NOW-3999 in WITA
    assert ppid["stale"] is True  # no success for more than two intervals
    assert rows["probe_portal"]["next_due"].endswith("+08:00")
    csv = client.get("/api/v1/sources?format=csv").get_data(as_text=True)
    assert csv.splitlines()[0].startswith("id,title,kind,enabled,status,state,last_run")


def test_latest_value_age_and_stale(client):
    body = client.get("/api/v1/latest?metric=queue_depth").get_json()
    (row,) = body["series"]
    last_ts = max(range(NOW - 86400, NOW - 7200, 900))
    assert row["ts"] == last_ts * 1000 and row["age_seconds"] == NOW - last_ts
    assert row["stale"] is True and body["stale_after"] == 3600  # metric stale_after: 1h
    body = client.get("/api/v1/latest?metric=lapor_count&region=52.72").get_json()
    assert [r["labels"] for r in body["series"]] == [{"region": "52.72"}]
    assert body["series"][0]["stale"] is False and body["stale_after"] is None


def test_articles_filters_and_csv(client):
    body = client.get("/api/v1/articles?limit=10").get_json()
    assert [a["title"] for a in body["articles"]][:2] == ["Banjir di Bima surut",
                                                          "Harga beras naik"]
    first = body["articles"][0]
    assert set(first) >= {"title", "url", "outlet", "channel", "published", "summary",
                          "topics", "sentiment"}
    assert first["published"] == "2026-09-21T22:13:20+08:00" and first["topics"] == ["banjir"]
    body = client.get("/api/v1/articles?topic=ekonomi").get_json()
    assert [a["title"] for a in body["articles"]] == ["Harga beras naik"]
    body = client.get("/api/v1/articles?channel=media_digital&sentiment=positive").get_json()
    assert [a["outlet"] for a in body["articles"]] == ["InsideLombok"]
    body = client.get("/api/v1/articles?q=" + "%27maju%27").get_json()  # quotes are text
    assert [a["title"] for a in body["articles"]] == ["Layanan digital baru"]
    body = client.get("/api/v1/articles?from=now-90m").get_json()
    assert len(body["articles"]) == 2
    csv = client.get("/api/v1/articles?format=csv").get_data(as_text=True)
    assert "'=HYPERLINK" in csv  # a formula from a feed is defused for spreadsheets


def test_openapi_describes_every_endpoint(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    for path in ("/metrics", "/sources", "/series", "/latest", "/articles", "/chart.png",
                 "/chart.svg", "/chart.pdf", "/export.xlsx", "/report.pdf"):
        assert path in spec["paths"], path
    metric = next(p for p in spec["paths"]["/series"]["get"]["parameters"]
                  if p["name"] == "metric")
    assert metric["schema"]["enum"] == ["lapor_count", "service_up", "queue_depth",
                                        "empty_metric"]


def test_answers_are_cached_by_normalised_query(sqlite_client, api_world_sqlite):
    a = sqlite_client.get("/api/v1/series?metric=lapor_count&from=now-1d&region=52.71"
                          "&step=1h").get_json()
    api_world_sqlite.write_points([("lapor_count", {"region": "52.71"}, [NOW - 60], [1e6])])
    # the same question spelled otherwise is answered from the cache (ttl 10 s)
    b = sqlite_client.get("/api/v1/series?step=3600&region=52.71&from=now-24h"
                          "&metric=lapor_count").get_json()
    assert a == b


def test_empty_metric_gives_no_series(client):
    body = client.get("/api/v1/series?metric=empty_metric").get_json()
    assert body["series"] == []


def test_max_points_applies_lttb(client):
    body = client.get("/api/v1/series?metric=service_up&from=now-2d&step=1m&max_points=300"
                      "&service=portal").get_json()
    (s,) = body["series"]
    assert len(s["points"]) == 300 and s["downsampled"]["from"] == 2881  # 2 days of minutes, ends unaligned
    assert min(v for _, v in s["points"]) == 0.0  # the dips survive


def test_lttb_keeps_ends_and_peaks():
    from pantau.dashboard.downsample import lttb, lttb_indices

    x = np.arange(10_000)
    y = np.sin(x / 500.0)
    y[4321] = 50.0
    keep = lttb_indices(x, y, 200)
    assert len(keep) == 200 and keep[0] == 0 and keep[-1] == 9999
    assert 4321 in keep and np.all(np.diff(keep) > 0)
    xs, ys = lttb(x, y, 5000)
    assert len(xs) == 5000 and ys.max() == 50.0
    assert list(lttb_indices([1, 2, 3], [1, 2, 3], 10)) == [0, 1, 2]


def test_report_header_names_site_period_zone_and_filters(api_config, api_world_sqlite):
    from pantau.dashboard.api.charts import report_lines
    from pantau.dashboard.api.params import series_query
    from pantau.dashboard.cache import Cache
    from pantau.dashboard.context import AppContext
    from pantau.dashboard.figures.explore_report import PAGE, with_header

    ctx = AppContext(api_config, api_world_sqlite, clock=lambda: NOW, cache=Cache())
    q = series_query(ctx, {"metric": ["lapor_count"], "from": ["2026-09-14"],
                           "to": ["2026-09-21"], "region": ["52.71"]})
    lines = report_lines(ctx, q)
    assert lines[0] == "Periode: 14 Sep 2026 00:00 WITA – 21 Sep 2026 00:00 WITA"
    assert lines[1] == "Filter: Kota Mataram"  # the name, not the code
    import plotly.graph_objects as go

    fig = with_header(go.Figure(), api_config.site.name, "Aduan masuk", lines)
    assert "Command Center Uji" in fig.layout.title.text and lines[0] in fig.layout.title.text
    assert (fig.layout.width, fig.layout.height) == PAGE


@pytest.mark.parametrize("lang,word", [("id", "jumlah"), ("en", "sum")])
def test_report_lines_follow_language(api_config, api_world_sqlite, lang, word):
    from pantau.dashboard.api.charts import report_lines
    from pantau.dashboard.api.params import series_query
    from pantau.dashboard.cache import Cache
    from pantau.dashboard.context import AppContext

    ctx = AppContext(api_config, api_world_sqlite, clock=lambda: NOW, cache=Cache())
    q = series_query(ctx, {"metric": ["lapor_count"], "lang": [lang]})
    assert word in report_lines(ctx, q)[2]
