"""``/``: the executive overview. The screens of config.yaml as KPI cards, with a period
and a region filter kept in the URL (``?period=30d&region=52.71&lang=en``).

Each card links to ``/metric/<name>`` with the same state.
"""

from __future__ import annotations

from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html, no_update
from pantau.dashboard import fmt
from pantau.dashboard.access import current
from pantau.dashboard.api.alerts import metric_alerts
from pantau.dashboard.components import alert_banner
from pantau.dashboard.components.filters import filter_bar, follow_url
from pantau.dashboard.components.kpi_card import kpi_card
from pantau.dashboard.components.kpi_data import CardData, card_data
from pantau.dashboard.components.periods import period_key, window, window_end
from pantau.dashboard.components.regions import region_key
from pantau.dashboard.components.report_button import follow_search, report_buttons, report_href
from pantau.dashboard.components.spbe_card import spbe_card
from pantau.dashboard.components.spbe_view import cached_book
from pantau.dashboard.components.url_state import make_search, parse_search
from pantau.dashboard.context import AppContext
from pantau.dashboard.i18n import t
from pantau.dashboard.pages._overview_below import below_section
from pantau.data.complaint_metrics import OVERDUE_METRIC
from pantau.data.complaint_views import has_complaints
from pantau.data.config_models import Config, Metric, Screen

ROUTE = "/"


def screen_metrics(config: Config, screen: Screen) -> list[Metric]:
    """The catalogue metrics of a screen's tiles, once each, KPI tiles first; not
    ``complaints_overdue_count``, whose card has a section of its own (``complaint_cards``)."""
    tiles = sorted(screen.tiles, key=lambda tile: tile.view != "kpi")
    out: dict[str, Metric] = {}
    for tile in tiles:
        m = config.metric(tile.metric) if tile.metric else None
        if m is not None and m.name not in out and m.name != OVERDUE_METRIC:
            out[m.name] = m
    return list(out.values())


def complaint_metric(ctx: AppContext) -> Metric | None:
    """``complaints_overdue_count`` when its card is shown: the catalogue declares the metric
    and complaint records exist (the page and its report ask this)."""
    metric = ctx.config.metric(OVERDUE_METRIC)
    if metric is None or not ctx.cache.get_or_set(
            f"ov:has-complaints:{int(ctx.clock()) // 60}", ctx.config.web.cache_ttl,
            lambda: has_complaints(ctx.store)):
        return None
    return metric


def complaint_cards(ctx: AppContext, period: str, region: str, lang: str | None,
                    shown_lang: str, alerts: dict) -> list:
    """The card of ``complaints_overdue_count`` (aduan lewat tenggat), linking to ``/aduan``:
    only when ``complaint_metric`` says it is shown."""
    metric = complaint_metric(ctx)
    if metric is None:
        return []
    search = make_search(period, region, ctx.config.site.region, lang)
    card = kpi_card(cached_card(ctx, metric, period, region, current().region), shown_lang,
                    ctx.tz, href=f"/aduan{search}", card_id=f"ov-card-aduan-{metric.name}",
                    alert=alerts.get(metric.name))
    return [html.Section([html.H2(t("aduan.title", shown_lang), className="ov-screen-title"),
                          dbc.Row(dbc.Col(card, xs=12, sm=6, lg=4, xxl=3, className="mb-3"))],
                         className="ov-screen", id="ov-screen-aduan")]


def cached_card(ctx: AppContext, metric: Metric, period: str, region: str,
                scope: str | None) -> CardData:
    """``card_data`` in ``scope`` through the query cache (one computation per ttl for every
    viewer of that scope)."""
    now = ctx.clock()
    key = (f"ov:card:{metric.name}:{period}:{region}:{scope}:{window_end(now)}:"
           f"{int(now) // 60}")
    return ctx.cache.get_or_set(key, ctx.config.web.cache_ttl,
                                lambda: card_data(ctx, metric, period, region, now, scope))


def subtitle(ctx: AppContext, period: str, lang: str) -> str:
    """``21 Nov 2026 – 27 Nov 2026 · Data sampai 27 Nov 2026 09:15 WITA``."""
    now = ctx.clock()
    start, end = window(period, now, ctx.tz)
    first, last = fmt.date(start, lang, ctx.tz), fmt.date(min(end, now), lang, ctx.tz)
    span = first if first == last else t("overview.period.range", lang, start=first, end=last)
    return f"{span} · " + t("overview.subtitle", lang, when=fmt.when(now, lang, ctx.tz))


