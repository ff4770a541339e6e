"""Annotations as markers on charts, in Chromium: on /metric's history an operator's note
("Pemadaman listrik PLN di Sumbawa") and an alert's firing and resolving, each a dotted line
with a flag whose hover says what happened; the same on /explore; the same rows in
/api/v1/annotations. Screenshot of /metric with the note's hover open."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest
from pantau.data.alert_store import Note, add_note
from pantau.data.alerting import Evaluator
from pantau.data.batch import Batch, Sample
from pantau.data.store import RunRecord
from support.config import config_from

HOUR = 3600


def make_cfg():
    return config_from({
        "site": {"name": "Command Center NTB", "timezone": "Asia/Makassar"},
        "metrics": [{"name": "lapor_count", "title": "Aduan LAPOR!", "agg": "sum",
                     "per": "1d"}],
        "sources": [{"id": "lapor", "kind": "csv", "every": "1h", "timeout": "20s",
                     "options": {"path": "/x.csv",
                                 "values": [{"metric": "lapor_count", "column": "n",
                                             "labels": {"region": "kode"}}]}}],
        "alerts": {"rules": [{"id": "lonjakan", "metric": "lapor_count", "above": 40,
                              "by": ["region"], "severity": "critical"}]},
    })


def seed(store, now):
    """Six days of hourly complaints in two regions; a spike two days ago fires and resolves
    the rule; an operator's note 30 hours ago."""
    cfg = make_cfg()
    clock = [0.0]
    ev = Evaluator(cfg, store, clock=lambda: clock[0])
    start = int(now) // HOUR * HOUR - 6 * 24 * HOUR
    for i in range(6 * 24):
        ts = start + i * HOUR
        spike = 96 <= i < 100
        values = {"52.01": 60 if spike else 10 + (i % 24) // 3, "52.04": 5 + i % 4}
        store.write(Batch(samples=[Sample("lapor_count", v, {"region": r}, ts)
                                   for r, v in values.items()]), {"lapor_count"}, now=ts)
        store.record_run(RunRecord("lapor", ts, ts + 1, "up", 2))
        clock[0] = ts
        ev.after_run("lapor")
    ev.close()
    add_note(store, Note(now - 30 * HOUR, "Pemadaman listrik PLN di Sumbawa", "operator1",
                         metric="lapor_count", labels={"region": "52.04"}))
    return cfg


def plot_notes(page, graph: str) -> list[str]:
    return page.evaluate(f"""() => {{
        const el = document.querySelector('{graph} .js-plotly-plot');
        return (el && el.layout.annotations || []).filter(a => a.text === '⚑')
            .map(a => a.hovertext); }}""")


@pytest.mark.browser
@pytest.mark.slow
def test_annotations_on_metric_and_explore_charts(sqlite_store, live_app, page, artifacts):
    now = time.time()
    cfg = seed(sqlite_store, now)
    base = live_app(cfg, sqlite_store)
    page.goto(base + "/metric/lapor_count?period=7d")
    page.wait_for_selector("#metric-history .js-plotly-plot")
    page.wait_for_function("document.querySelectorAll('#metric-history .annotation').length "
                           ">= 3")
    notes = plot_notes(page, "#metric-history")
    assert len(notes) == 3, notes
    assert notes[0].startswith("KRITIS: Aduan LAPOR! di Kabupaten Lombok Barat bernilai 60")
    assert notes[1].startswith("PULIH: Aduan LAPOR! di Kabupaten Lombok Barat kembali normal")
    assert notes[2] == "Pemadaman listrik PLN di Sumbawa<br><i>operator1</i>"
    flags = page.locator("#metric-history .annotation")
    flags.nth(0).hover()  # the note's flag, at the right, sits under the chart's toolbar
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "alerts-metric-annotations.png"), full_page=True)

    # a kabupaten's view keeps its own marks and the site-wide ones only
    page.goto(base + "/metric/lapor_count?period=7d&region=52.04")
    page.wait_for_selector("#metric-history .js-plotly-plot")
    page.wait_for_timeout(500)
    assert plot_notes(page, "#metric-history") == [
        "Pemadaman listrik PLN di Sumbawa<br><i>operator1</i>"]

    page.goto(base + "/explore?metric=lapor_count&from=now-7d&to=now")
    page.wait_for_selector("#ex-chart .js-plotly-plot")
    page.wait_for_function("document.querySelectorAll('#ex-chart .annotation').length >= 3")
    assert len(plot_notes(page, "#ex-chart")) == 3
    page.screenshot(path=str(artifacts / "alerts-explore-annotations.png"))
    assert page.errors == []

    with urllib.request.urlopen(base + "/api/v1/annotations?metric=lapor_count&from=now-7d"
                                ) as r:
        rows = json.loads(r.read())["annotations"]
    assert [(n["kind"], n["rule"]) for n in rows] == [("alert", "lonjakan"),
                                                      ("alert", "lonjakan"),
                                                      ("manual", None)]
