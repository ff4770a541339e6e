"""PostgreSQL stopped for 20 s under the running app (a cluster the test creates itself): the
API answers 503 JSON and pages a calm page meanwhile, never 500, and both recover by
themselves once the server is back."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pytest
from support.api_seed import NOW, make_config, seed

PG_BIN = Path("/usr/lib/postgresql/15/bin")
OUTAGE = 20


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb refuses to run as root; the cluster belongs to the postgres user then.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture
def pg_cluster():
    """``(url, start, stop)`` of a throw-away PostgreSQL 15 cluster on a free port."""
    if not (PG_BIN / "initdb").exists() or (os.geteuid() == 0 and not shutil.which("runuser")):
        pytest.skip("PostgreSQL 15 binaries (or runuser) not available")
    root = Path(tempfile.mkdtemp(prefix="pantau-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data = root / "data"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run(_as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres",
                                 "--auth=trust", "-E", "UTF8"]), check=True,
                   capture_output=True, timeout=120)
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"

    def start():
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", opts,
                                     "-l", str(root / "log"), "-w", "start"]), check=True,
                       capture_output=True, timeout=60)

    def stop():
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast",
                                     "-w", "stop"]), check=True, capture_output=True,
                       timeout=60)

    start()
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", start, stop
    finally:
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m",
                                     "immediate", "stop"]), capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


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
