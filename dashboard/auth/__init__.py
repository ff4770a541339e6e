"""Sign-in for the web app (issue 12): ``install(app, ctx, callback_roles)`` when the config
has an ``auth:`` section. Without one nobody is asked and every request is
``pantau.data.access.OPEN`` (admin of the whole site).

What it adds to the Flask server:

- Flask-Login sessions in a signed cookie (``pantau_session``: HttpOnly, SameSite=Lax, Secure
  when the request came over TLS or with ``X-Forwarded-Proto: https``), lasting
  ``auth.session_lifetime`` from sign-in; a password change ends them (``data.users``);
- ``/login`` (GET the form, POST it with its CSRF token) and ``/logout``; failed sign-ins are
  limited by Flask-Limiter (``views``);
- API tokens (``Authorization: Bearer``, on ``/api`` only; the first use of a token each day
  goes to the audit log) and paired wall screens (``/pair/<code>`` sets the HttpOnly device
  cookie ``pantau_screen``; ``data.screens``);
- the gate (``gate``), which sets every request's principal and refuses what its role may not
  see, by the table of ``rules``;
- the audit log (``data.audit``): sign-in, failed sign-in, sign-out, pairing, a token's first
  use each day, and every export (XLSX, CSV, chart, report: who, which URL, when).
"""

from __future__ import annotations

from flask import request, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, UserMixin
from pantau.dashboard.access import set_current
from pantau.dashboard.auth import gate, rules
from pantau.data import audit, screens, tokens, users
from pantau.data.access import Principal, Role

COOKIE = "pantau_session"
SCREEN_COOKIE = "pantau_screen"
STATIC = ("/assets/", "/_dash-component-suites/")


def request_is_tls() -> bool:
    """True when the browser reached us over HTTPS (directly or through a proxy that says so
    in ``X-Forwarded-Proto``): only then are cookies marked Secure."""
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    return request.is_secure or forwarded == "https"


class _Sessions(SecureCookieSessionInterface):
    def get_cookie_secure(self, app) -> bool:
        return request_is_tls()


class SignedIn(UserMixin):
    """Flask-Login's view of a signed-in person: their principal and what the session keeps
    (``data.users.User.session_id``, or ``oidc:<name>`` for single sign-on)."""

    def __init__(self, principal: Principal, session_id: str):
        self.principal, self.session_id = principal, session_id

    def get_id(self) -> str:
        return self.session_id


def install(app, ctx, callback_roles: dict[str, Role]) -> None:
    """Put sign-in and the gate in front of ``app`` (a Dash app) for ``ctx.config.auth``."""
    auth = ctx.config.auth
    server = app.server
    server.secret_key = auth.secret_key
    server.session_interface = _Sessions()
    server.config.update(SESSION_COOKIE_NAME=COOKIE, SESSION_COOKIE_HTTPONLY=True,
                         SESSION_COOKIE_SAMESITE="Lax", SESSION_REFRESH_EACH_REQUEST=False,
                         PERMANENT_SESSION_LIFETIME=auth.session_lifetime)
    manager = LoginManager()
    manager.init_app(server)

    @manager.user_loader
    def _load(session_id: str):
        started = session.get("t0")
        if not isinstance(started, int) or ctx.clock() - started > auth.session_lifetime:
            return None
        if session_id.startswith("oidc:"):
            # Single sign-on: the provider vouched for the role at sign-in (dashboard.auth.oidc)
            kept = session.get("oidc")
            if not isinstance(kept, dict) or session_id != "oidc:" + str(kept.get("name")):
                return None
            return SignedIn(Principal(name=kept["name"], role=Role.parse(kept["role"]),
                                      region=kept.get("region"), kind="user"), session_id)
        user = users.by_session(ctx.store, session_id)
        return SignedIn(user.principal(), user.session_id) if user is not None else None

    anonymous = None if auth.anonymous_role == "none" else Principal(
        name="", role=Role.parse(auth.anonymous_role), kind="anonymous")

    from pantau.dashboard.auth import views

    views.register(server, ctx)
    if auth.oidc is not None:
        from pantau.dashboard.auth import oidc

        oidc.register(server, ctx)

    def token_principal():
        tok = tokens.lookup(ctx.store, request.headers["Authorization"][7:].strip(),
                            now=ctx.clock())
        if tok is None:
            return None
        if tokens.first_use_on(ctx.store, tok.id, local_day(ctx)):
            audit.record(ctx.store, tok.name, audit.TOKEN_USE, detail=request.path,
                         address=request.remote_addr, now=ctx.clock())
        return tok.principal()

    @server.before_request
    def _gate():
        if request.path.startswith(STATIC):
            return None
        if request.headers.get("Authorization", "").startswith("Bearer ") \
                and gate.path_rule(request.path)[0] == "api":
            principal = token_principal()
            if principal is None:
                return gate.json_error(401, "unauthorized",
                                       "the token is unknown, revoked or expired")
        else:
            principal = gate.session_principal() or screen_principal() or anonymous
        if principal is not None:
            set_current(principal)
        lang = ctx.lang(request.args.get("lang"))
        return gate.check(principal, callback_roles, lang, ctx.config.site.name)

    @server.after_request
    def _audit_export(resp):
        if resp.status_code == 200 and request.method == "GET" \
                and rules.is_export(request.path, request.args.get("format")):
            from pantau.dashboard.access import current

            who = current()
            audit.record(ctx.store, who.name or who.kind, audit.EXPORT,
                         detail=request.full_path, address=request.remote_addr, now=ctx.clock())
        return resp

    def screen_principal():
        device = request.cookies.get(SCREEN_COOKIE)
        screen = screens.by_device(ctx.store, device) if device else None
        return screen.principal() if screen is not None else None


def local_day(ctx) -> str:
    """Today in the site's zone, ``YYYY-MM-DD`` (a token's "first use per day")."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.fromtimestamp(ctx.clock(), ZoneInfo(ctx.tz)).date().isoformat()
