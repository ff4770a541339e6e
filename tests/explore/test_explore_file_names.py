"""Issue 17, item 11: what the explorer's downloads are called. The chart PDF and the report
PDF never share a name, and the time in a name is the site's (WITA, as the page shows it),
never UTC. Clicked in Chromium, as a user downloads them."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from support.api_seed import NOW

VIEW = "/explore?metric=lapor_count&from=now-2d&to=now&region=52.71"
LOCAL = datetime.fromtimestamp(NOW, ZoneInfo("Asia/Makassar")).strftime("%Y%m%d-%H%M")
UTC_STAMP = datetime.fromtimestamp(NOW, ZoneInfo("UTC")).strftime("%Y%m%d-%H%M")
REPORT_STAMP = datetime.fromtimestamp(NOW, ZoneInfo("Asia/Makassar")).strftime("%Y-%m-%d-%H%M")


def test_names_say_what_the_file_is_and_use_the_site_zone(ex_config, ex_store):
    from pantau.dashboard.app import create_app

    client = create_app(ex_config, ex_store, clock=lambda: NOW).server.test_client()
    qs = "metric=lapor_count&from=now-2d&region=52.71"

    def name(path):
        resp = client.get(path)
        assert resp.status_code == 200, resp.data[:200]
        return re.search(r'filename="([^"]+)"', resp.headers["Content-Disposition"]).group(1)

    got = {k: name(p) for k, p in {
        "chart": f"/api/v1/chart.pdf?{qs}", "report": f"/api/v1/report.pdf?{qs}",
        "xlsx": f"/api/v1/export.xlsx?{qs}", "csv": f"/api/v1/series?{qs}&format=csv",
        "screen": "/api/v1/report.pdf?screen=layanan",
        "chart_en": f"/api/v1/chart.pdf?{qs}&lang=en"}.items()}
    assert got["chart"] == f"pantau-grafik-lapor_count-{LOCAL}-WITA.pdf"
    assert got["report"] == f"pantau-laporan-lapor_count-{LOCAL}-WITA.pdf"
    assert got["xlsx"] == f"pantau-data-lapor_count-{LOCAL}-WITA.xlsx"
    assert got["csv"] == f"pantau-data-lapor_count-{LOCAL}-WITA.csv"
    assert got["screen"] == f"pantau-laporan-layanan-{LOCAL}-WITA.pdf"
    assert got["chart_en"] == f"pantau-chart-lapor_count-{LOCAL}-WITA.pdf"
    assert LOCAL != UTC_STAMP and not any(UTC_STAMP in v for v in got.values())


@pytest.mark.browser
@pytest.mark.slow
def test_chart_and_report_downloads_have_distinct_local_names(page, ex_app):
    page.goto(ex_app + VIEW)
    page.wait_for_selector("#ex-chart .js-plotly-plot .scatterlayer .trace", timeout=20000)
    names = {}
    for key in ("pdf", "report", "xlsx"):
        with page.expect_download(timeout=60000) as dl:
            page.locator(f"#ex-dl-{key}").click()
        names[key] = dl.value.suggested_filename
        assert open(dl.value.path(), "rb").read(4) in (b"%PDF", b"PK\x03\x04")
    assert len(set(names.values())) == 3, names
    assert names["pdf"] == f"pantau-grafik-lapor_count-{LOCAL}-WITA.pdf", names
    # the "Unduh PDF" button: the report with kop surat (issue 20, dashboard.report)
    assert names["report"] == f"pantau-jelajah-lapor_count-{REPORT_STAMP}-WITA.pdf", names
    assert not page.errors
