"""/api/v1/series gives the numbers a direct SQL computation over raw samples gives, on SQLite
and PostgreSQL, whichever table (raw samples or rollups) answered the API."""

from __future__ import annotations

import json
from datetime import datetime

import numpy as np
import pytest
import sqlalchemy as sa
from pantau.data.timeparse import parse_time
from support.api_seed import NOW, TZ

AGG_SQL = {"sum": "SUM(x.value)", "avg": "AVG(x.value)", "min": "MIN(x.value)",
           "max": "MAX(x.value)"}


def direct(store, metric: str, start: int, end: int, step: int, agg: str, origin: int,
           filters: dict) -> dict:
    """``{labels tuple: {bucket ts: value}}`` computed straight from ``samples``."""
    lo = start - (start - origin) % step
    hi = end - (end - origin) % step
    hi = hi if hi == end else hi + step
    b = f"(x.ts - ((x.ts - {origin}) % {step}))"
    where = f"s.metric = :m AND x.ts >= {lo} AND x.ts < {hi}"
    if agg == "last":
        sql = (f"SELECT s.labels, a.b, x.value FROM (SELECT x.series_id, {b} AS b, "
               f"MAX(x.ts) AS lt FROM samples x JOIN series s ON s.id = x.series_id "
               f"WHERE {where} GROUP BY x.series_id, {b}) a "
               f"JOIN samples x ON x.series_id = a.series_id AND x.ts = a.lt "
               f"JOIN series s ON s.id = a.series_id")
    else:
        sql = (f"SELECT s.labels, {b} AS b, {AGG_SQL[agg]} FROM samples x "
               f"JOIN series s ON s.id = x.series_id WHERE {where} GROUP BY s.labels, {b}")
    out: dict = {}
    with store.reader.connect() as conn:
        for labels, bucket, value in conn.execute(sa.text(sql), {"m": metric}):
            lab = json.loads(labels)
            if any(lab.get(k) not in (v if isinstance(v, list) else [v])
                   for k, v in filters.items()):
                continue
            out.setdefault(tuple(sorted(lab.items())), {})[int(bucket)] = float(value)
    return out


