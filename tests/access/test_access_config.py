"""The ``auth:`` section: on when present, its secret only by ``{$env: NAME}``, refused by
check-config (a subprocess) when the secret is missing."""

from __future__ import annotations

import copy
import os
import subprocess
import sys

import pytest
from pantau.data.config import ConfigError
from support.api_seed import RAW
from support.config import ROOT, config_from


def _raw(auth):
    raw = copy.deepcopy(RAW)
    raw["auth"] = auth
    return raw


def test_absent_section_means_no_sign_in():
    assert config_from(copy.deepcopy(RAW)).auth is None


def test_defaults():
    cfg = config_from(_raw({"secret_key": {"$env": "K"}}), env={"K": "k" * 40})
    assert cfg.auth.anonymous_role == "none"
    assert cfg.auth.session_lifetime == 12 * 3600
    assert cfg.auth.secret_key == "k" * 40


@pytest.mark.parametrize("auth, env, problem", [
    ({}, {}, "auth.secret_key: is required"),
    (None, {}, "auth.secret_key: is required"),
    ({"secret_key": {"$env": "K"}}, {}, "auth.secret_key: environment variable K is not set"),
    ({"secret_key": "x" * 40}, {}, "auth.secret_key: give it as {$env: NAME}"),
    ({"secret_key": {"$env": "K"}}, {"K": "short"}, "auth.secret_key: String should have at "
                                                     "least 32 characters"),
    ({"secret_key": {"$env": "K"}, "anonymous_role": "admin"}, {"K": "k" * 40},
     "auth.anonymous_role:"),
])
def test_refused(auth, env, problem):
    with pytest.raises(ConfigError) as exc:
        config_from(_raw(auth), env=env)
    assert any(p.startswith(problem) for p in exc.value.problems), exc.value.problems


def test_check_config_refuses_a_missing_secret(tmp_path):
    cfg = tmp_path / "config.yaml"
    cfg.write_text("""
metrics:
  - {name: visits_count, title: Kunjungan, unit: count, agg: sum}
auth:
  secret_key: {$env: PANTAU_TEST_SECRET}
  anonymous_role: wall
""")
    env = {k: v for k, v in os.environ.items() if k != "PANTAU_TEST_SECRET"}
    run = subprocess.run([sys.executable, "-m", "pantau", "check-config", "-c", str(cfg)],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert run.returncode == 2
    assert "auth.secret_key: environment variable PANTAU_TEST_SECRET is not set" in run.stderr
    env["PANTAU_TEST_SECRET"] = "z" * 48
    run = subprocess.run([sys.executable, "-m", "pantau", "check-config", "-c", str(cfg)],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert run.returncode == 0, run.stderr


def test_the_readme_section_is_a_valid_auth_section():
    import re

    import yaml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Pengguna dan akses", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    raw = copy.deepcopy(RAW)
    raw.update(yaml.safe_load(block))
    cfg = config_from(raw, env={"PANTAU_SECRET_KEY": "k" * 48})
    assert (cfg.auth.anonymous_role, cfg.auth.session_lifetime) == ("none", 12 * 3600)
    from pantau.data.access import Role

    for role in Role:
        assert f"| `{role.label}` |" in section
