"""Annotations on a time chart: each a dotted vertical line at its time and a flag at its top
whose hover says what happened (alert transitions red, operators' notes violet, planned
events of config blue, shaded to their end). Pure: the
rows come from ``dashboard.api.alerts.annotation_rows``.

    mark(fig, rows, lambda ts: local_times([ts], tz)[0])     # /metric's history
    mark(fig, rows, lambda ts: float(local_ms([ts * 1000], tz)[0]))   # /explore
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import plotly.graph_objects as go

ALERT = "#c0392b"
NOTE = "#7b3fbf"
PLANNED = "#1f6f8b"
COLOURS = {"alert": ALERT, "planned": PLANNED}
MAX_MARKS = 100
"""At most this many marks per chart (the newest): a chart of a year stays readable."""
MAX_CHARS = 300


def mark(fig: go.Figure, rows: Sequence[dict], x_of: Callable[[float], object]) -> go.Figure:
    """Add ``rows`` (``at_ts``, ``text``, ``author``, ``kind``) to ``fig``; returns it."""
    for row in list(rows)[-MAX_MARKS:]:
        x = x_of(row["at_ts"])
        colour = COLOURS.get(row["kind"], NOTE)
        fig.add_shape(type="line", x0=x, x1=x, y0=0, y1=1, yref="paper", layer="below",
                      line=dict(color=colour, width=1.2, dash="dot"))
        if row.get("end_ts"):  # a planned window: shaded to its end
            fig.add_shape(type="rect", x0=x, x1=x_of(row["end_ts"]), y0=0, y1=1,
                          yref="paper", layer="below", line=dict(width=0),
                          fillcolor=colour, opacity=0.08)
        hover = _escape(str(row["text"])[:MAX_CHARS])
        if row["kind"] == "manual":
            hover += f"<br><i>{_escape(str(row['author']))}</i>"
        fig.add_annotation(x=x, y=1, yref="paper", yanchor="top", text="⚑",
                           showarrow=False, font=dict(color=colour, size=14),
                           hovertext=hover, name=f"note-{row['id']}")
    return fig


def _escape(text: str) -> str:
    # Plotly reads hover text as a little HTML: what an operator typed is shown as typed.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


