"""The drill one level further on ``/metric/<name>``: when the page is filtered to a region
(a kecamatan of a kabupaten site, a kabupaten/kota of a province) and the metric has series
inside it (desa/kelurahan, kecamatan), their values: a map when boundaries of that level are
shipped or imported (``pantau regions import``), else bars by name, and a table.

The values come from ``data.shows.region_totals`` (the rule of ``data.places``: a desa never
counts twice), in the scope of the request's principal.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from pantau.dashboard import fmt
from pantau.dashboard.components.metric_data import values_by_region
from pantau.dashboard.context import AppContext
from pantau.dashboard.figures import breakdown, region_map
from pantau.dashboard.figures.style import graph_config, precise
from pantau.dashboard.i18n import t
from pantau.data.config_models import Metric
from pantau.data.reference import codes, load_geojson

NO_BUTTONS = ["select2d", "lasso2d", "toImage"]
MAX_ROWS = 60
"""Desa of one kecamatan (Indonesia's largest has fewer than 60); more are cut, the table says
how many."""


def place_title(region: str, lang: str) -> str:
    """"Kecamatan Kartasura" / "Kota Mataram": the region with its level's word."""
    name = codes.name(region) or region
    return t("metric.below.in_kecamatan", lang, name=name) \
        if codes.level(region) == "kecamatan" else name


def below_panel(ctx: AppContext, metric: Metric, region: str, start: int, end: int,
                lang: str, scope: str | None, panel):
    """The panel of the regions inside ``region`` that have data, or None when none has."""
    if not codes.within(region, ctx.config.site.region) or region == ctx.config.site.region:
        return None
    by = values_by_region(ctx, metric, region, start, end, scope)
    frame = by.frame.dropna(subset=["value"])
    if frame.empty:
        return None
    names = {c: codes.name(c) or c for c in frame["region"]}
    level = codes.level(str(frame["region"].iloc[0]))
    title = t("metric.below.desa" if level == "desa/kelurahan" else "metric.below.kecamatan",
              lang, place=place_title(region, lang))
    geo = load_geojson(region, ctx.config.site.boundaries)
    if geo["features"]:
        fig = region_map(frame, metric, lang, geo)
        figure = dcc.Graph(figure=fig, id="metric-below-map", config=graph_config(
            lang, modeBarButtonsToRemove=NO_BUTTONS, scrollZoom=False))
    else:
        fig = breakdown(frame, metric, lang, "region", names=names, max_bars=MAX_ROWS)
        figure = dcc.Graph(figure=fig, id="metric-below-bars",
                           config=graph_config(lang, staticPlot=True))
    rows = [html.Tr([html.Td(names[c]), html.Td(c),
                     html.Td(precise(v, metric.unit, lang), className="num")])
            for c, v in zip(frame["region"], frame["value"], strict=True)][:MAX_ROWS]
    head = html.Tr([html.Th(t("metric.col.region", lang)), html.Th(t("metric.col.code", lang)),
                    html.Th(t("metric.col.amount", lang), className="num")])
    table = dbc.Table([html.Thead(head), html.Tbody(rows)], size="sm", striped=True, hover=True,
                      className="mb-0", id="metric-below-table")
    hint = t("metric.below.hint", lang, n=fmt.number(len(frame), lang),
             total=fmt.number(len(codes.children(region)), lang))
    if not geo["features"]:
        hint += " " + t("metric.below.no_map", lang)
    if by.as_of:
        hint += " " + t("overview.as_of", lang, date=fmt.date(by.as_of, lang, ctx.tz))
    return dbc.Row([dbc.Col(panel(title, figure, hint=hint, panel_id="metric-below-panel"),
                            lg=7),
                    dbc.Col(panel(t("metric.table_regions", lang),
                                  html.Div(table, className="metric-table-wrap")), lg=5)], className="g-3")
