"""What each wall tile shows, asked of the store through ``data``'s named questions.

``tile_data(ctx, tile, now)`` returns a picklable ``TileData`` (it goes through the shared
cache). A tile whose window at ``now`` is empty but whose metric has older data is anchored at
its newest point instead: the wall keeps showing the last good value of a source that stopped.

``scope`` (the region a paired screen or a user is limited to, ``current().region``): KPI
tiles show the site's total, lines, bars, maps and tables only the series in scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from pantau.dashboard.context import AppContext
from pantau.data import quakes, weather
from pantau.data.articles import articles, topic_counts
from pantau.data.buckets import align_up, nice_step, origin_for
from pantau.data.complaint_views import overdue_now
from pantau.data.complaints import newest_update
from pantau.data.config_models import Metric, Tile
from pantau.data.kpi import combine_by, delta_pct
from pantau.data.periods import last as last_window
from pantau.data.periods import period_end
from pantau.data.queries import latest, series
from pantau.data.shows import counted_regions, period_totals, region_totals, what_metric_shows
from pantau.data.spbe_answers import book as spbe_book
from pantau.data.spbe_answers import last_update as spbe_last_update
from pantau.data.urls import is_safe_link
from pantau.data.zones import utc_offset

MAX_POINTS = 96
"""Points per line: a day in quarter hours, a week in two-hour buckets (readable at 5 m)."""
MAX_LINES = 8
MAX_BARS = 12
DEFAULT_BY = "region"


@dataclass(frozen=True)
class TileData:
    """The data of one tile. ``frame`` columns: ``ts, group, value`` (line/area) or
    ``group, value`` (bar/map/table); ``items`` for headlines (title, url, outlet, ts) and
    topics (topic, count)."""

    view: str
    last_ts: int | None = None
    start: int | None = None
    end: int | None = None
    value: float | None = None
    previous: float | None = None
    status: str = "none"
    target: float | None = None
    anchored: bool = False
    by: str | None = None
    frame: pd.DataFrame | None = None
    items: list[dict] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    """What a tile of its own kind needs besides (``spbe``: year, headline, demo)."""

    @property
    def empty(self) -> bool:
        if self.view in ("kpi", "sla"):
            return self.value is None
        if self.view in ("gempa", "cuaca"):
            return not self.items
        if self.view in ("headlines", "topics", "spbe"):
            return not self.items or (self.view == "topics" and
                                      not any(i["count"] for i in self.items))
        return self.frame is None or self.frame.empty

    @property
    def delta_pct(self) -> float | None:
        return delta_pct(self.value, self.previous)




def _last_ts(ctx: AppContext, metric: str, scope: str | None = None) -> int | None:
    df = latest(ctx.store, metric, scope=scope)
    return int(df["ts"].max()) if not df.empty else None


def _group_col(df: pd.DataFrame, by: str | None) -> str | None:
    names = df.attrs.get("label_names") or []
    if by and by in names:
        return by
    return None


def by_region(df: pd.DataFrame, keep: dict[str, str]) -> pd.DataFrame:
    """``df``'s rows of the series counted in the regions below the site, each labelled with
    its region (``keep``: ``data.shows.counted_regions``)."""
    out = df[df[DEFAULT_BY].isin(keep)].copy()
    out[DEFAULT_BY] = out[DEFAULT_BY].map(keep)
    out.attrs = dict(df.attrs)
    return out


def _grouped(df: pd.DataFrame, by: str | None, metric: Metric,
             keys: tuple[str, ...]) -> pd.DataFrame:
    """``df`` reduced to one value per ``keys`` (+ group), series combined by the metric's
    rule (``data.kpi.combine_by``)."""
    col = _group_col(df, by)
    work = pd.DataFrame({k: df[k] for k in keys})
    work["group"] = df[col].fillna("").astype(str) if col else ""
    work["value"] = df["value"].astype(float)
    return combine_by(work, [*keys, "group"], metric)


def kpi_tile(ctx: AppContext, tile: Tile, metric: Metric, now: float,
             scope: str | None = None) -> TileData:
    """The province's figure over the tile's period (``data.shows``, as the overview)."""
    start, end = last_window(tile.period, now)
    s = what_metric_shows(ctx.store, metric, start, end, None, ctx.config.site.region,
                          scope=scope)
    return TileData(view="kpi", last_ts=s.last_ts, start=start, end=end, value=s.value,
                    previous=s.previous, status=s.status, target=s.target,
                    anchored=s.as_of is not None)


def trend_tile(ctx: AppContext, tile: Tile, metric: Metric, now: float,
               scope: str | None = None) -> TileData:
    last = _last_ts(ctx, metric.name, scope)
    step = nice_step(tile.period, MAX_POINTS)
    origin = origin_for(step, utc_offset(now, ctx.tz))
    end = align_up(int(now), step, origin)
    anchored = bool(last is not None and last < end - tile.period)
    if anchored:
        end = align_up(last + 1, step, origin)
    start = end - tile.period
    df = series(ctx.store, metric.name, start, end, step, metric.agg, origin=origin,
                scope=scope)
    if _group_col(df, tile.by) == DEFAULT_BY:  # desa in their kecamatan (data.places)
        df = by_region(df, counted_regions(ctx.store, metric, ctx.config.site.region))
    frame = _grouped(df, tile.by, metric, ("ts",))
    if tile.by and not frame.empty:
        top = frame.groupby("group")["value"].sum().abs().nlargest(MAX_LINES).index
        frame = frame[frame["group"].isin(top)]
    return TileData(view=tile.view, last_ts=last, start=start, end=end, anchored=anchored,
                    by=_group_col(df, tile.by), frame=frame.reset_index(drop=True))


def totals_tile(ctx: AppContext, tile: Tile, metric: Metric, now: float,
                scope: str | None = None) -> TileData:
    """Bar, map and table tiles: one value per label value over the period."""
    start, end = last_window(tile.period, now)
    df, as_of = period_totals(ctx.store, metric, start, end, scope=scope)
    names = df.attrs.get("label_names") or []
    by = tile.by or (DEFAULT_BY if tile.view == "map" or DEFAULT_BY in names
                     else (names[0] if names else None))
    if by == DEFAULT_BY and by in names:  # one value per region below the site (data.places)
        df, as_of = region_totals(ctx.store, metric, start, end, ctx.config.site.region,
                                  scope=scope)
        df.attrs["label_names"] = [DEFAULT_BY]
    if as_of is not None:
        start, end = period_end(as_of) - tile.period, period_end(as_of)
    frame = _grouped(df, by, metric, ())
    frame = frame.sort_values("value", ascending=False)
    if tile.view == "bar":
        frame = frame.head(MAX_BARS)
    elif tile.view == "table":
        frame = frame.head(tile.limit)
    return TileData(view=tile.view, last_ts=_last_ts(ctx, metric.name, scope), start=start,
                    end=end,
                    anchored=as_of is not None, by=_group_col(df, by),
                    frame=frame.reset_index(drop=True))


def headlines_tile(ctx: AppContext, tile: Tile, now: float) -> TileData:
    df = articles(ctx.store, limit=tile.limit)
    items = [{"title": str(r.title or ""), "outlet": str(r.outlet or ""),
              "url": r.url if is_safe_link(r.url) else None,
              "ts": int(r.published_ts if pd.notna(r.published_ts) else r.fetched_ts)}
             for r in df.itertuples(index=False)]
    last = int(df["fetched_ts"].max()) if not df.empty else None
    return TileData(view="headlines", last_ts=last, items=items)


def topics_tile(ctx: AppContext, tile: Tile, now: float) -> TileData:
    topics = list(ctx.config.media.topics)
    end = int(now) + 1
    counts = topic_counts(ctx.store, topics, end - tile.period, end) if topics else {}
    newest = articles(ctx.store, limit=1)
    last = int(newest["fetched_ts"].max()) if not newest.empty else None
    items = sorted(({"topic": k, "count": int(v)} for k, v in counts.items()),
                   key=lambda i: (-i["count"], i["topic"]))[: tile.limit]
    return TileData(view="topics", last_ts=last, start=end - tile.period, end=end, items=items)


def sla_tile(ctx: AppContext, tile: Tile, now: float, scope: str | None = None) -> TileData:
    """Complaints lewat tenggat now (``data.complaint_views``): ``value`` the total, ``frame``
    per stage (``stage, waiting, overdue``); ``last_ts`` when a complaint was last written."""
    frame = overdue_now(ctx.store, ctx.config, now, scope)
    last = newest_update(ctx.store)
    return TileData(view="sla", last_ts=last, value=float(frame["overdue"].sum())
                    if last is not None else None, frame=frame if last is not None else None)


MAX_QUAKES = 200
"""Quakes a gempa tile's map draws at most (the newest)."""


