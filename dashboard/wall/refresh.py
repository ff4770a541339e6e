"""The refresh answer: every tile's content, the down strip and the ticker, cached per time
bucket so ten screens asking the same thing cost one query, and a client asking faster than
``web.min_refresh`` gets the cached answer (the server-side floor of the refresh rate).

Store errors never reach the page: the tile keeps what it shows (``dash.no_update``), greyed
and marked as delayed. Each tile's answer carries a hash; a tile whose hash the client already
has is not sent again.
"""

from __future__ import annotations

import hashlib
import json
import logging

import plotly.utils

from dashboard.context import AppContext
from dashboard.wall import tiles as tiles_mod
from dashboard.wall.freshness import down_sources, freshness, health_rows
from dashboard.wall.tiledata import ticker_items, tile_data
from data.config_models import Tile

log = logging.getLogger(__name__)
FAILED = "failed"


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


def _digest(*parts) -> str:
    raw = json.dumps(parts, cls=plotly.utils.PlotlyJSONEncoder, sort_keys=True)
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def health(ctx: AppContext, now: float) -> dict[str, dict]:
    n, start = bucket(ctx, now)
    return ctx.cache.get_or_set(f"wall:health:{n}", bucket_seconds(ctx),
                                lambda: health_rows(ctx, start))


def tile_view(ctx: AppContext, tile: Tile, lang: str, theme: str,
              now: float) -> tuple[tiles_mod.TileView, str]:
    """``(view, hash)`` of ``tile``; on a store error the "failed" view (keep what is shown)."""
    n, start = bucket(ctx, now)
    spec = tile.model_dump_json()
    ttl = bucket_seconds(ctx)

    def compute():
        rows = health(ctx, now)
        data = ctx.cache.get_or_set(f"wall:data:{spec}:{n}", ttl,
                                    lambda: tile_data(ctx, tile, start))
        f = freshness(ctx.config, tile, rows, data.last_ts, start)
        view = tiles_mod.render(ctx.config, tile, data, f, start, lang, ctx.tz, theme)
        return view, _digest(view.class_name, view.fresh, view.body, view.figure)

    try:
        return ctx.cache.get_or_set(f"wall:view:{spec}:{lang}:{theme}:{n}", ttl, compute)
    except Exception:  # the store (or anything under it) failed: keep the last good value
        log.warning("wall tile %s: store error", spec, exc_info=True)
        return tiles_mod.failed(tile, lang), FAILED


def extras(ctx: AppContext, now: float) -> tuple[list[str], list[dict]] | None:
    """``(down source ids, ticker items)``, or None when the store does not answer."""
    n, _ = bucket(ctx, now)
    try:
        down = down_sources(health(ctx, now))
        items = ctx.cache.get_or_set(f"wall:ticker:{n}", bucket_seconds(ctx),
                                     lambda: ticker_items(ctx))
    except Exception:
        log.warning("wall header: store error", exc_info=True)
        return None
    return down, items


def tile_answers(ctx: AppContext, keys: list[str], lang: str, theme: str, now: float,
                 known: dict[str, str] | None) -> dict[str, tuple[tiles_mod.TileView, str] | None]:
    """Per tile key: ``(view, hash)`` to send, or None when the client already shows it (or
    the key names no tile)."""
    known = known or {}
    out: dict[str, tuple[tiles_mod.TileView, str] | None] = {}
    for key in keys:
        tile = resolve(ctx, key)
        if tile is None:
            out[key] = None
            continue
        view, digest = tile_view(ctx, tile, lang, theme, now)
        out[key] = None if digest != FAILED and known.get(key) == digest else (view, digest)
    return out