def from_api(body: dict) -> dict:
    return {tuple(sorted(s["labels"].items())): {ms // 1000: v for ms, v in s["points"]}
            for s in body["series"]}


CASES = [
    # (query string, metric, agg, step, from, to, filters)
    ("metric=lapor_count&from=now-3d&step=1h", "lapor_count", "sum", 3600, "now-3d", "now", {}),
    ("metric=lapor_count&from=now-2d&step=15m&agg=max&region=52.71", "lapor_count", "max",
     900, "now-2d", "now", {"region": "52.71"}),
    ("metric=lapor_count&from=2026-09-14&to=2026-09-21&step=1d", "lapor_count", "sum", 86400,
     "2026-09-14", "2026-09-21", {}),
    ("metric=service_up&from=now-1d&step=10m", "service_up", "avg", 600, "now-1d", "now", {}),
    ("metric=queue_depth&from=now-1d&step=2h", "queue_depth", "last", 7200, "now-1d", "now",
     {}),
    ("metric=lapor_count&from=now-4d&step=7m&agg=avg&region=52.01&region=52.72", "lapor_count",
     "avg", 420, "now-4d", "now", {"region": ["52.01", "52.72"]}),
    ("metric=lapor_count&from=now-9d&step=6h&agg=min", "lapor_count", "min", 21600, "now-9d",
     "now", {}),
    ("metric=service_up&from=now-2d&step=1h&agg=last&service=ppid", "service_up", "last", 3600,
     "now-2d", "now", {"service": "ppid"}),
]


@pytest.mark.parametrize("qs,metric,agg,step,frm,to,filters", CASES,
                         ids=[c[0].split("&", 1)[1] for c in CASES])
def test_series_equals_sql(client, api_world, qs, metric, agg, step, frm, to, filters):
    resp = client.get("/api/v1/series?" + qs)
    assert resp.status_code == 200, resp.get_json()
    body = resp.get_json()
    assert body["step"] == step and body["agg"] == agg and body["metric"] == metric
    start, end = parse_time(frm, NOW, TZ), parse_time(to, NOW, TZ)
    origin = (-8 * 3600) % step if step >= 86400 else 0  # WITA midnight for days
    want = direct(api_world, metric, start, end, step, agg, origin, filters)
    got = from_api(body)
    assert want, "the case must select data"
    assert got.keys() == want.keys()
    for key in want:
        assert got[key].keys() == want[key].keys(), key
        for ts, value in want[key].items():
            assert got[key][ts] == pytest.approx(value, rel=1e-9, abs=1e-9), (key, ts)


def test_day_buckets_start_at_local_midnight(client):
    body = client.get("/api/v1/series?metric=lapor_count&from=now-5d&step=1d").get_json()
    for s in body["series"]:
        for ms, _ in s["points"]:
            assert (ms // 1000 + 8 * 3600) % 86400 == 0  # 00:00 WITA


def test_default_step_keeps_about_1000_points(client):
    body = client.get("/api/v1/series?metric=lapor_count&from=now-10d").get_json()
    assert body["step"] == 900  # the nice step for 10 days in <= 1000 buckets
    assert all(len(s["points"]) <= 1000 for s in body["series"])


def test_a_step_finer_than_pixels_is_aggregated_in_the_database(client, api_world):
    """9 days at 5 min is 2,592 points per series: the JSON answer holds the smallest nice
    multiple that fits in 1000 (15 min), computed by the database at that step, and says so;
    CSV keeps the asked step; max_points keeps it too and reduces lines by LTTB."""
    qs = "metric=lapor_count&from=now-9d&step=5m&region=52.71"
    body = client.get("/api/v1/series?" + qs).get_json()
    assert body["step"] == 900 and body["step_asked"] == 300
    series = body["series"][0]
    assert series["downsampled"] == {"from": 2592, "to": len(series["points"]),
                                     "method": "step"}
    want = direct(api_world, "lapor_count", parse_time("now-9d", NOW, TZ), NOW, 900, "sum", 0,
                  {"region": "52.71"})
    got = from_api(body)
    assert got.keys() == want.keys()
    for key in want:
        assert got[key] == pytest.approx(want[key], rel=1e-9, abs=1e-9)
    rows = client.get("/api/v1/series?format=csv&" + qs).get_data(as_text=True).splitlines()
    stamps = [datetime.fromisoformat(line.split(",")[1]).timestamp() for line in rows[1:]]
    assert len(stamps) > 1000 and min(np.diff(stamps)) == 300
    lttb = client.get("/api/v1/series?max_points=500&" + qs).get_json()
    assert lttb["step"] == 300 and "step_asked" not in lttb
    assert lttb["series"][0]["downsampled"]["method"] == "lttb"
    assert len(lttb["series"][0]["points"]) == 500


def test_csv_holds_the_json_numbers(client):
    qs = "metric=lapor_count&from=now-1d&step=3h&region=52.71"
    body = client.get("/api/v1/series?" + qs).get_json()
    resp = client.get("/api/v1/series?format=csv&" + qs)
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    lines = resp.get_data(as_text=True).strip().splitlines()
    assert lines[0] == "metric,ts,value,region,region_name"  # the code, then its name
    values = [float(line.split(",")[2]) for line in lines[1:]]
    assert values == [v for _, v in body["series"][0]["points"]]
    assert lines[1].split(",")[1].endswith("+08:00")


def test_live_server_gzip_same_numbers(api_config, api_world, live_app):
    import httpx

    base = live_app(api_config, api_world, clock=lambda: NOW)
    qs = "metric=lapor_count&from=now-7d&step=1h"
    resp = httpx.get(f"{base}/api/v1/series?{qs}", headers={"Accept-Encoding": "gzip"})
    assert resp.status_code == 200
    assert resp.headers["content-encoding"] == "gzip"
    assert int(resp.headers["content-length"]) < len(resp.content) / 3
    start = parse_time("now-7d", NOW, TZ)
    want = direct(api_world, "lapor_count", start, NOW, 3600, "sum", 0, {})
    got = from_api(resp.json())
    assert {k: sorted(v.items()) for k, v in got.items()} == \
        {k: sorted((t, pytest.approx(x)) for t, x in v.items()) for k, v in want.items()}
