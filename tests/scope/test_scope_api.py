"""A user scoped to 52.71 never receives another kabupaten's series from the API or an export
(issue 12): every endpoint that returns series or label values, on SQLite and PostgreSQL,
asked by a principal limited to 52.71, holds 52.71's series (and the province total), no
other kabupaten/kota's; asking for one by name is 403 JSON; the query cache keeps answers per
scope."""

from __future__ import annotations

import csv
import io
import os
import re

import openpyxl
import pytest
from scope.scope_world import OTHERS, SCOPE, foreign_in, scoped_app, seed_world

SERIES = "/api/v1/series?metric=lapor_count&from=now-2d&step=1h"


@pytest.fixture
def world(store):
    seed_world(store)
    return store


@pytest.fixture
def scoped(world):
    """A test client whose every request acts for a principal limited to 52.71."""
    return scoped_app(world).server.test_client()


@pytest.fixture
def both(world):
    """One app (one cache): requests with ``X-Test-Scope: 52.71`` are scoped, others admin."""
    return scoped_app(world, header=True).server.test_client()


def _regions(series: list[dict]) -> set:
    return {s["labels"].get("region") for s in series}


def test_series_json_and_csv_hold_only_the_scope(scoped, both):
    body = scoped.get(SERIES).get_json()
    assert _regions(body["series"]) == {SCOPE}
    assert foreign_in(scoped.get(SERIES).get_data(as_text=True)) == []
    # the same points an admin gets for 52.71: the scope narrows, it does not change numbers
    admin = both.get(SERIES + f"&region={SCOPE}").get_json()
    assert body["series"] == admin["series"]
    assert len(_regions(both.get(SERIES).get_json()["series"])) == 10  # the world has ten
    text = scoped.get(SERIES + "&format=csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and {r["region"] for r in rows} == {SCOPE}
    assert foreign_in(text) == []


def test_series_compared_and_shifted_hold_only_the_scope(scoped):
    for extra in ("&shift=period", "&metric2=service_up", "&max_points=20"):
        body = scoped.get(SERIES + extra).get_json()
        assert body["series"], extra
        assert _regions(body["series"]) <= {SCOPE, None}, extra
        assert foreign_in(scoped.get(SERIES + extra).get_data(as_text=True)) == [], extra


def test_latest_holds_only_the_scope(scoped):
    resp = scoped.get("/api/v1/latest?metric=lapor_count")
    assert _regions(resp.get_json()["series"]) == {SCOPE}
    assert foreign_in(resp.get_data(as_text=True)) == []
    text = scoped.get("/api/v1/latest?metric=lapor_count&format=csv").get_data(as_text=True)
    assert foreign_in(text) == [] and SCOPE in text


def test_label_listings_name_no_other_region(scoped, both):
    body = scoped.get("/api/v1/metrics").get_json()
    lapor = next(m for m in body["metrics"] if m["name"] == "lapor_count")
    assert lapor["labels"] == {"region": [SCOPE]}
    assert foreign_in(scoped.get("/api/v1/metrics").get_data(as_text=True)) == []
    assert foreign_in(scoped.get("/api/v1/metrics?format=csv").get_data(as_text=True)) == []
    admin = both.get("/api/v1/metrics").get_json()
    assert len(next(m for m in admin["metrics"] if m["name"] == "lapor_count")
               ["labels"]["region"]) == 10


def test_kpi_gives_the_scope_and_the_province_total(scoped, both):
    own = scoped.get(f"/api/v1/kpi?metric=lapor_count&region={SCOPE}").get_json()
    assert own["value"] == both.get(f"/api/v1/kpi?metric=lapor_count&region={SCOPE}"
                                    ).get_json()["value"]
    assert own["value"] > 0
    total = scoped.get("/api/v1/kpi?metric=lapor_count").get_json()
    assert total["value"] == both.get("/api/v1/kpi?metric=lapor_count").get_json()["value"]
    assert total["value"] > own["value"] * 5  # the province, all ten places summed
    site = scoped.get("/api/v1/kpi?metric=lapor_count&region=52").get_json()
    assert site["value"] == total["value"]


@pytest.mark.parametrize("url", [
    SERIES + "&region=52.01",
    SERIES + f"&region={SCOPE}&region=52.72",
    SERIES + "&format=csv&region=52.01",
    "/api/v1/latest?metric=lapor_count&region=52.72",
    "/api/v1/kpi?metric=lapor_count&region=52.01",
    "/api/v1/export.xlsx?metric=lapor_count&from=now-1d&region=52.02",
    "/api/v1/chart.png?metric=lapor_count&from=now-1d&region=52.03",
    "/api/v1/report.pdf?metric=lapor_count&from=now-1d&region=52.04",
    "/api/v1/report.pdf?screen=layanan&region=52.05",
])
def test_asking_for_another_region_is_403_json(scoped, url):
    resp = scoped.get(url)
    assert resp.status_code == 403, resp.get_data(as_text=True)[:300]
    body = resp.get_json()
    assert body["error"] == "forbidden" and body["parameter"] == "region"
    assert "outside your region scope" in body["detail"] and body["scope"] == SCOPE


def test_xlsx_exports_hold_only_the_scope(scoped):
    for url in ("/api/v1/export.xlsx?metric=lapor_count&from=now-1d",          # raw points
                "/api/v1/export.xlsx?metric=lapor_count&from=now-2d&step=1h",  # buckets
                "/api/v1/export.xlsx?metric=lapor_count&from=now-2d&step=1h&shift=1d"):
        resp = scoped.get(url)
        assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
        book = openpyxl.load_workbook(io.BytesIO(resp.data))
        data = list(book["Data"].iter_rows(values_only=True))
        head, rows = data[0], data[1:]
        assert rows, url
        region = head.index("region")
        assert {r[region] for r in rows} == {SCOPE}, url
        cells = " ".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True)
                         for c in row if c is not None)
        assert not [n for n in OTHERS.values() if n in cells], url


