"""Cross-site requests are refused: ``register_same_origin(server, trusted_proxies)``.

Every request that may change something (POST, PUT, PATCH, DELETE: Dash's
``/_dash-update-component``, the sign-in form, ...) must come from a page of this site.
Browsers name the page's origin in ``Origin`` on every POST (and, with ``Referrer-Policy:
same-origin``, in ``Referer`` for same-origin requests); when it names another site the
request is refused with 403 (JSON under ``/api/`` and for Dash callbacks) before any handler
runs. Without either header (scripts: curl, an analyst's Python with an API token) the request
passes, unless ``Sec-Fetch-Site`` says a browser sent it from another site: a cross-site
forgery needs a browser, and browsers send ``Origin``.

"This site" is the scheme and host the request was sent to (``Host``). Behind a reverse proxy
that rewrites them, the proxy's ``X-Forwarded-Proto`` and ``X-Forwarded-Host`` are believed
only from the addresses in ``web.trusted_proxies`` (``TrustedProxies``, which puts them in the
request for everything else too: ``request.scheme``, ``request.is_secure``, ``url_for``).
gunicorn itself applies ``X-Forwarded-Proto`` from loopback proxies (its
``forwarded_allow_ips`` default), so the README's nginx on the same host needs no setting.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Iterable
from urllib.parse import urlsplit

from flask import Flask, Response, request

log = logging.getLogger(__name__)
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DEFAULT_PORTS = {"http": 80, "https": 443}
REFUSED = "cross-site request refused: it did not come from a page of this site"


def origin_of(url: str | None) -> str | None:
    """``scheme://host[:port]`` of ``url``, lower case, without the scheme's default port;
    None for anything that is not an http(s) URL with a host (``null``, ``about:blank``)."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        return None
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if scheme not in DEFAULT_PORTS or not host:
        return None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    return f"{scheme}://{host}" + (f":{port}" if port and port != DEFAULT_PORTS[scheme] else "")


def site_origin() -> str | None:
    """The origin the current request was sent to."""
    return origin_of(f"{request.scheme}://{request.host}")


def from_this_site() -> bool:
    """Whether the current request may have come from a page of another site: False when
    ``Origin`` (or, without it, ``Referer``) names another origin or ``null``."""
    site = site_origin()
    origin = request.headers.get("Origin")
    if origin is None:
        origin = request.headers.get("Referer") or None
    if origin is not None:
        return site is not None and origin_of(origin) == site
    return request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")


def register_same_origin(server: Flask, trusted_proxies: Iterable[str] = ()) -> None:
    """Refuse cross-site changing requests on ``server`` (see above); believe forwarded
    headers from ``trusted_proxies`` only."""
    nets = [ipaddress.ip_network(p, strict=False) for p in trusted_proxies]
    if nets:
        server.wsgi_app = TrustedProxies(server.wsgi_app, nets)

    @server.before_request
    def _same_origin():
        if request.method not in UNSAFE or from_this_site():
            return None
        log.warning("refused %s %s from origin %r (site %r)", request.method, request.path[:200],
                    (request.headers.get("Origin") or request.headers.get("Referer") or "")[:200],
                    site_origin())
        return refusal()


def refusal() -> Response:
    """The 403 answer: JSON under /api/ and for Dash callbacks, text elsewhere."""
    from pantau.dashboard.errors import DASH_PREFIX, json_error

    if request.path.startswith(("/api/", DASH_PREFIX)):
        return json_error(403, REFUSED)
    return Response(REFUSED + "\n", status=403, mimetype="text/plain")


class TrustedProxies:
    """WSGI middleware: from a peer in ``nets``, the first ``X-Forwarded-Proto`` (http or https)
    and ``X-Forwarded-Host`` become the request's scheme and host."""

    def __init__(self, app, nets: list):
        self.app, self.nets = app, nets

    def __call__(self, environ, start_response):
        try:
            peer = ipaddress.ip_address(environ.get("REMOTE_ADDR") or "")
        except ValueError:
            peer = None
        if peer is not None and any(peer in n for n in self.nets):
            proto = _first(environ.get("HTTP_X_FORWARDED_PROTO")).lower()
            if proto in DEFAULT_PORTS:
                environ["wsgi.url_scheme"] = proto
            host = _first(environ.get("HTTP_X_FORWARDED_HOST"))
            if host:
                environ["HTTP_HOST"] = host
        return self.app(environ, start_response)


def _first(value: str | None) -> str:
    # a chain of proxies appends: the first value is what the browser sent to the first proxy
    return (value or "").split(",")[0].strip()
