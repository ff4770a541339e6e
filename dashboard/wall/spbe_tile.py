"""The wall's ``spbe`` tile: the latest SPBE evaluation, one row per kabupaten/kota (index
bar against the national target, the index, the predikat), the site's headline below.

Sized in ``em`` so the tile reads the same at 1080p and 4K (``wall.css`` scales the font).
"""

from __future__ import annotations

from typing import Any

from dash import html
from pantau.dashboard.components.spbe_view import (
    COLORS,
    index_text,
    predikat_chip,
    region_text,
)
from pantau.dashboard.i18n import t
from pantau.dashboard.wall.tiledata import TileData
from pantau.data import spbe

LOW, HIGH = 1.0, 5.0


def _pct(v: float) -> float:
    return max(0.0, min(100.0, (v - LOW) / (HIGH - LOW) * 100))


def body(d: TileData, lang: str) -> Any:
    rows = []
    target = f"{_pct(spbe.TARGET):.1f}%"
    for item in d.items:
        v = item["index"]
        fill = [] if v is None else [html.Div(className="wall-spbe-fill", style={
            "width": f"{_pct(v):.1f}%", "background": COLORS.get(item["predikat"], "#6c757d")})]
        rows.append(html.Div([
            html.Span(region_text(item["region"]), className="wall-spbe-name"),
            html.Div([*fill, html.Div(className="wall-spbe-target", style={"left": target})],
                     className="wall-spbe-bar"),
            html.Span(index_text(v, lang), className="wall-spbe-value"),
            predikat_chip(item["predikat"], lang),
        ], className="wall-spbe-row", **{"data-region": item["region"]}))
    x = d.extra
    foot = []
    if x.get("index") is not None:
        who = t("spbe.headline.mean", lang, n=x["mean_of"], year=x["year"]) if x["mean_of"] \
            else t("spbe.headline.own", lang, name=region_text(x["area"]), year=x["year"])
        foot.append(f"{who}: {index_text(x['index'], lang)} "
                    f"{t('spbe.predikat.' + x['predikat'], lang)}")
    if x.get("counted"):
        foot.append(t("spbe.reached", lang, n=x["reached"], of=x["counted"],
                      value=index_text(spbe.TARGET, lang)))
    if x.get("demo"):
        foot.append(t("common.demo", lang))
    return html.Div([
        html.Div(t("spbe.tile.year", lang, year=x.get("year", "")), className="wall-spbe-year"),
        html.Div(rows, className="wall-spbe-rows"),
        html.Div(" · ".join(foot), className="wall-spbe-foot"),
    ], className="wall-spbe")


def subtitle(lang: str) -> str:
    """``Per kabupaten/kota · target Baik 2,60``."""
    return t("spbe.tile.sub", lang, value=index_text(spbe.TARGET, lang))
