"""Colours, fonts and axis helpers shared by the figure functions."""

from __future__ import annotations

import math
from datetime import datetime

import pandas as pd
from babel.numbers import format_decimal
from pantau.dashboard import fmt

PRIMARY = "#0d6efd"
PREVIOUS = "#9aa4ae"
TARGET = "#198754"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
"""Line dashes in order: several series on one chart differ in dash as well as colour."""
STATUS = {"ok": "#198754", "warn": "#d39e00", "crit": "#dc3545", "none": "#6c757d"}


def separators(lang: str) -> str:
    """Plotly's ``layout.separators`` (decimal, then thousands) for the language."""
    return ".," if lang == "en" else ",."


def local_times(ts: pd.Series | list, tz: str) -> list[datetime]:
    """Epoch seconds as naive local datetimes, so Plotly draws the site's wall-clock time."""
    return [fmt.local(t, tz).replace(tzinfo=None) for t in ts]


def graph_config(lang: str, **kw) -> dict:
    """``dcc.Graph(config=...)`` of the pages: no Plotly logo, resizing with the page, the
    toolbar in the page's language (``assets/plotly-locale-id.js``)."""
    return {"displaylogo": False, "responsive": True, "locale": lang, **kw}


def base_layout(lang: str, height: int, **kw) -> dict:
    """Layout keys every figure shares: transparent background, the language's separators."""
    layout = dict(height=height, separators=separators(lang), paper_bgcolor="rgba(0,0,0,0)",
                  plot_bgcolor="rgba(0,0,0,0)", font=dict(family=FONT, size=12),
                  margin=dict(l=8, r=8, t=8, b=8), showlegend=False)
    layout.update(kw)
    return layout


SHARE_PAD = 0.02
"""Room above 100 % and below 0 % so a line at exactly 100 % is not cut in half by the plot's
edge; the ticks still run 0-100 %."""


def share_axis(unit: str, values=None) -> dict:
    """Axis keys for a ratio (0-1): shown as percentages on a fixed 0-100 % axis, so a flat
    line at 100 % never autoranges to 0-200 % and two charts of one metric compare. Values
    outside 0-1 (a sum of ratios asked for in the explorer) keep an automatic range rather
    than be cut off. Empty for other units."""
    if unit != "ratio":
        return {}
    axis = {"tickformat": ".0%"}
    vals = [float(v) for v in (values if values is not None else []) if v == v]
    if vals and (min(vals) < 0 or max(vals) > 1):
        return axis
    axis.update(range=[-SHARE_PAD, 1 + SHARE_PAD], autorange=False, tickmode="array",
                tickvals=[0, 0.25, 0.5, 0.75, 1])
    return axis


def value_axis(unit: str, values=None) -> dict:
    """A y/x axis for ``values`` of ``unit``: ratios on a fixed 0-100 % (``share_axis``)."""
    axis = dict(gridcolor="rgba(128,128,128,0.2)", zeroline=False, automargin=True)
    axis.update(share_axis(unit, values))
    return axis


def precise(v: float | None, unit: str, lang: str) -> str:
    """A value for tables, hovers and bars: published indices and scores keep two decimals
    as published (IPM ``72,70``); other units as ``fmt.value``."""
    if unit in ("index", "score") and v is not None and math.isfinite(v):
        return format_decimal(v, format="#,##0.00", locale=fmt.LOCALES.get(lang, "id_ID"))
    return fmt.value(v, unit, lang)
