"""How fresh a tile is, against the cadence of the sources that feed it.

Marks: ``fresh`` (last success within 1.5 intervals), ``late`` (later than that), ``stale``
(data older than the metric's ``stale_after``, for data no configured source feeds),
``delayed`` (a source is failing: DOWN or PENDING without delivering samples, or stale per
``data.health``) and ``waiting`` (no data yet). A probe that reports a service as down still
delivers samples, so its tile stays live: "failing" means the data stopped, not the service.
"""

from __future__ import annotations

from dataclasses import dataclass

from pantau.dashboard import fmt
from pantau.dashboard.context import AppContext
from pantau.dashboard.i18n import t
from pantau.data import health as _health
from pantau.data.config import metric_sources
from pantau.data.config_models import Config, Tile
from pantau.data.health import failing
from pantau.data.quakes import QUAKE_FEEDS

LATE_FACTOR = 1.5
GRACE = 60
NEWS_METRIC = "news_articles_count"


@dataclass(frozen=True)
class Freshness:
    mark: str
    """fresh | late | stale | delayed | waiting"""
    ts: int | None = None
    """The time the mark names: the last update, or since when the data is delayed."""

    @property
    def delayed(self) -> bool:
        return self.mark == "delayed"


def health_rows(ctx: AppContext, now: float) -> dict[str, dict]:
    """``{source id: health row}`` of every configured source (see ``data.health``)."""
    return _health.health_rows(ctx.store, ctx.config, now)


def tile_sources(cfg: Config, tile: Tile) -> list[str]:
    """The ids of the sources that feed ``tile``."""
    if tile.view == "sla":
        return [s.id for s in cfg.sources if s.kind == "complaints"]
    if tile.view in ("gempa", "cuaca"):
        feeds = ("cuaca",) if tile.view == "cuaca" else QUAKE_FEEDS
        return [s.id for s in cfg.sources
                if s.kind == "bmkg" and getattr(s.options, "feed", None) in feeds]
    if tile.view in ("headlines", "topics"):
        ids = [s.id for s in cfg.sources if s.kind == "rss"]
        ids += metric_sources(cfg).get(NEWS_METRIC, [])
        return list(dict.fromkeys(ids))
    return list(metric_sources(cfg).get(tile.metric or "", []))


def freshness(cfg: Config, tile: Tile, health: dict[str, dict] | None, last_ts: int | None,
              now: float) -> Freshness:
    """The freshness mark of ``tile`` whose newest data is at ``last_ts``."""
    rows = [health[i] for i in tile_sources(cfg, tile)
            if health and i in health and health[i].get("enabled", True)]
    failing_rows = [r for r in rows if failing(r)]
    pooled = tile.view in ("headlines", "topics", "gempa")  # many feeds: one failing is only late
    if failing_rows and (not pooled or len(failing_rows) == len(rows)):
        since = [r["last_success_ts"] for r in failing_rows if r.get("last_success_ts")]
        return Freshness("delayed", int(min(since)) if since else last_ts)
    if last_ts is None:
        return Freshness("waiting")
    ok = [r for r in rows if r.get("last_success_ts")]
    if ok:
        seen = int(min(r["last_success_ts"] for r in ok))
        if failing_rows:
            return Freshness("late", seen)
        interval = min(r.get("interval_s") or 0 for r in ok) or 0
        if interval and now - seen > LATE_FACTOR * interval + GRACE:
            return Freshness("late", seen)
        return Freshness("fresh", seen)
    metric = cfg.metric(tile.metric or "")
    if metric is not None and metric.stale_after and now - last_ts > metric.stale_after:
        return Freshness("stale", last_ts)
    return Freshness("fresh", last_ts)


def when(ts: int, now: float, lang: str, tz: str) -> str:
    """``09:15 WITA`` today, ``27 Nov 2026 09:15 WITA`` on another day."""
    if fmt.date(ts, lang, tz) == fmt.date(now, lang, tz):
        return fmt.clock(ts, lang, tz)
    return fmt.when(ts, lang, tz)


def mark_text(f: Freshness, now: float, lang: str, tz: str) -> list[str]:
    """The words of the mark, in parts that may wrap apart: ["Diperbarui 09:15 WITA"],
    ["DATA TERTUNDA", "sejak 09:15 WITA"], ["Menunggu data pertama"]."""
    if f.mark == "delayed":
        if f.ts is None:
            return [t("wall.delayed", lang)]
        return [t("wall.delayed", lang), t("wall.since", lang, time=when(f.ts, now, lang, tz))]
    if f.mark == "waiting" or f.ts is None:
        return [t("wall.waiting", lang)]
    return [t("wall.updated", lang, time=when(f.ts, now, lang, tz))]


def down_sources(health: dict[str, dict] | None) -> list[str]:
    """Ids of the enabled sources whose last run is DOWN."""
    return sorted(i for i, r in (health or {}).items()
                  if r.get("status") == "DOWN" and r.get("enabled", True))
