"""What a wall URL asks for: ``/wall?playlist=a,b&rotate=30&theme=dark&lang=en&refresh=60``.

Bad values never fail the page: each falls back to ``config.yaml`` (``wall``), and the refresh
is never faster than ``web.min_refresh``.
"""

from __future__ import annotations

from dataclasses import dataclass

from pantau.dashboard.context import AppContext
from pantau.data.config_models import Screen
from pantau.data.durations import parse_duration

THEMES = ("dark", "light")
MIN_ROTATE = 2
PING_SECONDS = 5
"""How often the page asks ``/healthz`` whether the server is reachable."""


@dataclass(frozen=True)
class WallParams:
    screens: tuple[Screen, ...]
    rotate: int
    refresh: int
    theme: str
    lang: str

    @property
    def playlist(self) -> list[str]:
        return [s.id for s in self.screens]


def _seconds(value: str | None, default: int) -> int:
    if value is None or str(value).strip() == "":
        return default
    try:
        return parse_duration(str(value).strip())
    except ValueError:
        return default


def playlist(ctx: AppContext, asked: str | list[str] | None) -> tuple[Screen, ...]:
    """The screens to rotate through: the asked ids that exist (in the asked order, each
    once), else ``wall.playlist``, else every screen of the config."""
    cfg = ctx.config
    if isinstance(asked, str):
        asked = [p.strip() for p in asked.split(",")]
    ids = list(dict.fromkeys(p for p in (asked or []) if p and cfg.screen(p)))
    if not ids:
        ids = [p for p in cfg.wall.playlist if cfg.screen(p)] or [s.id for s in cfg.screens]
    return tuple(cfg.screen(i) for i in ids)


def parse(ctx: AppContext, params: dict, lang: str) -> WallParams:
    """The wall's settings from the URL query ``params`` (one value per key)."""
    wall = ctx.config.wall
    theme = params.get("theme")
    return WallParams(
        screens=playlist(ctx, params.get("playlist")),
        rotate=max(MIN_ROTATE, _seconds(params.get("rotate"), wall.rotate)),
        refresh=ctx.refresh_seconds(_seconds(params.get("refresh"), wall.refresh)),
        theme=theme if theme in THEMES else wall.theme,
        lang=lang,
    )
