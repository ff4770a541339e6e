"""API tokens as an analyst's script meets them: ``pantau token create`` (a subprocess) prints
the token once; ``Authorization: Bearer`` reads /api/v1/series; a viewer's token gets 403; a
revoked, expired or made-up one 401; the first use each day is in the audit log."""

from __future__ import annotations

import os
import subprocess
import sys

from support.access import make_app
from support.config import ROOT


def pantau(store, *args):
    cfg = store.test_config
    env = {k: v for k, v in os.environ.items() if not k.startswith("PANTAU_")}
    env["PANTAU_SECRET"] = "q" * 40
    return subprocess.run([sys.executable, "-m", "pantau", *args, "-c", str(cfg)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def _with_config(world, tmp_path):
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"""
store: {{url: "{world.url}"}}
metrics:
  - {{name: lapor_count, title: Aduan, unit: count, agg: sum}}
auth:
  secret_key: {{$env: PANTAU_SECRET}}
""")
    world.test_config = cfg
    return world


def bearer(client, token, path="/api/v1/series?metric=lapor_count&from=now-1d&step=1h"):
    return client.get(path, headers={"Authorization": f"Bearer {token}"})


def test_tokens_by_the_cli(world, tmp_path):
    from pantau.data import audit

    store = _with_config(world, tmp_path)
    r = pantau(store, "token", "create", "laporan", "--role", "analyst", "--expires", "90d")
    assert r.returncode == 0, r.stderr
    analyst = r.stdout.strip()
    assert analyst.startswith("pantau_") and len(analyst) > 40 and "\n" not in analyst
    assert "shown only now" in r.stderr
    viewer = pantau(store, "token", "create", "layar", "--role", "viewer").stdout.strip()

    client = make_app(store).server.test_client()
    r = bearer(client, analyst)
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.get_json()["metric"] == "lapor_count"
    r = bearer(client, viewer)
    assert r.status_code == 403 and r.get_json()["error"] == "forbidden"
    for bad in ("pantau_made-up", "x", analyst + "x"):
        r = bearer(client, bad)
        assert r.status_code == 401 and set(r.get_json()) == {"error", "detail"}
    # a token opens only the API: pages still want a session
    assert client.get("/explore", headers={"Authorization": f"Bearer {analyst}"}
                      ).status_code == 303
    assert bearer(client, analyst, "/api/v1/metrics").status_code == 200
    uses = [e for e in audit.recent(store) if e.action == audit.TOKEN_USE]
    assert [(e.actor, e.detail) for e in uses] == [("layar", "/api/v1/series"),
                                                   ("laporan", "/api/v1/series")]

    r = pantau(store, "token", "list")
    lines = r.stdout.splitlines()
    assert lines[0].split()[:3] == ["NAME", "ROLE", "REGION"]
    assert [ln.split()[:2] for ln in lines[1:]] == [["laporan", "analyst"], ["layar", "viewer"]]
    assert analyst not in r.stdout
    r = pantau(store, "token", "revoke", "laporan")
    assert r.returncode == 0 and r.stdout.strip() == "token laporan revoked"
    assert bearer(client, analyst).status_code == 401
    r = pantau(store, "token", "revoke", "laporan")
    assert r.returncode == 1 and "no token named" in r.stderr


def test_expired_token_is_401(world):
    from pantau.data import tokens
    from pantau.data.access import Role
    from support.api_seed import NOW

    secret, _ = tokens.create(world, "sebentar", Role.ANALYST, expires_in=3600, now=NOW - 3599)
    client = make_app(world).server.test_client()
    assert bearer(client, secret).status_code == 200
    later = make_app(world, clock=lambda: NOW + 2).server.test_client()
    r = bearer(later, secret)
    assert r.status_code == 401 and "expired" in r.get_json()["detail"]


def test_stored_only_as_a_digest(world):
    from pantau.data import tokens
    from pantau.data.access import Role
    from pantau.data.schema import api_tokens
    from sqlalchemy import select

    secret, _ = tokens.create(world, "rahasia", Role.ANALYST)
    with world.reader.connect() as conn:
        row = conn.execute(select(api_tokens)).mappings().one()
    assert secret not in str(dict(row)) and row["token_hash"] == tokens.digest(secret)
