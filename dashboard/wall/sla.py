"""The body of the wall's ``sla`` tile: complaints lewat tenggat now, then one row per stage
they wait at (name, a bar of its share, the count and of how many waiting there).

Sizes are stage pixels (``wall.css``: the 1920x1080 stage is scaled to the screen, so a 4K
TV shows it twice as large); the number scales with the tile (container query units).
"""

from __future__ import annotations

from typing import Any

from dash import html
from pantau.dashboard import fmt
from pantau.dashboard.figures.complaints import STAGES, stage_name
from pantau.dashboard.i18n import t
from pantau.dashboard.wall.tiledata import TileData


def sla_body(d: TileData, lang: str) -> Any:
    """The total, ``dari N aduan terbuka``, and the stages (``d.frame``: stage, waiting,
    overdue)."""
    rows = d.frame.set_index("stage")
    total = int(d.value or 0)
    top = max(int(rows["overdue"].max()), 1)
    stages = []
    for stage in STAGES:
        late = int(rows.at[stage, "overdue"]) if stage in rows.index else 0
        waiting = int(rows.at[stage, "waiting"]) if stage in rows.index else 0
        stages.append(html.Div([
            html.Span(stage_name(stage, lang), className="wall-sla-name"),
            html.Div(html.Div(className="wall-sla-fill",
                              style={"width": f"{late / top * 100:.1f}%"}),
                     className="wall-sla-bar"),
            html.Span(fmt.number(late, lang, 0), className="wall-sla-count"),
            html.Span("/ " + fmt.number(waiting, lang, 0), className="wall-sla-of"),
        ], className="wall-sla-stage", id=f"wall-sla-{stage}"))
    return html.Div([
        html.Div([html.Span(fmt.number(total, lang, 0), className="wall-sla-value"),
                  html.Span(t("wall.sla.of_open", lang,
                              n=fmt.number(int(rows["waiting"].sum()), lang, 0)),
                            className="wall-sla-open")], className="wall-sla-head"),
        html.Div(stages, className="wall-sla-stages"),
    ], className="wall-sla")
