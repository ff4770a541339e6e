"""The state of ``/media`` and its query string: ``?period=30d&outlet=Suara+NTB&channel=
media_massa&topic=spbe&by=topic&lang=en``.

Values that are not allowed (an unknown channel, topic or period) fall back to "all" or the
default instead of failing: a shared link with a stale topic still opens the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from pantau.data import periods
from pantau.data.channels import CHANNELS

PERIODS = ("24h", "7d", "30d", "90d")
DEFAULT_PERIOD = "7d"
BYS = ("outlet", "channel", "topic", "sentiment")
DEFAULT_BY = "outlet"
_MAX_OUTLET = 200
ALL = "*"
"""The value of the "all" choice of a select (an empty value would show a blank select)."""


@dataclass(frozen=True)
class MediaState:
    """What the user picked: period, filters ("" = all) and how attention is grouped."""

    period: str = DEFAULT_PERIOD
    outlet: str = ""
    channel: str = ""
    topic: str = ""
    by: str = DEFAULT_BY

    def filters(self) -> dict:
        """Keyword filters for ``data.articles`` (empty ones left out)."""
        return {k: v for k, v in (("outlet", self.outlet), ("channel", self.channel),
                                  ("topic", self.topic)) if v}


def read_state(params: dict, topics: list[str]) -> MediaState:
    """The state from query parameters (or component values), cleaned."""
    def pick(name, allowed, default=""):
        value = params.get(name) or ""
        return value if value in allowed else default

    outlet = (params.get("outlet") or "").strip()
    outlet = "" if outlet == ALL else outlet
    return MediaState(period=pick("period", PERIODS, DEFAULT_PERIOD),
                      outlet=outlet if len(outlet) <= _MAX_OUTLET else "",
                      channel=pick("channel", CHANNELS), topic=pick("topic", topics),
                      by=pick("by", BYS, DEFAULT_BY))


def make_search(state: MediaState, lang: str | None) -> str:
    """The query string of ``state``; defaults left out, ``lang`` only when asked for."""
    q = {}
    if state.period != DEFAULT_PERIOD:
        q["period"] = state.period
    for name in ("outlet", "channel", "topic"):
        if getattr(state, name):
            q[name] = getattr(state, name)
    if state.by != DEFAULT_BY:
        q["by"] = state.by
    if lang:
        q["lang"] = lang
    return "?" + urlencode(q) if q else ""


def window(period: str, now: float, tz: str) -> tuple[int, int, str]:
    """``(start, end, step)`` of a period: the window ``data.periods`` gives every page (so
    "7d" is the 7 × 24 hours up to the end of the current hour here too), counted by hour for
    "24h" and by local day otherwise (the first day's bar holds only its hours in the window)."""
    if period == "24h":
        start, end = periods.last(24 * periods.HOUR, now)
        return start, end, "hour"
    start, end = periods.window(period if period in PERIODS else DEFAULT_PERIOD, now, tz)
    return start, end, "day"
