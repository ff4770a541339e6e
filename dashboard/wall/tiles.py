"""A wall tile: its fixed frame (``shell``) and what the refresh fills in (``render``).

Texts from feeds are given to Dash components as text children only (React escapes them):
no HTML from a feed is ever rendered, and a headline links out only when its URL is http(s).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dash import dcc, html
from pantau.dashboard import fmt
from pantau.dashboard.components.regions import area_geojson
from pantau.dashboard.figures.quake_map import quake_map
from pantau.dashboard.figures.wall_bars import wall_bars
from pantau.dashboard.figures.wall_map import SIZE_HINT, wall_map
from pantau.dashboard.figures.wall_trend import wall_trend
from pantau.dashboard.i18n import t
from pantau.dashboard.wall import bmkg_tiles, spbe_tile
from pantau.dashboard.wall.arrange import plot_size
from pantau.dashboard.wall.freshness import Freshness, mark_text, when
from pantau.dashboard.wall.sla import sla_body
from pantau.dashboard.wall.tiledata import TileData
from pantau.data.config_models import Config, Tile
from pantau.data.labels import value_names
from pantau.data.shows import target_for

CHARTS = ("line", "area", "bar", "map", "gempa")
GRAPH_CONFIG = {"staticPlot": True, "displayModeBar": False, "responsive": True}


@dataclass(frozen=True)
class TileView:
    """What one refresh sets on one tile. ``body``/``figure`` None: keep what is shown."""

    class_name: str
    fresh: Any
    body: Any = None
    figure: dict | None = None


def ids(key: str) -> dict[str, dict]:
    return {part: {"type": f"wall-{part}", "index": key}
            for part in ("tile", "body", "graph", "fresh")}


def group_names(cfg: Config, d: TileData, lang: str) -> dict[str, str]:
    """Label value -> the name a wall shows ("Lombok Barat", "Kota Bima", a source's title)."""
    if d.by is None or d.frame.empty or "group" not in d.frame:
        return {}
    return value_names(cfg, d.by, d.frame["group"].unique(), lang, short=True)


def period_text(seconds: int, lang: str) -> str:
    """``7 hari``, ``24 jam``, ``30 menit``."""
    if seconds % 86400 == 0 and seconds > 86400:
        return t("wall.period.d", lang, n=seconds // 86400)
    if seconds % 3600 == 0:
        return t("wall.period.h", lang, n=seconds // 3600)
    return t("wall.period.m", lang, n=max(1, seconds // 60))


def title(cfg: Config, tile: Tile, lang: str) -> str:
    if tile.title is not None:
        return tile.title.get(lang)
    if tile.view == "headlines":
        return t("wall.headlines", lang)
    if tile.view == "sla":
        return t("wall.sla.title", lang)
    if tile.view == "topics":
        return t("wall.topics", lang)
    if tile.view in ("gempa", "cuaca"):
        return t(f"bmkg.{tile.view}.title", lang)
    if tile.view == "spbe":
        return t("spbe.tile.title", lang)
    metric = cfg.metric(tile.metric or "")
    return metric.title_in(lang) if metric else (tile.metric or "")


def subtitle(cfg: Config, tile: Tile, lang: str) -> str:
    """The period, then what the tile is split by, or a KPI's target for that period: the
    target sits here, in a line of its own, so a narrow tile never drops it."""
    if tile.view == "headlines":
        return ""
    if tile.view == "sla":
        return t("wall.sla.sub", lang)
    if tile.view == "cuaca":
        return t("wall.by", lang, label=t("wall.label.region", lang)) + " · " + \
            bmkg_tiles.credit(lang)
    if tile.view == "gempa":
        return t("wall.period.last", lang, period=period_text(tile.period, lang)) + " · " + \
            bmkg_tiles.credit(lang)
    if tile.view == "spbe":
        return spbe_tile.subtitle(lang)
    parts = [t("wall.period.last", lang, period=period_text(tile.period, lang))]
    metric = cfg.metric(tile.metric or "")
    # the wall shows the site's own area: its target by data.shows' rule, for the period
    target = target_for(metric, None, cfg.site.region, tile.period) \
        if tile.view == "kpi" and metric is not None else None
    if target is not None:
        parts.append(t("kpi.target", lang, value=fmt.value(target, metric.unit, lang,
                                                          short=True)))
    by = tile.by or ("region" if tile.view == "map" else None)
    if by and tile.view != "kpi":
        key = f"wall.label.{by}"
        if by == "region" and "." in cfg.site.region:  # a kabupaten/kota: its kecamatan
            key = "wall.label.region_kecamatan"
        try:
            label = t(key, lang)
        except KeyError:
            label = by
        parts.append(t("wall.by", lang, label=label))
    return " · ".join(parts)


def shell(cfg: Config, tile: Tile, key: str, lang: str, view: TileView | None) -> html.Div:
    """The tile's frame with ids the refresh callback fills; ``view`` gives the first
    content (None: a calm loading state)."""
    i = ids(key)
    chart = tile.view in CHARTS
    body = view.body if view is not None and view.body is not None else \
        html.Div(t("wall.loading", lang), className="wall-calm")
    children = [
        html.Div([html.Div(title(cfg, tile, lang), className="wall-tile-title"),
                  html.Div(subtitle(cfg, tile, lang), className="wall-tile-sub")],
                 className="wall-tile-head"),
        html.Div(body, id=i["body"], className="wall-tile-body"),
    ]
    if chart:
        figure = view.figure if view is not None and view.figure is not None else {}
        children.append(dcc.Graph(id=i["graph"], figure=figure, config=GRAPH_CONFIG,
                                  responsive=True, className="wall-graph",
                                  style={"height": "100%", "width": "100%"}))
    children.append(html.Div(view.fresh if view is not None else t("wall.loading", lang),
                             id=i["fresh"], className="wall-fresh"))
    return html.Div(children, id=i["tile"],
                    className=view.class_name if view is not None else
                    f"wall-tile wall-tile--{tile.view} is-loading")


def mark(kind: str, parts: list[str]) -> html.Span:
    """The freshness mark: the first part in bold when delayed, the parts free to wrap."""
    spans = [html.B(parts[0]) if kind == "delayed" else html.Span(parts[0])]
    # set apart by the pill's gap and wrapping as units; the space is for text readers
    spans += [html.Span(" " + p) for p in parts[1:]]
    return html.Span(spans, className=f"wall-mark wall-mark--{kind}")


def _calm(lang: str) -> html.Div:
    return html.Div(t("common.no_data", lang), className="wall-calm")


def _kpi_body(cfg: Config, tile: Tile, d: TileData, lang: str, tz: str) -> Any:
    """The value; then the status and the change; then what the change compares with and the
    date of a value older than the period (the target is in the subtitle)."""
    metric = cfg.metric(tile.metric or "")
    period = period_text(tile.period, lang)
    change, context = [], []
    if d.status in ("ok", "warn", "crit"):
        change.append(html.Span(t(f"kpi.status.{d.status}", lang),
                                className=f"wall-kpi-status wall-kpi-status--{d.status}"))
    pct = d.delta_pct
    if pct is not None:
        pct = round(pct, 1) + 0.0  # what is shown decides the arrow: "0%" is flat, never "▼ 0%"
        sign = "▲" if pct > 0 else ("▼" if pct < 0 else "■")
        good = "flat" if pct == 0 or metric.better == "none" else \
            ("good" if (pct > 0) == (metric.better == "up") else "bad")
        change.append(html.Span(f"{sign} {fmt.number(abs(pct), lang, 1)}%",
                                className=f"wall-delta wall-delta--{good}"))
        context.append(t("wall.vs_prev", lang, period=period))
    if d.anchored and d.last_ts:
        context.append(t("wall.as_of", lang, date=fmt.date(d.last_ts, lang, tz)))
    return html.Div([
        html.Div(fmt.value(d.value, metric.unit, lang, short=True), className="wall-kpi-value"),
        html.Div(change, className="wall-kpi-change"),
        html.Div(" · ".join(context), className="wall-kpi-context"),
    ], className="wall-kpi")


def _headlines_body(d: TileData, now: float, lang: str, tz: str) -> Any:
    rows = []
    for item in d.items:
        text = item["title"] or "–"
        link = html.A(text, href=item["url"], target="_blank", rel="noopener noreferrer",
                      className="wall-news-title") if item["url"] else \
            html.Span(text, className="wall-news-title")
        stamp = when(item["ts"], now, lang, tz) if item.get("ts") else ""
        rows.append(html.Li([html.Div([html.Span(item["outlet"], className="wall-news-outlet"),
                                       html.Span(stamp, className="wall-news-time")],
                                      className="wall-news-meta"), link],
                            className="wall-news-item"))
    return html.Ol(rows, className="wall-news")


def _topics_body(d: TileData, lang: str) -> Any:
    top = max((i["count"] for i in d.items), default=0) or 1
    rows = []
    for item in d.items:
        rows.append(html.Div([
            html.Span(item["topic"].replace("_", " "), className="wall-topic-name"),
            html.Div(html.Div(className="wall-topic-fill",
                              style={"width": f"{item['count'] / top * 100:.1f}%"}),
                     className="wall-topic-bar"),
            html.Span(fmt.number(item["count"], lang, 0), className="wall-topic-count"),
        ], className="wall-topic"))
    return html.Div(rows, className="wall-topics")


def _table_body(cfg: Config, tile: Tile, d: TileData, lang: str) -> Any:
    metric = cfg.metric(tile.metric or "")
    names = group_names(cfg, d, lang)
    rows = [html.Tr([html.Td(names.get(str(r.group), str(r.group)) or "–"),
                     html.Td(fmt.value(r.value, metric.unit, lang, short=True),
                             className="wall-num")])
            for r in d.frame.itertuples(index=False)]
    return html.Table(html.Tbody(rows), className="wall-table")


def _figure(cfg: Config, tile: Tile, d: TileData, lang: str, tz: str, theme: str,
            scope: str | None = None) -> dict:
    if tile.view == "gempa":
        return quake_map(d.items, area_geojson(cfg), lang, theme,
                         period_text(tile.period, lang)).to_plotly_json()
    metric = cfg.metric(tile.metric or "")
    names = group_names(cfg, d, lang)
    if tile.view in ("line", "area"):
        fig = wall_trend(d.frame, metric, lang, tz, theme, area=tile.view == "area",
                         names=names)
    elif tile.view == "bar":
        fig = wall_bars(d.frame, metric, lang, theme, names=names)
    else:
        fig = wall_map(d.frame, metric, lang, area_geojson(cfg, scope), theme,
                       size=_plot_size(cfg, tile))
    return fig.to_plotly_json()


def _plot_size(cfg: Config, tile: Tile) -> tuple[int, int]:
    # The tile's place on its screen decides the pixels its labels are placed in.
    for screen in cfg.screens:
        for i, other in enumerate(screen.tiles):
            if other is tile:
                return plot_size(screen.tiles, i)
    return SIZE_HINT


def render(cfg: Config, tile: Tile, d: TileData, f: Freshness, now: float, lang: str,
           tz: str, theme: str, scope: str | None = None) -> TileView:
    """The content of ``tile`` for data ``d`` and freshness ``f`` (a map draws the regions in
    ``scope``)."""
    state = "empty" if d.empty else ("delayed" if f.delayed else "live")
    classes = [f"wall-tile wall-tile--{tile.view}", f"is-{state}", f"mark-{f.mark}"]
    if tile.view == "kpi" and not d.empty:
        classes.append(f"wall-status-{d.status}")
    if tile.view == "gempa" and not d.empty and d.items[0].get("warning"):
        classes.append("wall-status-crit")
    fresh = mark(f.mark, mark_text(f, now, lang, tz))
    figure = None
    if d.empty:
        body = _calm(lang)
    elif tile.view == "kpi":
        body = _kpi_body(cfg, tile, d, lang, tz)
    elif tile.view == "sla":
        body = sla_body(d, lang)
        classes.append("wall-status-warn" if d.value else "wall-status-ok")
    elif tile.view == "headlines":
        body = _headlines_body(d, now, lang, tz)
    elif tile.view == "topics":
        body = _topics_body(d, lang)
    elif tile.view == "table":
        body = _table_body(cfg, tile, d, lang)
    elif tile.view == "gempa":
        body = bmkg_tiles.gempa_body(cfg, d.items, now, lang, tz)
    elif tile.view == "cuaca":
        body = bmkg_tiles.cuaca_body(cfg, d.items, lang)
    elif tile.view == "spbe":
        body = spbe_tile.body(d, lang)
    else:
        body = []
    if tile.view in CHARTS and not d.empty:
        figure = _figure(cfg, tile, d, lang, tz, theme, scope)
    return TileView(class_name=" ".join(classes), fresh=fresh, body=body, figure=figure)


def failed(tile: Tile, lang: str) -> TileView:
    """The store did not answer: keep the shown value (body and figure untouched), greyed,
    marked as delayed."""
    return TileView(class_name=f"wall-tile wall-tile--{tile.view} is-delayed mark-delayed",
                    fresh=mark("delayed", [t("wall.delayed", lang), t("wall.store_down", lang)]))
