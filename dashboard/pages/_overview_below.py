"""``/`` filtered to a region: the places inside it that have data (a kecamatan's
desa/kelurahan on a kabupaten site), one row per place, one column per metric of the screens
that has series there, each column linking to the metric's drill-down of that region.

Values from ``data.shows.region_totals`` (``data.places``: a desa never counts twice), over
the cards' window, in the scope of the request's principal; through the query cache.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from pantau.dashboard.components.periods import window, window_end
from pantau.dashboard.context import AppContext
from pantau.dashboard.figures.style import precise
from pantau.dashboard.i18n import t
from pantau.dashboard.pages._metric_below import MAX_ROWS, place_title
from pantau.data.config_models import Metric
from pantau.data.reference import codes
from pantau.data.shows import region_totals

MAX_COLUMNS = 8
"""Metrics side by side at most (the screens' first ones with data inside the region)."""


def _columns(ctx: AppContext, metrics: list[Metric], period: str, region: str,
             scope: str | None) -> list[tuple[str, dict[str, float]]]:
    now = ctx.clock()
    start, end = window(period, now, ctx.tz)
    out = []
    for m in metrics:
        df, _as_of = region_totals(ctx.store, m, start, end, region, scope=scope)
        df = df.dropna(subset=["value"])
        if not df.empty:
            out.append((m.name, dict(zip(df["region"], df["value"], strict=True))))
        if len(out) == MAX_COLUMNS:
            break
    return out


def below_section(ctx: AppContext, metrics: list[Metric], period: str, region: str,
                  lang: str, scope: str | None, search: str):
    """The section, or None for the site's own area and for a region without data inside."""
    area = ctx.config.site.region
    if region == area or not codes.within(region, area):
        return None
    now = ctx.clock()
    key = (f"ov:below:{period}:{region}:{scope}:{window_end(now)}:{int(now) // 60}:"
           + ",".join(m.name for m in metrics))
    cols = ctx.cache.get_or_set(key, ctx.config.web.cache_ttl,
                                lambda: _columns(ctx, metrics, period, region, scope))
    if not cols:
        return None
    by_name = {m.name: m for m in metrics}
    places = sorted({c for _name, values in cols for c in values})[:MAX_ROWS]
    level = codes.level(places[0])
    title = t("metric.below.desa" if level == "desa/kelurahan" else "metric.below.kecamatan",
              lang, place=place_title(region, lang))
    head = [html.Th(t("metric.col.region", lang))] + [
        html.Th(dcc.Link(by_name[name].title_in(lang), href=f"/metric/{name}{search}"),
                className="num") for name, _v in cols]
    rows = [html.Tr([html.Td(codes.name(c) or c)] + [
        html.Td(precise(values.get(c), by_name[name].unit, lang), className="num")
        for name, values in cols]) for c in places]
    table = dbc.Table([html.Thead(html.Tr(head)), html.Tbody(rows)], size="sm", striped=True,
                      hover=True, className="mb-0", id="ov-below-table")
    hint = t("metric.below.hint", lang, n=len(places), total=len(codes.children(region)))
    return html.Section([
        html.H2(title, className="ov-screen-title"),
        dbc.Card(dbc.CardBody([html.Div(table, className="ov-below-wrap"),
                               html.Div(hint, className="metric-hint")]))],
        className="ov-screen", id="ov-below")
