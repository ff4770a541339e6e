"""``/login``, ``/logout`` and ``/pair/<code>`` (role: everyone), with the limit on failed
sign-ins.

Failed sign-ins are counted by Flask-Limiter in a moving window of 15 minutes, per user name
and per address: the 6th failure of either answers 429 without looking at the password.
The counts live in Redis when ``web.cache_url`` is set (several web hosts share them), in
the process's memory otherwise (and while Redis is away).
"""

from __future__ import annotations

import hmac
import secrets

from flask import Response, redirect, request, session
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from flask_login import login_user, logout_user
from pantau.dashboard.access import current
from pantau.dashboard.auth import html
from pantau.dashboard.auth.gate import next_path
from pantau.dashboard.i18n import t
from pantau.data import audit, screens, users

FAILURES = "5 per 15 minutes"
PAIR_JS = ('document.addEventListener("DOMContentLoaded", function () {\n'
           '  var form = document.getElementById("pair-form");\n'
           '  if (form) { form.submit(); }\n'
           '});\n')
"""Submits the pairing form on load: nobody clicks on a TV, and a link preview runs no script."""
FAILED = 401


def _failed(resp: Response) -> bool:
    return resp.status_code == FAILED


def _name_key() -> str:
    return "user:" + (request.form.get("username") or "").strip().lower()[:64]


def csrf_token() -> str:
    """This session's CSRF token for forms (made on first use)."""
    token = session.get("csrf")
    if not isinstance(token, str):
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def csrf_ok() -> bool:
    given, kept = request.form.get("csrf_token", ""), session.get("csrf")
    return isinstance(kept, str) and hmac.compare_digest(given.encode(), kept.encode())


def register(server, ctx) -> Limiter:
    """Add /login and /logout to ``server``; returns the limiter."""
    from pantau.dashboard.auth import SignedIn

    limiter = Limiter(get_remote_address, app=server,
                      storage_uri=ctx.config.web.cache_url or "memory://",
                      strategy="moving-window", key_prefix="pantau-login",
                      in_memory_fallback_enabled=True, headers_enabled=False)
    site = ctx.config.site.name

    def lang() -> str:
        return ctx.lang(request.args.get("lang") or request.form.get("lang"))

    def form(status: int = 200, error: str | None = None, name: str = "",
             notice: str | None = None) -> Response:
        """The sign-in page (also what /login/sso answers when the provider fails)."""
        lg = lang()
        nxt = next_path(request.form.get("next") or request.args.get("next"))
        sso = ctx.config.auth.oidc
        body = html.login_form(lg, csrf_token(), nxt, name=name, error=error, notice=notice,
                               sso_label=sso.label.get(lg) if sso else None)
        resp = Response(html.page(lg, t("auth.title", lg), body, site), status=status,
                        mimetype="text/html")
        resp.headers["Cache-Control"] = "no-store"
        return resp

    @server.errorhandler(RateLimitExceeded)
    def _too_many(_exc):
        if request.path == "/login":
            return form(429, t("auth.too_many", lang()),
                        name=request.form.get("username", "")[:64])
        return Response("too many requests\n", status=429, mimetype="text/plain")

    @limiter.limit(FAILURES, key_func=_name_key, methods=["POST"], deduct_when=_failed,
                   scope="login-user")
    @limiter.limit(FAILURES, key_func=get_remote_address, methods=["POST"],
                   deduct_when=_failed, scope="login-address")
    def login():
        if request.method == "GET":
            signed = current().kind not in ("anonymous", "open") and current().name
            if signed and "next" in request.args:
                return redirect(next_path(request.args.get("next")), code=303)
            notice = t("auth.signed_out", lang()) if "signed_out" in request.args else None
            return form(notice=notice)
        name = (request.form.get("username") or "").strip()[:64]
        if not csrf_ok():
            return form(400, t("auth.csrf", lang()), name=name)
        user = users.check_password(ctx.store, name, request.form.get("password") or "")
        if user is None:
            audit.record(ctx.store, name, audit.SIGN_IN_FAILED, address=request.remote_addr, now=ctx.clock())
            return form(FAILED, t("auth.failed", lang()), name=name)
        session.clear()
        session.permanent = True
        login_user(SignedIn(user.principal(), user.session_id))
        session["t0"] = int(ctx.clock())
        session["csrf"] = secrets.token_urlsafe(32)
        audit.record(ctx.store, user.name, audit.SIGN_IN, address=request.remote_addr, now=ctx.clock())
        return redirect(next_path(request.form.get("next")), code=303)

    def logout():
        who = current()
        if who.kind == "user":
            audit.record(ctx.store, who.name, audit.SIGN_OUT, address=request.remote_addr, now=ctx.clock())
        logout_user()
        session.clear()
        return redirect(f"/login?signed_out=1&lang={lang()}", code=303)

    def pair(code: str):
        """Open on the TV. GET answers a page whose script POSTs the code at once: a link
        preview (a chat app fetching the URL the admin sent) or a mail scanner only GETs, so
        it cannot use the code up before the TV does. The POST, the first time within 15
        minutes, gives the screen its device cookie and sends it to /wall (the code is used
        up, so it is in no URL from then on)."""
        from pantau.dashboard.auth import SCREEN_COOKIE, request_is_tls

        lg = lang()
        if request.method == "GET" and 0 < len(code) <= screens.CODE_MAX:
            resp = Response(html.page(lg, t("auth.pair.title", lg), html.pair_form(lg, code),
                                      site, script="/pair.js"), mimetype="text/html")
            resp.headers["Cache-Control"] = "no-store"
            return resp
        got = screens.pair(ctx.store, code, now=ctx.clock())
        if got is None:
            audit.record(ctx.store, "", audit.PAIRING_REFUSED, address=request.remote_addr, now=ctx.clock())
            body = html.message(lg, t("auth.pair.title", lg), t("auth.pair.refused", lg))
            resp = Response(html.page(lg, t("auth.pair.title", lg), body, site), status=410,
                            mimetype="text/html")
        else:
            screen, device = got
            audit.record(ctx.store, screen.name, audit.PAIRING, address=request.remote_addr, now=ctx.clock())
            resp = redirect("/wall", code=303)
            resp.set_cookie(SCREEN_COOKIE, device, max_age=ctx.config.auth.screen_lifetime,
                            path="/", httponly=True, samesite="Lax", secure=request_is_tls())
        resp.headers["Cache-Control"] = "no-store"
        return resp

    server.extensions["pantau.login_form"] = form
    server.add_url_rule("/pair/<code>", "pair", pair, methods=["GET", "POST"])
    server.add_url_rule("/pair.js", "pair_js", lambda: Response(
        PAIR_JS, mimetype="text/javascript", headers={"Cache-Control": "max-age=3600"}))
    server.add_url_rule("/login", "login", login, methods=["GET", "POST"])
    server.add_url_rule("/logout", "logout", logout, methods=["GET", "POST"])
    return limiter
