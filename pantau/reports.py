"""Scheduled reports (issue 20): ``reports:`` of config.yaml made by the worker at their
``cron`` (the site's zone) and delivered through the alerts' outbox and channels.

    reporter = Reporter(cfg, store)
    reporter.schedule(scheduler)           # one cron job per report with a cron
    reporter.fire(report, scheduled_ts)    # claim, render, queue (the job does this)
    pantau report send weekly              # now: claim, render, queue, deliver, say how it went
    pantau report render weekly -o f.pdf   # the file only

Exactly once per schedule: ``data.report_store.claim`` inserts (report id, scheduled time)
under a unique key; of several workers firing the same minute one wins, the others skip.
The scheduled time is the cron's own fire time (the job runs within ``GRACE`` seconds of it),
so every worker names the same one. The file is made from the page's own questions
(``dashboard.report.make``) for the whole site (or the report's ``region``).
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import time
from collections.abc import Callable

from pantau.data.config_models import Config
from pantau.data.config_reports import Report

log = logging.getLogger("pantau.reports")

GRACE = 55
"""A report job starts within this many seconds of its fire time, or is skipped as missed."""


class Reporter:
    """Makes and queues the reports of ``cfg`` in ``store``."""

    def __init__(self, cfg: Config, store, clock: Callable[[], float] = time.time):
        from pantau.dashboard.cache import Cache
        from pantau.dashboard.context import AppContext

        self.cfg, self.store, self.clock = cfg, store, clock
        self.ctx = AppContext(cfg, store, clock=clock, cache=Cache())
        self.who = f"{socket.gethostname()}:{os.getpid()}"

    def render(self, report: Report) -> tuple[str, str, bytes]:
        """``(file name, MIME type, bytes)`` of ``report`` now."""
        from pantau.dashboard.report import Spec, make

        return make(self.ctx, Spec.of(report), None, report.format)

    def summary(self, report: Report, name: str) -> str:
        from pantau.dashboard.i18n import t

        title = report.title or t(f"report.{report.page}", report.lang)
        return f"{title} · {self.cfg.site.name}\n{name}"

    def fire(self, report: Report, scheduled_ts: int) -> int | None:
        """Claim ``report`` at ``scheduled_ts``; when this worker got it, render it and queue
        it for its channels. Returns the claim's id, or None when another worker had it."""
        from pantau.data.report_store import claim, failed, queue

        run_id = claim(self.store, report.id, scheduled_ts, self.clock(), self.who)
        if run_id is None:
            log.info("report %s at %s: claimed by another worker", report.id, scheduled_ts)
            return None
        try:
            name, mime, data = self.render(report)
        except Exception as exc:  # a report that cannot be made must not stop the worker
            failed(self.store, run_id, f"{type(exc).__name__}: {exc}")
            log.error("report %s: not made: %s", report.id, exc)
            return run_id
        n = queue(self.store, run_id, report.id, scheduled_ts, report.channels, name, mime,
                  data, self.summary(report, name), self.clock())
        log.info("report %s at %s: %s (%d bytes) queued for %d channel(s)", report.id,
                 scheduled_ts, name, len(data), n)
        return run_id

    def schedule(self, sched) -> int:
        """A cron job on ``sched`` (``collectors.scheduler.Scheduler``) per report with a
        cron; return how many."""
        n = 0
        for r in self.cfg.reports:
            if r.cron:
                sched.cron(r.cron, lambda when, r=r: self.fire(r, when), f"_report_{r.id}",
                           GRACE)
                n += 1
        return n


# -- the command -------------------------------------------------------------------------
def cmd_report(args) -> int:
    from pantau.config import load_or_fail, open_store
    from pantau.errors import EXIT_FAIL, EXIT_OK, UsageError

    cfg = load_or_fail(args.config)
    report = cfg.report(args.report_id)
    if report is None:
        known = ", ".join(r.id for r in cfg.reports) or "none"
        raise UsageError(f"no report {args.report_id!r} in reports: (configured: {known})")
    store = open_store(cfg)
    try:
        reporter = Reporter(cfg, store)
        if args.report_command == "render":
            name, _, data = reporter.render(report)
            with open(args.output, "wb") as f:
                f.write(data)
            print(f"{args.output}: {name}, {len(data):,} bytes")
            return EXIT_OK
        if not report.channels:
            raise UsageError(f"report {report.id!r} has no channels to send to")
        return EXIT_OK if send_now(reporter, report) else EXIT_FAIL
    finally:
        store.dispose()


def send_now(reporter: Reporter, report: Report, wait: float = 60.0) -> bool:
    """Make ``report`` now and deliver it through every channel; True when all took it. What
    did not arrive stays queued for the worker's sender to try again."""
    from pantau.data.alert_store import SENT, outbox
    from pantau.sender import Sender

    when = int(reporter.clock())
    run_id = reporter.fire(report, when)
    if run_id is None:
        print(f"pantau: report {report.id} was sent this second already", file=sys.stderr)
        return False
    prefix = f"report:{report.id}:{when}:"
    sender = Sender(reporter.cfg, reporter.store)
    try:
        deadline = time.monotonic() + wait
        while True:
            sender.send_due(only=prefix)
            rows = [r for r in outbox(reporter.store) if r["key"].startswith(prefix)]
            if not rows or all(r["status"] == SENT for r in rows) or \
                    all(r["tries"] for r in rows if r["status"] != SENT) or \
                    time.monotonic() > deadline:
                break
            time.sleep(0.5)
    finally:
        sender.close()
    if not rows:
        print(f"pantau: report {report.id} could not be made (see the log)", file=sys.stderr)
        return False
    for r in rows:
        if r["status"] == SENT:
            print(f"{r['channel']}: sent")
        else:
            print(f"{r['channel']}: not delivered ({r['last_error']}); the worker retries",
                  file=sys.stderr)
    return all(r["status"] == SENT for r in rows)
