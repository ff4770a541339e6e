"""A TV whose browser starts while the server is away: the calm screen (its clock, "Menghubungkan
ke server…"), then the wall by itself once the server answers. The browser is restarted on the
same profile, as a TV's kiosk is; it has shown the wall once before (that is when the service
worker is installed), and a profile that never has shows the browser's own error page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from server_proc import free_port, start, stop
from wall_seed import open_wall

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SW_READY = """() => navigator.serviceWorker.ready.then(async r => {
    const keys = await caches.keys();
    const names = keys.length ? await (await caches.open(keys[0])).keys() : [];
    return [r.active && r.active.state, names.map(q => new URL(q.url).pathname + new URL(q.url).search)];
})"""


def _tv(persistent_chromium, profile):
    """The kiosk's Chromium on ``profile`` at 1920x1080: ``(its context, its page)``."""
    page = persistent_chromium(profile, viewport={"width": 1920, "height": 1080})
    return page.context, page


def test_tv_started_while_the_server_is_down_shows_the_calm_screen_then_the_wall(
        persistent_chromium, ntb_history, tmp_path, artifacts):
    port = free_port()
    url = f"http://127.0.0.1:{port}/wall?playlist=layanan&rotate=600&theme=light"
    profile = tmp_path / "tv-profile"
    proc = start(ntb_history.url, port)
    try:
        # the TV shows the wall once: the worker installs and keeps the calm screen
        ctx, page = _tv(persistent_chromium, profile)
        open_wall(page, url)
        state, kept = page.evaluate(SW_READY)
        assert state == "activated"
        assert {"/wall/offline", "/wall/offline?lang=en", "/assets/wall.js"} <= set(kept)
        ctx.close()

        stop(proc)
        proc = None
        # the TV boots again: the server is away
        ctx, page = _tv(persistent_chromium, profile)
        page.goto(url)
        page.wait_for_selector("#wall-boot", timeout=15000)
        assert "Menghubungkan ke server…" in page.inner_text("#wall-boot")
        first = page.inner_text("#wall-clock-time")
        assert re.fullmatch(r"\d{2}:\d{2}:\d{2}", first), first
        page.wait_for_function(
            f"document.getElementById('wall-clock-time').textContent !== {first!r}",
            timeout=5000)
        assert re.search(r"\d{4}$", page.inner_text("#wall-date"))  # "Rabu, 2 Desember 2026"
        # the wall's theme, the whole screen, no scrollbar
        assert "wall--light" in page.get_attribute("#wall-boot", "class")
        assert page.evaluate("document.documentElement.scrollHeight <= innerHeight && "
                             "document.documentElement.scrollWidth <= innerWidth")
        page.screenshot(path=str(artifacts / "wall-boot-calm.png"))
        page.wait_for_timeout(6000)  # it keeps trying and stays calm
        assert page.locator("#wall-boot").count() == 1

        proc = start(ntb_history.url, port)
        # it becomes the wall by itself (the calm screen asks /healthz every 5 s)
        page.wait_for_selector("#wall-root .wall-tile.is-live", timeout=90000)
        page.wait_for_function("document.querySelectorAll('.wall-tile.is-loading').length === 0",
                               timeout=20000)
        assert page.locator("#wall-boot").count() == 0
        assert page.errors == []
        ctx.close()
    finally:
        if proc is not None:
            stop(proc)


def test_a_browser_that_never_showed_the_wall_has_no_calm_screen(persistent_chromium, tmp_path):
    """What a first-ever boot with the server down does: the browser's own error page. (The
    README's kiosk section says so: show the wall once when the TV is installed.)"""
    port = free_port()
    ctx, page = _tv(persistent_chromium, tmp_path / "new-profile")
    try:
        with pytest.raises(PlaywrightError, match="ERR_CONNECTION_REFUSED"):
            page.goto(f"http://127.0.0.1:{port}/wall")
    finally:
        ctx.close()
