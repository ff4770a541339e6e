"""The sections of ``/spbe``, each a function of the asker's ``Book`` (``data.spbe_answers``):
summary, map, ranking table, one region's domain/aspect breakdown, weakest indicators and
trend. Every number comes from ``pantau.data.spbe``; texts from ``dashboard/texts/spbe.py``.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from pantau.dashboard.components.spbe_view import (
    COLORS,
    change_text,
    delta_text,
    index_text,
    origin_text,
    points_text,
    predikat_chip,
    region_text,
    target_text,
)
from pantau.dashboard.figures.region_map import region_map
from pantau.dashboard.figures.spbe_charts import breakdown_bars, trend_lines
from pantau.dashboard.i18n import t
from pantau.data import spbe
from pantau.data.config_models import Metric
from pantau.data.spbe_answers import Book

GRAPH = {"displayModeBar": False, "responsive": True}
INDEX_METRIC = Metric(name="spbe_index", title={"id": "Indeks SPBE", "en": "SPBE index"},
                      unit="score", better="up")
"""For the shared map figure: how an SPBE index is written (two decimals)."""
WEAKEST = 6


def summary(b: Book, year: int, lang: str) -> html.Div:
    """The site's headline, how many regions reach the target, and the lowest."""
    head = b.headline(year, b.area)
    ranks = [r for r in b.ranking(year) if r.index is not None]
    blocks = []
    if head.index is not None:
        who = t("spbe.headline.mean", lang, n=head.mean_of, year=year) if head.mean_of else \
            t("spbe.headline.own", lang, name=region_text(b.area), year=year)
        blocks.append(html.Div([
            html.Div(who, className="spbe-sum-label"),
            html.Div([html.Span(index_text(head.index, lang), className="spbe-sum-value"),
                      predikat_chip(head.predikat, lang)], className="spbe-sum-line"),
            html.Div(change_text(head.change, year - 1, lang), className="spbe-sum-note"),
        ], className="spbe-sum", id="spbe-sum-headline"))
    if ranks:
        low = ranks[-1]
        blocks.append(html.Div([
            html.Div(target_text(lang), className="spbe-sum-label"),
            html.Div(t("spbe.reached", lang, n=head.reached, of=head.counted,
                       value=index_text(spbe.TARGET, lang)), className="spbe-sum-big"),
            html.Div(t("spbe.lowest", lang, name=region_text(low.region),
                       value=index_text(low.index, lang),
                       predikat=t(f"spbe.predikat.{low.predikat}", lang)),
                     className="spbe-sum-note"),
        ], className="spbe-sum", id="spbe-sum-target"))
    return html.Div(blocks, className="spbe-summary")


def index_map(b: Book, year: int, selected: str | None, geojson: dict, lang: str) -> dcc.Graph:
    ranks = b.ranking(year)
    df = pd.DataFrame({"region": [r.region for r in ranks],
                       "value": [r.index for r in ranks]})
    fig = region_map(df, INDEX_METRIC, lang, geojson, selected=selected, height=360)
    return dcc.Graph(id="spbe-map", figure=fig, config=GRAPH, className="spbe-map")


def _gap_next(ev, lang: str) -> str:
    if ev is None or ev.index is None:
        return "–"
    if ev.next_predikat is None:
        return t("spbe.top", lang)
    return t("spbe.gap_next", lang, value=points_text(ev.gap_next, lang),
             predikat=t(f"spbe.predikat.{ev.next_predikat}", lang))


def ranking_table(b: Book, year: int, selected: str | None, lang: str) -> html.Table:
    """Every region of ``year``, best first: index, predikat, change, gaps, origin."""
    head = html.Thead(html.Tr([html.Th(t(f"spbe.col.{c}", lang)) for c in
                               ("rank", "region", "index", "predikat", "change", "gap_target",
                                "gap_next", "origin")]))
    rows = []
    for n, r in enumerate(b.ranking(year), start=1):
        ev = b.get(year, r.region)
        if ev is not None and ev.index is None:
            index = t("spbe.incomplete", lang, n=47 - len(ev.missing))
        else:
            index = index_text(r.index, lang)
        gap = "–" if ev is None or ev.gap_target is None else (
            t("spbe.reached_mark", lang) if ev.gap_target == 0
            else points_text(ev.gap_target, lang))
        rows.append(html.Tr([
            html.Td(str(n), className="spbe-num"),
            html.Td(region_text(r.region)),
            html.Td(index, className="spbe-num spbe-index"),
            html.Td(predikat_chip(r.predikat, lang)),
            html.Td(delta_text(r.change, lang), className="spbe-num"),
            html.Td(gap, className="spbe-num"),
            html.Td(_gap_next(ev, lang)),
            html.Td(origin_text(b.origin(year, r.region), lang), className="spbe-origin"),
        ], className="is-selected" if r.region == selected else None,
            **{"data-region": r.region}))
    return html.Table([head, html.Tbody(rows)], className="table table-sm spbe-table",
                      id="spbe-table")


def breakdown(b: Book, year: int, region: str, lang: str) -> dcc.Graph | html.Div:
    """The region's four domains, each followed by its aspects."""
    ev = b.get(year, region)
    if ev is None:
        return html.Div(t("common.no_data", lang), className="text-muted")
    rows = []
    for d, name in spbe.domains().items():
        v = ev.domains.get(d)
        rows.append(("domain", f"{d}. {name}", v))
        for a, (dom, aname) in spbe.aspects().items():
            if dom == d:
                rows.append(("aspect", f"{aname}", ev.aspects.get(a)))
    df = pd.DataFrame(rows, columns=["kind", "label", "value"])
    df["predikat"] = [spbe.predikat(v) if v is not None and v == v else "" for v in df["value"]]
    return dcc.Graph(id="spbe-breakdown", figure=breakdown_bars(df, lang, COLORS, wrap=26),
                     config=GRAPH, className="spbe-breakdown")


def weakest(b: Book, year: int, region: str, lang: str) -> html.Ol:
    ev = b.get(year, region)
    items = []
    for w in spbe.weakest(ev.scores if ev else {}, WEAKEST):
        i = w.indicator
        items.append(html.Li([
            html.Div([html.Span(f"{i.number}. {i.short_name}", className="spbe-weak-name"),
                      html.Span(t("spbe.level", lang, n=w.level),
                                className=f"spbe-level spbe-level-{w.level}")],
                     className="spbe-weak-head"),
            html.Div(f"{i.aspect_name} · " + t("spbe.gain", lang,
                                                 value=points_text(w.gain, lang)),
                     className="spbe-weak-sub", title=i.name),
        ], className="spbe-weak"))
    return html.Ol(items, className="spbe-weakest", id="spbe-weakest")


def trend(b: Book, region: str, lang: str) -> dcc.Graph:
    rows = [(y, r, e.index) for (y, r), e in b.evaluations.items()
            if r != b.area and e.index is not None]
    if region == b.area:
        rows += [(y, r, e.index) for (y, r), e in b.evaluations.items()
                 if r == b.area and e.index is not None]
    df = pd.DataFrame(rows, columns=["year", "region", "index"])
    names = {r: region_text(r) for r in df["region"].unique()}
    return dcc.Graph(id="spbe-trend", figure=trend_lines(df, region, names, lang),
                     config=GRAPH, className="spbe-trend")


def card(title: str, body) -> dbc.Card:
    return dbc.Card([dbc.CardHeader(title, className="spbe-card-title"), dbc.CardBody(body)],
                    className="spbe-card h-100")
