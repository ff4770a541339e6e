"""One-page PDF reports: a header (site, title, period in the site zone, filters) over a chart
or over the panels of a screen (pure figure functions; ``dashboard.render`` makes the PDF).

    fig = with_header(explore_figure(...), site, title, lines)         # one chart
    fig = screen_figure(site, title, lines, panels, lang)              # a screen's tiles

A panel is a dict: ``{"kind": "lines" | "bars" | "kpi" | "table", "title": str, ...}`` with
``traces`` (x, y, name) for lines/bars, ``value``/``previous``/``unit`` for kpi, ``header`` and
``cells`` for a table.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
from pantau.dashboard.figures.explore_chart import PALETTE
from pantau.dashboard.figures.style import DASHES, FONT, separators, value_axis
from plotly.subplots import make_subplots

PAGE = (1123, 794)
"""A4 landscape at 96 dpi, in CSS pixels (kaleido's PDF page is the figure's size)."""


def _header(fig: go.Figure, site: str, title: str, lines: list[str]) -> int:
    """Write the header as the figure's title block; return the top margin it needs."""
    meta = "<br>".join(f"<span style='font-size:11px;color:#495057'>{x}</span>" for x in lines)
    fig.update_layout(title=dict(
        text=f"<b>{site}</b><br><span style='font-size:15px'>{title}</span><br>{meta}",
        x=0.02, xanchor="left", y=0.975, yanchor="top", yref="container",
        font=dict(size=20)))
    return 80 + 15 * len(lines)


def with_header(fig: go.Figure, site: str, title: str, lines: list[str],
                size: tuple[int, int] = PAGE) -> go.Figure:
    """``fig`` (a chart) under a report header; sized as one A4 landscape page."""
    fig = go.Figure(fig)
    top = _header(fig, site, title, lines)
    fig.update_layout(width=size[0], height=size[1], paper_bgcolor="white",
                      margin=dict(t=top, l=50, r=40, b=50),
                      legend=dict(orientation="h", y=-0.08, x=0))
    return fig


def screen_figure(site: str, title: str, lines: list[str], panels: list[dict], lang: str,
                  size: tuple[int, int] = PAGE) -> go.Figure:
    """The panels of a screen in a grid of two columns under a report header."""
    n = max(1, len(panels))
    cols = 1 if n == 1 else 2
    rows = math.ceil(n / cols)
    types = [[_spec(panels[r * cols + c]["kind"]) if r * cols + c < n else {"type": "xy"}
              for c in range(cols)] for r in range(rows)]
    fig = make_subplots(rows=rows, cols=cols, specs=types, vertical_spacing=0.14 / rows * 2,
                        horizontal_spacing=0.08,
                        subplot_titles=[p["title"] for p in panels] or [""])
    for i, p in enumerate(panels):
        r, c = i // cols + 1, i % cols + 1
        if p["kind"] == "kpi":
            fig.add_trace(go.Indicator(
                mode="number+delta" if p.get("previous") is not None else "number",
                value=p.get("value") if p.get("value") is not None else float("nan"),
                number=dict(valueformat=_format(p.get("unit")), font=dict(size=40)),
                delta=dict(reference=p.get("previous"), relative=False,
                           valueformat=_format(p.get("unit")),
                           increasing=dict(color=p.get("up_color", "#198754")),
                           decreasing=dict(color=p.get("down_color", "#dc3545")))
                if p.get("previous") is not None else None), row=r, col=c)
        elif p["kind"] == "table":
            fig.add_trace(go.Table(
                header=dict(values=p["header"], fill_color="#e9ecef", align="left",
                            font=dict(size=10)),
                cells=dict(values=p["cells"], align="left", font=dict(size=9), height=20)),
                row=r, col=c)
        else:
            for j, tr in enumerate(p.get("traces", [])):
                color = PALETTE[j % len(PALETTE)]
                if p["kind"] == "bars":
                    trace = go.Bar(x=tr["x"], y=tr["y"], name=tr["name"], marker_color=color,
                                   showlegend=False)
                else:
                    # several lines: each its own dash and a legend in the panel, so lines
                    # lying on one another (services all at 100 %) stay told apart
                    several = len(p["traces"]) > 1
                    trace = go.Scatter(x=tr["x"], y=tr["y"], name=tr["name"], mode="lines",
                                       line=dict(color=color, width=1.4,
                                                 dash=DASHES[j % len(DASHES)]),
                                       showlegend=several, legend=f"legend{i + 2}",
                                       fill="tozeroy" if p["kind"] == "area" else None)
                fig.add_trace(trace, row=r, col=c)
            if p["kind"] in ("lines", "area") and len(p.get("traces", [])) > 1:
                sub = fig.get_subplot(r, c)
                fig.update_layout({f"legend{i + 2}": dict(
                    x=sub.xaxis.domain[0], y=sub.yaxis.domain[0], xanchor="left",
                    yanchor="bottom", orientation="h", font=dict(size=8),
                    bgcolor="rgba(255,255,255,0.7)")})
            fig.update_yaxes(**value_axis(p.get("unit", "count")), row=r, col=c)
            if p.get("tickvals"):
                fig.update_xaxes(tickmode="array", tickvals=p["tickvals"],
                                 ticktext=p["ticktext"], row=r, col=c)
            if p["kind"] in ("lines", "area"):
                fig.update_xaxes(type="date", row=r, col=c)
    top = _header(fig, site, title, lines) + 20
    fig.update_layout(width=size[0], height=size[1], paper_bgcolor="white",
                      margin=dict(t=top, l=50, r=40, b=40), plot_bgcolor="white", separators=separators(lang),
                      font=dict(family=FONT, size=11), showlegend=True)
    fig.update_annotations(font_size=12, selector=dict(showarrow=False, yanchor="bottom",
                                                       xanchor="center"))
    return fig


def _format(unit: str | None) -> str:
    return {"ratio": ".1%", "count": ",.0f", "rupiah": ",.0f"}.get(unit or "", ",.2~f")


def _spec(kind: str) -> dict:
    return {"kpi": {"type": "domain"}, "table": {"type": "table"}}.get(kind, {"type": "xy"})
