"""Daily feed snapshots replayed in date order through the rss collector and the runner: every
distinct link is stored exactly once, although the feeds number their items 1..9 every day
(guid reuse), one article changes guid as it moves down the feed and a stale feed repeats all
its links in every snapshot. Once on the project's own fixtures (``support.feeds``), once on
the 19 real Tempo.co captures when they are present (marker ``realdata``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from collector_helpers import run_rows, stored
from pantau.collectors.runner import Runner
from sqlalchemy import text
from support import feeds
from support.realdata import TEMPO, realdata_path


@dataclass(frozen=True)
class FeedSet:
    folder: Path
    distinct_links: dict[str, int]   # feed (folder name) -> distinct links over its snapshots
    snapshots: int
    last: str                        # a snapshot whose last item is at 06:00 WIB

    def outlet(self, feed: str) -> str:
        return f"Outlet {feed.split('-')[1]}"

    def captures(self) -> list[tuple[str, str, Path]]:
        if self.folder == TEMPO:
            realdata_path("rss/tempo")
        return feeds.snapshots(self.folder)


PROJECT = FeedSet(feeds.FEEDS, feeds.DISTINCT_LINKS, 10, "lensa-ekonomi/2026-06-04.xml")
TEMPO_SET = FeedSet(TEMPO, {"free-ekonomi": 63, "free-hukum": 27, "free-cekfakta": 27,
                            "free-wawancara": 22, "free-investigasi": 9},
                    19, "free-ekonomi/2026-06-07.xml")
FEED_SETS = [pytest.param(PROJECT, id="project"),
             pytest.param(TEMPO_SET, id="tempo", marks=pytest.mark.realdata)]


@pytest.fixture(params=FEED_SETS)
def feed_set(request) -> FeedSet:
    return request.param


@pytest.fixture
def replay(store, httpserver, make_config, clock, feed_set):
    names = sorted(feed_set.distinct_links)
    current: dict[str, bytes] = {}
    for feed in names:
        httpserver.expect_request(f"/rss/{feed}").respond_with_handler(
            lambda req, feed=feed: _answer(current[feed]))
    cfg = make_config([{"id": feed.replace("-", "_"), "kind": "rss", "every": "1h",
                        "options": {"url": httpserver.url_for(f"/rss/{feed}"),
                                    "outlet": feed_set.outlet(feed),
                                    "channel": "media_massa"}} for feed in names],
                      media={"topics": {"ekonomi": ["harga", "inflasi", "ekspor"]}})
    runner = Runner.from_config(cfg, store, clock=clock)
    results = []
    for day, feed, path in feed_set.captures():
        current[feed] = path.read_bytes()
        # Snapshots land between 05:00 and 10:30 UTC; collect at the end of that day.
        clock.now = datetime.fromisoformat(day).replace(hour=23, tzinfo=UTC).timestamp()
        results.append(runner.run(cfg.source(feed.replace("-", "_"))))
    runner.close()
    return results


def _answer(body: bytes):
    from werkzeug import Response

    return Response(body, content_type="application/octet-stream")


def test_snapshots_give_exactly_the_distinct_links(store, replay, feed_set):
    total_links = sum(feed_set.distinct_links.values())
    assert len(replay) == feed_set.snapshots
    assert all(r.status == "up" for r in replay), [r.error for r in replay]
    with store.reader.connect() as conn:
        per_outlet = dict(conn.execute(text(
            "SELECT outlet, COUNT(*) FROM articles GROUP BY outlet")).fetchall())
        total, distinct = conn.execute(text(
            "SELECT COUNT(*), COUNT(DISTINCT url) FROM articles")).one()
    assert per_outlet == {feed_set.outlet(f): n for f, n in feed_set.distinct_links.items()}
    assert total == distinct == total_links
    # New articles reported by the runs add up to the same number.
    assert sum(r.articles for r in replay) == total_links
    assert len(run_rows(store)) == feed_set.snapshots
    _counts_add_up(store, feed_set)
    _published_times_are_utc(store, feed_set)


def test_guids_collide_but_links_do_not(feed_set):
    guids, links = [], set()
    for _, _, path in feed_set.captures():
        body = path.read_text(encoding="utf-8")
        guids += re.findall(r"<guid>(\d+)</guid>", body)
        links |= set(re.findall(r"<link>([^<]*)</link>\s*<guid>", body))
    assert set(guids) == {str(i) for i in range(1, 10)}
    assert len(guids) == 9 * feed_set.snapshots
    assert len(links) == sum(feed_set.distinct_links.values())


def _counts_add_up(store, feed_set):
    sums: dict[str, float] = {}
    for labels, _ts, value in stored(store, "news_articles_count"):
        assert labels["channel"] == "media_massa"
        sums[labels["outlet"]] = sums.get(labels["outlet"], 0) + value
    assert sums == {feed_set.outlet(f): float(n) for f, n in feed_set.distinct_links.items()}


def _published_times_are_utc(store, feed_set):
    # <pubDate>... +0700</pubDate> items: each stored time equals the feed's wall time minus
    # 7 hours.
    body = (feed_set.folder / feed_set.last).read_text(encoding="utf-8")
    items = re.findall(r"<link>(.*?)</link>\s*<guid>\d+</guid>\s*<pubDate>(.*?)</pubDate>", body)
    assert len(items) == 9
    with store.reader.connect() as conn:
        got = dict(conn.execute(text("SELECT url, published_ts FROM articles")).fetchall())
    for link, pub in items:
        expected = datetime.strptime(pub, "%a, %d %b %Y %H:%M:%S %z").timestamp()
        assert got[link] == int(expected)
    # One check by hand: the last item is at 06:00 WIB, which is 23:00 UTC the day before.
    assert items[-1][1].endswith(" 06:00:00 +0700")
    assert datetime.fromtimestamp(got[items[-1][0]], UTC).hour == 23
