"""With sign-in on (``auth:``), the answers of sign-in and of the gate carry the security
headers too, and a cross-site sign-in is refused before it is even tried: it neither signs
anyone in nor counts towards the 6 failures that lock a user out."""

from __future__ import annotations

import pytest
from support.access import PASSWORD, csrf_of, make_app, sign_in
from test_security_headers import assert_secured


@pytest.fixture
def client(tmp_path):
    from pantau.data.store import Store
    from support.access import add_users
    from support.api_seed import seed

    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    store.upgrade()
    seed(store)
    add_users(store)
    yield make_app(store).server.test_client()
    store.dispose()


def test_sign_in_and_the_gate_answer_with_the_headers(client):
    answers = {
        "GET /login": (client.get("/login"), 200),
        "failed sign-in": (sign_in(client, "viewer", "salah-sandi-123"), 401),
        "page without session": (client.get("/explore"), 303),
        "api without token": (client.get("/api/v1/metrics"), 401),
        "callback without session": (client.post("/_dash-update-component",
                                                  json={"output": "page.children"}), 401),
        "pairing with a bad code": (client.get("/pair/bukan-kode"), None),
        "sign-in": (sign_in(client, "viewer"), 303),
        "403 page": (client.get("/explore"), 403),
        "api 403": (client.get("/api/v1/metrics"), 403),  # a viewer may not use the API
    }
    for what, (resp, status) in answers.items():
        if status is not None:
            assert resp.status_code == status, (what, resp.status_code)
        assert_secured(resp, what)
    assert client.get("/").status_code == 200


def test_a_cross_site_sign_in_is_refused_and_not_counted(client):
    form = client.get("/login").get_data(as_text=True)
    for _ in range(8):  # more than the 6 failures that would answer 429
        r = client.post("/login", data={"username": "viewer", "password": "salah-sandi-123",
                                         "csrf_token": csrf_of(form), "next": "/"},
                        headers={"Origin": "http://evil.example"})
        assert r.status_code == 403 and r.mimetype == "text/plain"
    forged = client.post("/login", data={"username": "viewer", "password": PASSWORD,
                                         "csrf_token": csrf_of(form), "next": "/"},
                         headers={"Origin": "http://evil.example"})
    assert forged.status_code == 403 and client.get("/").status_code == 303  # not signed in
    ok = client.post("/login", data={"username": "viewer", "password": PASSWORD,
                                     "csrf_token": csrf_of(form), "next": "/media"},
                     headers={"Origin": "http://localhost"})
    assert ok.status_code == 303 and ok.headers["Location"] == "/media"
