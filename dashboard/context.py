"""What every page, callback and API handler is given: config, store, clock and cache."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from pantau.dashboard.cache import Cache
from pantau.data.config_models import Config
from pantau.data.store import Store


@dataclass
class AppContext:
    """The web side's view of the world. ``clock`` returns epoch seconds (tests fix it)."""

    config: Config
    store: Store
    clock: Callable[[], float] = time.time
    cache: Cache = field(default_factory=Cache)

    @property
    def tz(self) -> str:
        return self.config.site.timezone

    def lang(self, requested: str | None = None) -> str:
        """``requested`` when it is a language we speak, else the site's language."""
        return requested if requested in ("id", "en") else self.config.site.language

    def refresh_seconds(self, asked: float | None) -> int:
        """A refresh interval no faster than ``web.min_refresh`` (enforced server-side too)."""
        floor = self.config.web.min_refresh
        try:
            asked_s = int(float(asked)) if asked is not None else floor
        except (TypeError, ValueError):
            asked_s = floor
        return max(floor, asked_s)
