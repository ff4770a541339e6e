"""Single sign-on against a local OpenID Connect provider (oidc-provider-mock, in a thread):
the claims-to-role map gives the role and region; an account without a mapped role is told
so; Pantau's own sign-in stays beside it."""

from __future__ import annotations

import copy
import re
import threading

import httpx
import pytest
from support.access import SECRET
from support.api_seed import NOW, RAW
from support.config import config_from

mock = pytest.importorskip("oidc_provider_mock")


@pytest.fixture
def provider():
    with mock.run_server_in_thread() as srv:
        yield f"http://localhost:{srv.server_port}"


@pytest.fixture
def pantau(world, provider):
    from pantau.dashboard.app import create_app
    from werkzeug.serving import make_server

    raw = copy.deepcopy(RAW)
    raw["auth"] = {"secret_key": {"$env": "S"}, "oidc": {
        "issuer": provider, "client_id": "pantau", "client_secret": {"$env": "C"},
        "roles": {"pantau-analis": "analyst", "pantau-admin": "admin"},
        "region_claim": "kode_wilayah"}}
    cfg = config_from(raw, env={"S": SECRET, "C": "rahasia-klien"})
    srv = make_server("127.0.0.1", 0, create_app(cfg, world, clock=lambda: NOW).server,
                      threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


def sso(pantau: str, provider: str, sub: str, claims: dict, next_path: str = "/explore"):
    """Sign ``sub`` in through the provider's form as a browser would; returns the client and
    Pantau's answer to the provider's redirect back."""
    httpx.put(f"{provider}/users/{sub}", json=claims).raise_for_status()
    c = httpx.Client(follow_redirects=False, timeout=30)
    page = c.get(pantau + "/login").text
    assert 'id="login-sso"' in page and "Masuk dengan SSO" in page
    r = c.get(pantau + "/login/sso", params={"next": next_path})
    assert r.status_code == 302 and r.headers["location"].startswith(provider)
    authorize = r.headers["location"]
    assert c.get(authorize).status_code == 200  # the provider's sign-in form
    r = c.post(authorize, data={"sub": sub})
    assert r.status_code == 302 and r.headers["location"].startswith(pantau + "/login/sso/")
    return c, c.get(r.headers["location"])


def test_sso_maps_claims_to_role_and_region(world, pantau, provider):
    from pantau.data import audit

    c, r = sso(pantau, provider, "budi", {"preferred_username": "budi.s",
                                          "groups": ["staf", "pantau-analis"],
                                          "kode_wilayah": "52.71"})
    assert r.status_code == 303 and r.headers["location"] == "/explore"
    assert c.get(pantau + "/explore").status_code == 200
    assert c.get(pantau + "/audit").status_code == 403
    assert c.get(pantau + "/api/v1/metrics").status_code == 200
    entry = audit.recent(world)[0]
    assert (entry.actor, entry.action, entry.detail) == ("budi.s", "sign_in", "sso")
    # signing out ends it
    c.get(pantau + "/logout")
    assert c.get(pantau + "/explore").status_code == 303


def test_sso_account_without_a_role_is_refused(world, pantau, provider):
    c, r = sso(pantau, provider, "tamu", {"preferred_username": "tamu", "groups": "umum"})
    assert r.status_code == 403
    assert "belum punya peran" in r.text
    assert c.get(pantau + "/").status_code == 303


def test_claims_to_role_rule():
    from pantau.dashboard.auth.oidc import principal_from_claims
    from pantau.data.access import Role
    from pantau.data.config_models import Oidc

    o = Oidc(issuer="https://sso.example", client_id="x", client_secret="y",
             roles={"a": "analyst", "z": "admin"}, region_claim="r")
    assert principal_from_claims(o, {"sub": "1", "groups": ["a", "z"]}).role == Role.ADMIN
    assert principal_from_claims(o, {"sub": "1", "groups": "a"}).name == "1"
    p = principal_from_claims(o, {"email": "e@x.id", "groups": ["a"], "r": "52.71"})
    assert (p.name, p.region) == ("e@x.id", "52.71")
    assert principal_from_claims(o, {"sub": "1", "groups": ["a"], "r": "5271"}) is None
    assert principal_from_claims(o, {"sub": "1", "groups": ["b"]}) is None
    o2 = o.model_copy(update={"default_role": "viewer"})
    assert principal_from_claims(o2, {"sub": "1"}).role == Role.VIEWER


def test_client_secret_only_by_reference():
    from pantau.data.config import ConfigError

    raw = copy.deepcopy(RAW)
    raw["auth"] = {"secret_key": {"$env": "S"}, "oidc": {
        "issuer": "https://sso.example", "client_id": "pantau", "client_secret": "inline"}}
    with pytest.raises(ConfigError) as exc:
        config_from(raw, env={"S": SECRET})
    assert any(re.match(r"auth\.oidc\.client_secret: give it as", p)
               for p in exc.value.problems)
