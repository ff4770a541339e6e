"""A small query cache: ten wall screens asking the same thing cost one database query.

Use::

    cache = Cache(max_bytes=64 * 2**20)            # or Cache("redis://cache:6379/0")
    value = cache.get_or_set(key, ttl, compute)    # compute() at most once per ttl

In memory per process, bounded in bytes (least recently used entries leave first; a value
bigger than a quarter of the bound is not kept). Nothing is pickled: plain data (dicts, lists,
strings, numbers, booleans, None; what the API answers) is stored as orjson bytes, which is
also what is measured and what a hit decodes, so a caller can never change a cached value.
Other values (page objects, frames) stay in this process's memory under their estimated size.
With ``web.cache_url: redis://...`` plain data is shared with every web worker and host as
the same orjson bytes; anything else is never written to Redis, so whoever can write to Redis
can at most change an answer, never run code in a web worker.

Keys are kept per region scope: inside a request whose principal is limited to a region
(``dashboard.access.current().region``), every key is stored as ``scope=52.71|<key>``
(``scoped_key``), so an answer computed for one scope is never served to another, whatever
the caller put in its key. Unscoped principals share the plain keys.
"""

from __future__ import annotations

import dataclasses
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from itertools import islice
from typing import Any

import numpy as np
import orjson
import pandas as pd
from pantau.dashboard.access import current

DEFAULT_BYTES = 64 * 2**20
_ENTRY_OVERHEAD = 200  # the key, the OrderedDict node and the expiry
_SIZE_WALK = 100_000   # objects walked to estimate a non-plain value's size
_SWEEP = 64            # least recently used entries looked at for expiry on each store


def scoped_key(key: str, scope: str | None) -> str:
    """``key`` as stored for answers computed in ``scope`` (None: the whole site)."""
    return key if scope is None else f"scope={scope}|{key}"


class _Plain:
    """orjson bytes of a plain value (a marker: a stored object may itself be bytes)."""

    __slots__ = ("data",)

    def __init__(self, data: bytes):
        self.data = data


def is_plain(value: Any, limit: int = 1_000_000) -> bool:
    """True when ``value`` is JSON-shaped data that orjson gives back unchanged: dicts with
    string keys, lists, str, int, float, bool, None (no tuples: they would come back lists)."""
    stack, seen = [value], 0
    while stack:
        v = stack.pop()
        seen += 1
        if seen > limit:
            return False
        if v is None or isinstance(v, bool | str):
            continue
        if type(v) is int:
            if not -(2**63) <= v < 2**64:
                return False
            continue
        if type(v) is float:
            continue
        if type(v) is list:
            stack.extend(v)
        elif type(v) is dict:
            for k, x in v.items():
                if type(k) is not str:
                    return False
                stack.append(x)
        else:
            return False
    return True


def _encode(value: Any) -> bytes | None:
    if not is_plain(value):
        return None
    try:
        return orjson.dumps(value)
    except (TypeError, orjson.JSONEncodeError):
        return None


def estimate_size(value: Any) -> int:
    """A value's bytes, roughly: containers walked (up to ``_SIZE_WALK`` objects, the rest
    extrapolated), frames and arrays by their own accounting."""
    total, walked, stack, seen = 0, 0, [value], set()
    while stack and walked < _SIZE_WALK:
        v = stack.pop()
        if id(v) in seen:
            continue
        seen.add(id(v))
        walked += 1
        if isinstance(v, pd.DataFrame | pd.Series):
            total += int(v.memory_usage(deep=True).sum()) if isinstance(v, pd.DataFrame) \
                else int(v.memory_usage(deep=True))
            stack.extend(getattr(v, "attrs", {}).values())
            continue
        if isinstance(v, np.ndarray):
            total += int(v.nbytes)
            continue
        total += sys.getsizeof(v, 64)
        if isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list | tuple | set | frozenset):
            stack.extend(v)
        elif dataclasses.is_dataclass(v) and not isinstance(v, type):
            stack.extend(getattr(v, f.name) for f in dataclasses.fields(v))
        elif hasattr(v, "__dict__") and not isinstance(v, type):
            stack.extend(vars(v).values())
    if stack:  # walk cut short: scale what was measured by what was left
        total = int(total * (1 + len(stack) / max(1, walked)))
    return total


