"""The parts of ``/aduan``: what one ``data.complaint_views.PageView`` becomes on the page."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from pantau.dashboard import fmt
from pantau.dashboard.components.regions import area_geojson
from pantau.dashboard.figures import region_map
from pantau.dashboard.figures.complaints import (
    STAGES,
    agency_bars,
    backlog_bars,
    share_lines,
    stage_name,
)
from pantau.dashboard.figures.style import graph_config
from pantau.dashboard.i18n import t
from pantau.data.complaint_metrics import overdue_metric
from pantau.data.complaint_views import PageView
from pantau.data.labels import value_name


def panel(title: str, body, note: str | None = None, panel_id: str | None = None):
    """A titled card of the page."""
    head = [html.H2(title, className="h6 mb-1")]
    if note:
        head.append(html.Div(note, className="text-muted small mb-2"))
    return dbc.Card(dbc.CardBody(head + [body]), className="mb-3 h-100 aduan-panel",
                    id=panel_id or "")


def graph(fig, graph_id: str, lang: str):
    return dcc.Graph(figure=fig, id=graph_id, config=graph_config(lang, displayModeBar=False),
                     style={"height": f"{fig.layout.height}px"})


def numbers(view: PageView, lang: str):
    """The three totals: open, lewat tenggat, received in the period."""
    items = [("aduan.open_total", view.open_total, ""),
             ("aduan.overdue_total", view.overdue_total, " text-danger"),
             ("aduan.received", view.received, "")]
    return dbc.Row([dbc.Col(dbc.Card(dbc.CardBody([
        html.Div(t(key, lang), className="small text-muted"),
        html.Div(fmt.number(n, lang, 0), className=f"aduan-number{tone}",
                 id=f"aduan-{key.split('.')[1]}")])), xs=4, className="mb-3")
        for key, n, tone in items])


def medians(view: PageView, deadlines, lang: str):
    """Median hari kerja per stage next to the stage's deadline."""
    limits = {"verification": t("aduan.deadline_workdays", lang,
                                n=deadlines.verification_workdays),
              "followup": t("aduan.deadline_workdays", lang, n=deadlines.followup_workdays),
              "completion": t("aduan.deadline_workdays" if deadlines.completion_unit ==
                              "workdays" else "aduan.deadline_days", lang,
                              n=deadlines.completion)}
    rows = []
    for stage in STAGES:
        m = view.medians.get(stage)
        shown = t("aduan.median_value", lang, n=fmt.number(m, lang, 1)) if m is not None \
            else "–"
        rows.append(html.Tr([html.Th(stage_name(stage, lang), scope="row"),
                             html.Td(shown, className="text-end fw-semibold"),
                             html.Td(limits[stage], className="text-muted small")]))
    return html.Table(html.Tbody(rows), className="table table-sm mb-0", id="aduan-medians")


def region_name(cfg, code: str | None, lang: str) -> str:
    return value_name(cfg, "region", code, lang) if code else t("aduan.no_region", lang)


def oldest_table(view: PageView, cfg, lang: str):
    """The most overdue complaints: id, OPD, region, stage, due date, hari kerja late."""
    if view.oldest.empty:
        return html.Div(t("aduan.none_overdue", lang), className="text-muted")
    cols = ("id", "agency", "region", "stage", "due", "late")
    # a phone keeps id, OPD, region and days late; stage and due date from 576 px on
    wide = "d-none d-sm-table-cell"
    klass = {"stage": wide, "due": wide, "late": "text-end"}
    head = html.Thead(html.Tr([html.Th(t(f"aduan.col.{c}", lang), scope="col",
                                       className=klass.get(c, "")) for c in cols]))
    body = []
    for r in view.oldest.itertuples(index=False):
        body.append(html.Tr([html.Td(r.complaint_id), html.Td(r.agency),
                             html.Td(region_name(cfg, r.region, lang)),
                             html.Td(stage_name(r.stage, lang), className=wide),
                             html.Td(fmt.day_text(r.due, lang), className=wide),
                             html.Td(fmt.number(r.late_workdays, lang, 0),
                                     className="text-end fw-semibold")]))
    return html.Div(html.Table([head, html.Tbody(body)],
                               className="table table-sm table-striped mb-0"),
                    className="table-responsive", id="aduan-oldest")


def body(view: PageView, cfg, region: str, scope: str | None, step_days: int, lang: str):
    """Every panel of the page for ``view``."""
    if view.empty:
        return dbc.Alert(t("aduan.empty", lang), color="info", id="aduan-empty")
    province = cfg.site.region
    geo = area_geojson(cfg, scope)
    regions = pd.DataFrame({"region": view.by_region["region"],
                            "value": view.by_region["value"].astype(float)})
    step = t("aduan.step.week" if step_days == 7 else "aduan.step.day", lang)
    return html.Div([
        numbers(view, lang),
        dbc.Row([
            dbc.Col(panel(t("aduan.backlog", lang),
                          graph(backlog_bars(view.backlog, lang), "aduan-backlog", lang),
                          t("aduan.backlog_note", lang)), lg=7, className="mb-3"),
            dbc.Col(panel(t("aduan.median", lang), medians(view, cfg.complaints, lang),
                          t("aduan.median_note", lang)), lg=5, className="mb-3"),
        ]),
        dbc.Row([
            dbc.Col(panel(t("aduan.by_region", lang), graph(region_map(
                regions, overdue_metric(cfg), lang, geo,
                selected=region if region != province else None), "aduan-map", lang)),
                lg=6, className="mb-3"),
            dbc.Col(panel(t("aduan.by_agency", lang),
                          graph(agency_bars(view.by_agency, lang), "aduan-agency", lang)),
                    lg=6, className="mb-3"),
        ]),
        dbc.Row(dbc.Col(panel(t("aduan.share", lang),
                              graph(share_lines(view.share, lang, step_days), "aduan-share",
                                    lang),
                              t("aduan.share_note", lang, step=step)), className="mb-3")),
        dbc.Row(dbc.Col(panel(t("aduan.oldest", lang), oldest_table(view, cfg, lang)),
                        className="mb-3")),
    ])
