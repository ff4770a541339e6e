"""Single sign-on with OpenID Connect (Authlib): ``/login/sso`` and its callback (role:
everyone), when ``auth.oidc`` is set.

``/login/sso?next=/explore`` sends the browser to the provider (a pemda's Keycloak, say);
back at ``/login/sso/callback`` the ID token's claims become a principal by
``principal_from_claims`` (the claims-to-role map of ``auth.oidc.roles``). The session keeps
that principal for ``auth.session_lifetime``: SSO users are not stored in Pantau's users
table, and a role change at the provider counts from their next sign-in.
"""

from __future__ import annotations

import logging
import secrets

from flask import redirect, request, session
from flask_login import login_user
from pantau.dashboard.auth.gate import next_path
from pantau.dashboard.i18n import t
from pantau.data import audit
from pantau.data.access import Principal, Role
from pantau.data.users import AccessError, check_region

log = logging.getLogger(__name__)


def principal_from_claims(oidc, claims: dict) -> Principal | None:
    """The principal of an ID token's ``claims`` under ``oidc`` (``auth.oidc``), or None when
    they map to no role (or name no one, or carry a region that is not a Kemendagri code)."""
    name = next((str(claims[k]) for k in (oidc.name_claim, "email", "sub")
                 if claims.get(k)), "")
    values = claims.get(oidc.role_claim)
    values = [values] if isinstance(values, str) else list(values or [])
    roles = [Role.parse(oidc.roles[str(v)]) for v in values if str(v) in oidc.roles]
    if not roles and oidc.default_role != "none":
        roles = [Role.parse(oidc.default_role)]
    if not name or not roles:
        return None
    region = claims.get(oidc.region_claim) if oidc.region_claim else None
    try:
        region = check_region(region)
    except AccessError:
        return None
    return Principal(name=name[:64], role=max(roles), region=region, kind="user")


def register(server, ctx) -> None:
    """Add /login/sso and /login/sso/callback to ``server`` for ``ctx.config.auth.oidc``."""
    from authlib.integrations.flask_client import OAuth
    from pantau.dashboard.auth import SignedIn

    cfg = ctx.config.auth.oidc
    oauth = OAuth(server)
    sso = oauth.register(
        "sso", client_id=cfg.client_id, client_secret=cfg.client_secret,
        server_metadata_url=cfg.issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": cfg.scopes})

    def start():
        session["sso_next"] = next_path(request.args.get("next"))
        session["sso_lang"] = ctx.lang(request.args.get("lang"))
        return sso.authorize_redirect(request.host_url.rstrip("/") + "/login/sso/callback")

    def back():
        form = server.extensions["pantau.login_form"]
        lang = ctx.lang(session.get("sso_lang"))
        try:
            token = sso.authorize_access_token()
        except Exception as exc:  # the provider refused, or the answer was not valid
            log.warning("single sign-on failed: %s", type(exc).__name__)
            audit.record(ctx.store, "", audit.SIGN_IN_FAILED, detail="sso",
                         address=request.remote_addr, now=ctx.clock())
            return form(401, t("auth.sso.failed", lang))
        claims = dict(token.get("userinfo") or {})
        who = principal_from_claims(cfg, claims)
        if who is None:
            audit.record(ctx.store, str(claims.get("sub", ""))[:100], audit.SIGN_IN_FAILED,
                         detail="sso: no role", address=request.remote_addr, now=ctx.clock())
            return form(403, t("auth.sso.no_role", lang))
        nxt = session.get("sso_next") or "/"
        session.clear()
        session.permanent = True
        session["oidc"] = {"name": who.name, "role": who.role.label, "region": who.region}
        login_user(SignedIn(who, "oidc:" + who.name))
        session["t0"] = int(ctx.clock())
        session["csrf"] = secrets.token_urlsafe(32)
        audit.record(ctx.store, who.name, audit.SIGN_IN, detail="sso",
                     address=request.remote_addr, now=ctx.clock())
        return redirect(nxt, code=303)

    server.add_url_rule("/login/sso", "login_sso", start, methods=["GET"])
    server.add_url_rule("/login/sso/callback", "login_sso_callback", back, methods=["GET"])
