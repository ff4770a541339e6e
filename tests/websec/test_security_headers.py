"""Security headers on every answer (issue 12): pages, assets, Dash callbacks, the API,
/healthz, /metrics and error answers carry the CSP and the other headers; the CSP allows no
inline script but the ones Dash writes (by hash); the Server header names no version."""

from __future__ import annotations

import base64
import hashlib
import re
import urllib.error
import urllib.request

import pytest
from support.api_seed import NOW, make_config, seed

HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
           "Referrer-Policy": "same-origin"}


@pytest.fixture
def client(sqlite_store):
    from pantau.dashboard.app import create_app
    from pantau.dashboard.metrics import register_metrics

    seed(sqlite_store)
    cfg = make_config()
    app = create_app(cfg, sqlite_store, clock=lambda: NOW)
    register_metrics(app.server, None, cfg.wall.refresh)
    return app.server.test_client()


def directives(csp: str) -> dict[str, list[str]]:
    out = {}
    for part in csp.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def assert_secured(resp, what: str) -> dict[str, list[str]]:
    for name, value in HEADERS.items():
        assert resp.headers.get(name) == value, (what, name, resp.headers.get(name))
    csp = resp.headers.get("Content-Security-Policy")
    assert csp, (what, "no Content-Security-Policy")
    d = directives(csp)
    assert "'unsafe-inline'" not in d["script-src"], (what, csp)
    assert "'unsafe-eval'" not in d["script-src"], (what, csp)
    assert d["default-src"] == ["'self'"]
    assert d["frame-ancestors"] == ["'none'"]
    assert d["object-src"] == ["'none'"]
    assert d["worker-src"] == ["'self'"]  # the wall's offline service worker
    return d


def test_every_kind_of_answer_carries_the_headers(client):
    dash_body = {"output": "page.children", "outputs": {"id": "page", "property": "children"},
                 "inputs": [{"id": "url", "property": "pathname", "value": "/sources"}],
                 "state": [{"id": "url", "property": "search", "value": ""}],
                 "changedPropIds": ["url.pathname"]}
    answers = {
        "page /": client.get("/"),
        "page /sources": client.get("/sources"),
        "api /api/v1/metrics": client.get("/api/v1/metrics"),
        "healthz": client.get("/healthz"),
        "metrics": client.get("/metrics"),
        "asset": client.get("/assets/overview.css"),
        "dash script": client.get("/_dash-layout"),
        "dash callback": client.post("/_dash-update-component", json=dash_body),
        "api 404": client.get("/api/v1/nope"),
        "api 405": client.post("/api/v1/metrics"),
        "414": client.get("/" + "x" * 5000),
        "bad callback 400": client.post("/_dash-update-component", data="{",
                                        content_type="application/json"),
    }
    expect = {"api 404": 404, "api 405": 405, "414": 414, "bad callback 400": 400}
    for what, resp in answers.items():
        assert resp.status_code == expect.get(what, 200), (what, resp.status_code,
                                                            resp.data[:200])
        assert_secured(resp, what)


@pytest.mark.parametrize("first", [None, "/healthz", "/assets/overview.css"])
def test_the_page_runs_only_inline_scripts_the_policy_names(client, first):
    if first:  # the policy is made at the first answer, whatever it is
        assert client.get(first).status_code == 200
    resp = client.get("/explore")
    d = assert_secured(resp, "/explore")
    # Dash's IE warning sits in an HTML comment (<!--[if IE]>): no browser runs it now
    html = re.sub(r"<!--.*?-->", "", resp.get_data(as_text=True), flags=re.S)
    inline = [m.group(2) for m in re.finditer(r"<script([^>]*)>(.*?)</script>", html, re.S)
              if "src=" not in m.group(1) and "application/json" not in m.group(1)]
    assert len(inline) >= 2  # Dash's renderer and the store-outage clientside callback
    allowed = set(d["script-src"])
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, script[:120]
    # and nothing else but this site
    assert {w for w in allowed if not w.startswith("'sha256-")} == {"'self'"}


def test_werkzeug_names_no_version(live_app, sqlite_store):
    seed(sqlite_store)
    base = live_app(make_config(), sqlite_store, clock=lambda: NOW)
    for path in ("/healthz", "/api/v1/nope"):
        try:
            resp = urllib.request.urlopen(base + path, timeout=30)
        except urllib.error.HTTPError as exc:
            resp = exc
        servers = resp.headers.get_all("Server")
        assert servers == ["pantau"], servers
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
