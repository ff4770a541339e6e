"""Cross-site requests are refused (issue 12): a POST whose Origin (or, without it, Referer)
names another site gets 403 before any handler runs, JSON for Dash callbacks and under /api;
a same-origin one works, from the Flask client and from a real page in Chromium; forwarded
headers count only from ``web.trusted_proxies``."""

from __future__ import annotations

import contextlib
import http.server
import json
import threading

import pytest
from support.api_seed import NOW, make_config, seed

CALLBACK = {"output": "page.children", "outputs": {"id": "page", "property": "children"},
            "inputs": [{"id": "url", "property": "pathname", "value": "/sources"}],
            "state": [{"id": "url", "property": "search", "value": ""}],
            "changedPropIds": ["url.pathname"]}
DASH = "/_dash-update-component"


def make_client(store, **web):
    from pantau.dashboard.app import create_app

    seed(store)
    cfg = make_config()
    if web:
        cfg = cfg.model_copy(update={"web": cfg.web.model_copy(update=web)})
    return create_app(cfg, store, clock=lambda: NOW).server.test_client()


@pytest.fixture
def client(sqlite_store):
    return make_client(sqlite_store)


def post(client, headers: dict, path: str = DASH, **kw):
    return client.post(path, data=json.dumps(CALLBACK), content_type="application/json",
                       headers=headers, **kw)


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "https://localhost"},               # another scheme is another site
    {"Origin": "http://localhost:8050"},           # another port too
    {"Origin": "null"},                            # a sandboxed frame, a data: page
    {"Origin": "http://localhost.evil.example"},
    {"Referer": "http://evil.example/page"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Origin": "http://evil.example", "Referer": "http://localhost/sources"},
])
def test_a_cross_site_callback_is_refused_with_json(client, headers):
    resp = post(client, headers)
    assert resp.status_code == 403, resp.data[:200]
    assert resp.is_json and "cross-site" in resp.get_json()["error"]
    assert resp.headers["Content-Security-Policy"]  # refusals carry the headers too


@pytest.mark.parametrize("headers", [
    {"Origin": "http://localhost"},
    {"Origin": "HTTP://LOCALHOST:80"},
    {"Referer": "http://localhost/sources?lang=en"},
    {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},
    {},                                            # a script: no Origin, no Referer
])
def test_a_same_origin_callback_answers(client, headers):
    resp = post(client, headers)
    assert resp.status_code == 200, resp.data[:200]
    assert "src-table" in resp.get_data(as_text=True)


def test_api_and_other_paths_refuse_with_their_own_kind(client):
    api = client.post("/api/v1/metrics", headers={"Origin": "http://evil.example"})
    assert api.status_code == 403 and api.get_json()["parameter"] is None
    other = client.post("/login", headers={"Origin": "http://evil.example"})
    assert other.status_code == 403 and other.mimetype == "text/plain"
    # reading stays open to any origin (what may read what is the CSP's and sign-in's job)
    assert client.get("/api/v1/metrics", headers={"Origin": "http://evil.example"}).status_code \
        == 200


def test_forwarded_headers_count_only_from_trusted_proxies(sqlite_store):
    behind = {"Origin": "https://cc.example.go.id", "X-Forwarded-Proto": "https",
              "X-Forwarded-Host": "cc.example.go.id"}
    # no trusted proxy: the forwarded headers are anybody's words
    assert post(make_client(sqlite_store), behind).status_code == 403
    trusting = make_client(sqlite_store, trusted_proxies=("10.0.0.0/24",))
    ok = post(trusting, behind, environ_base={"REMOTE_ADDR": "10.0.0.7"})
    assert ok.status_code == 200, ok.data[:200]
    assert post(trusting, behind, environ_base={"REMOTE_ADDR": "10.0.1.7"}).status_code == 403
    evil = {**behind, "Origin": "https://evil.example"}
    assert post(trusting, evil, environ_base={"REMOTE_ADDR": "10.0.0.7"}).status_code == 403


def test_a_bad_trusted_proxy_is_refused_by_the_config():
    from pantau.data.config_models import Web
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="not an IP address"):
        Web(trusted_proxies=("nginx.local",))
    assert Web(trusted_proxies=("10.0.0.5", "::1", "10.0.0.0/24")).trusted_proxies


@pytest.mark.browser
def test_in_chromium_the_page_works_and_another_origin_is_refused(live_app, sqlite_store,
                                                                  page):
    seed(sqlite_store)
    base = live_app(make_config(), sqlite_store, clock=lambda: NOW)
    statuses = []
    page.on("response", lambda r: statuses.append((r.request.method, r.url, r.status))
            if DASH in r.url else None)
    page.goto(base + "/sources", wait_until="load")
    page.wait_for_selector("#src-table", timeout=30_000)
    same = [s for m, u, s in statuses if m == "POST"]
    assert same and all(s == 200 for s in same), statuses
    # a page of another site (another port: another origin; no CSP of ours there) posts to
    # a callback of this one
    with other_site() as other:
        page.goto(other + "/", wait_until="load")
        with page.expect_response(lambda r: r.url == base + DASH) as answer:
            page.evaluate("""([url, body]) => fetch(url, {method: 'POST', mode: 'no-cors',
                headers: {'Content-Type': 'text/plain'}, body}).catch(() => null)""",
                          [base + DASH, json.dumps(CALLBACK)])
        assert answer.value.status == 403


@contextlib.contextmanager
def other_site():
    """A plain web server on another port of 127.0.0.1 with one empty page; yields its URL."""
    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"<!DOCTYPE html><title>other site</title><p>another site"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.server_port}"
    finally:
        srv.shutdown()
        srv.server_close()


@pytest.mark.parametrize("url, origin", [
    ("http://[::1]:8050/x", "http://[::1]:8050"),
    ("HTTPS://CC.Example.go.id:443/login?next=/", "https://cc.example.go.id"),
    ("http://cc.example.go.id:80", "http://cc.example.go.id"),
    ("https://cc.example.go.id:8443", "https://cc.example.go.id:8443"),
    ("null", None), ("about:blank", None), ("file:///etc/passwd", None),
    ("http://host:99999/", None), ("", None), (None, None),
])
def test_origin_of(url, origin):
    from pantau.dashboard.same_origin import origin_of

    assert origin_of(url) == origin


def test_an_ipv6_site_accepts_its_own_pages(client):
    ok = post(client, {"Origin": "http://[::1]:8050"}, base_url="http://[::1]:8050")
    assert ok.status_code == 200, ok.data[:200]
    assert post(client, {"Origin": "http://[::1]:8051"},
                base_url="http://[::1]:8050").status_code == 403
