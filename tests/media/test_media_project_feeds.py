"""/media on the project's own feed snapshots (``support.feeds``, invented headlines), so a
clone without ../shared still sees the page filled: counts per period, a topic filter, the
stale feed left out of a recent window."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from media_fixtures import NOW, lensa_articles, load_articles, media_config
from pantau.dashboard.cache import Cache
from pantau.dashboard.context import AppContext
from pantau.dashboard.pages import media
from support.feeds import DISTINCT_LINKS, snapshots
from test_media_browser import open_media
from test_media_layout import tree_text

FIRST = "Harga Gabah di Lombok Tengah Naik \u2014 Petani Sambut Gembira"


def test_every_distinct_link_is_one_article(sqlite_store):
    assert load_articles(sqlite_store, lensa_articles()) == sum(DISTINCT_LINKS.values())


def test_layout_on_project_feeds(sqlite_store):
    load_articles(sqlite_store, lensa_articles())
    ctx = AppContext(media_config(), sqlite_store, clock=lambda: NOW, cache=Cache())
    # 90 days before 7 June: ekonomi (36) and wawancara (22); the stale investigasi feed's
    # items are from February and December, outside the window.
    text = tree_text(media.layout(ctx, "en", {"period": "90d", "by": "channel", "lang": "en"},
                                  "/media"))
    assert "58 articles · 9 Mar 2026 19:00 WITA – 7 Jun 2026 18:59 WITA" in text
    economy = tree_text(media.layout(ctx, "id", {"period": "90d", "topic": "ekonomi"},
                                     "/media"))
    assert FIRST in economy
    assert "Guru Honorer" not in economy  # interviews about teachers are not ekonomi


def _published_between(start: datetime, end: datetime) -> int:
    """Distinct links of the snapshots published in [start, end), read from the XML itself."""
    links = {}
    for _, _, path in snapshots():
        body = path.read_text(encoding="utf-8")
        for link, pub in re.findall(
                r"<link>(.*?)</link>\s*<guid>\d+</guid>\s*<pubDate>(.*?)</pubDate>", body):
            links[link] = datetime.strptime(pub, "%a, %d %b %Y %H:%M:%S %z")
    return sum(start <= t < end for t in links.values())


@pytest.mark.browser
@pytest.mark.slow
def test_media_page_on_project_feeds_in_chromium(sqlite_store, live_app, page, artifacts):
    load_articles(sqlite_store, lensa_articles())
    base = live_app(media_config(), sqlite_store, clock=lambda: NOW)
    open_media(page, base + "/media")
    wita = ZoneInfo("Asia/Makassar")
    n = _published_between(datetime(2026, 6, 1, tzinfo=wita), datetime(2026, 6, 7, 18, tzinfo=wita))
    assert page.locator("#media-subtitle").inner_text() == (
        f"{n} artikel · 31 Mei 2026 19:00 WITA – 7 Jun 2026 18:59 WITA")
    first = page.locator(".media-article").first
    assert first.locator("a.media-article-link").get_attribute("href").startswith(
        "https://lensanusa.example/")
    page.screenshot(path=str(artifacts / "media-project-feeds.png"))
    # One outlet's rubric from the URL alone: only its items are listed.
    page.goto(base + "/media?period=30d&outlet=Lensa+Nusa+wawancara")
    page.wait_for_selector("#media-attention .main-svg")
    assert page.locator("#media-outlet").input_value() == "Lensa Nusa wawancara"
    titles = page.locator(".media-article-link").all_inner_texts()
    assert titles and FIRST not in titles
    assert any(t.startswith(("Guru Honorer", "Kepala", "Nelayan", "Camat", "Bupati",
                             "Pengusaha Muda")) for t in titles)
    assert page.errors == []
