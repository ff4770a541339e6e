"""The red banner of /wall and / in Chromium: it appears within one refresh of a critical
alert firing and leaves within one refresh of its resolving (the worker's evaluator writes
the states; the page only reads them); the KPI card of the metric names its alert meanwhile.
Screenshots of the wall and of / with the banner."""

from __future__ import annotations

import time

import pytest
from pantau.data.alerting import Evaluator
from pantau.data.batch import Batch, Sample
from pantau.data.store import RunRecord
from support.config import config_from

REFRESH = 2


def make_cfg():
    return config_from({
        "site": {"name": "Command Center NTB", "timezone": "Asia/Makassar"},
        "web": {"min_refresh": 1},
        "metrics": [{"name": "lapor_count", "title": "Aduan LAPOR!", "agg": "last"}],
        "sources": [{"id": "lapor", "kind": "csv", "every": "5s", "timeout": "2s",
                     "options": {"path": "/x.csv",
                                 "values": [{"metric": "lapor_count", "column": "n",
                                             "labels": {"region": "kode"}}]}}],
        "screens": [{"id": "layanan", "title": "Layanan publik",
                     "tiles": [{"metric": "lapor_count", "view": "kpi", "period": "1d"}]}],
        "wall": {"playlist": ["layanan"], "refresh": f"{REFRESH}s"},
        "alerts": {"rules": [{"id": "lonjakan", "metric": "lapor_count", "above": 10,
                              "by": ["region"], "severity": "critical"}]},
    })


def collect(store, ev, value):
    now = int(time.time())
    store.write(Batch(samples=[Sample("lapor_count", value, {"region": "52.03"}, now)]),
                {"lapor_count"}, now=now)
    store.record_run(RunRecord("lapor", now, now + 0.1, "up", 1))
    ev.after_run("lapor")


@pytest.mark.browser
@pytest.mark.slow
def test_wall_and_overview_banner_follow_a_critical_alert(sqlite_store, live_app, page,
                                                           artifacts):
    cfg = make_cfg()
    ev = Evaluator(cfg, sqlite_store)
    collect(sqlite_store, ev, 3)
    base = live_app(cfg, sqlite_store)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(base + "/wall")
    page.wait_for_selector("#wall-stage")
    page.wait_for_timeout(REFRESH * 1000 + 500)  # a refresh with nothing firing
    assert page.inner_text("#wall-alert-banner") == ""
    assert not page.is_visible("#wall-alert-banner")

    collect(sqlite_store, ev, 48)
    fired = time.monotonic()
    page.wait_for_selector("#wall-alert-banner:has-text('PERINGATAN KRITIS')",
                           timeout=(REFRESH + 2) * 1000)
    shown = time.monotonic() - fired
    assert shown <= REFRESH + 1.5, shown
    assert page.inner_text("#wall-alert-banner").strip() == \
        "⚠ PERINGATAN KRITIS: Aduan LAPOR! di Kabupaten Lombok Timur"
    page.screenshot(path=str(artifacts / "alerts-wall-banner.png"))

    overview = page.context.new_page()
    overview.goto(base + "/")
    overview.wait_for_selector("#ov-alert-banner:has-text('Lombok Timur')")
    card = "#ov-card-layanan-lapor_count"  # the card of the metric names its alert
    assert overview.get_attribute(card, "data-alert") == "firing"
    assert overview.inner_text(f"{card} .kpi-alert") == "MENYALA · kritis: lonjakan"
    overview.screenshot(path=str(artifacts / "alerts-overview-banner.png"))

    collect(sqlite_store, ev, 2)
    resolved = time.monotonic()
    page.wait_for_function("document.getElementById('wall-alert-banner').innerText === ''",
                           timeout=(REFRESH + 2) * 1000)
    assert time.monotonic() - resolved <= REFRESH + 1.5
    assert not page.is_visible("#wall-alert-banner")
    overview.reload()
    overview.wait_for_selector("#ov-body")
    assert overview.inner_text("#ov-alert-banner") == ""
    assert overview.get_attribute(card, "data-alert") == ""
    assert page.errors == []
    ev.close()
