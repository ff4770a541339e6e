"""The ``auth:`` section of config.yaml: sign-in, and optional single sign-on (``oidc:``).
Used by ``pantau.dashboard.auth``; the README's "Pengguna dan akses" shows it."""

from __future__ import annotations

from typing import Literal

from pantau.data.config_base import Duration, Frozen, LocalText, Text
from pydantic import Field

RoleName = Literal["wall", "viewer", "analyst", "operator", "admin"]


class Oidc(Frozen):
    """Sign-in through the pemda's single sign-on (Keycloak or any OpenID Connect provider),
    next to Pantau's own users. Roles come from a claim of the ID token (``role_claim``, a
    string or a list, e.g. Keycloak's ``groups``) through ``roles``; the highest role named
    wins; an account none of whose values is in ``roles`` gets ``default_role``."""

    issuer: str
    """The provider's issuer URL; its ``/.well-known/openid-configuration`` is read."""
    client_id: str
    client_secret: str
    """Give it as ``{$env: NAME}``."""
    scopes: str = "openid email profile"
    name_claim: str = "preferred_username"
    """The claim that names the person in Pantau (``email``, then ``sub`` when absent)."""
    role_claim: str = "groups"
    roles: dict[str, RoleName] = Field(default_factory=dict)
    """Claim value -> role: ``{pantau-admin: admin, pantau-analis: analyst}``."""
    default_role: Literal["none", "wall", "viewer", "analyst", "operator", "admin"] = "none"
    region_claim: str | None = None
    """A claim holding the Kemendagri code the person is limited to (``52.71``)."""
    label: LocalText = Text(id="Masuk dengan SSO", en="Sign in with SSO")
    """The button on /login."""


class Auth(Frozen):
    """Sign-in (``auth:``): present means on. Without it every request is admin of the whole
    site (a loopback demo, a closed network); see the README's "Pengguna dan akses"."""

    secret_key: str = Field(min_length=32)
    """Signs session cookies; give it as ``{$env: NAME}`` (at least 32 characters, e.g.
    ``python -c 'import secrets; print(secrets.token_urlsafe(48))'``)."""
    anonymous_role: Literal["none", "wall", "viewer"] = "none"
    """What a visitor who has not signed in may see: nothing (``none``: every page goes to
    /login), the wall, or the viewer's pages."""
    session_lifetime: Duration = 12 * 3600
    """How long a sign-in lasts."""
    screen_lifetime: Duration = 400 * 86400
    """How long a paired wall screen's device cookie lasts (until revoked)."""
    oidc: Oidc | None = None
