"""``/metric/<name>``: the drill-down of one metric.

History with the previous period behind it, a choropleth of the kabupaten/kota (click one to
filter the page to it), a breakdown by every label the metric has, and the table of the
numbers shown. State in the URL: ``?period=30d&region=52.71&lang=en``.

For a principal limited to a region (``current().region``) the page holds that region and the
site's total only: the select, the map, the tables and the breakdowns (``data`` questions
asked in its scope).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html, no_update
from dash import ctx as dash_ctx
from dash.exceptions import PreventUpdate
from pantau.dashboard import fmt
from pantau.dashboard.access import current
from pantau.dashboard.api.alerts import annotation_rows, metric_alerts
from pantau.dashboard.components.filters import filter_bar, follow_url
from pantau.dashboard.components.kpi_card import kpi_card
from pantau.dashboard.components.kpi_data import card_data
from pantau.dashboard.components.metric_data import (
    History,
    history_frames,
    values_by,
    values_by_region,
)
from pantau.dashboard.components.periods import period_key
from pantau.dashboard.components.regions import (
    REGION_LABEL,
    area_geojson,
    region_filter,
    region_key,
    region_label,
    region_names,
)
from pantau.dashboard.components.report_button import follow_search, report_buttons
from pantau.dashboard.components.url_state import make_search, parse_search
from pantau.dashboard.context import AppContext
from pantau.dashboard.figures import breakdown, history, region_map
from pantau.dashboard.figures.annotations import mark
from pantau.dashboard.figures.style import graph_config, local_times, precise
from pantau.dashboard.i18n import catalogue, t
from pantau.dashboard.pages._metric_below import below_panel
from pantau.data.config_models import Metric
from pantau.data.queries import label_values
from pantau.data.reference import indicator_sources

ROUTE = "/metric/"
NO_BUTTONS = ["select2d", "lasso2d", "toImage"]


def metric_name(path: str) -> str:
    return (path or "")[len(ROUTE):].strip("/")


def label_title(label: str, lang: str) -> str:
    """A label's name for people (``service`` -> ``layanan``); unknown labels as they are."""
    key = f"metric.label.{label}"
    return t(key, lang) if key in catalogue() else label


def table_value(v, metric: Metric, lang: str) -> str:
    """A number for the tables: published indices keep their two decimals (IPM 72,70)."""
    return precise(v, metric.unit, lang)


def panel(title: str, body, hint: str | None = None, panel_id: str | None = None):
    kids = [dbc.CardHeader(title), dbc.CardBody([body, html.Div(hint, className="metric-hint")
                                                 if hint else None])]
    return dbc.Card(kids, className="metric-panel", id=panel_id or "")


def history_table(h: History, metric: Metric, lang: str, tz: str):
    """Time, this period's value and the previous period's value at the same offset."""
    prev = dict(zip(h.previous["ts"] + h.period, h.previous["value"], strict=True)) \
        if h.period else {}
    show = fmt.date if h.step >= 86400 else fmt.when
    head = [html.Th(t("metric.col.time", lang)),
            html.Th(t("metric.col.value", lang), className="num")]
    if h.period:
        head.append(html.Th(t("metric.col.previous", lang), className="num"))
    rows = []
    for ts, v in zip(h.current["ts"], h.current["value"], strict=True):
        cells = [html.Td(show(int(ts), lang, tz)),
                 html.Td(table_value(v, metric, lang), className="num")]
        if h.period:
            cells.append(html.Td(table_value(prev.get(int(ts)), metric, lang),
                                 className="num"))
        rows.append(html.Tr(cells))
    return dbc.Table([html.Thead(html.Tr(head)), html.Tbody(rows)], size="sm", striped=True,
                     hover=True, className="mb-0", id="metric-history-table")


