"""The wall's ``sla`` tile: complaints lewat tenggat now with the stages they wait at, the same
numbers as data.complaint_views, readable at 1080p and 4K (the stage scaled, nothing cut off),
calm without complaint data. Screenshots in test-artifacts (looked at)."""

from __future__ import annotations

import pytest
from aduan_fixtures import config, demo_stream
from pantau.dashboard.context import AppContext
from pantau.dashboard.wall.tiledata import tile_data
from pantau.data.complaint_views import overdue_now
from support.aduan_seed import NOW, seed

SLA = ".wall-tile--sla"
CUT = """(sel) => [...document.querySelectorAll(sel + ' *')].filter(e =>
  e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
  .map(e => e.className)"""


def test_tile_data_is_the_views_count_and_calm_without_data(sqlite_store):
    cfg = config()
    ctx = AppContext(config=cfg, store=sqlite_store, clock=lambda: NOW)
    tile = cfg.screen("aduan").tiles[0]
    assert tile_data(ctx, tile, NOW).empty
    seed(sqlite_store)
    d = tile_data(ctx, tile, NOW)
    # the hand-computed fixture: 6 overdue, 4 waiting verification, 1 follow-up, 1 closing
    assert d.value == 6
    assert d.frame.to_dict("records") == overdue_now(sqlite_store, cfg, NOW).to_dict("records")
    assert d.frame["overdue"].tolist() == [4, 1, 1]
    scoped = tile_data(ctx, tile, NOW, scope="52.71")
    assert scoped.value == 2 and scoped.frame["waiting"].tolist() == [5, 0, 0]


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)], ids=["1080p", "4k"])
def test_the_tile_at_1080p_and_4k(sqlite_store, live_app, browser, artifacts, size):
    cfg = config()
    demo_stream(sqlite_store, cfg)
    base = live_app(cfg, sqlite_store, clock=lambda: NOW)
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/wall?playlist=aduan")
    page.wait_for_selector(f"{SLA}.is-live .wall-sla-value", timeout=90000)
    page.wait_for_function("""() => [...document.querySelectorAll('.wall-tile.is-live .wall-graph')]
        .every(g => g.querySelector('.main-svg'))""", timeout=90000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(artifacts / f"wall-sla-{size[1]}p.png"))
    page.locator(SLA).screenshot(path=str(artifacts / f"wall-sla-tile-{size[1]}p.png"))
    frame = overdue_now(sqlite_store, cfg, NOW)
    assert page.locator(f"{SLA} .wall-sla-value").inner_text() == \
        f"{int(frame['overdue'].sum()):,}".replace(",", ".")
    for stage, name in (("verification", "Verifikasi"), ("followup", "Tindak lanjut"),
                        ("completion", "Penyelesaian")):
        row = page.locator(f"#wall-sla-{stage}").inner_text()
        late = int(frame.set_index("stage").at[stage, "overdue"])
        assert row.split("\n")[0] == name and f"{late:,}".replace(",", ".") in row, row
    assert page.locator(f"{SLA} .wall-tile-title").inner_text() == "Aduan lewat tenggat"
    # readable: stage rows at least 24 stage px tall (x2 on 4K), the number at least 60,
    # nothing inside the tile cut off, the tile inside the screen
    scale = size[0] / 1920
    row_h = page.locator("#wall-sla-verification").bounding_box()["height"]
    value_h = page.locator(f"{SLA} .wall-sla-value").bounding_box()["height"]
    assert row_h >= 24 * scale and value_h >= 60 * scale, (row_h, value_h)
    assert page.evaluate(CUT, SLA) == []
    box = page.locator(SLA).bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= size[0] \
        and box["y"] + box["height"] <= size[1], box
    assert errors == []
    ctx.close()
