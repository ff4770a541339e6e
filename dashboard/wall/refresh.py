"""The refresh answer: every tile's content, the down strip and the ticker, cached per time
bucket so ten screens asking the same thing cost one query, and a client asking faster than
``web.min_refresh`` gets the cached answer (the server-side floor of the refresh rate).

Store errors never reach the page: the tile keeps what it shows (``dash.no_update``), greyed
and marked as delayed. Each part of a tile's answer (class, mark, body, figure) carries a hash;
a part whose hash the client already has is not sent again, so a map is sent when its data
changes, not each time its freshness mark moves on.
"""

from __future__ import annotations

import hashlib
import json
import logging

import plotly.utils
from pantau.dashboard.access import current
from pantau.dashboard.context import AppContext
from pantau.dashboard.wall import tiles as tiles_mod
from pantau.dashboard.wall.freshness import down_sources, freshness, health_rows
from pantau.dashboard.wall.tiledata import ticker_items, tile_data
from pantau.data.config_models import Tile

log = logging.getLogger(__name__)
PARTS = ("class", "fresh", "body", "figure")
Digests = tuple[str | None, str | None, str | None, str | None]
"""One hash per part of a tile view; None for a part the view leaves as it is."""


def bucket_seconds(ctx: AppContext) -> int:
    """The cache granularity: the fastest refresh the server allows."""
    return max(1, int(ctx.config.web.min_refresh))


def bucket(ctx: AppContext, now: float) -> tuple[int, int]:
    """``(bucket number, bucket start)`` of ``now``."""
    size = bucket_seconds(ctx)
    n = int(now // size)
    return n, n * size


def tile_key(screen_id: str, position: int) -> str:
    return f"{screen_id}:{position}"


def resolve(ctx: AppContext, key: str) -> Tile | None:
    """The tile named by ``key`` (``screen id:position``), or None for a stale page."""
    screen_id, _, pos = str(key).rpartition(":")
    screen = ctx.config.screen(screen_id)
    if screen is None or not pos.isdigit() or int(pos) >= len(screen.tiles):
        return None
    return screen.tiles[int(pos)]


def digest(value) -> str | None:
    """A short hash of a JSON-able value (Dash components and figures included)."""
    if value is None:
        return None
    raw = json.dumps(value, cls=plotly.utils.PlotlyJSONEncoder, sort_keys=True)
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def digests(view: tiles_mod.TileView) -> Digests:
    return (digest(view.class_name), digest(view.fresh), digest(view.body), digest(view.figure))


def health(ctx: AppContext, now: float) -> dict[str, dict]:
    n, start = bucket(ctx, now)
    return ctx.cache.get_or_set(f"wall:health:{n}", bucket_seconds(ctx),
                                lambda: health_rows(ctx, start))


def tile_view(ctx: AppContext, tile: Tile, lang: str, theme: str,
              now: float) -> tuple[tiles_mod.TileView, Digests]:
    """``(view, digests)`` of ``tile``; on a store error the "failed" view, which leaves body
    and figure as they are."""
    n, start = bucket(ctx, now)
    spec = tile.model_dump_json()
    ttl = bucket_seconds(ctx)
    scope = current().region  # a scoped screen or user: the cache keeps it apart too

    def compute():
        rows = health(ctx, now)
        data = ctx.cache.get_or_set(f"wall:data:{spec}:{scope}:{n}", ttl,
                                    lambda: tile_data(ctx, tile, start, scope))
        f = freshness(ctx.config, tile, rows, data.last_ts, start)
        view = tiles_mod.render(ctx.config, tile, data, f, start, lang, ctx.tz, theme, scope)
        return view, digests(view)

    try:
        return ctx.cache.get_or_set(f"wall:view:{spec}:{lang}:{theme}:{scope}:{n}", ttl,
                                    compute)
    except Exception as exc:  # the store (or anything under it) failed: keep the last value
        # one line per tile and refresh: a store that stays down must not flood the log
        log.warning("wall tile %s/%s: %s: %s", tile.view, tile.metric or "-",
                    type(exc).__name__, str(exc).splitlines()[0][:200])
        view = tiles_mod.failed(tile, lang)
        return view, digests(view)


def extras(ctx: AppContext, now: float) -> tuple[list[str], list[dict]] | None:
    """``(down source ids, ticker items)``, or None when the store does not answer."""
    n, _ = bucket(ctx, now)
    try:
        down = down_sources(health(ctx, now))
        items = ctx.cache.get_or_set(f"wall:ticker:{n}", bucket_seconds(ctx),
                                     lambda: ticker_items(ctx))
    except Exception as exc:
        log.warning("wall header: %s: %s", type(exc).__name__, str(exc).splitlines()[0][:200])
        return None
    return down, items


def tile_answers(ctx: AppContext, keys: list[str], lang: str, theme: str, now: float,
                 known: dict[str, list] | None) -> dict[str, tuple[tiles_mod.TileView, Digests]]:
    """Per tile key (keys naming no tile are left out): the view and its part hashes, with
    the parts the client already shows (same hash in ``known``) set to None."""
    known = known or {}
    out: dict[str, tuple[tiles_mod.TileView, Digests]] = {}
    for key in keys:
        tile = resolve(ctx, key)
        if tile is None:
            continue
        view, hashes = tile_view(ctx, tile, lang, theme, now)
        have = list(known.get(key) or [None] * len(PARTS))
        parts = [view.class_name, view.fresh, view.body, view.figure]
        keep = [h is None or h == k for h, k in zip(hashes, have, strict=True)]
        sent = [None if k else v for v, k in zip(parts, keep, strict=True)]
        merged = tuple(k if h is None else h for h, k in zip(hashes, have, strict=True))
        out[key] = (tiles_mod.TileView(*sent), merged)
    return out
