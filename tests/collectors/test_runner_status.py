"""Source status like an uptime monitor, from the ``runs`` table; nothing escapes the runner."""

from __future__ import annotations

import logging

from collector_helpers import run_rows, stored
from pantau.collectors.http_json import HttpJsonOptions
from pantau.collectors.runner import Runner
from pantau.data.health import source_health

VALUES = [{"metric": "lapor_complaints_received_count", "path": "data[].masuk",
           "labels": {"region": "data[].kode"}}]
BODY = '{"data": [{"kode": "52.01", "masuk": 4}, {"kode": "52.71", "masuk": 9}]}'


def _cfg(make_config, url, retries=2):
    return make_config([{"id": "lapor", "kind": "http_json", "every": "15m", "timeout": "5s",
                         "retries": retries, "options": {"url": url, "values": VALUES}}])


def _scripted(httpserver, statuses):
    answers = list(statuses)

    def handler(_req):
        from werkzeug import Response

        status = answers.pop(0)
        return Response(BODY if status == 200 else "gateway error", status=status)

    httpserver.expect_request("/api").respond_with_handler(handler)


def test_200_500_500_200_500_500_500_with_two_retries(store, httpserver, make_config, clock):
    _scripted(httpserver, [200, 500, 500, 200, 500, 500, 500])
    cfg = _cfg(make_config, httpserver.url_for("/api"))
    runner = Runner.from_config(cfg, store, clock=clock)
    seen, health = [], []
    for _ in range(7):
        seen.append(runner.run(cfg.source("lapor")).status)
        clock.advance(900)
        health.append(source_health(store, cfg.sources, clock.now, cfg.site.timezone)
                      .iloc[0]["status"])
    runner.close()
    assert seen == ["up", "pending", "pending", "up", "pending", "pending", "down"]
    assert health == ["UP", "PENDING", "PENDING", "UP", "PENDING", "PENDING", "DOWN"]
    rows = run_rows(store, "lapor")
    assert [r["status"] for r in rows] == seen
    assert [r["samples"] for r in rows] == [2, 0, 0, 2, 0, 0, 0]
    assert rows[-1]["error"].startswith("HTTP 500 from ")
    assert rows[0]["error"] is None


def test_failures_are_counted_across_restarts(store, httpserver, make_config, clock):
    _scripted(httpserver, [500, 500, 500, 200])
    cfg = _cfg(make_config, httpserver.url_for("/api"))
    statuses = []
    for _ in range(4):  # a fresh runner each time, as after a worker restart
        runner = Runner.from_config(cfg, store, clock=clock)
        statuses.append(runner.run(cfg.source("lapor")).status)
        runner.close()
    assert statuses == ["pending", "pending", "down", "up"]


def test_no_retries_means_down_at_once(store, httpserver, make_config, run_once):
    _scripted(httpserver, [500])
    cfg = _cfg(make_config, httpserver.url_for("/api"), retries=0)
    assert run_once(cfg, store, "lapor").status == "down"


class Exploding:
    """A collector with a bug: it raises something that is not a CollectError."""

    kind = "http_json"
    Options = HttpJsonOptions

    def collect(self, options, ctx):
        raise RuntimeError("boom\nwith a second line")


def test_an_exception_becomes_a_runs_row(store, make_config, run_once, caplog):
    cfg = _cfg(make_config, "http://127.0.0.1:9/never")
    with caplog.at_level(logging.ERROR):
        res = run_once(cfg, store, "lapor", kinds={"http_json": Exploding})
    assert (res.status, res.error) == ("pending", "RuntimeError: boom")
    assert run_rows(store, "lapor")[-1]["error"] == "RuntimeError: boom"
    assert "Traceback" in caplog.text  # the operator gets the traceback in the log


def test_a_store_failure_is_recorded_not_raised(sqlite_store, httpserver, make_config, run_once):
    _scripted(httpserver, [200])
    with sqlite_store.writer.begin() as conn:
        conn.exec_driver_sql("DROP TABLE samples")
    res = run_once(_cfg(make_config, httpserver.url_for("/api")), sqlite_store, "lapor")
    assert res.status == "pending"
    assert res.error == "store: no such table: samples"
    assert run_rows(sqlite_store, "lapor")[-1]["error"] == res.error


def test_unknown_metric_samples_are_rejected_and_counted(store, httpserver, caplog):
    # config.yaml's check refuses such a source; a catalogue that lacks a metric a source
    # emits (a prometheus exporter, say) must still never store what it does not know.
    from pantau.collectors.runner import run_source
    from pantau.data.config_models import Source

    httpserver.expect_request("/api").respond_with_data(BODY)
    src = Source(id="lapor", kind="http_json", every=900,
                 options={"url": httpserver.url_for("/api"), "values": VALUES})
    res = run_source(src, store=store, catalogue={"service_up"}, clock=lambda: 1780300800)
    assert (res.status, res.samples, res.rejected) == ("up", 0, 2)
    assert run_rows(store, "lapor")[-1]["rejected"] == 2
    assert "metric 'lapor_complaints_received_count' is not in the catalogue (2)" in caplog.text
    assert stored(store, "lapor_complaints_received_count") == []


def test_unknown_kind_is_a_run_error(store):
    from pantau.collectors.runner import run_source
    from pantau.data.config_models import Source

    res = run_source(Source(id="x", kind="nope", every=60), store=store, catalogue=set(),
                     clock=lambda: 1780300800)
    assert res.status == "pending"
    assert res.error.startswith("unknown kind 'nope'")


def test_one_run_per_source_across_hosts_on_postgresql(store, httpserver, make_config, clock):
    """Another host's worker holds the source's advisory lock: this one skips the run."""
    import pytest
    from pantau.data.locks import lock_key
    from sqlalchemy import text as sql

    if store.dialect != "postgresql":
        pytest.skip("advisory locks are PostgreSQL's (SQLite stores have one worker)")
    _scripted(httpserver, [200, 200])
    cfg = _cfg(make_config, httpserver.url_for("/api"))
    other_host = store.writer.connect()
    key = lock_key("lapor", other_host.execute(sql("SELECT current_schema()")).scalar())
    try:
        other_host.execute(sql("SELECT pg_advisory_lock(:k)"), {"k": key})
        runner = Runner.from_config(cfg, store, clock=clock)
        res = runner.run(cfg.source("lapor"))
        assert res.skipped and run_rows(store, "lapor") == []
        other_host.execute(sql("SELECT pg_advisory_unlock(:k)"), {"k": key})
        other_host.commit()
        assert runner.run(cfg.source("lapor")).status == "up"
        runner.close()
    finally:
        other_host.close()
    assert [r["status"] for r in run_rows(store, "lapor")] == ["up"]
