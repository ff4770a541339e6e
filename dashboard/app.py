"""Build the Dash app: ``create_app(config, store)``.

Pages are the modules of ``dashboard/pages``; each declares ``ROUTE`` (a path, or a prefix
ending in ``/``), ``layout(ctx, lang, params, path)`` and optionally ``register(app, ctx)`` for
its callbacks and ``CHROME = False`` to be shown without the navigation bar (the wall).
The HTTP API (``dashboard.api``) is served by the same Flask server.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import dash
import dash_bootstrap_components as dbc
import pantau.dashboard.pages as pages_pkg
from dash import Input, Output, State, dcc, html
from pantau.dashboard.access import current
from pantau.dashboard.api import register_api
from pantau.dashboard.auth.rules import DASH_ROLE, PAGE_ROLES, allowed, route_serves
from pantau.dashboard.cache import Cache
from pantau.dashboard.context import AppContext
from pantau.dashboard.errors import register_errors, safe_path
from pantau.dashboard.i18n import t
from pantau.dashboard.same_origin import register_same_origin
from pantau.dashboard.security_headers import register_security_headers
from pantau.data.access import Role
from pantau.data.config_models import Config
from pantau.data.engine import store_unreachable
from pantau.data.store import Store

ASSETS = Path(__file__).with_name("assets")
RETRY_MS = 15_000
log = logging.getLogger(__name__)


def page_modules() -> list:
    """Every page module, most specific route first."""
    mods = [importlib.import_module(f"pantau.dashboard.pages.{m.name}")
            for m in pkgutil.iter_modules(pages_pkg.__path__) if not m.name.startswith("_")]
    mods = [m for m in mods if hasattr(m, "ROUTE")]
    return sorted(mods, key=lambda m: -len(m.ROUTE))


def route(mods: list, path: str):
    """The page module serving ``path``, or None (``mods`` most specific route first)."""
    return next((m for m in mods if route_serves(m.ROUTE, path)), None)


def navbar(ctx: AppContext, lang: str, active: str, path: str = "/", params: dict | None = None):
    """The navigation bar of every page but the wall. The language switch keeps the page and
    its query (period, region, ...) and changes only ``lang``."""
    q = f"?lang={lang}" if lang != ctx.config.site.language else ""
    items = [("/", "nav.overview"), ("/aduan", "nav.complaints"), ("/spbe", "nav.spbe"),
             ("/explore", "nav.explore"), ("/media", "nav.media"),
             ("/sources", "nav.sources"), ("/alerts", "nav.alerts"), ("/wall", "nav.wall"),
             ("/audit", "nav.audit")]
    who = current()
    links = [dbc.NavItem(dbc.NavLink(t(key, lang), href=href + q, active=active == href))
             for href, key in items if allowed(who.role, href)]
    other = "en" if lang == "id" else "id"
    switched = urlencode({**(params or {}), "lang": other})
    links.append(dbc.NavItem(dbc.NavLink(other.upper(), href=f"{safe_path(path)}?{switched}",
                                         id="nav-lang", external_link=True)))
    if who.kind == "user":
        links.append(dbc.NavItem(dbc.NavLink(t("auth.sign_out", lang), href="/logout",
                                             id="nav-logout", external_link=True)))
    elif who.kind == "anonymous":  # auth.anonymous_role: viewer, who may sign in for more
        links.append(dbc.NavItem(dbc.NavLink(t("auth.title", lang), href="/login",
                                             id="nav-login", external_link=True)))
    children = [dbc.NavbarBrand(ctx.config.site.name, href="/" + q)]
    if ctx.config.site.demo:
        children.append(dbc.Badge(t("common.demo", lang), color="warning", text_color="dark",
                                  className="demo-badge ms-2", id="demo-badge"))
        if ctx.config.auth is None:
            # The demo on loopback lets everyone in as admin: say so plainly.
            children.append(dbc.Badge(t("common.demo_open", lang), color="danger",
                                      className="demo-badge ms-2", id="demo-open-badge"))
    # Below the lg breakpoint (phones, small tablets) the links fold behind a toggler: open,
    # they took a third of a 390x844 screen.
    children += [dbc.NavbarToggler(id="nav-toggle", n_clicks=0),
                 dbc.Collapse(dbc.Nav(links, className="ms-auto", navbar=True),
                              id="nav-collapse", is_open=False, navbar=True)]
    return dbc.Navbar(dbc.Container(children, fluid=True), color="dark", dark=True,
                      expand="lg", className="mb-3", id="navbar")


def create_app(config: Config, store: Store, clock=time.time, cache: Cache | None = None,
               ) -> dash.Dash:
    """The Dash app for ``config`` reading ``store``. ``clock`` returns epoch seconds."""
    ctx = AppContext(config=config, store=store, clock=clock,
                     cache=cache or Cache(config.web.cache_url,
                                          max_bytes=config.web.cache_mb * 2**20))
    app = dash.Dash(
        __name__, assets_folder=str(ASSETS), serve_locally=True,
        suppress_callback_exceptions=True, title=config.site.name,
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.ctx = ctx
    mods = page_modules()
    app.layout = html.Div([dcc.Location(id="url", refresh=False), html.Div(id="page")],
                          id="root")

    @app.callback(Output("page", "children"), Input("url", "pathname"),
                  State("url", "search"))
    def _render(pathname, search):
        params = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()}
        lang = ctx.lang(params.get("lang"))
        mod = route(mods, pathname or "/")
        if not allowed(current().role, pathname or "/"):
            # A hand-made callback or an in-app link past what the role may see.
            return [navbar(ctx, lang, pathname or "/", pathname or "/", params),
                    forbidden(lang)]
        if mod is None:
            body = dbc.Container(html.H2(t("common.not_found", lang)), className="py-5")
            return [navbar(ctx, lang, pathname or "/", pathname or "/", params), body]
        try:
            body = mod.layout(ctx, lang, params, pathname or "/")
        except Exception as exc:
            if not store_unreachable(exc):
                raise
            log.warning("page %s: store unreachable: %s", pathname, type(exc).__name__)
            body = store_down(lang)
        if getattr(mod, "CHROME", True):
            return [navbar(ctx, lang, mod.ROUTE, pathname or "/", params), body]
        return body

    # The calm page of a store outage reloads itself until the store answers again.
    app.clientside_callback("function(n) { if (n) { window.location.reload(); } return n; }",
                            Output("store-down-retry", "data"),
                            Input("store-down-tick", "n_intervals"), prevent_initial_call=True)

    @app.callback(Output("nav-collapse", "is_open"), Input("nav-toggle", "n_clicks"),
                  State("nav-collapse", "is_open"), prevent_initial_call=True)
    def _toggle_menu(n, is_open):
        return not is_open if n else is_open

    # Each callback needs the role of the page that registered it (dashboard.auth.gate).
    callback_roles = dict.fromkeys(app.callback_map, DASH_ROLE)
    for mod in mods:
        if hasattr(mod, "register"):
            before = set(app.callback_map)
            mod.register(app, ctx)
            role = PAGE_ROLES.get(mod.ROUTE, Role.ADMIN)
            callback_roles.update(dict.fromkeys(set(app.callback_map) - before, role))
    # Cross-site POSTs are turned away before sign-in sees them (and counts a failure).
    register_same_origin(app.server, config.web.trusted_proxies)
    if config.auth is not None:
        from pantau.dashboard.auth import install

        install(app, ctx, callback_roles)
    register_api(app.server, ctx)
    from pantau.dashboard.report.routes import register as register_reports

    register_reports(app.server, ctx)
    register_errors(app.server)
    register_security_headers(app)
    return app


def forbidden(lang: str):
    """The "tidak berhak" body of a page the principal's role does not include."""
    role = t(f"role.{current().role.label}", lang)
    return dbc.Container([
        html.H2(t("auth.forbidden.title", lang), className="h4", id="forbidden-title"),
        html.P(t("auth.forbidden.body", lang, role=role)),
        html.A(t("auth.forbidden.home", lang), href="/", className="btn btn-primary"),
    ], className="py-5", id="forbidden")


def store_down(lang: str):
    """The calm page shown while the store cannot be reached; it tries again every 15 s."""
    return dbc.Container([
        html.H2(t("common.store_down.title", lang), className="h4"),
        html.P(t("common.store_down.body", lang), className="text-muted"),
        dcc.Interval(id="store-down-tick", interval=RETRY_MS),
        dcc.Store(id="store-down-retry"),
    ], className="py-5", id="store-down")
