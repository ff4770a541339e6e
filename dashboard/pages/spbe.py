"""``/spbe``: the SPBE evaluation (PermenPAN-RB 59/2020) of the site's kabupaten/kota.

Per evaluation year: the site's headline and how many regions reach the national target
(Baik, 2,60); a map and a ranking of index and predikat with the change from the year before
and the gaps to Baik and to the next predikat; for one region (the lowest by default, or the
one clicked on the map or chosen) its domain and aspect indices, its weakest indicators and
its index over the years. ``?year=2024&region=52.05`` keeps the choice in the URL.

Viewer or better (``dashboard.auth.rules``); a principal limited to a region sees only the
evaluations ``data.access.region_in_scope`` allows. Every number is ``pantau.data.spbe``'s,
asked through ``data.spbe_answers`` once per minute and scope (the query cache); the work
per request is bounded by ``data.spbe_store.MAX_ROWS``.
"""

from __future__ import annotations

from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html, no_update
from pantau.dashboard.access import current
from pantau.dashboard.components.regions import area_geojson
from pantau.dashboard.components.report_button import follow_search, report_buttons
from pantau.dashboard.components.spbe_view import cached_book, region_text
from pantau.dashboard.components.url_state import parse_search
from pantau.dashboard.context import AppContext
from pantau.dashboard.i18n import t
from pantau.dashboard.pages import _spbe_parts as parts
from pantau.data.spbe_answers import Book

ROUTE = "/spbe"


def choose(b: Book, year: str | int | None, region: str | None) -> tuple[int | None, str | None]:
    """The year (asked, else the latest) and region (asked if evaluated that year, else the
    lowest-ranked) to show; unknown values from the URL fall back, never fail."""
    years = b.years
    if not years:
        return None, None
    try:
        y = int(str(year)) if year is not None else years[-1]
    except ValueError:
        y = years[-1]
    if y not in years:
        y = years[-1]
    have = set(b.regions(y)) | ({b.area} if b.get(y, b.area) else set())
    if region not in have:
        ranks = b.ranking(y)
        region = ranks[-1].region if ranks else (b.area if b.area in have else None)
    return y, region


def body(ctx: AppContext, b: Book, year: int, region: str | None, lang: str) -> list:
    scope = current().region
    geo = area_geojson(ctx.config, scope)
    out = [parts.summary(b, year, lang),
           dbc.Row([
               dbc.Col(parts.card(t("spbe.map", lang, year=year),
                                  parts.index_map(b, year, region, geo, lang)),
                       lg=5, className="mb-3"),
               dbc.Col(parts.card(t("spbe.table", lang, year=year),
                                  html.Div(parts.ranking_table(b, year, region, lang),
                                           className="table-responsive")),
                       lg=7, className="mb-3"),
           ])]
    if region is not None:
        out += [html.H2(t("spbe.detail", lang, name=region_text(region), year=year),
                        className="spbe-detail-title", id="spbe-detail-title"),
                dbc.Row([
                    dbc.Col(parts.card(t("spbe.domains", lang),
                                       parts.breakdown(b, year, region, lang)),
                            lg=7, className="mb-3"),
                    dbc.Col(parts.card(t("spbe.weakest", lang), [
                        html.Div(t("spbe.weakest.note", lang), className="spbe-muted"),
                        parts.weakest(b, year, region, lang)]), lg=5, className="mb-3"),
                ]),
                parts.card(t("spbe.trend", lang), parts.trend(b, region, lang))]
    out.append(html.P(t("spbe.source_note", lang), className="spbe-muted mt-3"))
    return out


def _options(b: Book, year: int | None, lang: str) -> tuple[list[dict], list[dict]]:
    years = [{"label": str(y), "value": str(y)} for y in reversed(b.years)]
    codes = ([b.area] if year and b.get(year, b.area) else []) + b.regions(year)
    return years, [{"label": region_text(c), "value": c} for c in codes]


def layout(ctx: AppContext, lang: str, params: dict, path: str):
    b = cached_book(ctx, ctx.clock())
    year, region = choose(b, params.get("year"), params.get("region"))
    years, regions = _options(b, year, lang)
    header = html.Div([
        html.Div([html.H1(t("spbe.title", lang), className="spbe-title"),
                  html.Div(t("spbe.subtitle", lang), className="spbe-subtitle")]),
        html.Div([
            html.Div([html.Label(t("spbe.year", lang), htmlFor="spbe-year",
                                 className="filter-label"),
                      dbc.Select(id="spbe-year", value=str(year) if year else None,
                                 options=years, size="sm")], className="filter"),
            html.Div([html.Label(t("spbe.region", lang), htmlFor="spbe-region",
                                 className="filter-label"),
                      dbc.Select(id="spbe-region", value=region, options=regions, size="sm",
                                 className="region-select")], className="filter"),
        ], className="filter-bar"),
        report_buttons("spbe", "spbe", "?" + urlencode(
            {k: v for k, v in (("year", year), ("region", region),
                               ("lang", params.get("lang"))) if v}), lang, card=False),
    ], className="spbe-header")
    note = [dbc.Alert(t("spbe.demo", lang), color="warning", className="spbe-demo",
                      id="spbe-demo")] if b.demo else []
    content = body(ctx, b, year, region, lang) if year is not None else \
        [dbc.Alert(t("spbe.none", lang), color="info", id="spbe-none")]
    return html.Div(dbc.Container([header, *note, html.Div(content, id="spbe-body"),
                                   dcc.Store(id="spbe-lang", data=params.get("lang"))],
                                  fluid=True), className="spbe-page")


def register(app, ctx: AppContext) -> None:
    follow_search(app, "spbe", "spbe", lambda path: path == ROUTE, card=False)

    @app.callback(Output("spbe-region", "value", allow_duplicate=True),
                  Input("spbe-map", "clickData"), prevent_initial_call=True)
    def _clicked(click):
        try:
            return str(click["points"][0]["location"])
        except (TypeError, KeyError, IndexError):
            return no_update

    @app.callback(Output("spbe-body", "children"), Output("spbe-region", "options"),
                  Output("url", "search", allow_duplicate=True),
                  Input("spbe-year", "value"), Input("spbe-region", "value"),
                  State("spbe-lang", "data"), State("url", "search"),
                  prevent_initial_call=True)
    def _update(year, region, asked_lang, search):
        lang = ctx.lang(asked_lang)
        b = cached_book(ctx, ctx.clock())
        year, region = choose(b, year, region)
        if year is None:
            return no_update, no_update, no_update
        _, regions = _options(b, year, lang)
        params = {k: v for k, v in parse_search(search).items() if k not in ("year", "region")}
        params.update({"year": str(year), **({"region": region} if region else {})})
        new = "?" + urlencode(params)
        return body(ctx, b, year, region, lang), regions, \
            new if new != (search or "") else no_update
