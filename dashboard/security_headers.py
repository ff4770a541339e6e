"""Security headers on every answer of the web app: ``register_security_headers(app)``.

Every response of the Flask server (pages, assets, Dash callbacks, /api, /healthz, /metrics,
error answers) carries:

- ``Content-Security-Policy``: scripts only from this site plus the hashes of the inline
  scripts Dash writes into its page (its renderer and every clientside callback given as a
  string, ``app.csp_hashes()``), so no ``'unsafe-inline'`` and no ``'unsafe-eval'`` for scripts;
  no framing (``frame-ancestors 'none'``), no plugins, forms and ``<base>`` only to this site;
  workers (the wall's service worker) only from this site;
- ``X-Frame-Options: DENY`` for browsers that predate ``frame-ancestors``;
- ``X-Content-Type-Options: nosniff``;
- ``Referrer-Policy: same-origin``: an article link on /media does not tell the outlet which
  page (and query) of the command center it was opened from; same-origin requests keep it;
- ``Cross-Origin-Opener-Policy: same-origin``.

The policy is built once, at the first response (Dash has then gathered every inline
script). ``POLICY`` holds the directives; ``content_security_policy(hashes)`` the rule.

``RequestHandler`` is Werkzeug's development request handler without version numbers in its
``Server`` header (pass it to ``werkzeug.serving.make_server(request_handler=...)``); gunicorn,
which serves Pantau in every command, already says only ``gunicorn``.
"""

from __future__ import annotations

import dash
from flask import Response
from werkzeug.serving import WSGIRequestHandler

SERVER_NAME = "pantau"

POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    # Plotly.js sets style attributes and injects <style> elements as it draws (its modebar,
    # hover labels, the geo maps), dash-ag-grid injects its theme's CSS at run time, and Dash
    # components use React inline styles: all would break without 'unsafe-inline' here.
    # Styles cannot run code; scripts stay strict.
    "style-src": ("'self'", "'unsafe-inline'"),
    # data: and blob: for Plotly's 'download as PNG' (an SVG drawn through an image) and
    # Bootstrap's inline SVG icons (the navbar toggler).
    "img-src": ("'self'", "data:", "blob:"),
    "font-src": ("'self'", "data:"),
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),
    "manifest-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
}

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def content_security_policy(script_hashes: list[str] | tuple[str, ...] = ()) -> str:
    """The ``Content-Security-Policy`` value of ``POLICY`` with ``script_hashes`` (as Dash's
    ``csp_hashes()`` gives them: ``'sha256-...'``) allowed as inline scripts."""
    parts = []
    for name, values in POLICY.items():
        if name == "script-src":
            values = (*values, *script_hashes)
        parts.append(f"{name} {' '.join(values)}")
    return "; ".join(parts)


def register_security_headers(app: dash.Dash) -> None:
    """Add the headers above to every response of ``app.server``. Call it after every
    callback of ``app`` is registered."""
    policy: list[str] = []

    @app.server.after_request
    def _security_headers(resp: Response) -> Response:
        if not policy:
            policy.append(content_security_policy(app.csp_hashes()))
        resp.headers["Content-Security-Policy"] = policy[0]
        for name, value in HEADERS.items():
            resp.headers.setdefault(name, value)
        return resp


class RequestHandler(WSGIRequestHandler):
    """Werkzeug's request handler, saying ``Server: pantau`` instead of
    ``Werkzeug/3.x Python/3.y`` (versions tell an attacker which advisories to try)."""

    def version_string(self) -> str:
        return SERVER_NAME
