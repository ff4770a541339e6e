"""Helpers of the sign-in tests: the API tests' fixed world with an ``auth:`` section, users
of every role, and signing a Flask test client in through /login as a browser does."""

from __future__ import annotations

import copy
import re

from support.api_seed import NOW, RAW
from support.config import config_from

SECRET = "s" * 40
PASSWORD = "kata-sandi-uji-1"


def auth_config(**auth):
    """The fixed world's config with ``auth:`` (``secret_key`` by ``{$env: ...}``)."""
    raw = copy.deepcopy(RAW)
    raw["auth"] = {"secret_key": {"$env": "PANTAU_SECRET"}, **auth}
    return config_from(raw, env={"PANTAU_SECRET": SECRET})


def add_users(store):
    """One user of each role, named after it, all with PASSWORD; ``rina`` is a viewer of
    52.71."""
    from pantau.data import users
    from pantau.data.access import Role

    for role in Role:
        users.add(store, role.label, PASSWORD, role, now=NOW)
    users.add(store, "rina", PASSWORD, Role.VIEWER, region="52.71", now=NOW)


def make_app(store, clock=None, **auth):
    from pantau.dashboard.app import create_app

    return create_app(auth_config(**auth), store, clock=clock or (lambda: NOW))


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def sign_in(client, name: str, password: str = PASSWORD, next_path: str = "/",
            address: str = "127.0.0.1"):
    """POST the sign-in form as a browser would (GET it first for its CSRF token)."""
    env = {"REMOTE_ADDR": address}
    form = client.get("/login", environ_base=env).get_data(as_text=True)
    return client.post("/login", data={"username": name, "password": password,
                                       "csrf_token": csrf_of(form), "next": next_path},
                       environ_base=env)
