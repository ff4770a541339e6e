"""The period and region selectors shared by the overview and the drill-down.

``filter_bar("ov", period, region, province, lang)`` gives components with ids
``ov-period`` (radio buttons) and ``ov-region`` (a select).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from pantau.dashboard.components.periods import PERIODS
from pantau.dashboard.components.regions import region_options
from pantau.dashboard.i18n import t


def period_select(component_id: str, value: str, lang: str):
    """Five periods as a button group (today, 7, 30, 90 days, year to date)."""
    return dbc.RadioItems(
        id=component_id, value=value,
        options=[{"label": t(f"overview.period.{p}", lang), "value": p} for p in PERIODS],
        className="btn-group period-select", inputClassName="btn-check",
        labelClassName="btn btn-outline-primary btn-sm",
        labelCheckedClassName="active")


def region_select(component_id: str, value: str, province: str, lang: str):
    """The province and its kabupaten/kota by name (values are Kemendagri codes)."""
    return dbc.Select(id=component_id, value=value, options=region_options(province, lang),
                      size="sm", className="region-select")


def filter_bar(prefix: str, period: str, region: str, province: str, lang: str) -> html.Div:
    """Both selectors with their labels, wrapping on narrow screens."""
    return html.Div([
        html.Div([html.Label(t("overview.period.label", lang), htmlFor=f"{prefix}-period",
                             className="filter-label"),
                  period_select(f"{prefix}-period", period, lang)], className="filter"),
        html.Div([html.Label(t("overview.region.label", lang), htmlFor=f"{prefix}-region",
                             className="filter-label"),
                  region_select(f"{prefix}-region", region, province, lang)],
                 className="filter filter-region"),
    ], className="filter-bar")
