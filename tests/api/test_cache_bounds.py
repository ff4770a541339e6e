"""The query cache is bounded in bytes (LRU) and never unpickles: in memory, in Redis, and
under distinct /series requests over real HTTP."""

from __future__ import annotations

import os
import pickle
import threading
import uuid

import httpx
import pandas as pd
import pytest
from pantau.dashboard.cache import Cache
from support.api_seed import NOW, RAW, make_config


def _answer(i: int, points: int = 500) -> dict:
    return {"metric": "m", "step": 60, "series": [
        {"labels": {"region": "52.01"}, "points": [[k * 60_000, float(i + k)] for k in range(points)]}]}


def test_memory_is_bounded_in_bytes_least_recently_used_out():
    cache = Cache(max_bytes=1_000_000)
    for i in range(1000):
        cache.get_or_set(f"k{i}", 60, lambda i=i: _answer(i))
        if i % 10 == 0:  # k0 kept in use stays, whatever else comes
            cache.get_or_set("k0", 60, lambda: pytest.fail("k0 in use was evicted"))
    assert 0 < cache.bytes <= 1_000_000
    assert 50 < len(cache) < 200  # ~11 KB answers
    calls = []
    assert cache.get_or_set("k999", 60, lambda: calls.append(1)) == _answer(999)
    assert calls == []
    cache.get_or_set("k1", 60, lambda: calls.append(1))
    assert calls == [1]  # the oldest went first


def test_expired_answers_leave_when_new_ones_are_stored(monkeypatch):
    """Distinct questions asked once each: dead answers do not keep the cache full."""
    clock = [1000.0]
    monkeypatch.setattr("pantau.dashboard.cache.time.monotonic", lambda: clock[0])
    cache = Cache(max_bytes=10_000_000)
    for i in range(20):
        cache.get_or_set(f"k{i}", 10, lambda i=i: _answer(i))
    full = cache.bytes
    assert len(cache) == 20
    clock[0] += 11  # every answer above is past its ttl
    cache.get_or_set("new", 10, lambda: _answer(99))
    assert len(cache) == 1
    assert cache.bytes < full / 10
    clock[0] += 5  # not yet expired: kept
    cache.get_or_set("newer", 10, lambda: _answer(98))
    assert len(cache) == 2


def test_a_hit_is_a_copy_and_huge_values_are_not_kept():
    cache = Cache(max_bytes=1_000_000)
    first = cache.get_or_set("a", 60, lambda: {"x": [1, 2]})
    first["x"].append(3)
    assert cache.get_or_set("a", 60, lambda: None) == {"x": [1, 2]}
    cache.get_or_set("big", 60, lambda: _answer(0, points=20_000))  # ~500 KB > a quarter
    assert cache.bytes < 1000
    calls = []
    cache.get_or_set("big", 60, lambda: calls.append(1))
    assert calls == [1]


def test_objects_that_are_not_plain_data_count_by_their_size():
    cache = Cache(max_bytes=2_000_000)
    for i in range(50):
        cache.get_or_set(f"df{i}", 60, lambda i=i: pd.DataFrame({"v": range(i, i + 20_000)}))
    assert cache.bytes <= 2_000_000
    assert len(cache) <= 13  # 160 KB frames
    df = cache.get_or_set("df49", 60, lambda: pytest.fail("recent frame evicted"))
    assert isinstance(df, pd.DataFrame)


def _redis_url() -> str | None:
    url = os.environ.get("PANTAU_TEST_REDIS", "redis://127.0.0.1:6379/15")
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:
        return None
    return url


class _Planted:
    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def test_redis_holds_json_and_never_unpickles(tmp_path):
    url = _redis_url()
    if url is None:
        pytest.skip("no Redis at 127.0.0.1:6379")
    import redis

    r = redis.Redis.from_url(url)
    prefix = f"pantau-test-{uuid.uuid4().hex}:"
    try:
        cache = Cache(url, prefix=prefix)
        assert cache.get_or_set("answer", 60, lambda: {"a": [1, 2.5, None]}) == {"a": [1, 2.5,
                                                                                      None]}
        assert r.get(prefix + "answer") == b'{"a":[1,2.5,null]}'
        assert Cache(url, prefix=prefix).get_or_set("answer", 60, lambda: None) == \
            {"a": [1, 2.5, None]}
        # whoever writes to Redis plants a pickle: it is never executed, only recomputed
        marker = tmp_path / "pwned"
        r.set(prefix + "evil", pickle.dumps(_Planted(str(marker))), px=60_000)
        assert cache.get_or_set("evil", 60, lambda: {"fresh": True}) == {"fresh": True}
        assert not marker.exists()
        # a value that is not plain data is kept in the process, never sent to Redis
        cache.get_or_set("frame", 60, lambda: pd.DataFrame({"v": [1]}))
        assert r.get(prefix + "frame") is None and cache.bytes > 0
    finally:
        for key in r.scan_iter(prefix + "*"):
            r.delete(key)


@pytest.fixture
def minute_store(sqlite_store):
    ts = list(range(NOW - 3 * 86400, NOW, 60))
    sqlite_store.write_points([("lapor_count", {"region": r}, ts, [1.0] * len(ts))
                               for r in ("52.01", "52.71")])
    return sqlite_store


def test_distinct_series_requests_keep_the_cache_within_its_bytes(minute_store):
    from pantau.dashboard.app import create_app
    from werkzeug.serving import make_server

    config = make_config({**RAW, "web": {**RAW["web"], "cache_mb": 1, "cache_ttl": "1h"}})
    app = create_app(config, minute_store, clock=lambda: NOW)
    srv = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_port}/api/v1/series?metric=lapor_count&step=1m"
    try:
        with httpx.Client(timeout=30) as client:
            for i in range(120):  # a window shifted by a second each: 120 distinct answers
                resp = client.get(f"{base}&from={NOW - 2 * 86400 - i}&to={NOW - i}"
                                  "&max_points=5000")
                assert resp.status_code == 200
                assert 0 < app.ctx.cache.bytes <= 2**20
    finally:
        srv.shutdown()
