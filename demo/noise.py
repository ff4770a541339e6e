"""Deterministic randomness for the demo: every value is a pure function of (seed, series key,
timestamp), so history written today and the gap filled tomorrow join without a seam, and two
runs with one seed write the same numbers.

    u = uniform(seed, "lapor|52.71", ts)     # floats in [0, 1), one per timestamp
    z = normal(seed, "lapor|52.71", ts)
    k = poisson(seed, "lapor|52.71", ts, lam)
    w = wander(seed, "ratio|52.71", ts)       # smooth, slow drift in about [-1, 1]
    events(seed, "outage|satudata", start, end, per_week=0.4, min_s=600, max_s=7200)
"""

from __future__ import annotations

import zlib

import numpy as np

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLD = np.uint64(0x9E3779B97F4A7C15)


def _key(seed: int, key: str) -> np.uint64:
    return np.uint64((zlib.crc32(key.encode()) << 32) ^ (int(seed) & 0xFFFFFFFF))


def _mix(x: np.ndarray) -> np.ndarray:
    # splitmix64's finaliser: a good 64-bit hash, cheap in numpy (uint64 arithmetic wraps).
    x = (x ^ (x >> np.uint64(30))) * _M1
    x = (x ^ (x >> np.uint64(27))) * _M2
    return x ^ (x >> np.uint64(31))


def uniform(seed: int, key: str, ts, salt: int = 0) -> np.ndarray:
    """Uniform floats in [0, 1), one per timestamp in ``ts``."""
    t = np.asarray(ts, dtype=np.int64).astype(np.uint64)
    with np.errstate(over="ignore"):
        x = _mix(t * _GOLD + _key(seed, key) + np.uint64(salt) * _M2)
    return (x >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def normal(seed: int, key: str, ts, salt: int = 0) -> np.ndarray:
    """Standard normal values (Box-Muller over two uniforms)."""
    u1 = uniform(seed, key, ts, 2 * salt + 1)
    u2 = uniform(seed, key, ts, 2 * salt + 2)
    return np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(2 * np.pi * u2)


def poisson(seed: int, key: str, ts, lam, salt: int = 0) -> np.ndarray:
    """Poisson counts with mean ``lam`` (array or scalar), by inversion of the CDF for small
    means and a rounded normal for large ones."""
    lam = np.broadcast_to(np.asarray(lam, dtype=np.float64), np.shape(ts)).clip(0, None)
    u = uniform(seed, key, ts, salt)
    out = np.zeros(lam.shape)
    small = lam < 30
    if small.any():
        lam_s, u_s = lam[small], u[small]
        k = np.zeros(lam_s.shape)
        p = np.exp(-lam_s)
        cdf = p.copy()
        for i in range(1, 80):
            more = u_s > cdf
            if not more.any():
                break
            k += more
            p = p * lam_s / i
            cdf += p
        out[small] = k
    big = ~small
    if big.any():
        z = normal(seed, key, np.asarray(ts)[big], salt + 7)
        out[big] = np.maximum(0, np.round(lam[big] + np.sqrt(lam[big]) * z))
    return out


def wander(seed: int, key: str, ts, periods=(2.7, 9.3, 31.0, 83.0)) -> np.ndarray:
    """A smooth drift in about [-1, 1]: a few slow sines (periods in days) with phases from the
    key, so neighbouring series drift differently."""
    t = np.asarray(ts, dtype=np.float64) / 86400.0
    phases = uniform(seed, key, np.arange(len(periods)), 99) * 2 * np.pi
    weights = np.array([0.2, 0.3, 0.3, 0.2])[: len(periods)]
    out = np.zeros(t.shape)
    for period, phase, w in zip(periods, phases, weights, strict=True):
        out += w * np.sin(2 * np.pi * t / period + phase)
    return out / weights.sum() * 1.6


def events(seed: int, key: str, start: int, end: int, per_week: float,
           min_s: int, max_s: int, season=None) -> list[tuple[int, int, float]]:
    """Incidents between ``start`` and ``end``: ``(begin, finish, strength in [0, 1))``.

    Each week (weeks counted from the epoch, so a week always has the same incidents) holds
    one with probability ``per_week`` (times ``season(ts)`` if given)."""
    week = 7 * 86400
    out = []
    for w in range(int(start) // week - 1, int(end) // week + 1):
        draw = uniform(seed, key, np.array([w, w + 10**7, w + 2 * 10**7, w + 3 * 10**7]), 5)
        begin = int(w * week + draw[1] * week)
        chance = per_week * (float(season(begin)) if season else 1.0)
        if draw[0] >= chance:
            continue
        finish = begin + int(min_s + draw[2] * (max_s - min_s))
        if finish > start and begin < end:
            out.append((begin, finish, float(draw[3])))
    return out


def within(ts, spans) -> np.ndarray:
    """For each timestamp, the strength of the incident covering it (0 when none)."""
    ts = np.asarray(ts)
    out = np.zeros(ts.shape)
    for begin, finish, strength in spans:
        out = np.where((ts >= begin) & (ts < finish), np.maximum(out, 0.3 + 0.7 * strength), out)
    return out
