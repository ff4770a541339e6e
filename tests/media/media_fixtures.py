"""Helpers of the media tests (imported by name; ``conftest`` is not importable by tests):
real Tempo.co captures loaded as the rss collector would store them, the NTB topics, a config.

The Tempo files are Tempo.co's content (see ../shared/realdata/README.md): test fixtures only,
never in the repository; tests that load them carry the ``realdata`` marker (skipped in a clone).
Any screenshot showing them credits Tempo.co.
"""

from __future__ import annotations

import calendar

import feedparser
from pantau.data.batch import Article, Batch
from pantau.text.normalize import plain_text
from pantau.text.sentiment import classify_article
from pantau.text.topics import match_topics
from support.config import config_from
from support.feeds import snapshots
from support.realdata import realdata_path

# The standing queries of the NTB example config (config.yaml, media.topics).
TOPICS = {
    "spbe": ["spbe", "sistem pemerintahan berbasis elektronik", "layanan digital",
             "e-government"],
    "pariwisata": ["pariwisata", "wisatawan", "mandalika", "gili trawangan", "rinjani"],
    "layanan_publik": ["lapor", "aduan", "pelayanan publik", "ombudsman"],
    "kesehatan": ["kesehatan", "stunting", "puskesmas", "rumah sakit", "bpjs"],
    "bencana": ["banjir", "gempa", "longsor", "kekeringan", "bpbd"],
    "ekonomi": ["inflasi", "ekonomi", "harga", "umkm", "investasi"],
}

# 2026-06-07 18:00 WITA (10:00 UTC): after the last capture.
NOW = 1780826400


def feed_articles(paths, outlet: str, topics=TOPICS) -> list[Article]:
    """Every item of the feed files ``paths`` (``<folder>/<rubric>/<date>.xml``), parsed with
    feedparser, text through plain_text, topics and sentiment filled in as the collectors'
    runner does. Outlet "<outlet> <rubric>" (the feed's identity is its folder's name),
    channel media_massa."""
    out = []
    for path in sorted(paths):
        rubric = path.parent.name.split("-", 1)[-1]
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, f"{path}: {feed.bozo_exception}"
        for e in feed.entries:
            title, summary = plain_text(e.get("title")), plain_text(e.get("summary"))
            out.append(Article(
                url=e.link, title=title, summary=summary, outlet=f"{outlet} {rubric}",
                channel="media_massa", published_ts=calendar.timegm(e.published_parsed),
                source_id=f"{outlet.split('.')[0].lower().replace(' ', '_')}_{rubric}",
                sentiment=classify_article(title, summary),
                topics=tuple(match_topics(title, summary, topics))))
    return out


def tempo_articles(topics=TOPICS) -> list[Article]:
    """Every item of every real Tempo capture (marker ``realdata``), outlet "Tempo.co <rubric>"."""
    return feed_articles(realdata_path("rss/tempo").glob("*/*.xml"), "Tempo.co", topics)


def lensa_articles(topics=TOPICS) -> list[Article]:
    """Every item of the project's own feed snapshots (``support.feeds``), outlet
    "Lensa Nusa <rubric>"."""
    return feed_articles([p for _, _, p in snapshots()], "Lensa Nusa", topics)


def load_articles(store, items: list[Article]) -> int:
    """Write ``items`` into ``store``; return how many distinct articles it kept."""
    result = store.write(Batch(articles=items), set(), now=NOW)
    assert not result.rejections
    return result.articles


def load_tempo(store) -> int:
    """Write the Tempo captures into ``store``; return how many distinct articles it kept."""
    return load_articles(store, tempo_articles())


def media_config(**extra):
    """A validated Config with the NTB topics (kinds from the collectors registry)."""
    raw = {"site": {"name": "Command Center NTB", "timezone": "Asia/Makassar"},
           "media": {"topics": TOPICS}}
    raw.update(extra)
    return config_from(raw)
