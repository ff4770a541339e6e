"""``pantau worker``: the collectors' scheduler in the foreground.

Logs one line per run to stderr (source, status, samples, rejected, duration, error), and on
SIGTERM or SIGINT stops scheduling, lets the runs in flight finish, and exits 0.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading

from pantau.collectors.runner import Runner, RunResult
from pantau.collectors.scheduler import Scheduler
from pantau.data.config_models import Config
from pantau.data.runs import RunStatus
from pantau.data.telemetry import instrument_store, observe_run
from pantau.errors import EXIT_FAIL, EXIT_OK
from pantau.logs import setup_logging

log = logging.getLogger("pantau.worker")


def run_line(r: RunResult) -> str:
    """The log line of one run."""
    line = (f"run {r.source_id} status={r.status} samples={r.samples} rejected={r.rejected} "
            f"articles={r.articles} duration={r.duration:.3f}s")
    if r.error:
        line += f" error={r.error!r}"
    return line


def log_run(r: RunResult) -> None:
    """Log and count one run: INFO when the source answered, WARNING with the reason when it
    did not; the counts go to /metrics (``pantau.data.telemetry``)."""
    observe_run(r.source_id, str(r.status), r.duration, r.samples, r.rejected, r.articles)
    log.log(logging.INFO if r.status == RunStatus.UP else logging.WARNING, run_line(r),
            extra={"source": r.source_id, "status": r.status, "reason": r.error})


SWEEP_ENV = "PANTAU_ALERT_SWEEP"
"""Seconds between sweeps of the alert rules (default 60; tests shorten it)."""


class Alerting:
    """The alerts of one worker: rules evaluated after each run and by a sweep every minute,
    the outbox sent by a thread of its own (``pantau.sender``)."""

    def __init__(self, cfg: Config, store):
        from pantau.data.alert_store import forget_rules
        from pantau.data.alerting import Evaluator
        from pantau.sender import Sender

        self.evaluator = Evaluator(cfg, store)
        self.sender = Sender(cfg, store)
        try:  # states of rules taken out of config.yaml would show on /alerts no more anyway
            gone = forget_rules(store, [r.id for r in cfg.alerts.rules])
            if gone:
                log.info("alerts: forgot %d state(s) of rules no longer configured", gone)
        except Exception as exc:  # the store away: the states wait for the next start
            log.warning("alerts: cannot tidy old states: %s", str(exc).splitlines()[0])
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self.sender.loop, args=(self._stop,),
                                        name="alert-sender", daemon=True)

    def after_run(self, r: RunResult) -> None:
        """``log_run``, then the rules reading ``r``'s source."""
        log_run(r)
        try:
            self.evaluator.after_run(r.source_id)
        except Exception as exc:  # an unreachable store: the sweep tries again
            log.error("alerts after %s: %s", r.source_id, str(exc).splitlines()[0])

    def start(self, sched: Scheduler) -> None:
        sched.every(float(os.environ.get(SWEEP_ENV) or 60), self.evaluator.sweep,
                    "_alerts_sweep")
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(30)
        self.evaluator.close()
        self.sender.close()


def run_worker(cfg: Config) -> int:
    """Schedule every enabled source of ``cfg`` until SIGTERM/SIGINT; return the exit code."""
    from pantau.config import open_store

    setup_logging()
    try:
        store = open_store(cfg)
    except Exception as exc:  # unreachable database, failed migration
        print(f"pantau: worker cannot open the store: {exc}".splitlines()[0], file=sys.stderr)
        return EXIT_FAIL
    instrument_store(store)
    runner = Runner.from_config(cfg, store)
    scheduled = [r for r in cfg.reports if r.cron and r.channels]
    # the alerts' sender also delivers the scheduled reports (pantau.reports)
    alerts = Alerting(cfg, store) if cfg.alerts.rules or scheduled else None
    sched = Scheduler(cfg, runner, on_result=alerts.after_run if alerts else log_run)
    if alerts:
        alerts.start(sched)
    if scheduled:
        from pantau.reports import Reporter

        n = Reporter(cfg, store).schedule(sched)
        log.info("reports: %d scheduled (%s)", n, ", ".join(r.id for r in scheduled))
    stopped = {}

    def _stop(signum, _frame):
        stopped["signal"] = signum
        sched.stop()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, _stop)
    sources = [s.id for s in cfg.sources if s.enabled]
    log.info("worker started: %d source(s) scheduled (%s); store %s", len(sources),
             ", ".join(sources) or "none", store.dialect)
    try:
        sched.start()
    finally:
        longest = max((s.timeout for s in cfg.sources), default=30)
        if not sched.wait_idle(longest + 30):
            log.warning("worker: runs still in flight after %ss; stopping anyway", longest + 30)
        if alerts:
            alerts.stop()
        runner.close()
        store.dispose()
    name = signal.Signals(stopped["signal"]).name if stopped else "end"
    log.info("worker stopped (%s)", name)
    return EXIT_OK