def gempa_tile(ctx: AppContext, tile: Tile, now: float) -> TileData:
    """The newest quake BMKG reported, seen from the site (distance from the centre of its
    area, time in its zone), then the quakes of the tile's period, newest first. Quakes are
    public and not of a region: every viewer sees the same."""
    q = quakes.latest(ctx.store, before=int(now))
    if q is None:
        return TileData(view="gempa")
    site = ctx.config.site
    seen = quakes.about(q, site.region, ctx.tz, site.boundaries)
    recent = quakes.recent(ctx.store, since=int(now) - tile.period, until=int(now),
                           limit=MAX_QUAKES)
    first = {"ts": q.ts, "magnitude": q.magnitude, "depth_km": q.depth_km, "lat": q.lat,
             "lon": q.lon, "region": q.region, "felt": q.felt, "tsunami": q.tsunami,
             "warning": seen.warning, "distance_km": seen.distance_km, "latest": True}
    items = [first] + [{"ts": r.ts, "magnitude": r.magnitude, "depth_km": r.depth_km,
                        "lat": r.lat, "lon": r.lon, "latest": False}
                       for r in recent if r.event_id != q.event_id]
    return TileData(view="gempa", last_ts=q.ts, start=int(now) - tile.period, end=int(now),
                    items=items)


