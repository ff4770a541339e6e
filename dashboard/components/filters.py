"""The period and region selectors shared by the overview and the drill-down.

``filter_bar("ov", period, region, province, lang)`` gives components with ids
``ov-period`` (radio buttons) and ``ov-region`` (a select). ``follow_url(app, "ov", ...)``
makes them follow the URL when the browser moves through its history (Back, Forward): the
query string is the one source of the page's state.
"""

from __future__ import annotations

from collections.abc import Callable

import dash_bootstrap_components as dbc
from dash import Input, Output, State, html
from dash.exceptions import PreventUpdate
from pantau.dashboard.access import current
from pantau.dashboard.components.periods import PERIODS, period_key
from pantau.dashboard.components.regions import region_key, region_options
from pantau.dashboard.components.url_state import parse_search
from pantau.dashboard.i18n import t


def period_select(component_id: str, value: str, lang: str):
    """Five periods as a button group (today, 7, 30, 90 days, year to date)."""
    return dbc.RadioItems(
        id=component_id, value=value,
        options=[{"label": t(f"overview.period.{p}", lang), "value": p} for p in PERIODS],
        className="btn-group period-select", inputClassName="btn-check",
        labelClassName="btn btn-outline-primary btn-sm",
        labelCheckedClassName="active")


def region_select(component_id: str, value: str, province: str, lang: str,
                  scope: str | None = None):
    """The province and its kabupaten/kota in ``scope`` by name (values are Kemendagri
    codes)."""
    return dbc.Select(id=component_id, value=value,
                      options=region_options(province, lang, scope),
                      size="sm", className="region-select")


def filter_bar(prefix: str, period: str, region: str, province: str, lang: str,
               scope: str | None = None) -> html.Div:
    """Both selectors with their labels, wrapping on narrow screens; the regions offered
    are those in ``scope``."""
    return html.Div([
        html.Div([html.Label(t("overview.period.label", lang), htmlFor=f"{prefix}-period",
                             className="filter-label"),
                  period_select(f"{prefix}-period", period, lang)], className="filter"),
        html.Div([html.Label(t("overview.region.label", lang), htmlFor=f"{prefix}-region",
                             className="filter-label"),
                  region_select(f"{prefix}-region", region, province, lang, scope)],
                 className="filter filter-region"),
    ], className="filter-bar")


def follow_url(app, prefix: str, province: str, on_page: Callable[[str], bool],
               default_period: str | None = None) -> None:
    """Set the selectors ``<prefix>-period`` and ``<prefix>-region`` from ``?period=&region=``
    whenever the URL's query changes without a new page (Back and Forward move through
    ``history.pushState`` entries, which change only ``url.search``). The page's own update
    then redraws it; when the selectors already show the URL's state nothing fires, so a
    change made by the selectors themselves does not echo. ``default_period``: the page's
    period when the URL names none (else ``data.periods.DEFAULT_PERIOD``)."""
    @app.callback(Output(f"{prefix}-period", "value", allow_duplicate=True),
                  Output(f"{prefix}-region", "value", allow_duplicate=True),
                  Input("url", "search"), State("url", "pathname"),
                  State(f"{prefix}-period", "value"), State(f"{prefix}-region", "value"),
                  prevent_initial_call=True)
    def _follow(search, pathname, period, region):
        if not on_page(pathname or "/"):
            raise PreventUpdate
        params = parse_search(search)
        scope = current().region
        asked = params.get("period") or default_period
        want = (period_key(asked),
                region_key(params.get("region"), province, scope))
        if want == (period_key(period), region_key(region, province, scope)):
            raise PreventUpdate
        return want
