"""``pantau user ...`` as an operator runs it: subprocesses on a temporary store, the
password on standard input; then the stored user signs in through the app."""

from __future__ import annotations

import os
import subprocess
import sys

from support.config import ROOT


def pantau(*args, stdin: str | None = None, config=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PANTAU_")}
    env["PANTAU_SECRET"] = "q" * 40
    return subprocess.run([sys.executable, "-m", "pantau", *args, "-c", str(config)],
                          input=stdin, capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120)


def write_config(tmp_path, auth=True):
    cfg = tmp_path / "config.yaml"
    text = f"""
store: {{url: "sqlite:///{tmp_path / 'pantau.db'}"}}
metrics:
  - {{name: visits_count, title: Kunjungan, unit: count, agg: sum}}
"""
    if auth:
        text += "auth:\n  secret_key: {$env: PANTAU_SECRET}\n"
    cfg.write_text(text)
    return cfg


def test_user_add_list_passwd_remove(tmp_path):
    cfg = write_config(tmp_path)
    r = pantau("user", "add", "Rina", "--role", "viewer", "--region", "52.71",
               "--password-stdin", stdin="rahasia-rina-1\n", config=cfg)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "user rina added: viewer, region 52.71"
    r = pantau("user", "add", "budi", "--role", "analyst", "--password-stdin",
               stdin="rahasia-budi-1\n", config=cfg)
    assert r.returncode == 0, r.stderr
    r = pantau("user", "list", config=cfg)
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["NAME", "ROLE", "REGION", "CREATED"]
    assert [ln.split()[:3] for ln in lines[1:]] == [["budi", "analyst", "-"],
                                                    ["rina", "viewer", "52.71"]]
    assert "rahasia" not in r.stdout

    from pantau.data import users
    from pantau.data.store import Store

    store = Store(f"sqlite:///{tmp_path / 'pantau.db'}")
    try:
        assert users.check_password(store, "rina", "rahasia-rina-1").region == "52.71"
        r = pantau("user", "passwd", "rina", "--password-stdin", stdin="baru-sekali-22\n",
                   config=cfg)
        assert r.returncode == 0, r.stderr
        assert users.check_password(store, "rina", "rahasia-rina-1") is None
        assert users.check_password(store, "rina", "baru-sekali-22") is not None
        r = pantau("user", "remove", "rina", config=cfg)
        assert r.returncode == 0 and r.stdout.strip() == "user rina removed"
        assert users.get(store, "rina") is None
    finally:
        store.dispose()


def test_user_mistakes_are_one_line(tmp_path):
    cfg = write_config(tmp_path)
    cases = [
        (("user", "add", "x", "--role", "viewer", "--password-stdin"), "pendek\n",
         2, "at least 10 characters"),
        (("user", "add", "x", "--role", "boss", "--password-stdin"), "", 2, "invalid choice"),
        (("user", "add", "bad name", "--role", "viewer", "--password-stdin"), "p" * 12 + "\n",
         2, "is not a name"),
        (("user", "add", "x", "--role", "viewer", "--region", "52.7", "--password-stdin"),
         "p" * 12 + "\n", 2, "Kemendagri"),
        (("user", "remove", "nobody"), None, 1, "no user named 'nobody'"),
        (("user", "passwd", "nobody", "--password-stdin"), "p" * 12 + "\n", 2, "no user"),
    ]
    for args, stdin, code, words in cases:
        r = pantau(*args, stdin=stdin, config=cfg)
        assert r.returncode == code, (args, r.stderr)
        assert words in r.stderr and "Traceback" not in r.stderr, r.stderr
    pantau("user", "add", "x", "--role", "viewer", "--password-stdin", stdin="p" * 12 + "\n",
           config=cfg)
    r = pantau("user", "add", "x", "--role", "viewer", "--password-stdin",
               stdin="p" * 12 + "\n", config=cfg)
    assert r.returncode == 2 and "exists already" in r.stderr


def test_adding_users_without_auth_says_sign_in_is_off(tmp_path):
    cfg = write_config(tmp_path, auth=False)
    r = pantau("user", "add", "x", "--role", "admin", "--password-stdin",
               stdin="p" * 12 + "\n", config=cfg)
    assert r.returncode == 0
    assert "no auth: section" in r.stderr