def cuaca_tile(ctx: AppContext, tile: Tile, now: float, scope: str | None = None) -> TileData:
    """Today's BMKG forecast per kabupaten/kota in ``scope`` (``data.weather.today``)."""
    rows = weather.today(ctx.store, now, ctx.tz, scope)
    items = [{"region": r.region, "rain_mm": r.rain_mm, "temp_c": r.temp_c,
              "words": [list(w) for w in r.words], "warnings": list(r.warnings)}
             for r in rows]
    return TileData(view="cuaca", last_ts=max((r.ts for r in rows), default=None),
                    items=items)


def spbe_tile(ctx: AppContext, tile: Tile, now: float, scope: str | None = None) -> TileData:
    """The latest SPBE evaluation year: every region's index and predikat, best first
    (``data.spbe_answers``, as ``/spbe``); ``value`` is the year."""
    area = ctx.config.site.region
    b = spbe_book(ctx.store, area, scope)
    if not b.years:
        return TileData(view="spbe")
    year = b.years[-1]
    limit = tile.limit if "limit" in tile.model_fields_set else MAX_BARS
    items = [{"region": r.region, "index": r.index, "predikat": r.predikat,
              "change": r.change} for r in b.ranking(year)[:limit]]
    head = b.headline(year, area)
    return TileData(view="spbe", last_ts=spbe_last_update(ctx.store, area), items=items,
                    extra={"area": area, "year": year, "index": head.index,
                           "predikat": head.predikat, "mean_of": head.mean_of,
                           "reached": head.reached, "counted": head.counted, "demo": b.demo})


def tile_data(ctx: AppContext, tile: Tile, now: float, scope: str | None = None) -> TileData:
    """The data of ``tile`` at ``now`` in ``scope`` (raises whatever the store raises)."""
    if tile.view == "sla":
        return sla_tile(ctx, tile, now, scope)
    if tile.view == "gempa":
        return gempa_tile(ctx, tile, now)
    if tile.view == "cuaca":
        return cuaca_tile(ctx, tile, now, scope)
    if tile.view == "spbe":
        return spbe_tile(ctx, tile, now, scope)
    if tile.view == "headlines":
        return headlines_tile(ctx, tile, now)
    if tile.view == "topics":
        return topics_tile(ctx, tile, now)
    metric = ctx.config.metric(tile.metric or "")
    if metric is None:  # config validation forbids it; a calm empty tile if it happens
        return TileData(view=tile.view)
    if tile.view == "kpi":
        return kpi_tile(ctx, tile, metric, now, scope)
    if tile.view in ("line", "area"):
        return trend_tile(ctx, tile, metric, now, scope)
    return totals_tile(ctx, tile, metric, now, scope)


def ticker_items(ctx: AppContext, limit: int = 12) -> list[dict]:
    """The newest headlines for the ticker: ``{"outlet", "title"}``."""
    df = articles(ctx.store, limit=limit)
    return [{"outlet": str(r.outlet or ""), "title": str(r.title or "")}
            for r in df.itertuples(index=False) if r.title]
