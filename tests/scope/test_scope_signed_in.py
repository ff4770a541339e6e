"""End to end with real sign-in (issue 12): a user and an API token limited to 52.71, made by
the ``pantau`` command, read the API and its exports over HTTP with sign-in on (session
cookie and ``Authorization: Bearer``), on SQLite and PostgreSQL: 52.71's series and the
province total, no other kabupaten/kota's; another region by name is 403 JSON."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import openpyxl
import pytest
from scope.scope_world import OTHERS, SCOPE, WILAYAH, foreign_in, seed_world
from support.access import PASSWORD, SECRET, sign_in
from support.api_seed import NOW, RAW
from support.config import ROOT, config_from

SERIES = "/api/v1/series?metric=lapor_count&from=now-2d&step=1h"
READS = (SERIES, SERIES + "&format=csv", "/api/v1/latest?metric=lapor_count",
         "/api/v1/metrics", "/api/v1/kpi?metric=lapor_count&region=52.71")


def pantau(config, *args, stdin: str | None = None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PANTAU_")}
    env["PANTAU_SECRET"] = SECRET
    return subprocess.run([sys.executable, "-m", "pantau", *args, "-c", str(config)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
                          input=stdin)


@pytest.fixture
def signed_world(store, tmp_path):
    """The scope world with a user ``rina`` and a token ``rina-skrip``, both analysts of
    52.71, made by the ``pantau`` command; returns ``(app, token)``."""
    from pantau.dashboard.app import create_app

    seed_world(store)
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"""
store: {{url: "{store.url}"}}
metrics:
  - {{name: lapor_count, title: Aduan, unit: count, agg: sum}}
auth:
  secret_key: {{$env: PANTAU_SECRET}}
""")
    r = pantau(cfg, "user", "add", "rina", "--role", "analyst", "--region", SCOPE,
               "--password-stdin", stdin=PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    r = pantau(cfg, "token", "create", "rina-skrip", "--role", "analyst", "--region", SCOPE)
    assert r.returncode == 0, r.stderr
    token = r.stdout.strip()
    raw = {**RAW, "screens": [*RAW["screens"], WILAYAH],
           "auth": {"secret_key": {"$env": "PANTAU_SECRET"}}}
    app = create_app(config_from(raw, env={"PANTAU_SECRET": SECRET}), store,
                     clock=lambda: NOW)
    return app, token


def _reads_only_the_scope(get) -> None:
    for url in READS:
        resp = get(url)
        assert resp.status_code == 200, (url, resp.get_data(as_text=True)[:300])
        text = resp.get_data(as_text=True)
        assert foreign_in(text) == [], url
        assert SCOPE in text, url
    body = get(SERIES).get_json()
    assert {s["labels"]["region"] for s in body["series"]} == {SCOPE}
    book = openpyxl.load_workbook(io.BytesIO(
        get("/api/v1/export.xlsx?metric=lapor_count&from=now-1d").data))
    rows = list(book["Data"].iter_rows(values_only=True))
    assert len(rows) > 1 and {r[rows[0].index("region")] for r in rows[1:]} == {SCOPE}
    province = get("/api/v1/kpi?metric=lapor_count").get_json()["value"]
    own = get(f"/api/v1/kpi?metric=lapor_count&region={SCOPE}").get_json()["value"]
    assert province > own * 5  # the province total, of all ten places
    refused = get(SERIES + "&region=52.01")
    assert refused.status_code == 403 and refused.get_json()["scope"] == SCOPE
    assert foreign_in(refused.get_data(as_text=True)) == []
    assert get("/api/v1/kpi?metric=lapor_count&region=52.72").status_code == 403


def test_a_scoped_token_reads_only_its_region(signed_world):
    app, token = signed_world
    client = app.server.test_client()
    _reads_only_the_scope(
        lambda url: client.get(url, headers={"Authorization": f"Bearer {token}"}))
    assert client.get(SERIES).status_code == 401  # and nothing without it


def test_a_scoped_user_reads_only_its_region(signed_world):
    app, _ = signed_world
    client = app.server.test_client()
    assert sign_in(client, "rina").status_code in (302, 303)
    _reads_only_the_scope(client.get)
    # an unscoped token on the same app and cache still reads every place
    from pantau.data import tokens
    from pantau.data.access import Role

    secret, _ = tokens.create(app.ctx.store, "semua", Role.ANALYST)
    body = client.get(SERIES, headers={"Authorization": f"Bearer {secret}"}).get_json()
    assert {s["labels"]["region"] for s in body["series"]} == {SCOPE, *OTHERS}
