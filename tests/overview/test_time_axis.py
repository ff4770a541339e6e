"""The one rule for time-axis ticks (``dashboard/figures/time_axis.py``): round local times at
one even step, never more than asked, and no date skipped between equally spaced ticks."""

from __future__ import annotations

import random
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pantau.dashboard.figures.explore_chart import ticks as explore_ticks
from pantau.dashboard.figures.time_axis import tick_positions, tick_times

WITA = "Asia/Makassar"
HOUR, DAY = 3600, 86400
# 2 Dec 2026 10:18 WITA: the "now" of the demo where "25, 27, 28 Nov" was seen.
NOW = int(datetime(2026, 12, 2, 10, 18, tzinfo=ZoneInfo(WITA)).timestamp())


def local(ts: int, tz: str = WITA) -> datetime:
    return datetime.fromtimestamp(ts, ZoneInfo(tz))


def test_a_week_has_one_tick_per_day_at_local_midnight():
    vals, texts = tick_times(NOW - 7 * DAY, NOW, "id", WITA)
    assert texts == ["26 Nov", "27 Nov", "28 Nov", "29 Nov", "30 Nov", "1 Des", "2 Des"]
    assert all(local(v).hour == 0 and local(v).minute == 0 for v in vals)
    assert {b - a for a, b in zip(vals, vals[1:], strict=False)} == {DAY}


def test_labels_follow_the_step():
    assert tick_times(NOW - 5 * HOUR, NOW, "id", WITA)[1] == \
        ["06:00", "07:00", "08:00", "09:00", "10:00"]
    day = tick_times(NOW - DAY, NOW, "en", WITA)[1]
    assert day == ["12:00", "15:00", "18:00", "21:00", "2 Dec", "03:00", "06:00", "09:00"]
    assert tick_times(NOW - 180 * DAY, NOW, "id", WITA)[1] == \
        ["1 Jul", "1 Agu", "1 Sep", "1 Okt", "1 Nov", "1 Des"]
    assert tick_times(NOW - 3 * 365 * DAY, NOW, "id", WITA)[1][:2] == ["Jan 2024", "Jul 2024"]
    assert tick_times(NOW, NOW, "id", WITA) == ([NOW], ["10:18"])


@pytest.mark.parametrize("tz", [WITA, "Asia/Jakarta", "Asia/Jayapura"])
def test_ticks_are_round_evenly_stepped_and_bounded(tz):
    rng = random.Random(17)
    for _ in range(400):
        lo = NOW - rng.randrange(0, 400 * DAY)
        hi = lo + rng.choice([rng.randrange(60, 3 * DAY), rng.randrange(DAY, 3 * 365 * DAY)])
        n = rng.choice([5, 6, 8])
        vals = tick_positions(lo, hi, tz, n)
        assert 1 <= len(vals) <= n and all(lo <= v <= hi for v in vals), (lo, hi, n)
        when = [local(v, tz) for v in vals]
        assert all(w.second == 0 for w in when)
        if hi - lo > 8 * HOUR:
            assert all(w.minute == 0 for w in when)
        steps = {b - a for a, b in zip(vals, vals[1:], strict=False)}
        if all(w.hour == 0 and w.day == 1 for w in when) and hi - lo > 60 * DAY:
            months = {(b.year * 12 + b.month) - (a.year * 12 + a.month)
                      for a, b in zip(when, when[1:], strict=False)}
            assert len(months) <= 1  # every k-th first of the month
        else:
            assert len(steps) <= 1  # hours and days: one step throughout
        if len(vals) > 1 and min(steps) <= DAY:
            # with a step of a day or less, the next round time after the last tick is past hi
            assert vals[-1] + min(steps) > hi


def test_explorer_ticks_use_the_same_rule():
    shift = 8 * HOUR * 1000  # the explorer's x values are wall-clock ms
    vals, texts = explore_ticks((NOW - 7 * DAY) * 1000 + shift, NOW * 1000 + shift, "id")
    assert texts == tick_times(NOW - 7 * DAY, NOW, "id", WITA)[1]
    assert [v - shift for v in vals] == [v * 1000 for v in tick_times(NOW - 7 * DAY, NOW, "id",
                                                                       WITA)[0]]
