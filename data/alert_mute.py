"""When notifications wait: mute windows of config (``alerts.mute``: a time range, a weekly
window, national holidays and cuti bersama) and ad-hoc silences by an operator.

    until = muted_until(cfg, "lonjakan", now)        # None, or when the window ends
    why = silenced_by(silences, "lonjakan", labels)  # None, or the silence's reason

A mute window holds a notification until it ends (the alert still shows on /alerts; if it
still fires then, it is sent). A silence drops it: an operator said so, with a reason.
Holidays are those of the site's working-day calendar (``data.workdays``: national holidays
and cuti bersama of the ``holidays`` package, plus ``calendar.extra_holidays``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from pantau.data.alert_models import DAYS, Mute, local_time
from pantau.data.config_models import Config
from pantau.data.workdays import Calendar, calendar_of
from pantau.data.zones import zone


def _clock(hhmm: str) -> time | None:
    return None if hhmm == "24:00" else time.fromisoformat(hhmm)


def holiday_name(day: date, calendar: Calendar | None = None) -> str | None:
    """The national holiday, cuti bersama or config extra holiday on ``day``, or None: the
    one rule of ``data.workdays``."""
    return (calendar or Calendar()).holiday_name(day)


def window_end(mute: Mute, now: float, tz: str,
               calendar: Calendar | None = None) -> float | None:
    """When ``mute`` ends if it holds at ``now``, else None (``calendar``: the site's
    ``data.workdays.calendar_of(cfg)``, for its extra holidays)."""
    here = datetime.fromtimestamp(now, zone(tz))
    if mute.start is not None:
        start = local_time(mute.start).replace(tzinfo=zone(tz))
        end = local_time(mute.end).replace(tzinfo=zone(tz))
        return end.timestamp() if start <= here < end else None
    if mute.days:
        if DAYS[here.weekday()] not in mute.days:
            return None
        begin, stop = _clock(mute.from_), _clock(mute.to)
        day0 = here.replace(hour=0, minute=0, second=0, microsecond=0)
        start = day0.replace(hour=begin.hour, minute=begin.minute) if begin else day0
        end = (day0.replace(hour=stop.hour, minute=stop.minute) if stop
               else day0 + timedelta(days=1))
        return end.timestamp() if start <= here < end else None
    if mute.holidays and holiday_name(here.date(), calendar):
        nxt = here.date() + timedelta(days=1)
        while holiday_name(nxt, calendar):
            nxt += timedelta(days=1)
        return datetime.combine(nxt, time(0), zone(tz)).timestamp()
    return None


def muted_until(cfg: Config, rule_id: str, now: float) -> float | None:
    """The end of the latest mute window holding ``rule_id`` at ``now``, or None."""
    cal = calendar_of(cfg)
    ends = [window_end(m, now, cfg.site.timezone, cal) for m in cfg.alerts.mute
            if not m.rules or rule_id in m.rules]
    ends = [e for e in ends if e is not None]
    return max(ends) if ends else None


def silenced_by(silences: list[dict], rule_id: str, labels: dict) -> str | None:
    """The reason of the first silence (``data.alert_store.active_silences``) covering the
    alert of ``rule_id`` with ``labels``, or None."""
    for s in silences:
        if s["rule_id"] not in (None, rule_id):
            continue
        if all(labels.get(k) == v for k, v in s["labels"].items()):
            return f"silenced by {s['author']}: {s['reason']}"
    return None
