"""The 19 real Tempo.co captures replayed in date order through the rss collector and the
runner: every distinct link is stored exactly once, although the feeds number their items 1..9
every day (guid reuse) and one feed repeats all its links in every capture."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from collector_helpers import TEMPO, run_rows, stored
from pantau.collectors.runner import Runner
from sqlalchemy import text

DISTINCT_LINKS = {"free-ekonomi": 63, "free-hukum": 27, "free-cekfakta": 27,
                  "free-wawancara": 22, "free-investigasi": 9}


def captures():
    """``(date, feed, path)`` of every capture, oldest first."""
    out = [(p.stem, p.parent.name, p) for p in TEMPO.glob("*/*.xml")]
    return sorted(out)


@pytest.fixture
def replay(store, httpserver, make_config, clock):
    feeds = sorted(DISTINCT_LINKS)
    current: dict[str, bytes] = {}
    for feed in feeds:
        httpserver.expect_request(f"/rss/{feed}").respond_with_handler(
            lambda req, feed=feed: _answer(current[feed]))
    cfg = make_config([{"id": f"tempo_{f.split('-')[1]}", "kind": "rss", "every": "1h",
                        "options": {"url": httpserver.url_for(f"/rss/{f}"),
                                    "outlet": f"Tempo {f.split('-')[1]}",
                                    "channel": "media_massa"}} for f in feeds],
                      media={"topics": {"ekonomi": ["harga", "inflasi", "ekspor"]}})
    runner = Runner.from_config(cfg, store, clock=clock)
    results = []
    for day, feed, path in captures():
        current[feed] = path.read_bytes()
        # The converter commits between 05:00 and 10:30 UTC; collect at the end of that day.
        clock.now = datetime.fromisoformat(day).replace(hour=23, tzinfo=UTC).timestamp()
        results.append(runner.run(cfg.source(f"tempo_{feed.split('-')[1]}")))
    runner.close()
    return results


def _answer(body: bytes):
    from werkzeug import Response

    return Response(body, content_type="application/octet-stream")


def test_nineteen_captures_give_exactly_the_distinct_links(store, replay):
    assert len(replay) == 19
    assert all(r.status == "up" for r in replay), [r.error for r in replay]
    with store.reader.connect() as conn:
        per_outlet = dict(conn.execute(text(
            "SELECT outlet, COUNT(*) FROM articles GROUP BY outlet")).fetchall())
        total, distinct = conn.execute(text(
            "SELECT COUNT(*), COUNT(DISTINCT url) FROM articles")).one()
    assert per_outlet == {f"Tempo {f.split('-')[1]}": n for f, n in DISTINCT_LINKS.items()}
    assert total == distinct == 148
    # New articles reported by the runs add up to the same number.
    assert sum(r.articles for r in replay) == 148
    assert len(run_rows(store)) == 19
    _counts_add_up(store)
    _published_times_are_utc(store)


def test_guids_collide_but_links_do_not():
    guids = set()
    for _, _, path in captures():
        guids |= set(re.findall(r"<guid>(\d+)</guid>", path.read_text(encoding="utf-8")))
    assert guids == {str(i) for i in range(1, 10)}


def _counts_add_up(store):
    sums: dict[str, float] = {}
    for labels, _ts, value in stored(store, "news_articles_count"):
        assert labels["channel"] == "media_massa"
        sums[labels["outlet"]] = sums.get(labels["outlet"], 0) + value
    assert sums == {f"Tempo {f.split('-')[1]}": float(n) for f, n in DISTINCT_LINKS.items()}


def _published_times_are_utc(store):
    # <pubDate>Sun, 07 Jun 2026 ... +0700</pubDate> items: each stored time equals the feed's
    # wall time minus 7 hours.
    path = TEMPO / "free-ekonomi" / "2026-06-07.xml"
    body = path.read_text(encoding="utf-8")
    items = re.findall(r"<link>(.*?)</link>\s*<guid>\d+</guid>\s*<pubDate>(.*?)</pubDate>", body)
    assert len(items) == 9
    with store.reader.connect() as conn:
        got = dict(conn.execute(text("SELECT url, published_ts FROM articles")).fetchall())
    for link, pub in items:
        expected = datetime.strptime(pub, "%a, %d %b %Y %H:%M:%S %z").timestamp()
        assert got[link] == int(expected)
    # One check by hand: 06:00 WIB is 23:00 UTC the day before.
    assert datetime.fromtimestamp(got[items[-1][0]], UTC).hour == \
        (datetime.strptime(items[-1][1], "%a, %d %b %Y %H:%M:%S %z").hour - 7) % 24
