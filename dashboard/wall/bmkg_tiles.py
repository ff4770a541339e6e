"""The bodies of BMKG's wall tiles: ``gempa`` (the newest quake as the site sees it, above
the map of recent quakes) and ``cuaca`` (today's forecast per kabupaten/kota). BMKG's texts
(region, felt, tsunami potential, weather words) are given to Dash as text children only.
BMKG is credited in each tile's subtitle (``credit``)."""

from __future__ import annotations

from typing import Any

from dash import html
from pantau.dashboard import fmt
from pantau.dashboard.i18n import t
from pantau.dashboard.wall.freshness import when
from pantau.data.config_models import Config
from pantau.data.labels import value_names
from pantau.data.reference import codes

MAX_WORDS = 2


def credit(lang: str) -> str:
    return t("bmkg.credit", lang)


def gempa_body(cfg: Config, items: list[dict], now: float, lang: str, tz: str) -> Any:
    q = items[0]
    place = codes.short_name(cfg.site.region) or cfg.site.region
    meta = [when(q["ts"], now, lang, tz)]
    if q.get("distance_km") is not None:
        meta.append(t("bmkg.gempa.distance", lang, km=fmt.number(q["distance_km"], lang, 0),
                      place=place))
    meta.append(t("bmkg.gempa.depth", lang, km=fmt.number(q["depth_km"], lang, 0)))
    potensi = q.get("tsunami") or t("bmkg.gempa.no_potensi", lang)
    kind = "warn" if q.get("warning") else ("safe" if q.get("tsunami") else "unknown")
    rows = [
        html.Div([
            html.Div([html.Span("M", className="wall-quake-m"),
                      html.Span(fmt.number(q["magnitude"], lang, 1))],
                     className="wall-quake-mag"),
            html.Div([html.Div(q["region"], className="wall-quake-place"),
                      html.Div([html.Span(m) for m in meta], className="wall-quake-meta")],
                     className="wall-quake-facts"),
        ], className="wall-quake-top"),
    ]
    line = [html.Div(potensi, className=f"wall-quake-tsunami wall-quake-tsunami--{kind}")]
    if q.get("felt"):
        line.append(html.Div(t("bmkg.gempa.felt", lang, text=q["felt"]),
                             className="wall-quake-felt"))
    rows.append(html.Div(line, className="wall-quake-line"))
    return html.Div(rows, className="wall-quake")


def cuaca_body(cfg: Config, items: list[dict], lang: str) -> Any:
    names = value_names(cfg, "region", [i["region"] for i in items], lang, short=True)
    head = html.Div([html.Span(""), html.Span(""),
                     html.Span(t("bmkg.cuaca.rain", lang), className="wall-num"),
                     html.Span(t("bmkg.cuaca.temp", lang), className="wall-num")],
                    className="wall-weather-row wall-weather-head")
    rows = [head]
    for i in items:
        words = [w for w, _n in i["words"]][:MAX_WORDS]
        warn = set(i["warnings"])
        # the warnings first, then the most frequent words, as BMKG wrote them
        shown = [w for w in i["warnings"]] + [w for w in words if w not in warn]
        spans = [html.Span(w, className="wall-weather-word" +
                           (" wall-weather-word--warn" if w in warn else ""))
                 for w in shown[:MAX_WORDS]]
        rows.append(html.Div([
            html.Span(names.get(i["region"], i["region"]), className="wall-weather-name"),
            html.Span(spans, className="wall-weather-words"),
            html.Span(fmt.value(i["rain_mm"], "mm", lang), className="wall-num"),
            html.Span(fmt.value(i["temp_c"], "celsius", lang), className="wall-num"),
        ], className="wall-weather-row" + (" is-warn" if warn else "")))
    return html.Div(rows, className="wall-weather")