def cards(ctx: AppContext, period: str, region: str, lang: str | None, shown_lang: str):
    """One section per screen with a metric tile, each a row of cards (in the scope of the
    request's principal)."""
    province, scope = ctx.config.site.region, current().region
    search = make_search(period, region, province, lang)
    alerts = metric_alerts(ctx)
    sections = complaint_cards(ctx, period, region, lang, shown_lang, alerts)
    for screen in ctx.config.screens:
        metrics = screen_metrics(ctx.config, screen)
        with_spbe = any(tile.view == "spbe" for tile in screen.tiles)
        if not metrics and not with_spbe:
            continue
        cols = [dbc.Col(kpi_card(cached_card(ctx, m, period, region, scope), shown_lang, ctx.tz,
                                 href=f"/metric/{m.name}{search}",
                                 card_id=f"ov-card-{screen.id}-{m.name}",
                                 alert=alerts.get(m.name)),
                        xs=12, sm=6, lg=4, xxl=3, className="mb-3")
                for m in metrics]
        if with_spbe:
            cols.append(dbc.Col(spbe_card(cached_book(ctx, ctx.clock()), region, shown_lang,
                                          href="/spbe" + ("?" + urlencode({"lang": lang})
                                                          if lang else ""),
                                          card_id=f"ov-card-{screen.id}-spbe"),
                                xs=12, sm=6, lg=4, xxl=3, className="mb-3"))
        screen_pdf = html.A(t("report.button", shown_lang), download="",
                            href=report_href("pdf", "screen", search, screen=screen.id),
                            id=f"ov-screen-pdf-{screen.id}",
                            className="btn btn-link btn-sm report-screen-btn d-print-none")
        sections.append(html.Section([html.Div([html.H2(screen.title.get(shown_lang),
                                                        className="ov-screen-title"),
                                                screen_pdf], className="ov-screen-head"),
                                      dbc.Row(cols)],
                                     className="ov-screen", id=f"ov-screen-{screen.id}"))
    if not sections:
        return [dbc.Alert(t("overview.empty", shown_lang), color="info")]
    metrics = list({m.name: m for s in ctx.config.screens
                    for m in screen_metrics(ctx.config, s)}.values())
    below = below_section(ctx, metrics, period, region, shown_lang, scope, search)
    return sections + ([below] if below is not None else [])


def layout(ctx: AppContext, lang: str, params: dict, path: str):
    province, scope = ctx.config.site.region, current().region
    period = period_key(params.get("period"))
    region = region_key(params.get("region"), province, scope)
    alerts = ctx.config.alerts.rules
    return html.Div(dbc.Container([
        html.Div(alert_banner.banner(ctx, lang) if alerts else [], id="ov-alert-banner",
                 className="alert-banner mb-3", role="alert"),
        dcc.Interval(id="ov-alert-tick", interval=ctx.refresh_seconds(None) * 1000,
                     disabled=not alerts),
        dcc.Store(id="ov-alert-params", data={"lang": lang}),
        html.Div([
            html.Div([html.H1(t("overview.title", lang), className="ov-title"),
                      html.Div(subtitle(ctx, period, lang), id="ov-subtitle",
                               className="ov-subtitle")]),
            html.Div([filter_bar("ov", period, region, province, lang, scope),
                      report_buttons("ov", "overview",
                                     make_search(period, region, province, params.get("lang")),
                                     lang)], className="ov-tools"),
        ], className="ov-header"),
        html.Div(cards(ctx, period, region, params.get("lang"), lang), id="ov-body"),
    ], fluid=True), className="overview")


def register(app, ctx: AppContext) -> None:
    alert_banner.register(app, ctx, "ov-alert-banner", "ov-alert-tick", "ov-alert-params")
    @app.callback(Output("ov-body", "children"), Output("ov-subtitle", "children"),
                  Output("url", "search", allow_duplicate=True),
                  Input("ov-period", "value"), Input("ov-region", "value"),
                  State("url", "search"), prevent_initial_call=True)
    def _update(period, region, search):
        params = parse_search(search)
        lang = ctx.lang(params.get("lang"))
        province = ctx.config.site.region
        period = period_key(period)
        region = region_key(region, province, current().region)
        new = make_search(period, region, province, params.get("lang"))
        return (cards(ctx, period, region, params.get("lang"), lang),
                subtitle(ctx, period, lang), new if new != (search or "") else no_update)

    follow_url(app, "ov", ctx.config.site.region, lambda path: path == ROUTE)
    follow_search(app, "ov", "overview", lambda path: path == ROUTE)
