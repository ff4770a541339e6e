"""Sign-in in real Chromium: a viewer signs in on /login and sees /, is told "tidak berhak" on
/explore; the page in English one click away; screenshots of /login at 1920x1080 and 390x844."""

from __future__ import annotations

import pytest
from support.access import PASSWORD, make_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def served(world, live_app):
    """The app with auth on, over HTTP on a free port."""
    import threading

    from werkzeug.serving import make_server

    app = make_app(world)
    srv = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


def test_viewer_signs_in_and_sees_overview_then_403_on_explore(served, page):
    page.goto(served + "/")
    page.wait_for_url("**/login?next=%2F")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("label[for=username]").inner_text() == "Nama pengguna"
    page.fill("#username", "viewer")
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(served + "/")
    page.wait_for_selector("#ov-body", timeout=30_000)
    nav = page.locator("#navbar").inner_text()
    assert "Eksplorasi" not in nav and "Keluar" in nav
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["pantau_session"]["httpOnly"] and cookies["pantau_session"]["sameSite"] == "Lax"
    resp = page.goto(served + "/explore")
    assert resp.status == 403
    assert "tidak berhak" in page.locator("#forbidden-title").inner_text()
    page.click("#forbidden-signout")
    page.wait_for_url("**/login?signed_out=1*")
    assert page.locator("#auth-notice").inner_text() == "Anda sudah keluar."
    assert page.goto(served + "/").url.startswith(served + "/login")
    assert not page.errors


def test_wrong_password_then_english_one_click_away(served, page):
    page.goto(served + "/wall")
    page.fill("#username", "viewer")
    page.fill("#password", "bukan-ini-123")
    page.click("#login-submit")
    assert "salah" in page.locator("#auth-error").inner_text()
    page.click("#auth-lang")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#login-submit").inner_text() == "Sign in"
    assert page.locator("input[name=next]").get_attribute("value") == "/wall"


@pytest.mark.parametrize("size", [(1920, 1080), (390, 844)])
def test_login_screenshots(served, browser, artifacts, size):
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
    pg = ctx.new_page()
    try:
        pg.goto(served + "/login?next=%2Fexplore")
        box = pg.locator("#auth-box").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= size[0]
        assert pg.evaluate("document.documentElement.scrollWidth") <= size[0]
        pg.screenshot(path=str(artifacts / f"login-{size[0]}x{size[1]}.png"))
    finally:
        ctx.close()


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)])
def test_admin_sees_audit_page(served, browser, artifacts, size):
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
    pg = ctx.new_page()
    try:
        pg.goto(served + "/login?next=%2Faudit")
        pg.fill("#username", "admin")
        pg.fill("#password", PASSWORD)
        pg.click("#login-submit")
        pg.wait_for_url(served + "/audit")
        pg.wait_for_selector("#audit-log", timeout=30_000)
        rows = pg.locator("#audit-users tbody tr").all_inner_texts()
        assert len(rows) == 6 and any("rina" in r and "52.71" in r for r in rows)
        assert "masuk" in pg.locator("#audit-log tbody tr").first.inner_text()
        assert pg.evaluate("document.documentElement.scrollWidth") <= size[0]
        pg.screenshot(path=str(artifacts / f"audit-{size[0]}x{size[1]}.png"), full_page=True)
        if size[0] >= 1366:
            nav = pg.locator("#navbar").bounding_box()
            assert nav["height"] < 80, nav  # every link on one line
            assert "Akses" in pg.locator("#navbar").inner_text()
    finally:
        ctx.close()
