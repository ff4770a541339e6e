"""Style of the media charts: colours fixed per sentiment and per channel, a colour-blind-safe
cycle for outlets and topics (Okabe–Ito, yellow darkened to read on white and on dark walls),
and ``label()`` for any text Plotly draws."""

from __future__ import annotations

import html
from collections.abc import Iterable

import plotly.graph_objects as go
from pantau.dashboard.figures.style import base_layout

CYCLE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#B8A000",
         "#6F4E9C", "#8C8C8C")
OTHER = "#BDBDBD"
SENTIMENT = {"positive": "#198754", "neutral": "#8C959F", "negative": "#DC3545", "": "#D0D4D9"}
CHANNEL = {"media_massa": "#0072B2", "media_interaktif": "#E69F00", "media_digital": "#009E73",
           "media_ruang_publik": "#CC79A7", "media_tradisional": "#D55E00"}


def colours(keys: Iterable[str], fixed: dict[str, str] | None = None) -> dict[str, str]:
    """A colour per key: from ``fixed`` when it has one, else the next of ``CYCLE``."""
    fixed = fixed or {}
    out, i = {}, 0
    for key in keys:
        if key in fixed:
            out[key] = fixed[key]
        else:
            out[key] = CYCLE[i % len(CYCLE)]
            i += 1
    return out


def label(text: object) -> str:
    """``text`` made inert for Plotly, whose labels understand a little HTML (``<a href>``,
    ``<b>``, entities): markup is escaped, so it is shown as typed and never followed."""
    return html.escape(str(text), quote=False)


def empty_figure(message: str, lang: str, height: int = 200) -> go.Figure:
    """A blank chart carrying ``message`` in its middle, for a period without articles."""
    fig = go.Figure()
    fig.update_layout(**base_layout(lang, height), annotations=[dict(
        text=label(message), showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5,
        font=dict(size=13, color="#6c757d"))])
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig
