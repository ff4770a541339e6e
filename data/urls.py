"""Links as identities (the same article under two spellings of its URL is one article), and
URLs safe to show (no credentials, no query)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no trailing slash,
    http and https alike. Returns "" for anything that is not an http(s) link."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    host = parts.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(_TRACKING)]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", host, path, urlencode(sorted(query)), ""))


def is_safe_link(url: str) -> bool:
    """True for http(s) links only: never ``javascript:``, ``data:`` or the like."""
    try:
        return urlsplit((url or "").strip()).scheme.lower() in ("http", "https")
    except ValueError:
        return False


def where(url: str) -> str:
    """``url`` without query string or credentials, safe to show in errors, logs and
    exports (``https://user:pw@host/x?token=1`` -> ``https://host/x``)."""
    try:
        p = urlsplit(url)
        host = p.hostname or ""
        if p.port:
            host += f":{p.port}"
    except ValueError:
        return "(invalid URL)"
    return f"{p.scheme}://{host}{p.path}" if p.scheme != "file" else f"file://{p.path}"
