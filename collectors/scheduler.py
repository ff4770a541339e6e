"""The scheduler of ``pantau worker``: one APScheduler 3 job per enabled source, plus the nightly
retention job and, when the catalogue has ``complaints_overdue_count``, its nightly point.

    sched = Scheduler(cfg, runner, on_result=print)
    sched.start()          # blocks until stop() (from a signal handler, say)
    sched.wait_idle(60)    # runs in flight finish; none start after stop()

Jobs use ``coalesce=True`` (a backlog of missed runs becomes one run), ``max_instances=1`` (runs
of one source never overlap; the source's timeout, shorter than its interval, makes a hung run
give way before the next one is due) and an explicit misfire grace of half the interval (at
most an hour). At start, each source is next due one interval after its last recorded run, or
now, so a restart neither floods sources nor leaves them waiting a whole interval.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from pantau.collectors.runner import Runner, RunResult
from pantau.data.complaint_metrics import OVERDUE_METRIC
from pantau.data.config import interval_seconds
from pantau.data.config_models import Config, Source
from pantau.data.health import next_due
from pantau.data.runs import last_started

log = logging.getLogger("pantau.worker")

RETENTION_JOB = "_retention"
RETENTION_AT = (2, 30)
"""Local time (hour, minute) of the nightly retention job."""
COMPLAINTS_JOB = "_complaints_overdue"
COMPLAINTS_AT = (0, 5)
"""Local time (hour, minute) of the nightly ``complaints_overdue_count`` point: just after
midnight, when the stages due the day before become lewat tenggat."""
MAX_GRACE = 3600


def misfire_grace(source: Source, tz: str) -> int:
    """How late a run may still start: half the interval, between 1 s and an hour."""
    return max(1, min(interval_seconds(source, tz) // 2, MAX_GRACE))


def trigger_for(source: Source, tz: str):
    """The APScheduler trigger of ``every`` or ``cron``."""
    if source.cron:
        return CronTrigger.from_crontab(source.cron, timezone=ZoneInfo(tz))
    return IntervalTrigger(seconds=source.every, timezone=ZoneInfo(tz))


class Scheduler:
    """Runs every enabled source of ``cfg`` on its schedule through ``runner``."""

    def __init__(self, cfg: Config, runner: Runner, *,
                 on_result: Callable[[RunResult], None] | None = None, max_workers: int = 4,
                 clock: Callable[[], float] | None = None):
        self.cfg = cfg
        self.runner = runner
        self.on_result = on_result
        self.clock = clock or runner.clock
        self.tz = cfg.site.timezone
        self.sched = BlockingScheduler(
            timezone=ZoneInfo(self.tz),
            executors={"default": ThreadPoolExecutor(max_workers)},
            job_defaults={"coalesce": True, "max_instances": 1})
        self._stopping = threading.Event()
        self._idle = threading.Condition()
        self._active = 0
        self.add_jobs()

    def last_started(self) -> dict[str, float]:
        """``{source id: start of its last recorded run}``."""
        try:
            return last_started(self.runner.store)
        except Exception as exc:  # an unreadable store must not stop scheduling
            log.error("cannot read past runs (%s); every source starts now", exc)
            return {}

    def add_jobs(self) -> None:
        """One job per enabled source (rebuilt from config at every start), and retention."""
        now = self.clock()
        last = self.last_started()
        for src in self.cfg.sources:
            if not src.enabled:
                continue
            first = None
            if src.every:
                due = next_due(src, last.get(src.id), now, self.tz)
                first = datetime.fromtimestamp(due, UTC)
            kw = {"next_run_time": first} if first is not None else {}
            self.sched.add_job(self._job, trigger_for(src, self.tz), args=[src], id=src.id,
                               name=src.id, coalesce=True, max_instances=1,
                               misfire_grace_time=misfire_grace(src, self.tz), **kw)
        hour, minute = RETENTION_AT
        self.sched.add_job(self._retention, CronTrigger(hour=hour, minute=minute,
                                                        timezone=ZoneInfo(self.tz)),
                           id=RETENTION_JOB, name="retention", coalesce=True, max_instances=1,
                           misfire_grace_time=MAX_GRACE)
        if OVERDUE_METRIC in self.runner.catalogue:
            hour, minute = COMPLAINTS_AT
            self.sched.add_job(self.complaints_overdue, CronTrigger(
                hour=hour, minute=minute, timezone=ZoneInfo(self.tz)), id=COMPLAINTS_JOB,
                name="complaints overdue", coalesce=True, max_instances=1,
                misfire_grace_time=MAX_GRACE)

    def every(self, seconds: float, fn: Callable[[], object], job_id: str) -> None:
        """Also call ``fn()`` every ``seconds`` (the alerts' sweep), never two at once; an
        exception is logged, the job stays."""
        def job():
            if self._stopping.is_set():
                return
            try:
                fn()
            except Exception:
                log.exception("%s failed", job_id)

        self.sched.add_job(job, IntervalTrigger(seconds=seconds, timezone=ZoneInfo(self.tz)),
                           id=job_id, name=job_id, coalesce=True, max_instances=1,
                           misfire_grace_time=max(1, int(seconds // 2)))

    def cron(self, expr: str, fn: Callable[[int], object], job_id: str, grace: int) -> None:
        """Also call ``fn(fire_time)`` at each time of the crontab ``expr`` in the site's
        zone (the scheduled reports), within ``grace`` seconds of it or not at all; the fire
        time (epoch s) is the trigger's own, the same on every worker."""
        trigger = CronTrigger.from_crontab(expr, timezone=ZoneInfo(self.tz))

        def job():
            if self._stopping.is_set():
                return
            now = datetime.now(ZoneInfo(self.tz))
            fire = trigger.get_next_fire_time(None, now - timedelta(seconds=grace))
            try:
                fn(int(fire.timestamp()))
            except Exception:
                log.exception("%s failed", job_id)

        self.sched.add_job(job, trigger, id=job_id, name=job_id, coalesce=True,
                           max_instances=1, misfire_grace_time=grace)

    def jobs(self) -> list:
        return self.sched.get_jobs()

    def _job(self, source: Source) -> None:
        if self._stopping.is_set():
            return
        with self._idle:
            self._active += 1
        try:
            result = self.runner.run(source)
            if self.on_result is not None and not result.skipped:
                self.on_result(result)
        except Exception:  # Runner.run never raises; this guards on_result
            log.exception("%s: unexpected error after the run", source.id)
        finally:
            with self._idle:
                self._active -= 1
                self._idle.notify_all()

    def complaints_overdue(self) -> None:
        """The nightly point of ``complaints_overdue_count`` (errors logged, never raised)."""
        if self._stopping.is_set():
            return
        try:
            n = self.runner.complaint_metrics(self.clock())
            log.info("complaints_overdue_count: %d point(s) written", n)
        except Exception as exc:
            log.error("complaints_overdue_count failed: %s", exc)

    def _retention(self) -> None:
        if self._stopping.is_set():
            return
        try:
            n = self.runner.store.apply_retention()
            log.info("retention: deleted %d samples older than %d days", n,
                     self.runner.store.retention_days)
        except Exception as exc:
            log.error("retention failed: %s", exc)

    def start(self) -> None:
        """Run until ``stop()``; blocks."""
        if not self._stopping.is_set():
            self.sched.start()

    def stop(self) -> None:
        """Stop scheduling (safe from a signal handler): no new run starts, runs in flight go
        on; call ``wait_idle`` after ``start`` returns."""
        if self._stopping.is_set():
            return
        self._stopping.set()
        # shutdown takes the scheduler's locks, which the interrupted main thread may hold:
        # do it from a thread of its own.
        threading.Thread(target=self._shutdown, name="scheduler-stop", daemon=True).start()

    def _shutdown(self) -> None:
        try:
            self.sched.shutdown(wait=False)
        except Exception as exc:  # already stopped
            log.debug("shutdown: %s", exc)

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no run is in flight; False if some still were after ``timeout``."""
        with self._idle:
            return self._idle.wait_for(lambda: self._active == 0, timeout)
