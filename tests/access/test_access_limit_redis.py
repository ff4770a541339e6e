"""Failed sign-ins counted in Redis (``web.cache_url`` set): two web hosts share the count,
so the 6th failure is refused whichever host it reaches. Skipped without a Redis at
127.0.0.1:6379 (``PANTAU_TEST_REDIS``); fails then with ``PANTAU_REQUIRE_REDIS=1``."""

from __future__ import annotations

import copy
import os
import uuid

import pytest
from support.access import PASSWORD, SECRET, sign_in
from support.api_seed import NOW, RAW
from support.config import config_from


def _redis_url() -> str:
    url = os.environ.get("PANTAU_TEST_REDIS", "redis://127.0.0.1:6379/15")
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception as exc:
        if os.environ.get("PANTAU_REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis required but unreachable: {exc}")
        pytest.skip("no Redis at 127.0.0.1:6379")
    return url


def test_two_hosts_share_the_count_in_redis(world):
    from pantau.dashboard.app import create_app
    from pantau.data import users
    from pantau.data.access import Role

    url = _redis_url()
    raw = copy.deepcopy(RAW)
    raw["web"] = {**raw.get("web", {}), "cache_url": url}
    raw["auth"] = {"secret_key": {"$env": "S"}}
    cfg = config_from(raw, env={"S": SECRET})
    # a name of its own: the counts outlive the test in Redis for 15 minutes
    name = "u" + uuid.uuid4().hex[:12]
    users.add(world, name, PASSWORD, Role.VIEWER)
    hosts = [create_app(cfg, world, clock=lambda: NOW).server.test_client() for _ in range(2)]
    for i in range(5):
        r = sign_in(hosts[i % 2], name, password="salah-sekali-123", address=f"10.7.{i}.1")
        assert r.status_code == 401, i
    assert sign_in(hosts[1], name, address="10.7.9.1").status_code == 429
    assert sign_in(hosts[0], name, address="10.7.9.2").status_code == 429
    import redis

    keys = redis.Redis.from_url(url).keys(f"*{name}*")
    assert keys, "the count is in Redis"
