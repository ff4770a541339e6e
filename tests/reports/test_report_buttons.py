"""The "Unduh PDF" button of each page downloads the page's report under a name that says
what and when (the site's zone), clicked in Chromium as a person does; the PNG card's button
too. Screenshots of the buttons in place at 1366x768 and 390x844 go to test-artifacts."""

from __future__ import annotations

import pytest
from report_world import NOW

pytestmark = [pytest.mark.browser, pytest.mark.slow]
STAMP = "2026-12-01-0915-WITA"


@pytest.fixture(scope="module")
def base(rep_world):
    import threading

    from pantau.dashboard.app import create_app
    from pantau.dashboard.security_headers import RequestHandler
    from werkzeug.serving import make_server

    cfg, store, _ = rep_world
    app = create_app(cfg, store, clock=lambda: NOW)
    srv = make_server("127.0.0.1", 0, app.server, threaded=True, request_handler=RequestHandler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


def download(page, selector: str) -> tuple[str, bytes]:
    with page.expect_download(timeout=120000) as dl:
        page.locator(selector).click()
    return dl.value.suggested_filename, open(dl.value.path(), "rb").read()


@pytest.mark.parametrize("path,ready,button,name", [
    ("/?period=30d&region=52.71", "#ov-body .kpi-card", "#ov-report-pdf",
     f"pantau-ringkasan-{STAMP}.pdf"),
    ("/metric/lapor_complaints_received_count?period=7d", "#metric-summary",
     "#metric-report-pdf", f"pantau-indikator-lapor_complaints_received_count-{STAMP}.pdf"),
    ("/media?period=30d", "#media-summary", "#media-report-pdf", f"pantau-media-{STAMP}.pdf"),
    ("/", "#ov-screen-pdf-layanan", "#ov-screen-pdf-layanan",
     f"pantau-layar-layanan-{STAMP}.pdf"),
    ("/aduan", "#aduan-body", "#aduan-report-pdf", f"pantau-aduan-{STAMP}.pdf"),
    ("/spbe?year=2023", "#spbe-body", "#spbe-report-pdf", f"pantau-spbe-2023-{STAMP}.pdf"),
])
def test_button_downloads_the_report(page, base, artifacts, path, ready, button, name):
    page.goto(base + path)
    page.wait_for_selector(ready, timeout=60000)
    page.wait_for_selector(button, timeout=60000)
    got, data = download(page, button)
    assert got == name and data[:4] == b"%PDF"
    assert not page.errors


def test_buttons_follow_the_filters_and_fit_a_phone(page, base, artifacts):
    page.goto(base + "/?period=7d")
    page.wait_for_selector("#ov-body .kpi-card", timeout=60000)
    page.locator("label[for$='ov-period-2'], .period-select label").nth(2).click()
    page.wait_for_function("() => document.querySelector('#ov-report-pdf')"
                           ".getAttribute('href').includes('period=30d')", timeout=60000)
    (artifacts / "reports").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(artifacts / "reports" / "overview-buttons-1366.png"))
    got, data = download(page, "#ov-report-png")
    assert got == f"pantau-ringkasan-{STAMP}.png" and data[:4] == b"\x89PNG"
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(500)
    box = page.locator("#ov-report-pdf").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.screenshot(path=str(artifacts / "reports" / "overview-buttons-390.png"))
    assert not page.errors
