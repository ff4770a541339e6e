"""Which role each path, page and Dash callback needs: one table, read by the gate
(``dashboard.auth.gate``), the page router (``dashboard.app``) and the navigation bar.

Use::

    from pantau.dashboard.auth.rules import page_role, path_rule
    page_role("/explore")        # Role.ANALYST
    path_rule("/api/v1/series")  # ("api", Role.ANALYST)

Roles (``pantau.data.access.Role``): wall -> /wall and its data; viewer -> /, /metric/...,
/media, /sources, /alerts, /aduan, /spbe (acting on alerts needs operator:
``dashboard.api.alerts``);
analyst -> /explore, exports, /api/v1; admin -> /audit (users, tokens,
screens and the audit log). The callbacks of a page module not in ``PAGE_ROLES`` need admin,
so a new page is closed until someone says who may see it (a test checks every page is
listed).
"""

from __future__ import annotations

from pantau.data.access import Role

PAGE_ROLES: dict[str, Role] = {
    "/wall": Role.WALL,
    "/": Role.VIEWER,
    "/metric/": Role.VIEWER,
    "/media": Role.VIEWER,
    "/sources": Role.VIEWER,
    "/alerts": Role.VIEWER,
    "/aduan": Role.VIEWER,
    "/spbe": Role.VIEWER,
    "/explore": Role.ANALYST,
    "/audit": Role.ADMIN,
    "/wall/offline": Role.WALL,
}
API_ROLE = Role.ANALYST
API_ROLES: dict[str, Role] = {"/api/v1/alerts": Role.VIEWER,
                              "/api/v1/alerts/history": Role.VIEWER,
                              "/api/v1/annotations": Role.VIEWER}
"""API paths a lesser role than ``API_ROLE`` may read: the alerts, which viewers see on
/alerts too (issue 14)."""
REPORT_PATHS: dict[str, Role] = {"/report.pdf": Role.VIEWER, "/report.png": Role.VIEWER}
"""The "Unduh PDF" buttons' files (``dashboard.report.routes``); the report of a page also
needs that page's role (``page_role``), checked by the route."""
DASH_ROLE = Role.WALL
"""The least role that may load Dash's layout and call its app-wide callbacks (the page
router checks the page it is asked for itself)."""
UNKNOWN_PAGE_ROLE = Role.VIEWER
"""A path no page serves: its "not found" page shows the navigation bar, so viewers only."""

PUBLIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/pair/")
PUBLIC_PATHS = ("/login", "/login/sso", "/login/sso/callback", "/logout", "/healthz", "/_favicon.ico", "/favicon.ico", "/metrics",
                "/wall-sw.js", "/pair.js")
"""Served to everyone: static files (the sign-in page's, the wall's service worker), sign-in
and pairing themselves, /healthz (says nothing private) and /metrics (its own rule: loopback
or its token). The wall's calm page (``/wall/offline``, ``dashboard.wall.offline``) is the
wall's."""


def route_serves(route: str, path: str) -> bool:
    """True when a page declaring ``ROUTE = route`` serves ``path``: the path itself, the
    path with a trailing slash, or, for a route ending in ``/`` (``"/metric/"``), any path
    below it. The one matching rule of the page router and of the role table."""
    path = path or "/"
    return (route.endswith("/") and route != "/" and path.startswith(route)) \
        or path == route or (route != "/" and path == route + "/")


def route_of(path: str) -> str | None:
    """The page route serving ``path`` (``"/metric/"`` for ``/metric/x``), or None."""
    for r in sorted(PAGE_ROLES, key=len, reverse=True):
        if route_serves(r, path):
            return r
    return None


def page_role(path: str) -> Role:
    """The least role that may see the page at ``path``."""
    r = route_of(path)
    return PAGE_ROLES[r] if r is not None else UNKNOWN_PAGE_ROLE


def path_rule(path: str) -> tuple[str, Role | None]:
    """``(kind, role)`` for an HTTP path: ``("public", None)``, ``("api", role)``,
    ``("dash", role)`` (Dash's own endpoints; callbacks are checked by their output) or
    ``("page", role)``."""
    if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
        return "public", None
    if path == "/api" or path.startswith("/api/"):
        return "api", API_ROLES.get(path, API_ROLE)
    if path.startswith("/_"):
        return "dash", DASH_ROLE
    if path in REPORT_PATHS:
        return "page", REPORT_PATHS[path]
    return "page", page_role(path)


def allowed(role: Role, path: str) -> bool:
    """Whether ``role`` may see the page at ``path``."""
    return role >= page_role(path)


EXPORT_FILES = ("/api/v1/export.xlsx", "/api/v1/chart.png", "/api/v1/chart.svg",
                "/api/v1/chart.pdf", "/api/v1/report.pdf", *REPORT_PATHS)


def is_export(path: str, fmt: str | None) -> bool:
    """Whether a GET of ``path`` with ``?format=fmt`` hands out a file of data (XLSX, CSV,
    a chart or a report): those go to the audit log."""
    return path in EXPORT_FILES or (path.startswith("/api/v1/") and fmt == "csv")
