"""The Content-Security-Policy breaks nothing: every page of a real ``pantau demo`` (gunicorn,
the demo's data) in Chromium, the wall in both themes, the explorer's date picker and AG Grid,
Plotly's 'download as PNG' and the explorer's PNG download, without one CSP violation in the
console; gunicorn's ``Server`` header names no version."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from demo_server import DemoServer
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = [pytest.mark.slow, pytest.mark.browser]

VIOLATION = re.compile(r"Content.Security.Policy", re.I)
# Every CSP violation, also the ones Chromium does not print (reported to the page itself).
WATCH = """document.addEventListener('securitypolicyviolation', e => {
  (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI);
});"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    server = DemoServer(tmp_path_factory.mktemp("websec-demo") / "var")
    try:
        server.wait()
        yield server
    finally:
        server.stop()


def open_page(browser, size=(1366, 768)):
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]},
                              accept_downloads=True)
    ctx.add_init_script(WATCH)
    page = ctx.new_page()
    page.seen = []
    page.on("console", lambda m: page.seen.append(f"console {m.type}: {m.text}")
            if VIOLATION.search(m.text) else None)
    page.on("pageerror", lambda exc: page.seen.append(f"pageerror: {exc}"))
    return ctx, page


def violations(page) -> list[str]:
    return page.seen + (page.evaluate("window.__csp || []") or [])


def test_gunicorn_names_no_version_and_sends_the_headers(demo):
    with urllib.request.urlopen(demo.base + "/", timeout=30) as r:
        servers = r.headers.get_all("Server")
        assert servers and not any(re.search(r"\d", s) for s in servers), servers
        assert "script-src 'self' 'sha256-" in r.headers["Content-Security-Policy"]
        assert r.headers["X-Frame-Options"] == "DENY"


def test_no_page_breaks_the_policy(demo, browser, artifacts):
    with urllib.request.urlopen(demo.base + "/api/v1/metrics", timeout=30) as r:
        metric = json.loads(r.read())["metrics"][0]["name"]
    from pantau.dashboard.app import page_modules

    pages = {
        "/": ".kpi-value", f"/metric/{metric}": ".js-plotly-plot .main-svg",
        "/explore": ".ag-row .ag-cell", "/media": ".media-article-title",
        "/sources": ".src-row", "/wall?theme=dark": ".wall-kpi-value",
        "/wall?theme=light": ".wall-kpi-value", "/?lang=en": ".kpi-value",
        "/explore?lang=en": ".ag-row .ag-cell",
    }
    # every other page too (a page added later is checked without anyone listing it here)
    for mod in page_modules():
        if not mod.ROUTE.endswith("/") and not any(p.split("?")[0] == mod.ROUTE
                                                   for p in pages):
            pages[mod.ROUTE] = "#page > *"
    seen = {}
    for path, selector in pages.items():
        size = (1920, 1080) if path.startswith("/wall") else (1366, 768)
        ctx, page = open_page(browser, size)
        try:
            page.goto(demo.base + path, wait_until="domcontentloaded", timeout=60_000)
            try:
                page.wait_for_selector(selector, timeout=60_000)
            except PlaywrightTimeout:
                # Once in a full CI run / showed no KPI within 60 s of a fresh demo (the
                # demo still writing its history articles); what this test is about is the
                # policy, so it looks again once, and keeps what the first load reported.
                page.screenshot(path=str(artifacts / "websec-first-try.png"))
                seen[path + " (first try)"] = violations(page)
                page.reload(wait_until="domcontentloaded", timeout=60_000)
                page.wait_for_selector(selector, timeout=90_000)
            page.wait_for_timeout(1500)
            if path.startswith("/explore"):
                page.locator("#ex-dates").click()          # the date picker's calendar
                page.wait_for_selector(".CalendarMonth, [class*=calendar], [class*=Calendar]",
                                       timeout=10_000)
                page.keyboard.press("Escape")
                # Plotly's own 'download as PNG' (drawn in the browser through an image)
                page.locator(".js-plotly-plot").first.hover()
                btn = page.locator(".modebar-btn[data-title*='PNG' i]").first
                with page.expect_download(timeout=60_000) as dl:
                    btn.click()
                assert dl.value.suggested_filename.endswith(".png")
                # the explorer's PNG link (drawn by the server)
                with page.expect_download(timeout=120_000) as dl:
                    page.locator("#ex-dl-png").click()
                assert dl.value.suggested_filename.endswith(".png")
                page.wait_for_timeout(500)
            name = "websec-" + re.sub(r"\W+", "-", path).strip("-") + ".png"
            page.screenshot(path=str(artifacts / (name if name != "websec-.png"
                                                  else "websec-overview.png")))
            seen[path] = violations(page)
        finally:
            ctx.close()
    print("\nCSP violations per page:", {p: len(v) for p, v in seen.items()})
    assert not any(seen.values()), {p: v for p, v in seen.items() if v}


@pytest.mark.slow
def test_the_watch_sees_a_violation(live_app, sqlite_store, browser, monkeypatch):
    """The check above can fail: without Dash's hashes its renderer is refused, and seen."""
    from pantau.dashboard import security_headers
    from support.api_seed import NOW, make_config, seed

    strict = security_headers.content_security_policy
    monkeypatch.setattr(security_headers, "content_security_policy", lambda _h: strict(()))
    seed(sqlite_store)
    base = live_app(make_config(), sqlite_store, clock=lambda: NOW)
    ctx, page = open_page(browser)
    try:
        page.goto(base + "/sources", wait_until="load", timeout=60_000)
        page.wait_for_timeout(1000)
        seen = violations(page)
    finally:
        ctx.close()
    assert any("script-src" in v for v in seen), seen
    assert page.is_closed()
