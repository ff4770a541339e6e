"""``/aduan``: public complaints (SP4N-LAPOR!) against their deadlines in hari kerja.

The backlog by the stage complaints wait at, lewat tenggat by OPD and by region (the map of
``/``), the on-time share per stage over time, the median hari kerja per stage and the
longest overdue complaints (id, OPD, region, days late; nothing about the complainant
exists). The period (complaints received in it: the share and the medians) and the region
are kept in the URL (``?period=90d&region=52.71``). Viewer or better; a principal limited to a
region sees only the complaints of its region (``data.access.record_in_scope``). The numbers
are ``data.complaint_views``'.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, html, no_update
from pantau.dashboard import fmt
from pantau.dashboard.access import current
from pantau.dashboard.components.filters import filter_bar, follow_url
from pantau.dashboard.components.periods import period_key, window
from pantau.dashboard.components.regions import region_key
from pantau.dashboard.components.report_button import follow_search, report_buttons
from pantau.dashboard.components.url_state import make_search, parse_search
from pantau.dashboard.context import AppContext
from pantau.dashboard.i18n import t
from pantau.dashboard.pages import _complaints_parts as parts
from pantau.data.complaint_sla import TooManyComplaints
from pantau.data.complaint_views import page_view, share_step
from pantau.data.zones import zone_label

ROUTE = "/aduan"
DEFAULT_PERIOD = "90d"


def _period(value: str | None) -> str:
    return period_key(value) if value else DEFAULT_PERIOD


def cached_view(ctx: AppContext, period: str, region: str, scope: str | None):
    """``data.complaint_views.page_view`` for ``period`` and ``region`` in ``scope``, through
    the query cache (one computation per minute and scope; the page and its report ask it)."""
    now = ctx.clock()
    start, end = window(period, now, ctx.tz)
    province = ctx.config.site.region
    asked = region if region != province else (scope or None)
    key = f"aduan:{period}:{region}:{scope}:{int(now) // 60}"
    return ctx.cache.get_or_set(key, ctx.config.web.cache_ttl, lambda: page_view(
        ctx.store, ctx.config, start, end, now, asked, scope))


def content(ctx: AppContext, period: str, region: str, lang: str):
    """The page's panels for ``period`` and ``region`` in the request's scope."""
    now, scope = ctx.clock(), current().region
    start, end = window(period, now, ctx.tz)
    try:
        view = cached_view(ctx, period, region, scope)
    except TooManyComplaints as exc:
        return dbc.Alert(t("aduan.too_many", lang, why=str(exc)), color="warning",
                         id="aduan-too-many")
    return parts.body(view, ctx.config, region, scope, share_step(start, end), lang)


def subtitle(ctx: AppContext, lang: str) -> str:
    return t("aduan.subtitle", lang, tz=zone_label(ctx.tz),
             when=fmt.when(ctx.clock(), lang, ctx.tz))


def layout(ctx: AppContext, lang: str, params: dict, path: str):
    province, scope = ctx.config.site.region, current().region
    period = _period(params.get("period"))
    region = region_key(params.get("region"), province, scope)
    return html.Div(dbc.Container([
        html.Div([
            html.Div([html.H1(t("aduan.title", lang), className="ov-title"),
                      html.Div(subtitle(ctx, lang), id="aduan-subtitle",
                               className="ov-subtitle")]),
            html.Div([filter_bar("aduan", period, region, province, lang, scope),
                      report_buttons("aduan", "aduan",
                                     make_search(period, region, province, params.get("lang"),
                                                 DEFAULT_PERIOD), lang, card=False)],
                     className="ov-tools"),
        ], className="ov-header"),
        html.Div(content(ctx, period, region, lang), id="aduan-body"),
    ], fluid=True), className="overview aduan")


def register(app, ctx: AppContext) -> None:
    @app.callback(Output("aduan-body", "children"), Output("aduan-subtitle", "children"),
                  Output("url", "search", allow_duplicate=True),
                  Input("aduan-period", "value"), Input("aduan-region", "value"),
                  State("url", "search"), prevent_initial_call=True)
    def _update(period, region, search):
        params = parse_search(search)
        lang = ctx.lang(params.get("lang"))
        province = ctx.config.site.region
        period = _period(period)
        region = region_key(region, province, current().region)
        new = make_search(period, region, province, params.get("lang"), DEFAULT_PERIOD)
        return (content(ctx, period, region, lang), subtitle(ctx, lang),
                new if new != (search or "") else no_update)

    follow_url(app, "aduan", ctx.config.site.region, lambda path: path == ROUTE,
               DEFAULT_PERIOD)
    follow_search(app, "aduan", "aduan", lambda path: path == ROUTE, card=False)