class Cache:
    """``get_or_set(key, ttl, compute)``: the cached value, computed at most once per ttl.
    ``bytes``: what the in-process part holds now."""

    def __init__(self, url: str | None = None, prefix: str = "pantau:",
                 max_bytes: int = DEFAULT_BYTES):
        self.prefix = prefix
        self.max_bytes = int(max_bytes)
        self._mem: OrderedDict[str, tuple[float, int, Any]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._redis = None
        if url:
            import redis

            self._redis = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._mem)

    def get_or_set(self, key: str, ttl: float, compute: Callable[[], Any]) -> Any:
        """The value under ``key`` in the current principal's scope (``scoped_key``), else
        ``compute()`` kept for ``ttl`` seconds."""
        if ttl <= 0:
            return compute()
        key = scoped_key(key, current().region)
        now = time.monotonic()
        found, value = self._mem_get(key, now)
        if found:
            return value
        if self._redis is not None:
            found, value = self._redis_get(key)
            if found:
                return value
        value = compute()
        data = _encode(value)
        if data is not None and self._redis is not None:
            self._redis_set(key, data, ttl)
        else:
            # Kept here when Redis is off, and for values Redis never gets (not plain data).
            self._mem_set(key, now + ttl, value, data)
        return value

    # -- in process ------------------------------------------------------------------------
    def _mem_get(self, key: str, now: float) -> tuple[bool, Any]:
        with self._lock:
            hit = self._mem.get(key)
            if hit is None:
                return False, None
            if hit[0] <= now:
                self._drop(key)
                return False, None
            self._mem.move_to_end(key)
            stored = hit[2]
        if isinstance(stored, _Plain):
            return True, orjson.loads(stored.data)
        return True, stored

    def _mem_set(self, key: str, expires: float, value: Any, data: bytes | None) -> None:
        if data is not None:
            stored, size = _Plain(data), len(data)
        else:
            stored, size = value, estimate_size(value)
        size += len(key) + _ENTRY_OVERHEAD
        if size > self.max_bytes // 4:
            return  # one answer must not push out everything else
        with self._lock:
            if key in self._mem:
                self._drop(key)
            self._sweep(time.monotonic())
            self._mem[key] = (expires, size, stored)
            self._bytes += size
            while self._bytes > self.max_bytes and self._mem:
                self._drop(next(iter(self._mem)))

    def _sweep(self, now: float) -> None:
        """Drop expired entries among the least recently used ones. Without it, a stream of
        distinct questions (each asked once) keeps the cache full of dead answers: the bound
        holds, but the memory is never given back between bursts. A bounded look, so one
        store never walks a cache of many small entries."""
        dead = [k for k, (exp, _, _) in islice(self._mem.items(), _SWEEP) if exp <= now]
        for k in dead:
            self._drop(k)

    def _drop(self, key: str) -> None:
        _, size, _ = self._mem.pop(key)
        self._bytes -= size

    # -- shared ----------------------------------------------------------------------------
    def _redis_get(self, key: str) -> tuple[bool, Any]:
        import redis

        try:
            raw = self._redis.get(self.prefix + key)
        except redis.RedisError:
            return False, None  # a cache that is down must not take the page down with it
        if raw is None:
            return False, None
        try:
            return True, orjson.loads(raw)
        except orjson.JSONDecodeError:
            return False, None  # not ours (or damaged): computed again, never executed

    def _redis_set(self, key: str, data: bytes, ttl: float) -> None:
        import redis

        try:
            self._redis.set(self.prefix + key, data, px=max(1, int(ttl * 1000)))
        except redis.RedisError:
            pass

    def clear(self) -> None:
        with self._lock:
            self._mem.clear()
            self._bytes = 0
