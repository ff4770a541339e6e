"""Colours and fonts of the wall's figures, per theme, sized for a 1920x1080 stage.

The wall scales its whole 1920x1080 stage to the screen (3840x2160 doubles it), so sizes
here are in stage pixels and read from five metres.
"""

from __future__ import annotations

from datetime import datetime

from pantau.dashboard import fmt
from pantau.dashboard.figures.style import share_axis
from pantau.dashboard.figures.time_axis import tick_times

FONT = "'Inter', 'Segoe UI', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"
BASE_SIZE = 20

PALETTES = {
    "dark": {
        "text": "#eef2f8", "muted": "#a9b6cc", "grid": "rgba(255,255,255,0.13)",
        "series": ["#4cc9f0", "#ffd166", "#80ed99", "#ff9f1c", "#cdb4ff", "#ff6b6b",
                   "#2ec4b6", "#e9ecef"],
        "accent": "#4cc9f0", "no_data": "#2a3447", "edge": "#0c1322",
        "scale": ["#173a5e", "#1f6fa8", "#3fa7d6", "#9bdcf5"], "label": "#ffffff",
        "label_bg": "rgba(12,19,34,0.72)",
    },
    "light": {
        "text": "#0b1526", "muted": "#45526a", "grid": "rgba(0,0,0,0.12)",
        "series": ["#1565c0", "#b26a00", "#2e7d32", "#d84315", "#6a1b9a", "#c62828",
                   "#00796b", "#37474f"],
        "accent": "#1565c0", "no_data": "#d5dbe3", "edge": "#ffffff",
        "scale": ["#cfe3f7", "#7fb3e6", "#2f78c4", "#0d3f7a"], "label": "#0b1526",
        "label_bg": "rgba(255,255,255,0.78)",
    },
}


def palette(theme: str) -> dict:
    return PALETTES.get(theme, PALETTES["dark"])


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators for the language ("1.234,5" in Indonesian)."""
    return ".," if lang == "en" else ",."


def base_layout(lang: str, theme: str, **kw) -> dict:
    """Transparent background, the theme's text colour, large fonts, no interaction."""
    pal = palette(theme)
    layout = dict(separators=separators(lang), paper_bgcolor="rgba(0,0,0,0)",
                  plot_bgcolor="rgba(0,0,0,0)", autosize=True,
                  font=dict(family=FONT, size=BASE_SIZE, color=pal["text"]),
                  margin=dict(l=10, r=16, t=10, b=10), showlegend=False, dragmode=False,
                  hovermode=False, uirevision="wall")
    layout.update(kw)
    return layout


def value_axis(unit: str, theme: str, values=None) -> dict:
    """A value axis; ratios run the fixed 0-100 % of ``style.share_axis``."""
    pal = palette(theme)
    axis = dict(gridcolor=pal["grid"], zeroline=False, automargin=True, fixedrange=True,
                tickfont=dict(size=BASE_SIZE, color=pal["muted"]), nticks=5)
    axis.update(share_axis(unit, values))
    if unit == "percent":
        axis["ticksuffix"] = "%"
    return axis


def local(ts: int, tz: str) -> datetime:
    """A naive local datetime, so Plotly draws the site's wall-clock time."""
    return fmt.local(ts, tz).replace(tzinfo=None)


def time_axis(ts: list[int], lang: str, tz: str, theme: str, n: int = 6) -> dict:
    """An x axis with at most ``n`` ticks on round local times, labelled in the language
    (the rule of ``time_axis.tick_times``)."""
    pal = palette(theme)
    axis = dict(showgrid=False, zeroline=False, automargin=True, fixedrange=True,
                tickfont=dict(size=BASE_SIZE, color=pal["muted"]), linecolor=pal["grid"])
    ts = sorted(set(int(t) for t in ts))
    if not ts:
        return axis
    picked, labels = tick_times(ts[0], ts[-1], lang, tz, n)
    axis.update(tickmode="array", tickvals=[local(t, tz) for t in picked], ticktext=labels)
    return axis
