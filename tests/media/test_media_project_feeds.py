"""/media on the project's own feed snapshots (``support.feeds``, invented headlines), so a
clone without ../shared still sees the page filled: counts per period, a topic filter, the
stale feed left out of a recent window."""

from __future__ import annotations

from media_fixtures import NOW, lensa_articles, load_articles, media_config
from pantau.dashboard.cache import Cache
from pantau.dashboard.context import AppContext
from pantau.dashboard.pages import media
from support.feeds import DISTINCT_LINKS
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
    assert "58 articles · 10 Mar 2026 00:00 WITA – 7 Jun 2026 18:00 WITA" in text
    economy = tree_text(media.layout(ctx, "id", {"period": "90d", "topic": "ekonomi"},
                                     "/media"))
    assert FIRST in economy
    assert "Guru Honorer" not in economy  # interviews about teachers are not ekonomi
