"""The state of one alert (a rule and a label set) and how an observation moves it, like
Grafana's: normal -> pending -> firing -> (keep firing) -> normal, with ``nodata`` and
``error`` apart. Pure: ``data.alerting`` reads the observations and stores the results.

    state, events = step(rule, state, Observation(bad=True, value=12.0), now)
    state, events = step(rule, state, TIMER, now)     # the sweep: only time moves

``events`` are the transitions worth remembering: ``firing``, ``resolved``, ``repeat``
(resend while firing), ``nodata`` and ``error`` (entering those states). Only firing,
repeat and resolved are notified.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from pantau.data.alert_models import Rule

NORMAL, PENDING, FIRING, NODATA, ERROR = "normal", "pending", "firing", "nodata", "error"
STATES = (NORMAL, PENDING, FIRING, NODATA, ERROR)
NOTIFIED = ("firing", "repeat", "resolved")


@dataclass
class AlertState:
    """One row of ``alert_states``."""

    rule_id: str
    labels_key: str
    labels: dict = field(default_factory=dict)
    state: str = NORMAL
    value: float | None = None
    active_ts: float | None = None
    """When it became pending."""
    starts_ts: float | None = None
    """When it fired (the episode's start: ``starts_at``)."""
    clear_ts: float | None = None
    """When its condition cleared while firing (``keep_firing_for`` counts from here)."""
    sent_ts: float | None = None
    repeats: int = 0
    updated_ts: float = 0.0
    ack_by: str | None = None
    ack_note: str | None = None
    ack_ts: float | None = None


@dataclass(frozen=True)
class Observation:
    """What one evaluation saw: ``bad`` (None: no data), the value, or an error."""

    bad: bool | None
    value: float | None = None
    error: str | None = None


TIMER = Observation(bad=None, error="timer")
"""No new value: let only the clocks move (``for``, ``keep_firing_for``, ``repeat``)."""


@dataclass(frozen=True)
class Event:
    """A transition: ``kind`` one of firing, repeat, resolved, nodata, error."""

    kind: str
    ts: float
    value: float | None
    starts_ts: float | None
    ends_ts: float | None = None
    repeats: int = 0


def _fire(rule: Rule, s: AlertState, now: float) -> list[Event]:
    s.state, s.starts_ts, s.sent_ts, s.repeats, s.clear_ts = FIRING, now, now, 0, None
    s.ack_by = s.ack_note = s.ack_ts = None
    return [Event("firing", now, s.value, now)]


def _resolve(s: AlertState, now: float) -> list[Event]:
    event = Event("resolved", now, s.value, s.starts_ts, ends_ts=now, repeats=s.repeats)
    s.state, s.active_ts, s.clear_ts = NORMAL, None, None
    return [event]


def _timers(rule: Rule, s: AlertState, now: float) -> list[Event]:
    if s.state == PENDING and now - (s.active_ts or now) >= (rule.for_ or 0):
        return _fire(rule, s, now)
    if s.state == FIRING and s.clear_ts is not None \
            and now - s.clear_ts >= (rule.keep_firing_for or 0):
        return _resolve(s, now)
    if s.state == FIRING and s.clear_ts is None and rule.repeat \
            and now - (s.sent_ts or now) >= rule.repeat:
        s.sent_ts, s.repeats = now, s.repeats + 1
        return [Event("repeat", now, s.value, s.starts_ts, repeats=s.repeats)]
    return []


def step(rule: Rule, prev: AlertState, obs: Observation, now: float
         ) -> tuple[AlertState, list[Event]]:
    """The state after ``obs`` at ``now`` and the transitions it made. ``prev`` is not
    changed. A firing alert stays firing through missing data and errors (no spurious
    recovery); it resolves only on a value that is good again (past ``resolve_below`` /
    ``resolve_above``) for ``keep_firing_for``."""
    s = dataclasses.replace(prev, labels=dict(prev.labels))
    s.updated_ts = now
    if obs is TIMER:
        return s, _timers(rule, s, now)
    if obs.value is not None:
        s.value = obs.value
    if obs.error is not None or obs.bad is None:
        if s.state == FIRING:
            return s, _timers(rule, s, now)
        new = ERROR if obs.error is not None else NODATA
        if s.state == new:
            return s, []
        s.state, s.active_ts = new, None
        return s, [Event(new, now, s.value, None)]
    if obs.bad:
        if s.state == FIRING:
            s.clear_ts = None
            return s, _timers(rule, s, now)
        if s.state != PENDING:
            s.state, s.active_ts = PENDING, now
        return s, _timers(rule, s, now)
    # good
    if s.state == FIRING:
        if s.clear_ts is None:
            s.clear_ts = now
        return s, _timers(rule, s, now)
    s.state, s.active_ts = NORMAL, None
    return s, []


def holding(state: AlertState) -> bool:
    """Whether the alert is pending or firing: hysteresis applies (``Rule.breached``)."""
    return state.state in (PENDING, FIRING)
