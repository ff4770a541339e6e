"""Evaluating the alert rules of config.yaml against the store (issue 14).

    ev = Evaluator(cfg, store)
    ev.after_run("lapor_ntb")      # right after a run: the rules that read that source
    ev.sweep()                     # every minute: no_data, source_down and the clocks
    ev.close()

Each rule is evaluated under its own advisory lock (``data.locks``; PostgreSQL), so several
workers never evaluate one rule at once: the one holding it reads the states, moves them
(``data.alert_state.step``) and writes states, history, annotations and notifications in one
transaction; the others skip. Notifications go to the outbox with a unique key per (alert,
transition, channel) as a second guard. A source that is DOWN (or PENDING, failing on its way
to DOWN) holds the threshold and no-data rules of the metrics it alone feeds where they are
(one notification for one cause: its ``source_down`` rule's).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from pantau.data.alert_models import Rule
from pantau.data.alert_state import TIMER, AlertState, Event, Observation, holding, step
from pantau.data.alert_store import Note, Outgoing, load_states, newest, save
from pantau.data.alert_text import payload
from pantau.data.batch import labels_key
from pantau.data.config import interval_seconds, metric_sources
from pantau.data.config_models import Config
from pantau.data.health import metric_stale_after
from pantau.data.locks import SourceLocks
from pantau.data.queries import points, series_labels
from pantau.data.runs import RunStatus, last_statuses
from pantau.data.store import Store

log = logging.getLogger("pantau.alerts")

LOCK_WAIT = 10.0
"""Seconds an evaluation after a run waits for another worker's evaluation of the rule."""
COMBINE = {"sum": "sum", "avg": "mean", "min": "min", "max": "max"}


def outbox_key(rule_id: str, state: AlertState, event: Event, channel: str) -> str:
    """The unique key of one notification: the alert, its episode (when it fired), the
    transition and the channel."""
    episode = int(round((event.starts_ts or 0) * 1000))
    return f"{rule_id}|{state.labels_key}|{episode}|{event.kind}|{event.repeats}|{channel}"