def region_table(df, metric: Metric, lang: str, selected: str, area: str,
                 scope: str | None = None):
    names = region_names(area, scope)
    values = dict(zip(df[REGION_LABEL], df["value"], strict=True)) if not df.empty else {}
    rows = [html.Tr([html.Td(name), html.Td(code),
                     html.Td(table_value(values.get(code), metric, lang), className="num")],
                    className="table-active" if code == selected else None)
            for code, name in names.items()]
    head = html.Tr([html.Th(t("metric.col.region", lang)), html.Th(t("metric.col.code", lang)),
                    html.Th(t("metric.col.amount", lang), className="num")])
    return dbc.Table([html.Thead(head), html.Tbody(rows)], size="sm", striped=True, hover=True,
                     className="mb-0", id="metric-region-table")


def body(ctx: AppContext, metric: Metric, period: str, region: str, lang: str):
    """Everything below the filters, for one state, in the scope of the request's
    principal."""
    tz, province, scope = ctx.tz, ctx.config.site.region, current().region
    labels = label_values(ctx.store, metric.name, scope)
    rf = region_filter(labels, region, province)
    card = card_data(ctx, metric, period, region, scope=scope)
    start, end = card.start, card.end
    summary = kpi_card(card, lang, tz, href="", card_id="metric-summary", link=False,
                       alert=metric_alerts(ctx).get(metric.name))

    h = history_frames(ctx, metric, start, end, rf.filters, fallback=card.as_of is not None,
                       scope=card.scope)
    hist_fig = history(h.current, h.previous, metric, lang, tz=tz, period=h.period or 1)
    mark(hist_fig, [n for n in annotation_rows(ctx, start, end, metric.name)
                    if region == province or n["labels"].get("region") in (None, region)],
         lambda ts: local_times([ts], tz)[0])
    hist = panel(t("metric.history", lang),
                 dcc.Graph(figure=hist_fig, id="metric-history",
                           config=graph_config(lang, modeBarButtonsToRemove=NO_BUTTONS)),
                 hint=t("metric.history_note", lang) if h.period else None)

    map_title = "metric.map_kecamatan" if "." in province else "metric.map"
    if REGION_LABEL in labels:
        by_region = values_by_region(ctx, metric, province, start, end, scope)
        selected = region if region != province else None
        fig = region_map(by_region.frame, metric, lang, area_geojson(ctx.config, scope),
                         selected=selected)
        filtered = html.Div([
            html.Span(t("metric.filtered", lang, region=region_label(region, province, lang))
                      if selected else None),
            dbc.Button(t("metric.clear_region", lang), id="metric-clear", size="sm",
                       color="link", className="p-0")],
            className="metric-filtered", style=None if selected else {"display": "none"})
        hint = t("metric.map_hint", lang)
        if by_region.as_of:
            hint += " " + t("overview.as_of", lang, date=fmt.date(by_region.as_of, lang, tz))
        map_panel = panel(t(map_title, lang), html.Div([
            filtered,
            dcc.Graph(figure=fig, id="metric-map", config=graph_config(
                lang, modeBarButtonsToRemove=NO_BUTTONS, scrollZoom=False))]),
            hint=hint, panel_id="metric-map-panel")
        region_rows = region_table(by_region.frame, metric, lang, region, province, scope)
    else:
        by_region = None
        map_panel = panel(t(map_title, lang), html.P(t("metric.map_none", lang),
                                                        className="text-secondary mb-0"),
                          panel_id="metric-map-panel")
        region_rows = None

    parts = []
    for label in labels:
        if label == REGION_LABEL:
            frame = by_region.frame if by_region else None
            names = region_names(province, scope)
            sel = region if region != province else None
        else:
            frame = values_by(ctx, metric, label, start, end, rf.filters, scope).frame
            names, sel = None, None
        if frame is None or frame.empty:
            continue
        fig = breakdown(frame, metric, lang, label, names=names, selected=sel)
        parts.append(dbc.Col(panel(t("metric.breakdown", lang, label=label_title(label, lang)),
                                   dcc.Graph(figure=fig, id=f"metric-by-{label}",
                                             config=graph_config(lang, staticPlot=True))),
                             lg=6))
    if not parts:
        parts = [dbc.Col(html.P(t("metric.no_labels", lang), className="text-secondary"))]

    geo = [dbc.Col(map_panel, lg=7)]
    if region_rows is not None:
        geo.append(dbc.Col(panel(t("metric.table_regions", lang),
                                 html.Div(region_rows, className="metric-table-wrap")), lg=5))
    table = panel(t("metric.table", lang), html.Div(history_table(h, metric, lang, tz),
                                                     className="metric-table-wrap"))
    sources = [html.P(t("metric.source", lang, source=s), className="metric-source")
               for s in indicator_sources(metric.name)]
    below = below_panel(ctx, metric, region, start, end, lang, scope, panel) \
        if REGION_LABEL in labels and region != province else None
    return [
        dbc.Row([dbc.Col(html.Div(summary, className="metric-summary"), md=5, lg=3,
                         className="mb-3"),
                 dbc.Col(hist, md=7, lg=9)]),
        dbc.Row(geo, className="g-3"),
        below,
        dbc.Row(parts, className="g-3"),
        dbc.Row(dbc.Col(table, lg=8), className="g-3"),
        html.Div(sources),
    ]


