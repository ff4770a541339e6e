"""Fixtures for the collector tests: configs built from dicts, a threaded local HTTP server,
fixed clocks, paths of the fixture files."""

from __future__ import annotations

import pytest
from collector_helpers import build_config, run_rows, stored  # noqa: F401


@pytest.fixture
def make_config():
    return build_config


@pytest.fixture
def threaded_server():
    """A pytest-httpserver that answers requests concurrently (a hung handler must not block
    the next request)."""
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


class FixedClock:
    """A clock tests move by hand."""

    def __init__(self, now: float):
        self.now = float(now)

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return FixedClock(1_780_300_800)  # 2026-06-01 08:00:00 UTC


@pytest.fixture
def run_once(clock):
    """``run_once(cfg, store, source_id, **runner_kw) -> RunResult`` through the real runner."""
    from pantau.collectors.runner import Runner

    def run(cfg, store, source_id, **kw):
        kw.setdefault("clock", clock)
        runner = Runner.from_config(cfg, store, **kw)
        try:
            return runner.run(cfg.source(source_id))
        finally:
            runner.close()

    return run
