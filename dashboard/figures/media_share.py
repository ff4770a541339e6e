"""Share of voice: each outlet's (or channel's) part of the articles of a period."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from babel.numbers import format_percent
from pantau.dashboard import fmt
from pantau.dashboard.figures.media_style import colours, label
from pantau.dashboard.figures.style import base_layout


def _percent(share: float, lang: str) -> str:
    return format_percent(share, format="#,##0.#%", locale=fmt.LOCALES.get(lang, "id_ID"))


def media_share(df: pd.DataFrame, key: str, lang: str, names: Mapping[str, str] | None = None,
                fixed_colours: Mapping[str, str] | None = None, max_bars: int = 10,
                height: int | None = None, slots: int = 6) -> go.Figure:
    """Horizontal bars, largest on top, labelled with the share ("79,7%") and the count.

    ``df`` is ``data.articles.breakdown`` / ``share_of_voice``: columns ``<key>, count, share``.
    The axis always has room for ``slots`` bars, so one outlet is a bar, not a wall of colour.
    """
    names = names or {}
    rows = df.sort_values(["count", key], ascending=[False, True]).head(max_bars).iloc[::-1]
    keys = [str(k) for k in rows[key]]
    shown = [label(names.get(k, k) or names.get("", "–")) for k in keys]
    shares = [float(s) for s in rows["share"]]
    counts = [int(c) for c in rows["count"]]
    texts = [f"{_percent(s, lang)} · {fmt.number(c, lang, 0)}" for s, c in
             zip(shares, counts, strict=True)]
    palette = colours(reversed(keys), dict(fixed_colours or {}))
    fig = go.Figure(go.Bar(
        x=shares, y=shown, orientation="h", text=texts, textposition="outside",
        marker_color=[palette[k] for k in keys], cliponaxis=False,
        customdata=list(zip(shown, texts, strict=True)),
        hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>"))
    height = height or max(160, 38 * len(keys) + 30)
    fig.update_layout(**base_layout(lang, height, bargap=0.3))
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False,
                     range=[0, max(shares + [0.01]) * 1.5])  # room for the labels
    n = len(keys)
    fig.update_yaxes(automargin=True, range=[n - 0.5 - max(n, slots), n - 0.5])
    return fig
