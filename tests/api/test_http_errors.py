"""How the web server fails, over real HTTP: JSON errors under /api (404, 405, 413, 414),
request bodies over 1 MB refused, Dash callbacks fed the wrong types get 400 and one log line,
no off-site link from the language switch, and 503 (JSON, or a calm page) while the store
cannot be reached."""

from __future__ import annotations

import json
import logging
import socket
import threading

import httpx
import pytest
from pantau.dashboard.errors import safe_path
from support.api_seed import NOW, make_config


def _serve(store):
    from pantau.dashboard.app import create_app
    from werkzeug.serving import make_server

    app = create_app(make_config(), store, clock=lambda: NOW)
    srv = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_port}"


@pytest.fixture
def base(api_world_sqlite):
    srv, url = _serve(api_world_sqlite)
    yield url
    srv.shutdown()


def _page(base: str, pathname, search="") -> httpx.Response:
    """The page callback of the app, as the browser calls it."""
    return httpx.post(f"{base}/_dash-update-component", timeout=30, json={
        "output": "page.children", "outputs": {"id": "page", "property": "children"},
        "inputs": [{"id": "url", "property": "pathname", "value": pathname}],
        "state": [{"id": "url", "property": "search", "value": search}],
        "changedPropIds": ["url.pathname"]})


@pytest.mark.parametrize("method,path,kw,status,message", [
    ("POST", "/api/v1/series", {}, 405, "method is not allowed"),
    ("DELETE", "/api/v1/metrics", {}, 405, "method is not allowed"),
    ("GET", "/api/v1/nope", {}, 404, "no endpoint /api/v1/nope"),
    ("GET", "/api/nothing", {}, 404, "not found"),
    ("POST", "/api/v1/series", {"content": b"x" * (1024 * 1024 + 1)}, 413,
     "the request body is over 1024 KB"),
    ("GET", "/api/v1/series?metric=" + "a" * 5000, {}, 414, "longer than 4096 characters"),
])
def test_api_errors_are_json(base, method, path, kw, status, message):
    resp = httpx.request(method, base + path, timeout=30, **kw)
    assert resp.status_code == status
    assert resp.headers["content-type"] == "application/json"
    assert message in resp.json()["error"].lower() or message in resp.json()["error"]


def test_dash_bodies_over_1mb_are_413(base):
    resp = httpx.post(f"{base}/_dash-update-component", content=b"{" + b" " * 2_000_000,
                      headers={"Content-Type": "application/json"}, timeout=30)
    assert resp.status_code == 413


def test_callback_inputs_of_the_wrong_type_are_400_and_one_log_line(base, caplog):
    caplog.set_level(logging.INFO)
    resp = _page(base, 12345, search=["not", "a", "string"])
    assert resp.status_code == 400
    assert resp.json() == {"error": "bad callback input"}
    mine = [r for r in caplog.records if r.name.startswith("pantau")]
    assert len(mine) == 1 and mine[0].levelno == logging.WARNING
    assert mine[0].getMessage().startswith("callback refused: ")
    assert not any(r.exc_info for r in caplog.records)
    assert _page(base, "/sources").status_code == 200  # and the server is fine


@pytest.mark.parametrize("path", ["//evil.example/x", "/\\evil.example/x", "///evil.example",
                                  "https://evil.example/x"])
def test_language_switch_never_leaves_the_site(base, path):
    resp = _page(base, path)
    assert resp.status_code == 200
    hrefs = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("href"), str):
                hrefs.append(node["href"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(json.loads(resp.text))
    assert hrefs and all(h.startswith("/") and not h.startswith("//") and "\\" not in h
                         for h in hrefs), hrefs
    assert safe_path(path).startswith("/evil.example")


def _dead_store():
    """A store whose PostgreSQL server is not there (a port nothing listens on)."""
    from pantau.data.store import Store

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return Store(f"postgresql+psycopg://postgres@127.0.0.1:{port}/none?connect_timeout=2")


def test_store_unreachable_is_503_json_and_a_calm_page(caplog):
    srv, base = _serve(_dead_store())
    try:
        resp = httpx.get(f"{base}/api/v1/series?metric=lapor_count&from=now-1d", timeout=30)
        assert resp.status_code == 503 and resp.headers["Retry-After"] == "5"
        assert "store cannot be reached" in resp.json()["error"]
        assert httpx.get(f"{base}/healthz", timeout=30).status_code == 503
        page = _page(base, "/")
        assert page.status_code == 200
        assert "store-down" in page.text and "Data sedang tidak dapat dibaca" in page.text
        assert not any(r.exc_info for r in caplog.records if r.name.startswith("pantau"))
    finally:
        srv.shutdown()
