"""The operator's forms of ``/alerts``: acknowledge an alert with a note, add an annotation
(to a metric's charts or site-wide), silence a rule for some hours with a reason. Shown to
``operator`` and better; each callback checks the role again before writing (a viewer's
hand-made request is refused). Texts are bounded (``MAX_TEXT``), hours to ``MAX_HOURS``. Each
action is written to the audit log (``data.audit``).
"""

from __future__ import annotations

import time

import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html, no_update
from pantau.dashboard.access import current
from pantau.dashboard.api.alerts import WRITE_ROLE, current_alerts, may
from pantau.dashboard.context import AppContext
from pantau.dashboard.i18n import t
from pantau.data import audit
from pantau.data.alert_store import Note, acknowledge, add_note, add_silence
from pantau.data.alert_text import subject

MAX_TEXT = 500
MAX_HOURS = 24 * 30


def author() -> str:
    """Who acts: the principal's name, or its role when sign-in is off."""
    p = current()
    return p.name or p.role.label


def _alert_options(ctx: AppContext, lang: str) -> list[dict]:
    out = []
    for a in current_alerts(ctx, lang):
        rule = ctx.config.alerts.rule(a["rule"])
        state = t("alerts.state." + a["state"], lang)
        out.append({"label": f"{state} · {subject(ctx.config, rule, a['labels'], lang)}",
                    "value": f"{a['rule']}\n{a['labels_key']}"})
    return out


def forms(ctx: AppContext, lang: str):
    metrics = [{"label": m.title_in(lang), "value": m.name} for m in ctx.config.metrics]
    rules = [{"label": r.id, "value": r.id} for r in ctx.config.alerts.rules]
    return html.Div([
        html.H2(t("alerts.actions", lang), className="h5 mt-4"),
        dbc.Row([
            dbc.Col([html.H3(t("alerts.ack", lang), className="h6"),
                     dcc.Dropdown(id="al-ack-alert", options=_alert_options(ctx, lang),
                                  placeholder=t("alerts.ack.pick", lang)),
                     dbc.Input(id="al-ack-note", maxLength=MAX_TEXT, className="mt-2",
                               placeholder=t("alerts.ack.note", lang)),
                     dbc.Button(t("alerts.ack.button", lang), id="al-ack-go",
                                className="mt-2", color="primary")], md=4),
            dbc.Col([html.H3(t("alerts.note", lang), className="h6"),
                     dcc.Dropdown(id="al-note-metric", options=metrics,
                                  placeholder=t("alerts.note.metric", lang)),
                     dbc.Input(id="al-note-text", maxLength=MAX_TEXT, className="mt-2",
                               placeholder=t("alerts.note.text", lang)),
                     dbc.Button(t("alerts.note.button", lang), id="al-note-go",
                                className="mt-2", color="primary")], md=4),
            dbc.Col([html.H3(t("alerts.silence", lang), className="h6"),
                     dcc.Dropdown(id="al-sil-rule", options=rules,
                                  placeholder=t("alerts.all_rules", lang)),
                     dbc.Input(id="al-sil-hours", type="number", min=1, max=MAX_HOURS,
                               value=2, className="mt-2",
                               placeholder=t("alerts.silence.hours", lang)),
                     dbc.Input(id="al-sil-reason", maxLength=MAX_TEXT, className="mt-2",
                               placeholder=t("alerts.silence.reason", lang)),
                     dbc.Button(t("alerts.silence.button", lang), id="al-sil-go",
                                className="mt-2", color="primary")], md=4),
        ], className="g-3"),
        html.Div(id="al-msg", className="mt-2", role="status"),
        dcc.Store(id="al-done"),
    ], id="al-actions")


def _audit(ctx: AppContext, action: str, detail: str) -> None:
    from flask import request

    audit.record(ctx.store, author(), action, detail, address=request.remote_addr or "")


def _text(value) -> str:
    return str(value or "").strip()[:MAX_TEXT]


def register(app, ctx: AppContext) -> None:
    @app.callback(Output("al-msg", "children"), Output("al-done", "data"),
                  Input("al-ack-go", "n_clicks"), Input("al-note-go", "n_clicks"),
                  Input("al-sil-go", "n_clicks"),
                  State("al-ack-alert", "value"), State("al-ack-note", "value"),
                  State("al-note-metric", "value"), State("al-note-text", "value"),
                  State("al-sil-rule", "value"), State("al-sil-hours", "value"),
                  State("al-sil-reason", "value"), State("al-params", "data"),
                  prevent_initial_call=True)
    def _act(_a, _n, _s, alert, ack_note, metric, note, rule, hours, reason, params):
        from dash import ctx as dash_ctx

        lang = ctx.lang((params or {}).get("lang"))
        if not may(WRITE_ROLE):
            return t("alerts.refused", lang), no_update
        now = ctx.clock()
        which = dash_ctx.triggered_id
        if which == "al-ack-go":
            if not alert or "\n" not in alert or not _text(ack_note):
                return t("alerts.missing", lang), no_update
            rule_id, key = alert.split("\n", 1)
            if acknowledge(ctx.store, rule_id, key, author(), _text(ack_note), now):
                _audit(ctx, audit.ALERT_ACK, f"{rule_id} {key}: {_text(ack_note)}")
            return t("alerts.ack.done", lang), time.time()
        if which == "al-note-go":
            if not _text(note) or (metric and ctx.config.metric(metric) is None):
                return t("alerts.missing", lang), no_update
            add_note(ctx.store, Note(now, _text(note), author(), "manual", metric or None))
            _audit(ctx, audit.ANNOTATION, f"{metric or '-'}: {_text(note)}")
            return t("alerts.note.done", lang), time.time()
        if which == "al-sil-go":
            try:
                h = float(hours)
            except (TypeError, ValueError):
                h = 0
            if not _text(reason) or not 0 < h <= MAX_HOURS or \
                    (rule and ctx.config.alerts.rule(rule) is None):
                return t("alerts.missing", lang), no_update
            add_silence(ctx.store, rule or None, {}, now, now + h * 3600, _text(reason),
                        author(), now)
            _audit(ctx, audit.SILENCE, f"{rule or '*'} {h:g} h: {_text(reason)}")
            return t("alerts.silence.done", lang), time.time()
        return no_update, no_update
