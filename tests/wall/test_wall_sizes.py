"""The wall at every TV size from 1366x768 to 3840x2160, in both themes: no scrollbar, no Dash
error overlay, the stage inside the screen, and no white flash (before the wall is drawn, and
between screens). Screenshots in test-artifacts/ (look at them)."""

from __future__ import annotations

import base64

import pytest
from wall_seed import open_wall

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = [(1366, 768), (1600, 900), (1920, 1080), (2560, 1440), (3840, 2160)]
BACKGROUND = {"dark": (6, 11, 22), "light": (230, 235, 241)}
"""The wall's --bg in each theme (wall.css)."""

PIXELS = """async (src) => {
  const img = new Image(); img.src = src; await img.decode();
  const c = new OffscreenCanvas(img.width, img.height), g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, img.width, img.height).data;
  let white = 0; const counts = new Map();
  for (let i = 0; i < d.length; i += 16) {
    if (d[i] >= 250 && d[i + 1] >= 250 && d[i + 2] >= 250) white++;
    const k = d[i] + ',' + d[i + 1] + ',' + d[i + 2];
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  let top = null, most = 0;
  for (const [k, n] of counts) { if (n > most) { most = n; top = k; } }
  const n = d.length / 16;
  return {white: white / n, top: top.split(',').map(Number), topShare: most / n,
          corner: [d[0], d[1], d[2]]};
}"""

SCROLLBARS = """() => {
  const out = [];
  const de = document.documentElement;
  if (de.scrollWidth > innerWidth || de.scrollHeight > innerHeight) out.push('document');
  for (const el of document.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    const y = ['auto', 'scroll'].includes(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
    const x = ['auto', 'scroll'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
    if (x || y || s.overflowY === 'scroll' || s.overflowX === 'scroll') {
      out.push(el.tagName + '.' + el.className);
    }
  }
  return out;
}"""

OVERLAY = ("[class*='dash-fe-error'], .dash-debug-menu, .dash-error-card, "
           "#_dash-global-error-container *")


def _pixels(page, shot: bytes) -> dict:
    return page.evaluate(PIXELS, "data:image/png;base64," + base64.b64encode(shot).decode())


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_every_size_without_scrollbar_overlay_or_white_flash(page, wall_url, artifacts, theme):
    base = wall_url()
    url = f"{base}/wall?playlist=layanan,media,pembangunan&rotate=3&theme={theme}"
    bg = BACKGROUND[theme]

    # before the wall is drawn: the layout is held back 2 s, the screen is the wall's background
    page.set_viewport_size({"width": 1366, "height": 768})
    held = []
    page.route("**/_dash-layout", lambda route: held.append(route))
    page.goto(url)
    page.wait_for_function("document.fonts.status === 'loaded'")
    page.wait_for_timeout(500)
    assert held and page.locator(".wall-tile").count() == 0  # not drawn yet
    early = _pixels(page, page.screenshot(path=str(artifacts / f"wall-{theme}-loading.png")))
    assert early["top"] == list(bg) and early["topShare"] > 0.98, early
    for route in held:
        route.continue_()
    page.unroute("**/_dash-layout")

    open_wall(page, url, timeout=60000)
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_function(f"""() => {{
            const r = document.getElementById('wall-stage').getBoundingClientRect();
            return Math.abs(Math.min(r.width / {width}, r.height / {height}) - 1) < 0.01; }}""",
                               timeout=10000)
        stage = page.evaluate("(() => { const r = document.getElementById('wall-stage')"
                              ".getBoundingClientRect(); return [r.left, r.top, r.right, "
                              "r.bottom]; })()")
        assert stage[0] >= -1 and stage[1] >= -1, (width, height, stage)
        assert stage[2] <= width + 1 and stage[3] <= height + 1, (width, height, stage)
        assert page.evaluate(SCROLLBARS) == [], (width, height)
        assert page.locator(OVERLAY).count() == 0
        shot = page.screenshot(path=str(artifacts / f"wall-{theme}-{width}x{height}.png"))
        px = _pixels(page, shot)
        assert px["corner"] == list(bg), (width, height, px)  # the wall's own background
        if theme == "dark":
            assert px["white"] < 0.02, (width, height, px)

    # between screens: shots through a cross-fade; in the dark theme nothing turns white (the
    # light theme's tiles are white by design: its background is checked above)
    page.set_viewport_size({"width": 1920, "height": 1080})
    if theme == "dark":
        whites = []
        for _ in range(12):
            whites.append(_pixels(page, page.screenshot())["white"])
            page.wait_for_timeout(250)
        assert max(whites) < 0.02, whites
    assert page.locator(OVERLAY).count() == 0
    assert page.errors == []