def _same_ids(svg: str) -> str:
    # plotly names its clip paths and traces with random ids per drawing
    uid = re.search(r'id="defs-([0-9a-f]+)"', svg).group(1)
    return re.sub(r"trace[0-9a-f]{6}\b", "trace", svg.replace(uid, "UID"))


@pytest.mark.slow
def test_chart_files_draw_only_the_scope(scoped, both):
    url = "/api/v1/chart.{}?metric=lapor_count&from=now-2d&step=1h&width=600&height=300"
    svg = scoped.get(url.format("svg")).get_data(as_text=True)
    assert foreign_in(svg) == []
    assert _same_ids(svg) == _same_ids(both.get(url.format("svg") + f"&region={SCOPE}")
                                       .get_data(as_text=True))
    assert len(foreign_in(both.get(url.format("svg")).get_data(as_text=True))) == 9  # legend
    # the PNG is the one an admin gets for 52.71 alone, not the one of all ten places
    png = scoped.get(url.format("png")).data
    assert png == both.get(url.format("png") + f"&region={SCOPE}").data
    assert png != both.get(url.format("png")).data


def test_screen_report_and_report_are_made_for_the_scope(scoped):
    for url in ("/api/v1/report.pdf?screen=layanan",
                "/api/v1/report.pdf?metric=lapor_count&from=now-1d"):
        resp = scoped.get(url)
        assert resp.status_code == 200 and resp.data.startswith(b"%PDF"), url


def test_screen_report_panels_hold_only_the_scope(world):
    """The screen PDF's bar panel by region, asked in the scope: one bar, 52.71's."""
    from pantau.dashboard.api.charts import _panel
    from pantau.data.config_models import Tile
    from support.api_seed import NOW

    ctx = scoped_app(world).ctx
    tile = Tile(view="bar", metric="lapor_count", period=7 * 86400, by="region")
    scoped = _panel(ctx, tile, "id", NOW, {}, SCOPE)
    assert scoped["traces"][0]["x"] == ["Kota Mataram"]
    assert len(_panel(ctx, tile, "id", NOW, {}, None)["traces"][0]["x"]) == 10
    kpi = Tile(view="kpi", metric="lapor_count", period=7 * 86400)
    assert _panel(ctx, kpi, "id", NOW, {}, SCOPE)["value"] == \
        _panel(ctx, kpi, "id", NOW, {}, None)["value"]  # the province total


