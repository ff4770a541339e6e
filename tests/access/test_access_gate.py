"""The gate with auth on, as an HTTP client meets it: redirects to /login, 401/403 JSON on the
API and on Dash's callbacks, the public paths, the sign-in form's CSRF token and cookie."""

from __future__ import annotations

import json

import pytest
from support.access import PASSWORD, csrf_of, make_app, sign_in

PAGES = ["/", "/explore", "/media", "/sources", "/metric/lapor_count", "/wall",
         "/explore?metric=lapor_count&from=now-7d"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_without_session_go_to_login(client, path):
    r = client.get(path)
    assert r.status_code in (302, 303)
    from urllib.parse import parse_qs, urlsplit

    loc = urlsplit(r.headers["Location"])
    assert loc.path == "/login"
    assert parse_qs(loc.query)["next"] == [path]


def test_api_without_credentials_is_401_json(client):
    r = client.get("/api/v1/series?metric=lapor_count")
    assert r.status_code == 401
    body = r.get_json()
    assert set(body) == {"error", "detail"} and body["error"] == "unauthorized"
    assert client.get("/api/v1/metrics").status_code == 401


def test_healthz_is_public_and_says_nothing_private(client):
    r = client.get("/healthz")
    assert r.status_code == 200
    body = r.get_json()
    assert body["status"] == "ok"
    assert not {"users", "user", "name", "principal"} & set(body)


def test_metrics_keeps_its_own_rule(world):
    from pantau.dashboard.metrics import register_metrics

    app = make_app(world)
    register_metrics(app.server, None, 30)  # as pantau.wsgi does
    client = app.server.test_client()
    # loopback (the test client's address) may read it without signing in; others may not
    r = client.get("/metrics")
    assert r.status_code == 200 and b"pantau_" in r.data
    r = client.get("/metrics", environ_base={"REMOTE_ADDR": "10.2.3.4"})
    assert r.status_code == 403


def test_static_files_of_the_sign_in_page_load_without_session(client):
    page = client.get("/login").get_data(as_text=True)
    for href in ("/assets/00_bootstrap.min.css", "/assets/auth.css"):
        assert href in page
        assert client.get(href).status_code == 200


def test_dash_endpoints_want_a_session(client):
    assert client.get("/_dash-layout").status_code == 401
    assert client.get("/_dash-dependencies").status_code == 401
    r = client.post("/_dash-update-component", json={"output": "page.children"})
    assert r.status_code == 401 and r.get_json()["error"] == "unauthorized"


def test_next_is_only_ever_a_local_path(client):
    for bad in ("https://evil.example/x", "//evil.example/x", "/\\evil.example"):
        r = sign_in(client, "viewer", next_path=bad)
        assert r.status_code == 303
        loc = r.headers["Location"]
        assert loc.startswith("/") and not loc.startswith("//") and "://" not in loc
        client.get("/logout")


def test_viewer_signs_in_sees_overview_not_explore(client):
    r = sign_in(client, "viewer", next_path="/media")
    assert r.status_code == 303 and r.headers["Location"] == "/media"
    assert client.get("/").status_code == 200
    assert client.get("/media").status_code == 200
    r = client.get("/explore")
    assert r.status_code == 403
    text = r.get_data(as_text=True)
    assert "tidak berhak" in text and "pembaca" in text
    r = client.get("/api/v1/series?metric=lapor_count")
    assert r.status_code == 403 and r.get_json()["error"] == "forbidden"


def test_analyst_reads_explore_and_the_api_with_a_session(client):
    sign_in(client, "analyst")
    assert client.get("/explore").status_code == 200
    r = client.get("/api/v1/series?metric=lapor_count&from=now-1d&step=1h")
    assert r.status_code == 200 and r.get_json()["metric"] == "lapor_count"


def _callbacks(app):
    """{output: callback} of the Dash app."""
    return dict(app.callback_map)


def _post_callback(client, output: str, inputs: list):
    return client.post("/_dash-update-component",
                       data=json.dumps({"output": output, "outputs": [], "inputs": inputs,
                                        "changedPropIds": []}),
                       content_type="application/json")


def test_viewer_cannot_call_explore_callbacks_by_hand(app, client):
    sign_in(client, "viewer")
    explore_outputs = [o for o in _callbacks(app) if o.startswith("..ex-")]
    assert len(explore_outputs) >= 2, "the explorer's data callbacks"
    for output in explore_outputs:
        r = _post_callback(client, output, [])
        assert r.status_code == 403, output
        assert r.get_json()["error"] == "forbidden"
    # the overview's own callback is the viewer's: let through (and answered)
    ov = next(o for o in _callbacks(app) if o.startswith("..ov-body"))
    assert _post_callback(client, ov, []).status_code != 403


def test_page_router_refuses_a_page_above_the_role(client):
    sign_in(client, "viewer")
    inputs = [{"id": "url", "property": "pathname", "value": "/explore"}]
    r = client.post("/_dash-update-component", json={
        "output": "page.children", "outputs": {"id": "page", "property": "children"},
        "inputs": inputs, "state": [{"id": "url", "property": "search", "value": ""}],
        "changedPropIds": ["url.pathname"]})
    assert r.status_code == 200
    text = r.get_data(as_text=True)
    assert "forbidden-title" in text and "explore-" not in text
    inputs[0]["value"] = "/"
    r = client.post("/_dash-update-component", json={
        "output": "page.children", "outputs": {"id": "page", "property": "children"},
        "inputs": inputs, "state": [{"id": "url", "property": "search", "value": ""}],
        "changedPropIds": ["url.pathname"]})
    assert r.status_code == 200 and "forbidden-title" not in r.get_data(as_text=True)


def test_unknown_callback_output_is_refused(client):
    sign_in(client, "admin")
    r = _post_callback(client, "no-such.children", [])
    assert r.status_code == 403


def test_login_form_needs_its_csrf_token(client):
    client.get("/login")
    r = client.post("/login", data={"username": "viewer", "password": PASSWORD,
                                     "csrf_token": "forged", "next": "/"})
    assert r.status_code == 400
    assert client.get("/").status_code == 303


def test_wrong_password_is_401_and_the_form_again(client):
    r = sign_in(client, "viewer", password="salah-sekali-123")
    assert r.status_code == 401
    assert "Nama pengguna atau kata sandi salah" in r.get_data(as_text=True)
    assert client.get("/").status_code == 303


def test_session_cookie_flags(world):
    app = make_app(world)
    c = app.server.test_client()
    r = sign_in(c, "viewer")
    cookie = r.headers["Set-Cookie"]
    assert cookie.startswith("pantau_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    c2 = app.server.test_client()
    env = {"REMOTE_ADDR": "127.0.0.1"}
    form = c2.get("/login", headers={"X-Forwarded-Proto": "https"}, environ_base=env)
    r = c2.post("/login", data={"username": "viewer", "password": PASSWORD, "next": "/",
                                "csrf_token": csrf_of(form.get_data(as_text=True))},
                headers={"X-Forwarded-Proto": "https"}, environ_base=env)
    assert r.status_code == 303
    assert "Secure" in r.headers["Set-Cookie"]


def test_sixth_failure_for_one_user_is_429(client):
    for i in range(5):
        r = sign_in(client, "viewer", password="salah-sekali-123", address=f"10.0.0.{i}")
        assert r.status_code == 401, i
    r = sign_in(client, "viewer", password="salah-sekali-123", address="10.0.0.9")
    assert r.status_code == 429
    assert "Coba lagi dalam 15 menit" in r.get_data(as_text=True)
    # even the right password waits, from any address; other users are not held back
    assert sign_in(client, "viewer", address="10.0.1.1").status_code == 429
    assert sign_in(client, "analyst", address="10.0.1.1").status_code == 303


def test_sixth_failure_from_one_address_is_429(client):
    for i in range(5):
        assert sign_in(client, f"nobody{i}", password="x" * 12,
                       address="10.9.9.9").status_code == 401
    assert sign_in(client, "viewer", address="10.9.9.9").status_code == 429
    assert sign_in(client, "viewer", address="10.9.9.8").status_code == 303


def test_password_change_ends_the_session(world, client):
    from pantau.data import users

    sign_in(client, "viewer")
    assert client.get("/").status_code == 200
    users.set_password(world, "viewer", "yang-baru-sekali-1")
    assert client.get("/").status_code == 303


def test_session_ends_after_its_lifetime(world):
    now = [1_790_000_000.0]
    app = make_app(world, clock=lambda: now[0], session_lifetime="1h")
    c = app.server.test_client()
    sign_in(c, "viewer")
    assert c.get("/").status_code == 200
    now[0] += 3601
    assert c.get("/").status_code == 303


def test_logout_ends_the_session(client):
    sign_in(client, "viewer")
    assert client.get("/").status_code == 200
    r = client.get("/logout")
    assert r.status_code == 303 and r.headers["Location"].startswith("/login")
    assert client.get("/").status_code == 303


def test_anonymous_role_wall_sees_the_wall_only(world):
    c = make_app(world, anonymous_role="wall").server.test_client()
    assert c.get("/wall").status_code == 200
    assert c.get("/").status_code == 303
    assert c.get("/api/v1/metrics").status_code == 401


def test_every_page_says_who_may_see_it():
    from pantau.dashboard.app import page_modules
    from pantau.dashboard.auth.rules import PAGE_ROLES

    assert {m.ROUTE for m in page_modules()} <= set(PAGE_ROLES)


def test_without_auth_everything_is_open(world):
    from pantau.dashboard.app import create_app
    from support.api_seed import make_config

    c = create_app(make_config(), world).server.test_client()
    assert c.get("/explore").status_code == 200
    assert c.get("/api/v1/metrics").status_code == 200
    assert c.get("/login").status_code in (200, 404)


def test_anonymous_viewer_sees_overview_with_a_sign_in_link(world):
    c = make_app(world, anonymous_role="viewer").server.test_client()
    assert c.get("/").status_code == 200
    assert c.get("/explore").status_code == 303  # may sign in for more: to /login
    r = c.post("/_dash-update-component", json={
        "output": "page.children", "outputs": {"id": "page", "property": "children"},
        "inputs": [{"id": "url", "property": "pathname", "value": "/"}],
        "state": [{"id": "url", "property": "search", "value": ""}],
        "changedPropIds": ["url.pathname"]})
    text = r.get_data(as_text=True)
    assert r.status_code == 200 and "nav-login" in text and "nav-logout" not in text
