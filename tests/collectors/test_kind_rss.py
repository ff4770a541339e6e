"""``rss``: hostile items stored inert, times to UTC, malformed feeds as clear errors; the
project's own feed fixtures (``support.feeds``) and, where present, a real Tempo.co capture."""

from __future__ import annotations

import pytest
from collector_helpers import FIXTURES, run_rows, stored
from sqlalchemy import text
from support.feeds import FEEDS, QUIRKS
from support.realdata import realdata_path


def _cfg(make_config, url, **kw):
    return make_config([{"id": "uji", "kind": "rss", "every": "10m", "timeout": "5s",
                         "options": {"url": url, "outlet": "Portal Uji",
                                     "channel": "media_digital"}}],
                       media={"topics": {"bencana": ["banjir"], "ekonomi": ["harga"]}}, **kw)


def _articles(store):
    with store.reader.connect() as conn:
        rows = conn.execute(text("SELECT url, title, summary, outlet, channel, source_id, "
                                 "published_ts, sentiment, topics FROM articles ORDER BY id"))
        return [dict(r._mapping) for r in rows]


def test_hostile_items_are_stored_inert(store, httpserver, make_config, run_once):
    httpserver.expect_request("/feed").respond_with_data(
        (FIXTURES / "hostile_feed.xml").read_bytes(), content_type="text/html")
    res = run_once(_cfg(make_config, httpserver.url_for("/feed")), store, "uji")
    assert res.status == "up", res.error
    rows = _articles(store)
    # The javascript: link is dropped; the same link spelt twice is one article.
    assert [r["url"] for r in rows] == [
        "https://example.go.id/berita/banjir-bima-surut?utm_source=feed",
        "https://example.go.id/berita/harga-beras"]
    assert res.articles == 2
    for r in rows:
        blob = (r["title"] + " " + r["summary"]).lower()
        for bad in ("<", ">", "script", "javascript:", "onerror", "onclick", "steal("):
            assert bad not in blob, (bad, blob)
    assert rows[0]["title"] == "Banjir di Bima surut"
    assert rows[0]["summary"] == "Warga kembali ke rumah. klik"
    assert rows[1]["title"] == "Harga beras naik"
    assert (rows[0]["outlet"], rows[0]["channel"], rows[0]["source_id"]) == \
        ("Portal Uji", "media_digital", "uji")
    # Sun, 07 Jun 2026 06:00:00 +0700 (WIB) is 23:00 UTC on 6 June.
    assert rows[0]["published_ts"] == 1780786800
    assert rows[0]["topics"] == '["bencana"]' and rows[1]["topics"] == '["ekonomi"]'
    assert {r["sentiment"] for r in rows} <= {"positive", "neutral", "negative"}


def test_article_counts_per_outlet_and_hour(store, httpserver, make_config, run_once, clock):
    clock.now = 1780819200  # 2026-06-07 08:00 UTC, after the items were published
    httpserver.expect_request("/feed").respond_with_data(
        (FIXTURES / "hostile_feed.xml").read_bytes())
    cfg = _cfg(make_config, httpserver.url_for("/feed"))
    run_once(cfg, store, "uji")
    run_once(cfg, store, "uji")  # the same feed again: no new article, counts unchanged
    counts = stored(store, "news_articles_count")
    labels = {"outlet": "Portal Uji", "channel": "media_digital"}
    assert counts == [(labels, 1780786800, 1.0), (labels, 1780792200 // 3600 * 3600, 1.0)]


def test_feed_capture_behind_a_lying_content_type(store, httpserver, make_config, run_once):
    # UTF-8 bytes announced as ISO-8859-1 HTML: the XML declaration decides, not the header.
    httpserver.expect_request("/feed").respond_with_data(
        (FEEDS / "lensa-ekonomi" / "2026-06-01.xml").read_bytes(),
        content_type="text/html; charset=ISO-8859-1")
    res = run_once(_cfg(make_config, httpserver.url_for("/feed")), store, "uji")
    assert (res.status, res.articles) == ("up", 9)
    rows = _articles(store)
    first = rows[0]
    assert first["title"] == "Harga Gabah di Lombok Tengah Naik \u2014 Petani Sambut Gembira"
    assert first["url"] == ("https://lensanusa.example/ekonomi/"
                            "harga-gabah-di-lombok-tengah-naik-petani-3100586")
    assert first["published_ts"] == 1780303469  # Mon, 01 Jun 2026 15:44:29 +0700
    # guid is the position (1..9), never the identity: every item is kept, by its link.
    assert len({r["url"] for r in rows}) == 9


@pytest.mark.realdata
def test_real_tempo_capture(store, httpserver, make_config, run_once):
    httpserver.expect_request("/feed").respond_with_data(
        realdata_path("rss/tempo/free-ekonomi/2026-06-01.xml").read_bytes())
    res = run_once(_cfg(make_config, httpserver.url_for("/feed")), store, "uji")
    assert (res.status, res.articles) == ("up", 9)
    first = _articles(store)[0]
    assert first["title"] == "Kemendag: Harga Emas Turun seiring Pergeseran Minat Investor"
    assert first["url"].endswith("-2139341")
    assert first["published_ts"] == 1780303469  # Mon, 01 Jun 2026 15:44:29 +0700


@pytest.mark.parametrize("body,needle", [
    (None, "is not well-formed XML at line"),                  # truncated capture
    (b"<html><body><h1>502 Bad Gateway</h1></body></html>", "is not an RSS or Atom feed"),
    (b"", "is not an RSS or Atom feed"),
    (b"\x00\x01garbage", "is not well-formed XML"),
])
def test_malformed_feeds_are_clear_errors(store, httpserver, make_config, run_once, body,
                                           needle):
    if body is None:
        body = (QUIRKS / "truncated.xml").read_bytes()
    httpserver.expect_request("/feed").respond_with_data(body)
    res = run_once(_cfg(make_config, httpserver.url_for("/feed")), store, "uji")
    assert res.status == "pending" and needle in res.error, res.error  # retries: 1 by default
    assert _articles(store) == []
    assert run_rows(store, "uji")[-1]["error"] == res.error


def test_undefined_html_entity_is_tolerated(store, httpserver, make_config, run_once):
    # &nbsp; in the channel title and &hellip; in an item: undefined in XML, fine in readers.
    httpserver.expect_request("/feed").respond_with_data(
        (QUIRKS / "undefined_entity.xml").read_bytes())
    res = run_once(_cfg(make_config, httpserver.url_for("/feed")), store, "uji")
    assert (res.status, res.articles) == ("up", 9)
    assert _articles(store)[0]["summary"].endswith("sebelumnya.\u2026")
