"""Every bad parameter gets a JSON 400 naming it (404 for an unknown metric), SQL-looking
input included, and no request changes a row of the store (SQLite and PostgreSQL)."""

from __future__ import annotations

from urllib.parse import quote

from support.api_seed import row_counts

S = "/api/v1/series?metric=lapor_count"
BAD = [
    # (url, status, parameter)
    ("/api/v1/series", 400, "metric"),
    ("/api/v1/series?metric=" + quote("x';DROP TABLE samples;--"), 400, "metric"),
    ("/api/v1/series?metric=" + quote("lapor_count' OR '1'='1"), 400, "metric"),
    ("/api/v1/series?metric=no_such_metric", 404, "metric"),
    ("/api/v1/series?metric=lapor_count&metric=service_up", 400, "metric"),
    (S + "&region=" + quote("52.71' OR 1=1 --"), 400, "region"),
    (S + "&region=" + quote('52.71"); DELETE FROM series; --'), 400, "region"),
    (S + "&" + quote("region;DROP TABLE series") + "=1", 400, "region;DROP TABLE series"),
    (S + "&regoin=52.71", 400, "regoin"),
    (S + "&region=", 400, "region"),
    (S + "&from=yesterday", 400, "from"),
    (S + "&from=" + quote("now-7d; DROP TABLE runs"), 400, "from"),
    (S + "&to=2026-13-45", 400, "to"),
    (S + "&from=now&to=now-1d", 400, "to"),
    (S + "&from=now-800d", 400, "from"),
    (S + "&from=99999999999", 400, "from"),
    (S + "&step=0", 400, "step"),
    (S + "&step=-5m", 400, "step"),
    (S + "&step=0.5", 400, "step"),
    (S + "&step=" + quote("1h) UNION SELECT 1"), 400, "step"),
    (S + "&from=now-30d&step=1m", 400, "step"),
    (S + "&step=400d", 400, "step"),
    (S + "&agg=median", 400, "agg"),
    (S + "&agg=" + quote("sum(value)); DROP TABLE samples; --"), 400, "agg"),
    (S + "&format=xml", 400, "format"),
    (S + "&lang=fr", 400, "lang"),
    (S + "&max_points=1", 400, "max_points"),
    (S + "&max_points=abc", 400, "max_points"),
    (S + "&shift=forever", 400, "shift"),
    (S + "&metric2=service_up&shift=7d", 400, "shift"),
    (S + "&metric2=" + quote("' OR 1=1"), 400, "metric2"),
    ("/api/v1/latest?metric=" + quote("queue_depth;--"), 400, "metric"),
    ("/api/v1/latest?metric=lapor_count&region=" + quote("'; --"), 400, "region"),
    ("/api/v1/articles?limit=100000", 400, "limit"),
    ("/api/v1/articles?limit=-1", 400, "limit"),
    ("/api/v1/articles?channel=" + quote("media_massa' OR ''='"), 400, "channel"),
    ("/api/v1/articles?topic=" + quote("banjir%' --"), 400, "topic"),
    ("/api/v1/articles?sentiment=happy", 400, "sentiment"),
    ("/api/v1/articles?q=" + "a" * 300, 400, "q"),
    ("/api/v1/articles?since=now-1d", 400, "since"),
    ("/api/v1/metrics?lang=" + quote("id'--"), 400, "lang"),
    ("/api/v1/chart.png?metric=lapor_count&width=10", 400, "width"),
    ("/api/v1/chart.png?metric=lapor_count&height=99999", 400, "height"),
    ("/api/v1/chart.gif?metric=lapor_count", 404, "format"),
    ("/api/v1/chart.svg?metric=lapor_count&chart=pie", 400, "chart"),
    ("/api/v1/export.xlsx?metric=lapor_count&step=" + quote("';"), 400, "step"),
    ("/api/v1/report.pdf?screen=" + quote("x' OR 1=1"), 404, "screen"),
    ("/api/v1/report.pdf?screen=layanan&region=" + quote("\"; DROP"), 400, "region"),
]


def test_bad_inputs_are_refused_by_name_and_change_nothing(client, api_world):
    assert len(BAD) >= 20
    before = row_counts(api_world)
    problems = []
    for url, status, parameter in BAD:
        resp = client.get(url)
        body = resp.get_json(silent=True)
        if resp.status_code != status or not body or body.get("parameter") != parameter \
                or not body.get("error"):
            problems.append(f"{url}: {resp.status_code} {body}")
        elif resp.mimetype != "application/json":
            problems.append(f"{url}: {resp.mimetype}")
    assert not problems, "\n".join(problems)
    assert row_counts(api_world) == before


def test_errors_say_what_is_wrong(sqlite_client):
    body = sqlite_client.get(S + "&regoin=52.71").get_json()
    assert "region" in body["error"]  # it lists the labels the metric has
    body = sqlite_client.get(S + "&from=now-30d&step=1m").get_json()
    assert "10000" in body["error"] and "step" in body["error"]
    body = sqlite_client.get(S + "&from=now-800d").get_json()
    assert "730 days" in body["error"]
    body = sqlite_client.get("/api/v1/nope").get_json()
    assert "openapi" in body["error"]


def test_reserved_label_names_can_be_filtered(sqlite_client):
    # a label whose name is a parameter goes through "label.<name>"; unknown ones are refused
    resp = sqlite_client.get(S + "&label.region=52.71&from=now-1h")
    assert resp.status_code == 200
    assert {s["labels"]["region"] for s in resp.get_json()["series"]} == {"52.71"}
    resp = sqlite_client.get(S + "&label.step=x")
    assert resp.status_code == 400 and resp.get_json()["parameter"] == "label.step"
