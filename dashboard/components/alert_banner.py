"""The red banner of ``/wall`` and ``/`` while any critical alert fires: what fires (the
first, by rule order, named in words) and how many more; it leaves with the next refresh
after the last one resolves. Asks ``dashboard.api.alerts.critical_firing`` (so a region-scoped
screen sees its region's alerts only).

    html.Div(banner(ctx, lang), id="wall-alert-banner", className="alert-banner")
    register(app, ctx, "wall-alert-banner", "wall-tick", "wall-params", tick_prop="data")
"""

from __future__ import annotations

from dash import Input, Output, State, html
from pantau.dashboard.api.alerts import critical_firing
from pantau.dashboard.context import AppContext
from pantau.dashboard.i18n import t
from pantau.data.alert_text import subject


def banner(ctx: AppContext, lang: str) -> list:
    """The banner's children: empty (the banner hides) when no critical alert fires."""
    firing = critical_firing(ctx)
    if not firing:
        return []
    first = firing[0]
    rule = ctx.config.alerts.rule(first["rule"])
    text = t("alerts.banner", lang, what=subject(ctx.config, rule, first["labels"], lang))
    if len(firing) > 1:
        text += t("alerts.banner.more", lang, n=len(firing) - 1)
    return [html.Span("⚠ ", **{"aria-hidden": "true"}), html.Span(text)]


def register(app, ctx: AppContext, banner_id: str, tick_id: str, params_id: str,
             tick_prop: str = "n_intervals") -> None:
    """Refresh the banner ``banner_id`` on each change of ``tick_id``'s ``tick_prop`` (the
    page's own refresh)."""

    @app.callback(Output(banner_id, "children"), Input(tick_id, tick_prop),
                  State(params_id, "data"), prevent_initial_call=True)
    def _banner(_n, params):
        if not ctx.config.alerts.rules:
            return []
        return banner(ctx, ctx.lang((params or {}).get("lang")))
