"""The server goes away for 30 s and comes back: the wall keeps its data, says the connection
is lost, and shows live data again by itself, without a reload."""

from __future__ import annotations

import time

import pytest
from server_proc import free_port, start, stop
from wall_seed import open_wall

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_server_stopped_for_30_s_then_live_again_without_a_reload(page, ntb_history):
    port = free_port()
    proc = start(ntb_history.url, port)
    try:
        open_wall(page, f"http://127.0.0.1:{port}/wall?playlist=layanan&rotate=600")
        page.evaluate("window.__marker = 'same page'")
        kpi = page.locator(".wall-tile--kpi .wall-kpi-value").first
        before = kpi.inner_text()
        assert page.inner_text("#wall-conn") == ""

        stop(proc)
        stopped = time.monotonic()
        page.wait_for_function("document.getElementById('wall-conn').textContent "
                               "=== 'koneksi terputus'", timeout=15000)
        # the last data stays on the wall: nothing blank, nothing replaced by an error
        assert kpi.inner_text() == before
        assert page.locator(".wall-tile.is-live").count() == 6
        assert page.locator(".wall-news-item").count() > 0

        # meanwhile new complaints arrive in the store
        now = int(time.time())
        ntb_history.write_points([("lapor_complaints_received_count", {"region": "52.71"},
                              [now - now % 3600], [400.0])])
        page.wait_for_timeout(max(0, 30 - (time.monotonic() - stopped)) * 1000)
        assert page.inner_text("#wall-conn") == "koneksi terputus"
        assert kpi.inner_text() == before

        proc = start(ntb_history.url, port)
        page.wait_for_function("document.getElementById('wall-conn').textContent === ''",
                               timeout=20000)
        page.wait_for_function(f"""() => document.querySelector(
            '.wall-tile--kpi .wall-kpi-value').textContent !== {before!r}""", timeout=20000)
        after = kpi.inner_text()
        assert int(after.replace(".", "")) >= int(before.replace(".", "")) + 400
        assert page.evaluate("window.__marker") == "same page"  # no reload by hand or script
        assert page.errors == []
    finally:
        stop(proc)

