"""Source errors by role (issue 12): on /sources and in /api/v1/sources an admin reads a
source's last error in full, anyone else only its category ("HTTP 500", "batas waktu"); the
principal comes from ``dashboard.access.set_current`` (sign-in's job; here, without an
``auth`` section, a test hook reading the request's ``X-Test-Role``). A wall screen may not
open /sources at all (``dashboard.auth.rules``)."""

from __future__ import annotations

import json
import threading

import pytest
from support.api_seed import NOW, make_config, seed

SECRET = "HTTP 500 from https://api.internal.pemprov/lapor: <html>db01.pemprov.local ORA-12541"


def make_app(store):
    from flask import request
    from pantau.dashboard.access import set_current
    from pantau.dashboard.app import create_app
    from pantau.data.access import Principal, Role
    from pantau.data.store import RunRecord

    seed(store)
    store.record_run(RunRecord("probe_portal", NOW - 30, NOW - 29, "down", 0, 0, SECRET))
    app = create_app(make_config(), store, clock=lambda: NOW)

    @app.server.before_request
    def _principal():
        role = request.headers.get("X-Test-Role")
        if role:
            set_current(Principal(name="uji", role=Role.parse(role)))

    return app


def render_sources(client, role: str, lang: str = "id") -> str:
    body = {"output": "page.children", "outputs": {"id": "page", "property": "children"},
            "inputs": [{"id": "url", "property": "pathname", "value": "/sources"}],
            "state": [{"id": "url", "property": "search", "value": f"?lang={lang}"}],
            "changedPropIds": ["url.pathname"]}
    resp = client.post("/_dash-update-component", data=json.dumps(body),
                       content_type="application/json", headers={"X-Test-Role": role})
    assert resp.status_code == 200
    return resp.get_data(as_text=True)


@pytest.mark.parametrize("role", ["viewer", "analyst", "operator"])
def test_non_admins_see_the_category_on_the_page_and_in_the_api(sqlite_store, role):
    client = make_app(sqlite_store).server.test_client()
    page = render_sources(client, role)
    assert "HTTP 500" in page
    assert "pemprov" not in page and "ORA-" not in page
    assert "tidak terjangkau" in page  # probe_ppid's ConnectError
    assert "unreachable" in render_sources(client, role, "en")
    api = client.get("/api/v1/sources", headers={"X-Test-Role": role}).get_json()["sources"]
    by_id = {s["id"]: s for s in api}
    assert by_id["probe_portal"]["last_error"] == "HTTP 500"
    assert by_id["probe_portal"]["last_error_kind"] == "http"
    assert by_id["probe_ppid"]["last_error_kind"] == "unreachable"
    csv = client.get("/api/v1/sources?format=csv", headers={"X-Test-Role": role})
    assert csv.status_code == 200 and b"pemprov" not in csv.data and b"ConnectError" not in \
        csv.data


def test_admins_read_the_whole_error(sqlite_store):
    client = make_app(sqlite_store).server.test_client()
    page = render_sources(client, "admin")
    assert "db01.pemprov.local" in page and "ConnectError: connection refused" in page
    api = client.get("/api/v1/sources", headers={"X-Test-Role": "admin"}).get_json()
    by_id = {s["id"]: s for s in api["sources"]}
    assert by_id["probe_portal"]["last_error"] == SECRET
    assert by_id["probe_portal"]["last_error_kind"] == "http"
    # the cached answer of an admin is not what a viewer then gets, nor the other way round
    viewer = client.get("/api/v1/sources", headers={"X-Test-Role": "viewer"}).get_json()
    assert "pemprov" not in json.dumps(viewer)
    again = client.get("/api/v1/sources", headers={"X-Test-Role": "admin"}).get_json()
    assert again == api


@pytest.mark.browser
def test_sources_as_admin_and_as_viewer_in_chromium(sqlite_store, browser, artifacts):
    from pantau.dashboard.security_headers import RequestHandler
    from werkzeug.serving import make_server

    app = make_app(sqlite_store)
    srv = make_server("127.0.0.1", 0, app.server, threaded=True, request_handler=RequestHandler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    shown = {}
    try:
        for role in ("admin", "viewer"):
            for size, tag in (((1366, 768), ""), ((390, 844), "-phone")):
                ctx = browser.new_context(viewport={"width": size[0], "height": size[1]},
                                          extra_http_headers={"X-Test-Role": role})
                page = ctx.new_page()
                page.goto(f"http://127.0.0.1:{srv.server_port}/sources", wait_until="load")
                page.wait_for_selector("#src-row-probe_portal .src-error", timeout=30_000)
                page.screenshot(path=str(artifacts / f"websec-sources-{role}{tag}.png"),
                                full_page=True)
                cell = page.locator("#src-row-probe_portal .src-error")
                shown[role] = (cell.inner_text(), cell.get_attribute("title"))
                ctx.close()
    finally:
        srv.shutdown()
    assert shown["viewer"] == ("HTTP 500", "HTTP 500")
    assert shown["admin"][1] == SECRET and shown["admin"][0].startswith("HTTP 500 from https")