def not_found(name: str, lang: str, search: str):
    return html.Div(dbc.Container([
        html.H1(t("metric.not_found", lang, name=name), className="metric-title"),
        html.P(t("metric.not_found_hint", lang)),
        dcc.Link(t("metric.back", lang), href="/" + search, className="metric-back"),
    ], className="metric-notfound"), className="metric-page", id="metric-notfound")


def layout(ctx: AppContext, lang: str, params: dict, path: str):
    province, scope = ctx.config.site.region, current().region
    period = period_key(params.get("period"))
    region = region_key(params.get("region"), province, scope)
    search = make_search(period, region, province, params.get("lang"))
    name = metric_name(path)
    metric = ctx.config.metric(name)
    if metric is None:
        return not_found(name, lang, search)
    header = html.Div([
        html.Div([dcc.Link(t("metric.back", lang), href="/" + search, id="metric-back",
                           className="metric-back"),
                  html.H1(metric.title.get(lang), className="metric-title"),
                  html.P(metric.description.get(lang), className="metric-desc")
                  if metric.description else None]),
        html.Div([filter_bar("metric", period, region, province, lang, scope),
                  report_buttons("metric", "metric", search, lang, metric=metric.name)],
                 className="metric-tools"),
    ], className="metric-header")
    return html.Div(dbc.Container([
        header,
        dcc.Loading(html.Div(body(ctx, metric, period, region, lang), id="metric-body"),
                    delay_show=400, type="dot"),
    ], fluid=True), className="metric-page", **{"data-metric": metric.name})


def register(app, ctx: AppContext) -> None:
    @app.callback(Output("metric-body", "children"), Output("metric-back", "href"),
                  Output("url", "search", allow_duplicate=True),
                  Input("metric-period", "value"), Input("metric-region", "value"),
                  State("url", "pathname"), State("url", "search"), prevent_initial_call=True)
    def _update(period, region, pathname, search):
        metric = ctx.config.metric(metric_name(pathname))
        if metric is None:
            raise PreventUpdate
        params = parse_search(search)
        lang = ctx.lang(params.get("lang"))
        province = ctx.config.site.region
        period, region = period_key(period), region_key(region, province, current().region)
        new = make_search(period, region, province, params.get("lang"))
        return (body(ctx, metric, period, region, lang), "/" + new,
                new if new != (search or "") else no_update)

    follow_url(app, "metric", ctx.config.site.region, lambda path: path.startswith(ROUTE))
    follow_search(app, "metric", "metric", lambda path: path.startswith(ROUTE),
                  extra=lambda path: {"metric": metric_name(path)})

    @app.callback(Output("metric-region", "value"),
                  Input("metric-map", "clickData"), Input("metric-clear", "n_clicks"),
                  State("metric-region", "value"), prevent_initial_call=True)
    def _pick_region(click, _clear, shown):
        province = ctx.config.site.region
        if dash_ctx.triggered_id == "metric-clear":
            return province if _clear else no_update
        points = (click or {}).get("points") or []
        code = points[0].get("location") if points else None
        if code not in region_names(province, current().region):
            raise PreventUpdate
        return province if code == shown else code
