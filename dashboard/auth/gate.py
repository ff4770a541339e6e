"""The gate: before any page, API handler or Dash callback runs, find who is asking
(``principal()``), set it for the request (``pantau.dashboard.access.set_current``) and turn
away who may not (``check()``).

What is refused, and how:

- a page (GET of a path Dash serves): nobody signed in -> 303 to ``/login?next=<path>``; a
  role too low -> 403 "tidak berhak" page (an anonymous visitor goes to /login instead);
- ``/api/...``: 401 JSON ``{"error", "detail"}`` without valid credentials, 403 JSON when the
  role is too low;
- Dash's endpoints (``/_dash-layout``, ``/_dash-update-component``, ...): 401/403 JSON; a
  callback needs the role of the page that registered it (``callback_roles``), so a viewer
  cannot call /explore's callbacks by POSTing them by hand. ``assets/session.js`` sends a
  page whose callbacks answer 401 to /login.
"""

from __future__ import annotations

import orjson
from flask import Response, redirect, request
from flask_login import current_user
from pantau.dashboard.auth import html
from pantau.dashboard.auth.rules import DASH_ROLE, path_rule  # noqa: F401 (used by install)
from pantau.dashboard.errors import safe_path
from pantau.dashboard.i18n import t
from pantau.data.access import Principal, Role

UPDATE = "/_dash-update-component"


def json_error(status: int, error: str, detail: str) -> Response:
    """``{"error": ..., "detail": ...}`` with ``status``."""
    return Response(orjson.dumps({"error": error, "detail": detail}), status=status,
                    mimetype="application/json")


def next_path(raw: str | None) -> str:
    """A ``next`` value made safe: a path of this site (never another host), not /login."""
    raw = (raw or "/").replace("\r", "").replace("\n", "")
    if not raw.startswith("/"):
        return "/"
    path = safe_path(raw)
    return "/" if path.split("?", 1)[0] in ("/login", "/logout") else path


def login_url(path_and_query: str) -> str:
    from urllib.parse import urlencode

    return "/login?" + urlencode({"next": next_path(path_and_query)})


def callback_role(roles: dict[str, Role]) -> Role | None:
    """The role the posted callback needs, from the output it names; None when the body names
    no output this app registered (refused)."""
    body = request.get_json(silent=True, cache=True)
    output = body.get("output") if isinstance(body, dict) else None
    return roles.get(output) if isinstance(output, str) else None


def check(principal: Principal | None, roles: dict[str, Role], lang: str, site: str):
    """The response that refuses this request, or None to let it through."""
    kind, needed = path_rule(request.path)
    if kind == "public":
        return None
    if kind == "dash" and request.path == UPDATE and request.method == "POST":
        needed = callback_role(roles)
        if needed is None:
            return json_error(403, "forbidden", "unknown callback")
    needed = needed or DASH_ROLE
    signed = principal is not None and principal.kind != "anonymous"
    if principal is not None and principal.role >= needed:
        return None
    if kind in ("api", "dash"):
        if not signed:
            return json_error(401, "unauthorized",
                              "sign in, or send Authorization: Bearer <token>")
        return json_error(403, "forbidden",
                          f"the role {principal.role.label} may not use this; "
                          f"it needs {needed.label} or higher")
    if not signed:
        full = request.full_path if request.query_string else request.path
        return redirect(login_url(full), code=303)
    role = t(f"role.{principal.role.label}", lang)
    body = html.forbidden(lang, role, principal.name, request.path)
    return Response(html.page(lang, t("auth.forbidden.title", lang), body, site),
                    status=403, mimetype="text/html")


def session_principal() -> Principal | None:
    """The signed-in user of this request's session (Flask-Login), or None."""
    user = current_user
    if user is not None and getattr(user, "is_authenticated", False):
        return user.principal
    return None
