"""Top words of a period as horizontal bars, most frequent on top."""

from __future__ import annotations

import plotly.graph_objects as go
from pantau.dashboard import fmt
from pantau.dashboard.figures.media_style import CYCLE, label
from pantau.dashboard.figures.style import base_layout


def media_words(words: list[tuple[str, int]], lang: str, height: int | None = None,
                colour: str = CYCLE[0], slots: int = 20) -> go.Figure:
    """``words`` as ``data.articles.top_words`` returns them: ``[(word, count)]``, most
    frequent first. Room is kept for ``slots`` bars, so a few words stay thin bars on top."""
    rows = list(reversed(words))
    shown = [label(w) for w, _ in rows]
    counts = [int(c) for _, c in rows]
    texts = [fmt.number(c, lang, 0) for c in counts]
    fig = go.Figure(go.Bar(
        x=counts, y=shown, orientation="h", text=texts, textposition="outside",
        marker_color=colour, cliponaxis=False, customdata=list(zip(shown, texts, strict=True)),
        hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>"))
    height = height or max(160, 22 * len(rows) + 30)
    fig.update_layout(**base_layout(lang, height, bargap=0.25, margin=dict(l=8, r=36, t=4,
                                                                             b=4)))
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False)
    n = len(rows)
    fig.update_yaxes(automargin=True, tickfont=dict(size=12),
                     range=[n - 0.5 - max(n, slots), n - 0.5])
    return fig
