"""``/audit`` (role: admin): who may look and what they did. The users, API tokens and paired
wall screens of the store (changed with ``pantau user|token|screen``), then the newest 200
entries of the audit log (``data.audit``): sign-ins, failed sign-ins, sign-outs, pairings,
the first use of a token each day and exports. Read-only; everything shown is escaped by
Dash."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from pantau.dashboard import fmt
from pantau.dashboard.context import AppContext
from pantau.dashboard.i18n import t
from pantau.data import audit, screens, tokens, users

ROUTE = "/audit"
ENTRIES = 200


def _table(head: list[str], rows: list[list], table_id: str, empty: str):
    if not rows:
        return html.P(empty, className="text-muted", id=table_id)
    return dbc.Table([html.Thead(html.Tr([html.Th(h) for h in head])),
                      html.Tbody([html.Tr([html.Td(c) for c in r]) for r in rows])],
                     size="sm", striped=True, responsive=True, id=table_id,
                     className="audit-table")


def layout(ctx: AppContext, lang: str, params: dict, path: str):
    tz, now = ctx.tz, ctx.clock()

    def when(ts):
        return fmt.when(ts, lang, tz) if ts else "–"

    def role(r):
        return t(f"role.{r.label}", lang)

    none = t("audit.none", lang)
    people = [[u.name, role(u.role), u.region or "–", when(u.created_ts)]
              for u in users.listing(ctx.store)]
    keys = [[k.name, role(k.role), k.region or "–", when(k.created_ts), when(k.expires_ts),
             k.last_used_day or "–"] for k in tokens.listing(ctx.store)]
    tvs = [[s.name, t(f"audit.screen.{s.state(now)}", lang), when(s.created_ts),
            when(s.paired_ts)] for s in screens.listing(ctx.store)]
    log = [[when(e.ts), e.actor or "–", t(f"audit.action.{e.action}", lang), e.detail,
            e.address] for e in audit.recent(ctx.store, ENTRIES)]
    h = [t(k, lang) for k in ("audit.col.name", "audit.col.role", "audit.col.region",
                              "audit.col.created")]
    return dbc.Container([
        html.H1(t("audit.title", lang), className="h3"),
        html.P(t("audit.lead", lang), className="text-muted"),
        html.H2(t("audit.users", lang), className="h5 mt-4"),
        _table(h, people, "audit-users", none),
        html.H2(t("audit.tokens", lang), className="h5 mt-4"),
        _table(h + [t("audit.col.expires", lang), t("audit.col.last_used", lang)], keys,
               "audit-tokens", none),
        html.H2(t("audit.screens", lang), className="h5 mt-4"),
        _table([h[0], t("audit.col.state", lang), h[3], t("audit.col.paired", lang)], tvs,
               "audit-screens", none),
        html.H2(t("audit.log", lang, n=ENTRIES), className="h5 mt-4"),
        _table([t(k, lang) for k in ("audit.col.when", "audit.col.who", "audit.col.action",
                                     "audit.col.detail", "audit.col.address")], log,
               "audit-log", none),
    ], fluid=True, className="pb-5", id="audit-page")
