"""Wall screens in /metrics: each screen's refresh is counted, and the refresh interval is
published beside it, so that screens connected = rate(refreshes) x interval. A real Chromium
shows /wall of a running ``pantau run``."""

from __future__ import annotations

import signal
import subprocess
import time

import pytest
import yaml
from ops_helpers import get_json, wait_for, write_config
from support.proc import pantau
from test_metrics import scrape, value

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_wall_refreshes_are_counted(tmp_path, browser, artifacts):
    cfg = write_config(tmp_path, every="5s")
    raw = yaml.safe_load(cfg.read_text())
    raw["web"]["min_refresh"] = "2s"
    raw["screens"] = [{"id": "ops", "title": "Operasional", "tiles": [
        {"metric": "server_load", "view": "kpi", "period": "400d"}]}]
    raw["wall"] = {"playlist": ["ops"], "refresh": "2s", "rotate": "10s"}
    cfg.write_text(yaml.safe_dump(raw, sort_keys=False))
    base = f"http://127.0.0.1:{raw['web']['port']}"
    proc = pantau("run", "-c", str(cfg), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                  cwd=tmp_path)
    try:
        assert wait_for(lambda: get_json(base + "/healthz")[0] == 200, 120)
        before = value(scrape(base), "pantau_wall_refreshes_total")
        ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
        page = ctx.new_page()
        page.goto(base + "/wall", wait_until="networkidle")
        began = time.monotonic()
        got = wait_for(lambda: value(scrape(base), "pantau_wall_refreshes_total")
                       >= before + 3, 40, every=0.5)
        took = time.monotonic() - began
        page.screenshot(path=str(artifacts / "ops-wall-metrics.png"))
        ctx.close()
        later = scrape(base)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)
    assert got, later
    assert value(later, "pantau_wall_refresh_interval_seconds") == 2
    # One screen, refreshing every 2 s: 3 refreshes take about 4 s (the first comes at load).
    assert took < 20
    api = value(later, "pantau_http_requests_total", route="/_dash-update-component",
                method="POST", status="200")
    assert api >= value(later, "pantau_wall_refreshes_total")