class Evaluator:
    """Evaluates ``cfg``'s rules against ``store`` and queues their notifications."""

    def __init__(self, cfg: Config, store: Store, clock: Callable[[], float] = time.time):
        self.cfg = cfg
        self.store = store
        self.clock = clock
        self.locks = SourceLocks(store)
        self.feeds = metric_sources(cfg)
        self.base_url = cfg.alerts.url or f"http://{cfg.web.host}:{cfg.web.port}"

    # -- which rules, when ----------------------------------------------------------------
    def rules_of(self, source_id: str) -> list[Rule]:
        """The rules that read what ``source_id`` delivers (or whether it runs)."""
        out = []
        for rule in self.cfg.alerts.rules:
            if rule.source_down in (source_id, "any") or (
                    rule.series_metric and source_id in self.feeds.get(rule.series_metric, ())):
                out.append(rule)
        return out

    def after_run(self, source_id: str) -> int:
        """Evaluate the rules of ``source_id`` now (waiting for another worker's evaluation of
        a rule to end: this run's values are new); return the notifications queued."""
        return sum(self.evaluate(rule, wait=LOCK_WAIT) for rule in self.rules_of(source_id))

    def sweep(self) -> int:
        """Evaluate every rule: no_data and source_down from the store, thresholds only on
        their clocks (``for``, ``keep_firing_for``, ``repeat``)."""
        return sum(self.evaluate(rule, timers_only=rule.kind == "threshold")
                   for rule in self.cfg.alerts.rules)

    # -- one rule -------------------------------------------------------------------------
    def evaluate(self, rule: Rule, timers_only: bool = False, wait: float = 0.0) -> int:
        """Evaluate ``rule`` unless another worker is (after waiting up to ``wait`` seconds
        for it to finish); return the notifications queued."""
        deadline = time.monotonic() + wait
        while (held := self.locks.acquire(f"alert:{rule.id}")) is False:
            if time.monotonic() >= deadline:
                return 0
            time.sleep(0.1)
        try:
            return self._evaluate(rule, timers_only)
        finally:
            self.locks.release(held)

    def _evaluate(self, rule: Rule, timers_only: bool) -> int:
        now = self.clock()
        states = {k: s for (_, k), s in load_states(self.store, rule.id).items()}
        statuses = last_statuses(self.store)
        if rule.series_metric and self._source_down(rule.series_metric, statuses):
            return 0  # its source's own alert speaks for it
        if timers_only:
            seen = {k: (s.labels, TIMER) for k, s in states.items()}
        else:
            try:
                seen = self._observe(rule, now, statuses)
            except Exception as exc:  # a failed query is the rule's Error state
                log.error("alert %s: cannot evaluate: %s", rule.id, exc)
                seen = {k: (s.labels, Observation(None, error=str(exc)[:500]))
                        for k, s in states.items()}
            for k, s in states.items():
                seen.setdefault(k, (s.labels, Observation(None)))
        queued = 0
        for key, (labels, obs) in seen.items():
            prev = states.get(key) or AlertState(rule.id, key, labels)
            if rule.kind == "threshold" and obs.bad is not None and obs.value is not None:
                obs = Observation(rule.breached(obs.value, holding(prev)), obs.value)
            new, events = step(rule, prev, obs, now)
            if key not in states and new.state == "normal" and not events:
                continue  # nothing to remember about a label set that was always fine
            queued += self._save(rule, new, events, now)
        return queued

    def _source_down(self, metric: str, statuses: dict[str, str]) -> bool:
        ids = self.feeds.get(metric, [])
        # PENDING too: the source is failing and its source_down alert is on its way.
        return bool(ids) and all(statuses.get(i) in (RunStatus.DOWN, RunStatus.PENDING)
                                 for i in ids)

    def _save(self, rule: Rule, state: AlertState, events: list[Event], now: float) -> int:
        outgoing, notes = [], []
        for e in events:
            if e.kind not in ("firing", "repeat", "resolved"):
                continue
            body = payload(self.cfg, rule, state.labels, e, self.base_url)
            outgoing += [Outgoing(outbox_key(rule.id, state, e, ch), ch, body, now)
                         for ch in rule.notify]
            if e.kind != "repeat":
                notes.append(Note(e.ts, body["summary"], "pantau", "alert", rule.series_metric,
                                  state.labels, rule_id=rule.id))
        new = save(self.store, state, rule.severity, events, outgoing, notes, now)
        for e in events:
            log.info("alert %s %s %s value=%s", rule.id, state.labels_key, e.kind, e.value)
        return new

    # -- what the store says ----------------------------------------------------------------
    def _observe(self, rule: Rule, now: float, statuses: dict[str, str]
                 ) -> dict[str, tuple[dict, Observation]]:
        if rule.kind == "source_down":
            ids = [s.id for s in self.cfg.sources if s.enabled] \
                if rule.source_down == "any" else [rule.source_down]
            out = {}
            for sid in ids:
                if sid not in statuses:
                    continue  # never ran: nothing to say yet
                labels = {"source": sid}
                down = statuses[sid] == RunStatus.DOWN
                out[labels_key(labels)] = (labels, Observation(down, 1.0 if down else 0.0))
            return out
        if rule.kind == "no_data":
            return self._stale(rule, now)
        return self._values(rule, now)

    def _group(self, rule: Rule, labels: dict) -> dict:
        return {k: labels.get(k, "") for k in rule.by}

    def _values(self, rule: Rule, now: float) -> dict[str, tuple[dict, Observation]]:
        metric = self.cfg.metric(rule.metric)
        over = rule.over or self._cadence(rule.metric)
        end = int(now) + 1
        df = points(self.store, rule.metric, end - over, end)
        if df.empty:
            return {}
        out = {}
        by = list(rule.by)
        for name in by:
            if name not in df.columns:
                df[name] = ""
        df[by] = df[by].fillna("") if by else df[by]
        groups = df.groupby(by) if by else [((), df)]
        for key, part in groups:
            values = key if isinstance(key, tuple) else (key,)
            labels = {k: str(v) for k, v in zip(by, values, strict=True)}
            per_series = part.sort_values("ts").groupby("series_id")["value"]
            value = _aggregate(per_series, metric.agg, metric.combine, metric.better)
            out[labels_key(labels)] = (labels, Observation(False, value))
        return out

    def _stale(self, rule: Rule, now: float) -> dict[str, tuple[dict, Observation]]:
        metric = self.cfg.metric(rule.no_data)
        limit = metric_stale_after(self.cfg, metric)
        if limit is None:
            return {}
        labels_of = series_labels(self.store, rule.no_data)
        latest: dict[str, tuple[dict, float]] = {}
        for sid, ts in newest(self.store, labels_of).items():
            labels = self._group(rule, labels_of[sid])
            key = labels_key(labels)
            if key not in latest or ts > latest[key][1]:
                latest[key] = (labels, ts)
        return {k: (labels, Observation(now - ts > limit, float(now - ts)))
                for k, (labels, ts) in latest.items()}

    def _cadence(self, metric: str) -> int:
        ids = self.feeds.get(metric, [])
        gaps = [interval_seconds(s, self.cfg.site.timezone) for s in self.cfg.sources
                if s.id in ids]
        return min(gaps) if gaps else 3600

    def close(self) -> None:
        self.locks.close()


def _aggregate(per_series, agg: str, combine: str | None, better: str) -> float:
    """The metric's ``agg`` over each series' points in the window, then the series
    combined by the metric's ``combine`` (default: sum for sums, else the mean)."""
    each = per_series.last() if agg == "last" else per_series.agg(COMBINE[agg])
    rule = combine or ("sum" if agg == "sum" else "avg")
    if rule == "worst":
        rule = "max" if better == "down" else "min"
    return float(each.agg(COMBINE[rule]))
