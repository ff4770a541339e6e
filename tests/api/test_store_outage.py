"""PostgreSQL stopped for 20 s under the running app (a cluster the test creates itself): the
API answers 503 JSON and pages a calm page meanwhile, never 500, and both recover by
themselves once the server is back."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from support import pg_cluster as pg
from support.api_seed import NOW, make_config, seed

pg_cluster = pg.pg_cluster  # the fixture

OUTAGE = 20

def _page(base: str, pathname: str) -> httpx.Response:
    return httpx.post(f"{base}/_dash-update-component", timeout=30, json={
        "output": "page.children", "outputs": {"id": "page", "property": "children"},
        "inputs": [{"id": "url", "property": "pathname", "value": pathname}],
        "state": [{"id": "url", "property": "search", "value": ""}],
        "changedPropIds": ["url.pathname"]})


@pytest.mark.slow
def test_api_and_pages_answer_503_while_postgresql_is_away_and_recover(pg_cluster):
    from pantau.dashboard.app import create_app
    from pantau.data.store import Store
    from werkzeug.serving import make_server

    url, start, stop = pg_cluster
    store = Store(url)
    store.upgrade()
    seed(store)
    config = make_config()
    config = config.model_copy(update={"web": config.web.model_copy(update={"cache_ttl": 0})})
    app = create_app(config, store, clock=lambda: NOW)
    srv = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_port}"
    series = f"{base}/api/v1/series?metric=lapor_count&from=now-1d"
    try:
        assert httpx.get(series, timeout=30).status_code == 200
        stop()
        statuses, pages = [], []
        until = time.monotonic() + OUTAGE
        while time.monotonic() < until:
            resp = httpx.get(series, timeout=30)
            statuses.append(resp.status_code)
            assert resp.headers["content-type"] == "application/json"
            if len(pages) < 2:
                pages.append(_page(base, "/"))
            time.sleep(1)
        assert set(statuses) == {503}, statuses
        assert all(p.status_code == 200 and "store-down" in p.text for p in pages)
        start()
        started = time.monotonic()
        while httpx.get(series, timeout=30).status_code != 200:
            assert time.monotonic() - started < 15, "the API did not recover by itself"
            time.sleep(0.5)
        print(f"\nPostgreSQL away {OUTAGE} s: {len(statuses)} answers, all 503; "
              f"200 again {time.monotonic() - started:.1f} s after it came back")
        page = _page(base, "/")
        assert page.status_code == 200 and "store-down" not in page.text
        assert httpx.get(f"{base}/healthz", timeout=30).status_code == 200
    finally:
        srv.shutdown()
        store.dispose()
