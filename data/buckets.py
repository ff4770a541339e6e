"""Time buckets on integer timestamps: alignment, nice steps, and which rollup can answer."""

from __future__ import annotations

from pantau.data.schema import ROLLUP_LEVELS, level_shift

NICE_STEPS = (60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
              2 * 86400, 7 * 86400, 14 * 86400, 30 * 86400)


def nice_step(span: int, max_points: int = 1000) -> int:
    """The smallest step from ``NICE_STEPS`` that cuts ``span`` seconds into at most
    ``max_points`` buckets (a whole number of days beyond the table)."""
    need = max(1, -(-int(span) // max(1, int(max_points))))
    for step in NICE_STEPS:
        if step >= need:
            return step
    return -(-need // 86400) * 86400


def coarser_step(step: int, span: int, max_points: int) -> int:
    """``step`` itself when ``span`` holds at most ``max_points`` buckets of it; otherwise,
    for a step of ``NICE_STEPS``, the smallest nice step that is a multiple of it and fits,
    else the smallest multiple of ``step`` that fits: the coarser buckets nest the asked ones."""
    step = int(step)
    if -(-int(span) // step) <= max_points:
        return step
    need = -(-int(span) // max(1, int(max_points)))
    if step in NICE_STEPS:
        for nice in NICE_STEPS:
            if nice >= need and nice % step == 0:
                return nice
    return -(-need // step) * step


def origin_for(step: int, utc_offset: int = 0) -> int:
    """Bucket origin in [0, step) so that buckets of a day or more start at local midnight
    for a zone ``utc_offset`` seconds east of UTC (WITA: 28800)."""
    if step < 3600 or step % 3600:
        return 0
    return (-utc_offset) % step if step >= 86400 else (-utc_offset) % 3600 % step


def align_down(ts: int, step: int, origin: int = 0) -> int:
    return ts - (ts - origin) % step


def align_up(ts: int, step: int, origin: int = 0) -> int:
    down = align_down(ts, step, origin)
    return down if down == ts else down + step


def rollup_level(step: int, origin: int, day_shift: int = 0) -> int | None:
    """The coarsest rollup level (seconds) whose buckets nest inside buckets of ``step``
    starting at ``origin``, or None when only raw samples can answer. ``day_shift``: the
    store's ``meta.day_shift`` (daily rollups start at that zone's midnight)."""
    for level in ROLLUP_LEVELS:
        if step % level == 0 and (origin + level_shift(level, day_shift)) % level == 0:
            return level
    return None