def test_the_cache_keeps_answers_per_scope(both):
    """One app, one cache: an admin's answer is never served to the scoped user, nor the
    scoped user's to an admin, whichever asks first."""
    scoped = {"X-Test-Scope": SCOPE}
    for first, second in ((None, scoped), (scoped, None)):
        for url in (SERIES + "&to=now-1h" if first else SERIES + "&to=now-2h",
                    "/api/v1/metrics?lang=en" if first else "/api/v1/metrics?lang=id",
                    "/api/v1/latest?metric=lapor_count&lang=" + ("en" if first else "id")):
            a = both.get(url, headers=first or {}).get_data(as_text=True)
            b = both.get(url, headers=second or {}).get_data(as_text=True)
            admin, mine = (a, b) if first is None else (b, a)
            assert foreign_in(mine) == [], url
            assert len(foreign_in(admin)) == 9, url


def test_cache_keys_carry_the_scope():
    from flask import Flask
    from pantau.dashboard.access import set_current
    from pantau.dashboard.cache import Cache
    from scope.scope_world import SCOPED

    cache, app = Cache(), Flask(__name__)
    assert cache.get_or_set("k", 60, lambda: "admin") == "admin"
    with app.test_request_context():
        set_current(SCOPED)
        assert cache.get_or_set("k", 60, lambda: "scoped") == "scoped"
        assert cache.get_or_set("k", 60, lambda: "again") == "scoped"
    assert cache.get_or_set("k", 60, lambda: "again") == "admin"


def test_openapi_describes_the_scope_and_its_403(scoped):
    spec = scoped.get("/api/v1/openapi.json").get_json()
    assert "Region scope" in spec["info"]["description"]
    assert "403 JSON" in spec["info"]["description"]
    series = spec["paths"]["/series"]["get"]["responses"]
    assert "region scope" in series["403"]["description"]
    assert "scope" in spec["components"]["schemas"]["Error"]["properties"]


def test_shared_redis_cache_keeps_answers_per_scope():
    """Two web hosts sharing Redis (web.cache_url): host A's admin answer is never host B's
    answer for a user scoped to 52.71, and B's scoped answer is stored under its scope."""
    import uuid

    import redis
    from flask import Flask
    from pantau.dashboard.access import set_current
    from pantau.dashboard.cache import Cache
    from scope.scope_world import SCOPED

    url = os.environ.get("PANTAU_TEST_REDIS", "redis://127.0.0.1:6379/15")
    try:
        r = redis.Redis.from_url(url, socket_connect_timeout=1)
        r.ping()
    except redis.RedisError:
        if os.environ.get("PANTAU_REQUIRE_REDIS") == "1":
            raise
        pytest.skip("no Redis at 127.0.0.1:6379")
    prefix = f"pantau-test-{uuid.uuid4().hex}:"
    try:
        a, b, app = Cache(url, prefix=prefix), Cache(url, prefix=prefix), Flask(__name__)
        assert a.get_or_set("series:x", 60, lambda: {"regions": ["52.01", "52.71"]}) == \
            {"regions": ["52.01", "52.71"]}
        with app.test_request_context():
            set_current(SCOPED)
            assert b.get_or_set("series:x", 60, lambda: {"regions": ["52.71"]}) == \
                {"regions": ["52.71"]}
        assert r.get(f"{prefix}scope={SCOPE}|series:x") == b'{"regions":["52.71"]}'
        assert b.get_or_set("series:x", 60, lambda: None) == {"regions": ["52.01", "52.71"]}
    finally:
        for key in r.scan_iter(prefix + "*"):
            r.delete(key)
