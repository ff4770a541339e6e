"""The wall at 1920x1080 and 3840x2160, dark and light: it fills the screen without scrollbars,
text stays legible from five metres, and screenshots are saved to test-artifacts/."""

from __future__ import annotations

import pytest
from wall_seed import fail_source, open_wall

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENS = ("layanan", "pembangunan", "media")
MIN_TEXT_PX_AT_1080 = 18
"""Smallest text on the wall, in pixels of a 1080-line screen (about 1.1 cm on a 55" TV)."""

GEOMETRY = """() => {
    const stage = document.getElementById('wall-stage').getBoundingClientRect();
    const scale = parseFloat(getComputedStyle(document.getElementById('wall-root'))
        .getPropertyValue('--wall-scale'));
    const root = document.scrollingElement;
    const small = [];
    const walker = document.createTreeWalker(document.getElementById('wall-stage'),
                                             NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, el = node.parentElement;
        if (!node.textContent.trim() || !el) continue;
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (r.width === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
        if (el.closest('.wall-screen:not(.is-active)')) continue;
        const size = parseFloat(style.fontSize) * scale;
        if (size < __MIN__) small.push([node.textContent.slice(0, 40), size]);
    }
    return {stage: [stage.left, stage.top, stage.width, stage.height], scale,
            scroll: [root.scrollWidth, root.scrollHeight, innerWidth, innerHeight],
            small};
}"""


def _geometry(page, height: int) -> dict:
    return page.evaluate(GEOMETRY.replace("__MIN__", str(MIN_TEXT_PX_AT_1080 * height / 1080)))


@pytest.mark.parametrize("size,theme", [((1920, 1080), "dark"), ((3840, 2160), "dark"),
                                        ((1920, 1080), "light"), ((3840, 2160), "light")])
def test_screens_fill_the_tv_legibly(browser, wall_url, artifacts, size, theme):
    width, height = size
    base = wall_url()
    ctx = browser.new_context(viewport={"width": width, "height": height})
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        for screen in SCREENS:
            open_wall(page, f"{base}/wall?playlist={screen}&theme={theme}&rotate=600")
            page.wait_for_function(f"parseFloat(getComputedStyle(document.getElementById("
                                   f"'wall-root')).getPropertyValue('--wall-scale')) === "
                                   f"{width / 1920}", timeout=5000)
            page.wait_for_timeout(700)  # the screen's fade-in
            path = artifacts / f"wall-{screen}-{width}x{height}-{theme}.png"
            page.screenshot(path=str(path))
            g = _geometry(page, height)
            assert g["scroll"][0] <= g["scroll"][2] and g["scroll"][1] <= g["scroll"][3], g
            left, top, w, h = g["stage"]
            assert abs(left) <= 1 and abs(top) <= 1, g  # 16:9 fills the 16:9 screen
            assert abs(w - width) <= 1 and abs(h - height) <= 1, g
            assert g["small"] == [], g["small"]
            # charts' own text (Plotly SVG) is as large
            svg_min = page.evaluate("""() => Math.min(...[...document.querySelectorAll(
                '.wall-screen.is-active .wall-graph svg text')].filter(t => t.textContent.trim())
                .map(t => parseFloat(t.style.fontSize || t.getAttribute('font-size') || 99)))""")
            assert svg_min * width / 1920 >= MIN_TEXT_PX_AT_1080 * height / 1080, svg_min
            kpi = page.locator(".wall-kpi-value")
            if kpi.count():
                box = kpi.first.bounding_box()
                assert box["height"] >= 0.055 * height, box  # big numbers
        assert errors == []
    finally:
        ctx.close()


def test_delayed_source_screenshot(browser, wall_url, ntb_history, artifacts):
    fail_source(ntb_history, "lapor_ntb")
    base = wall_url()
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = ctx.new_page()
    try:
        open_wall(page, f"{base}/wall?playlist=layanan&rotate=600")
        page.wait_for_selector("#wall-down.is-shown")
        page.wait_for_timeout(700)
        page.screenshot(path=str(artifacts / "wall-layanan-1920x1080-delayed.png"))
        assert page.locator(".wall-tile.is-delayed").count() == 3
    finally:
        ctx.close()
