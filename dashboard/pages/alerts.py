"""``/alerts``: what fires now (firing first, then pending, no data, error), the history of
seven days with durations, who acknowledged what, the silences in force; operators
acknowledge, silence and annotate below (``dashboard.pages._alerts_actions``).

Viewers and better may read it (``dashboard.api.alerts.READ_ROLE``); the forms show, and their
callbacks act, only for ``operator`` and better. Everything comes from
``dashboard.api.alerts``, the same questions ``/api/v1/alerts`` answers. The page refreshes
every ``web.min_refresh`` seconds.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html
from pantau.dashboard import fmt
from pantau.dashboard.api.alerts import (
    READ_ROLE,
    WRITE_ROLE,
    current_alerts,
    history_rows,
    may,
    silences_answer,
)
from pantau.dashboard.context import AppContext
from pantau.dashboard.i18n import t
from pantau.dashboard.pages import _alerts_actions as actions
from pantau.data.alert_text import subject
from pantau.data.durations import format_duration

ROUTE = "/alerts"
COLOURS = {"firing": "danger", "pending": "warning", "nodata": "secondary",
           "error": "dark", "resolved": "success", "acknowledged": "info"}
HISTORY_DAYS = 7


def _what(ctx: AppContext, rule_id: str, labels: dict, lang: str) -> str:
    rule = ctx.config.alerts.rule(rule_id)
    return subject(ctx.config, rule, labels, lang) if rule else rule_id


def _badge(state: str, lang: str, severity: str | None = None):
    text = t(f"alerts.state.{state}", lang)
    if severity:
        text += f" · {t(f'alerts.severity.{severity}', lang)}"
    return dbc.Badge(text, color=COLOURS.get(state, "secondary"),
                     text_color="dark" if state == "pending" else None,
                     className=f"al-state al-state-{state}")


def _cell(col: str, children, lang: str, className: str | None = None):
    return html.Td(children, className=className, **{"data-label": t(f"alerts.col.{col}",
                                                                     lang)})


def current_table(ctx: AppContext, rows: list[dict], lang: str):
    if not rows:
        return html.P(t("alerts.none", lang), className="al-none text-muted")
    head = html.Thead(html.Tr([html.Th(t(f"alerts.col.{c}", lang)) for c in
                               ("state", "what", "value", "since", "ack", "notify")]))
    body = []
    for a in rows:
        ack = a["acknowledged"]
        notify = (t("alerts.silenced", lang, why=a["silenced"]) if a["silenced"] else
                  t("alerts.muted", lang, time=fmt.when(_ts(a["muted_until"]), lang, ctx.tz))
                  if a["muted_until"] else "")
        body.append(html.Tr([
            _cell("state", _badge(a["state"], lang, a["severity"]), lang),
            _cell("what", [html.Div(_what(ctx, a["rule"], a["labels"], lang),
                                    className="al-what"),
                           html.Div(a["rule"], className="al-rule text-muted small")], lang),
            _cell("value", f"{fmt.number(a['value'], lang)} / "
                           f"{fmt.number(a['threshold'], lang)}"
                  if a["threshold"] is not None else fmt.number(a["value"], lang), lang,
                  "text-nowrap"),
            _cell("since", fmt.when(a["since_ts"], lang, ctx.tz, True), lang, "text-nowrap"),
            _cell("ack", f"{ack['by']}: {ack['note']}" if ack else "", lang, "al-ack"),
            _cell("notify", notify, lang, "small"),
        ], className=f"al-row al-row-{a['state']}"))
    return html.Div(html.Table([head, html.Tbody(body)], id="al-current",
                               className="table table-sm align-middle al-table"),
                    className="table-responsive")


def _ts(iso_text: str | None) -> float | None:
    from datetime import datetime

    return datetime.fromisoformat(iso_text).timestamp() if iso_text else None


def history_table(ctx: AppContext, lang: str):
    now = ctx.clock()
    rows = history_rows(ctx, now - HISTORY_DAYS * 86400, now + 1)
    if not rows:
        return html.P(t("alerts.history.none", lang), className="text-muted")
    head = html.Thead(html.Tr([html.Th(t(f"alerts.col.{c}", lang)) for c in
                               ("time", "state", "what", "duration")]))
    body = [html.Tr([
        _cell("time", fmt.when(e["at_ts"], lang, ctx.tz, True), lang, "text-nowrap"),
        _cell("state", _badge(e["state"], lang), lang),
        _cell("what", _what(ctx, e["rule"], e["labels"], lang), lang),
        _cell("duration", format_duration(int(e["duration_seconds"]))
              if e["duration_seconds"] else "", lang, "text-nowrap"),
    ]) for e in rows[:200]]
    return html.Div(html.Table([head, html.Tbody(body)], id="al-history",
                               className="table table-sm align-middle al-table"),
                    className="table-responsive")


def silences_list(ctx: AppContext, lang: str):
    rows = silences_answer(ctx)
    if not rows:
        return html.P(t("alerts.silences.none", lang), className="text-muted")
    return html.Ul([html.Li(t("alerts.silence.until", lang,
                              rule=s["rule"] or t("alerts.all_rules", lang),
                              time=fmt.when(_ts(s["ends_at"]), lang, ctx.tz),
                              author=s["author"], reason=s["reason"]))
                    for s in rows], id="al-silences")


def body(ctx: AppContext, lang: str):
    rows = current_alerts(ctx, lang)
    sub = t("alerts.subtitle", lang, n=len(rows), time=fmt.clock(ctx.clock(), lang, ctx.tz,
                                                                  True))
    return [html.P(sub, className="text-muted"), current_table(ctx, rows, lang),
            html.H2(t("alerts.silences", lang), className="h5 mt-4"),
            silences_list(ctx, lang),
            html.H2(t("alerts.history", lang), className="h5 mt-4"),
            history_table(ctx, lang)]


def layout(ctx: AppContext, lang: str, params: dict, path: str):
    if not may(READ_ROLE):
        return dbc.Container(html.P(t("alerts.refused", lang)), className="py-5")
    every = ctx.refresh_seconds(params.get("refresh"))
    return dbc.Container([
        html.H1(t("alerts.title", lang), className="h3 mb-1"),
        html.Div(body(ctx, lang), id="al-body"),
        actions.forms(ctx, lang) if may(WRITE_ROLE) else
        html.P(t("alerts.actions.role", lang), className="text-muted mt-4"),
        dcc.Store(id="al-params", data={"lang": lang}),
        dcc.Interval(id="al-tick", interval=every * 1000),
    ], fluid=True, className="alerts pb-4")


def register(app, ctx: AppContext) -> None:
    @app.callback(Output("al-body", "children"), Input("al-tick", "n_intervals"),
                  Input("al-done", "data"), State("al-params", "data"),
                  prevent_initial_call=True)
    def _refresh(_n, _done, params):
        return body(ctx, ctx.lang((params or {}).get("lang")))

    actions.register(app, ctx)
