"""Durations as operators write them: ``30s``, ``15m``, ``1h``, ``7d``, ``1h30m``, ``2w``."""

from __future__ import annotations

import re

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_PART = re.compile(r"(\d+)([smhdw])")


def parse_duration(value: object) -> int:
    """Return the duration in whole seconds; raise ValueError naming the expected form.

    Plain integers are taken as seconds. ``"1h30m"`` is 5400.
    """
    if isinstance(value, bool):
        raise ValueError("must be a duration such as 30s, 15m, 1h or 7d")
    if isinstance(value, int):
        seconds = value
    elif isinstance(value, str):
        text = value.strip().lower()
        if text.isdigit():
            seconds = int(text)
        else:
            parts = _PART.findall(text)
            if not parts or "".join(n + u for n, u in parts) != text:
                raise ValueError(f"{value!r} is not a duration; use forms like 30s, 15m, 1h, 7d")
            seconds = sum(int(n) * _UNITS[u] for n, u in parts)
    else:
        raise ValueError("must be a duration such as 30s, 15m, 1h or 7d")
    if seconds <= 0:
        raise ValueError("must be longer than zero")
    return seconds


def format_duration(seconds: int) -> str:
    """The shortest spelling of ``seconds``: 300 -> ``5m``, 5400 -> ``1h30m``."""
    if seconds <= 0:
        return f"{seconds}s"
    out = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        n, seconds = divmod(seconds, size)
        if n:
            out.append(f"{n}{unit}")
    return "".join(out)
