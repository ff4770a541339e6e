"""Who is asking, and what they may see: roles, the principal of a request, region scopes.

Pure rules, no database and no Flask (the web side keeps the request's principal in
``pantau.dashboard.access``; users, tokens and screens are stored by their own ``data`` modules).

Use::

    from pantau.data.access import Principal, Role, role_allows, region_in_scope

    p = Principal(name="rina", role=Role.VIEWER, region="52.71")
    role_allows(p.role, Role.ANALYST)      # False: a viewer may not use /explore
    region_in_scope("52.71", p.region)      # True
    region_in_scope("52.01", p.region)      # False
    region_in_scope(None, p.region)         # True: a series without a region is the total
    labels_in_scope({"region": "52.01"}, "52.71")   # False: what data.queries applies

Roles are ordered, each has everything of the ones before it: ``wall`` (only /wall and its
data) < ``viewer`` (+ /, /metric, /media) < ``analyst`` (+ /explore, exports, the API) <
``operator`` (+ acknowledging alerts, notes) < ``admin`` (+ /sources with full errors, users,
tokens, audit).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Role(IntEnum):
    """The roles, in order of what they may do (compare with ``>=``)."""

    WALL = 10
    VIEWER = 20
    ANALYST = 30
    OPERATOR = 40
    ADMIN = 50

    @classmethod
    def parse(cls, name: str) -> Role:
        """``"viewer"`` -> ``Role.VIEWER``; ValueError naming the roles for anything else."""
        try:
            return cls[str(name).strip().upper()]
        except KeyError:
            names = ", ".join(r.label for r in cls)
            raise ValueError(f"unknown role {name!r}; the roles are {names}") from None

    @property
    def label(self) -> str:
        """The role's name as config, CLI and API spell it: ``"viewer"``."""
        return self.name.lower()


@dataclass(frozen=True)
class Principal:
    """Who a request acts for.

    ``kind`` is how they came in: ``user`` (signed in), ``token`` (API token), ``screen`` (a
    paired wall screen), ``anonymous`` (``auth.anonymous_role``), ``open`` (auth is off: the
    demo on loopback, or a site without an ``auth`` section). ``region`` is a Kemendagri code
    the principal is limited to (``"52.71"``), or None for the whole site.
    """

    name: str
    role: Role
    region: str | None = None
    kind: str = "user"


OPEN = Principal(name="", role=Role.ADMIN, region=None, kind="open")
"""The principal of every request when sign-in is off."""


def role_allows(role: Role, needed: Role) -> bool:
    """True when ``role`` may do what needs ``needed``."""
    return role >= needed


def region_in_scope(code: str | None, scope: str | None) -> bool:
    """True when a series labelled ``region=code`` may be shown to a principal limited to
    ``scope``. Unscoped principals see everything; a scoped one sees its region, the regions
    inside it (``52.71.01`` inside ``52.71``) and the series without a region or labelled with
    a region that contains the scope (the province total ``52`` for a scope ``52.71``)."""
    if scope is None or code is None or code == "":
        return True
    code, scope = str(code), str(scope)
    return code == scope or code.startswith(scope + ".") or scope.startswith(code + ".")


def record_in_scope(code: str | None, scope: str | None) -> bool:
    """True when a record of place ``code`` (a complaint) may be shown to a principal
    limited to ``scope``: unscoped principals see every record, a scoped one only records of
    its region or of a region inside it. Stricter than ``region_in_scope``: a record of the
    province (``52``) or of no known place is one thing that happened elsewhere, not a total
    that includes the scope's share."""
    if scope is None:
        return True
    if code is None or code == "":
        return False
    code, scope = str(code), str(scope)
    return code == scope or code.startswith(scope + ".")


REGION_LABEL = "region"
"""The series label that says which place a series is of (``"52.71"``)."""


def labels_in_scope(labels: dict, scope: str | None) -> bool:
    """True when a series with ``labels`` may be shown to a principal limited to ``scope``:
    ``region_in_scope`` of its ``region`` label (a series without one is province-wide).
    ``data.queries.series_labels`` applies it where series are chosen, so every question
    asked with a ``scope`` answers only such series."""
    return region_in_scope(labels.get(REGION_LABEL), scope)
