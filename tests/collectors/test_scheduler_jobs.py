"""The scheduler: one job per enabled source from ``every``/``cron``, coalesced, never
overlapping, with a misfire grace; the nightly retention job; runs on time past a hung source."""

from __future__ import annotations

import threading
import time

import pytest
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from collector_helpers import run_rows
from pantau.collectors.runner import Runner
from pantau.collectors.scheduler import RETENTION_JOB, Scheduler
from pantau.data.store import RunRecord

VALUES = [{"metric": "lapor_complaints_received_count", "path": "n"}]


def _sources(url):
    return [
        {"id": "every15", "kind": "http_json", "every": "15m", "options": {"url": url,
                                                                          "values": VALUES}},
        {"id": "daily", "kind": "http_json", "cron": "0 6 * * *", "timeout": "1m",
         "options": {"url": url, "values": VALUES}},
        {"id": "off", "kind": "http_json", "every": "1m", "timeout": "10s", "enabled": False,
         "options": {"url": url, "values": VALUES}},
    ]


def test_jobs_from_config(sqlite_store, make_config, clock):
    cfg = make_config(_sources("http://127.0.0.1:9/x"))
    # every15 last ran 5 minutes ago: after a restart it is next due 10 minutes from now.
    sqlite_store.record_run(RunRecord("every15", clock.now - 300, clock.now - 299, "up", 1))
    sched = Scheduler(cfg, Runner.from_config(cfg, sqlite_store, clock=clock))
    jobs = {j.id: j for j in sched.jobs()}
    assert set(jobs) == {"every15", "daily", RETENTION_JOB}
    every, daily, retention = jobs["every15"], jobs["daily"], jobs[RETENTION_JOB]
    assert isinstance(every.trigger, IntervalTrigger)
    assert every.trigger.interval.total_seconds() == 900
    assert every.next_run_time.timestamp() == clock.now + 600
    assert isinstance(daily.trigger, CronTrigger)
    assert str(daily.trigger.timezone) == "Asia/Makassar"
    for job in (every, daily):
        assert (job.coalesce, job.max_instances) == (True, 1)
    assert every.misfire_grace_time == 450          # half the interval
    assert daily.misfire_grace_time == 3600         # capped at an hour
    assert str(retention.trigger) == "cron[hour='2', minute='30']"


def test_never_run_source_starts_now(sqlite_store, make_config, clock):
    cfg = make_config(_sources("http://127.0.0.1:9/x"))
    sched = Scheduler(cfg, Runner.from_config(cfg, sqlite_store, clock=clock))
    job = {j.id: j for j in sched.jobs()}["every15"]
    assert job.next_run_time.timestamp() == clock.now


@pytest.mark.slow
def test_runs_start_on_time_past_a_hung_endpoint(sqlite_store, threaded_server, make_config):
    release = threading.Event()
    threaded_server.expect_request("/hung").respond_with_handler(
        lambda req: (release.wait(30), '{"n": 1}')[1])
    threaded_server.expect_request("/ok").respond_with_data('{"n": 1}')
    cfg = make_config([
        {"id": "hung", "kind": "http_json", "every": "2s", "timeout": "1s", "retries": 1,
         "options": {"url": threaded_server.url_for("/hung"), "values": VALUES}},
        {"id": "ok", "kind": "http_json", "every": "2s", "timeout": "1s",
         "options": {"url": threaded_server.url_for("/ok"), "values": VALUES}},
    ])
    results = []
    sched = Scheduler(cfg, Runner.from_config(cfg, sqlite_store), on_result=results.append)
    thread = threading.Thread(target=sched.start, daemon=True)
    t0 = time.time()
    thread.start()
    time.sleep(7.3)
    sched.stop()
    thread.join(5)
    assert sched.wait_idle(5)
    release.set()
    assert not thread.is_alive()
    hung = run_rows(sqlite_store, "hung")
    ok = run_rows(sqlite_store, "ok")
    assert len(hung) >= 3 and len(ok) >= 3, (len(hung), len(ok))
    assert {r["status"] for r in hung} <= {"pending", "down"}
    assert all(r["error"].startswith("timed out after 1s") for r in hung)
    starts = [r["started_ts"] - t0 for r in hung]
    # On time: every 2 s from the start, each run abandoned after ~1 s, never overlapping.
    for a, b in zip(hung, hung[1:], strict=False):
        assert b["started_ts"] >= a["finished_ts"], "runs of one source overlapped"
        assert 1.7 < b["started_ts"] - a["started_ts"] < 2.5, starts
    assert all(0.9 < r["finished_ts"] - r["started_ts"] < 1.6 for r in hung)
    assert all(r["status"] == "up" for r in ok)
    # After stop() nothing new started.
    stopped_at = time.time()
    time.sleep(2.2)
    assert len(run_rows(sqlite_store, "ok")) == len(ok)
    assert all(r["started_ts"] < stopped_at for r in run_rows(sqlite_store))


def test_retention_job_deletes_old_samples(store, make_config, clock):
    cfg = make_config(_sources("http://127.0.0.1:9/x"))
    now = int(time.time())
    old, recent = now - 731 * 86400, now - 86400
    store.write_points([("server_load", {"host": "a"}, [old, recent], [1.0, 2.0])])
    sched = Scheduler(cfg, Runner.from_config(cfg, store, clock=clock))
    sched._retention()  # what the nightly job runs
    with store.reader.connect() as conn:
        left = [r[0] for r in conn.exec_driver_sql("SELECT ts FROM samples ORDER BY ts")]
    assert left == [recent]
