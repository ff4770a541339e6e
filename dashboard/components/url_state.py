"""Page state in the query string: ``?period=30d&region=52.71&lang=en``.

Defaults are left out, so the plain path shows the default view and links stay short.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from pantau.dashboard.components.periods import DEFAULT_PERIOD


def parse_search(search: str | None) -> dict[str, str]:
    """``"?a=1&b=2"`` -> ``{"a": "1", "b": "2"}`` (the last value of a repeated name wins)."""
    return {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()}


def make_search(period: str, region: str, province: str, lang: str | None,
                default_period: str = DEFAULT_PERIOD) -> str:
    """The query string for this state; ``lang`` only when the user asked for one; the period
    unless it is the page's default (``default_period``)."""
    q = {}
    if period != default_period:
        q["period"] = period
    if region != province:
        q["region"] = region
    if lang:
        q["lang"] = lang
    return "?" + urlencode(q) if q else ""
