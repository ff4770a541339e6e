"""The principal of the current web request: ``current()``.

Sign-in (``pantau.dashboard.auth``) sets it once per request, before any page, callback or API
handler runs; everything else only reads it. Without sign-in every request is ``OPEN`` (admin,
whole site), so pages and the API behave as before.

Use::

    from pantau.dashboard.access import current
    p = current()          # a pantau.data.access.Principal
    if p.region: ...       # limit what is read to p.region (pantau.data.access.region_in_scope)
"""

from __future__ import annotations

from flask import g, has_request_context
from pantau.data.access import OPEN, Principal

_KEY = "pantau_principal"


def current() -> Principal:
    """Who the current request acts for (``OPEN`` outside a request or without sign-in)."""
    if not has_request_context():
        return OPEN
    return g.get(_KEY, OPEN)


def set_current(principal: Principal) -> None:
    """Set the request's principal (sign-in does this; tests may too)."""
    g.setdefault(_KEY, principal)
    g.pantau_principal = principal
