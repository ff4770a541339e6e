"""The periods an executive picks from: the rule lives in ``data.periods`` (one window for
"7d" everywhere); the names stay here for the pages that import them.
"""

from __future__ import annotations

from pantau.data.periods import DEFAULT_PERIOD, PERIODS, period_key, window
from pantau.data.periods import period_end as window_end

__all__ = ["DEFAULT_PERIOD", "PERIODS", "period_key", "window", "window_end"]
