"""A small query cache: ten wall screens asking the same thing cost one database query.

In memory per process by default; with ``web.cache_url: redis://...`` shared by every web
worker and host. Values are pickled; keys are strings built by the caller.
"""

from __future__ import annotations

import pickle
import threading
import time
from collections.abc import Callable
from typing import Any


class Cache:
    """``get_or_set(key, ttl, compute)``: the cached value, computed at most once per ttl."""

    def __init__(self, url: str | None = None, prefix: str = "pantau:"):
        self.prefix = prefix
        self._mem: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        self._redis = None
        if url:
            import redis

            self._redis = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)

    def get_or_set(self, key: str, ttl: float, compute: Callable[[], Any]) -> Any:
        if ttl <= 0:
            return compute()
        if self._redis is not None:
            return self._redis_get_or_set(self.prefix + key, ttl, compute)
        now = time.monotonic()
        with self._lock:
            hit = self._mem.get(key)
            if hit and hit[0] > now:
                return hit[1]
        value = compute()
        with self._lock:
            if len(self._mem) > 2000:
                self._mem = {k: v for k, v in self._mem.items() if v[0] > now}
            self._mem[key] = (now + ttl, value)
        return value

    def _redis_get_or_set(self, key: str, ttl: float, compute):
        import redis

        try:
            raw = self._redis.get(key)
            if raw is not None:
                return pickle.loads(raw)
        except redis.RedisError:
            return compute()  # a cache that is down must not take the page down with it
        value = compute()
        try:
            self._redis.set(key, pickle.dumps(value), px=int(ttl * 1000))
        except redis.RedisError:
            pass
        return value

    def clear(self) -> None:
        with self._lock:
            self._mem.clear()
