"""The media questions of ``data.articles`` on SQLite and PostgreSQL (the ``store`` fixture)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pantau.data import articles as A
from pantau.data.batch import Article, Batch

WITA = "Asia/Makassar"


def at(tz: str, *parts) -> int:
    return int(datetime(*parts, tzinfo=ZoneInfo(tz)).timestamp())


def art(n: int, ts: int | None, outlet="Suara NTB", channel="media_massa", sentiment="neutral",
        topics=(), title=None, summary="") -> Article:
    return Article(url=f"https://news.example/{n}", title=title or f"Berita nomor {n}",
                   summary=summary, outlet=outlet, channel=channel, published_ts=ts,
                   source_id="src", sentiment=sentiment, topics=tuple(topics))


def write(store, items, now):
    result = store.write(Batch(articles=list(items)), set(), now=now)
    assert result.articles == len(items) and not result.rejections


NOW = at(WITA, 2026, 6, 8, 12, 0)


@pytest.fixture
def filled(store):
    """Five articles around the WITA midnight of 7 June 2026, and one without a pubDate."""
    write(store, [
        # 07:00 WITA on 7 June is 23:00 UTC on 6 June: the realdata README's trap.
        art(1, at(WITA, 2026, 6, 7, 7, 0), "Suara NTB", "media_massa", "negative",
            ["bencana"], "Banjir rendam Kota Bima", "Warga yang terdampak banjir dan longsor"),
        art(2, at(WITA, 2026, 6, 7, 0, 30), "Lombok Post", "media_massa", "positive",
            ["pariwisata"], "Wisatawan padati Mandalika", "Kunjungan di sirkuit naik"),
        art(3, at(WITA, 2026, 6, 6, 23, 59), "Diskominfotik NTB", "media_interaktif",
            "neutral", ["spbe", "pariwisata"], "Layanan digital untuk wisatawan"),
        art(4, at(WITA, 2026, 6, 5, 10, 0), "InsideLombok", "media_digital", None, [],
            "Pasar malam di Ampenan"),
        art(5, at(WITA, 2026, 6, 7, 9, 0), "Lombok Post", "media_massa", "negative",
            ["bencana"], "Longsor tutup jalan Senaru"),
    ], now=NOW)
    write(store, [art(6, None, "RRI Mataram", "media_tradisional", "neutral", [],
                      "Siaran pedesaan")], now=at(WITA, 2026, 6, 7, 20, 0))
    return store


def counts(df, by=None):
    if by is None:
        return {int(r.ts): int(r.count) for r in df.itertuples()}
    return {(int(r.ts), getattr(r, by)): int(r.count) for r in df.itertuples()}


def test_days_are_local_days_of_the_site_zone(filled):
    d5, d6, d7, d8 = (at(WITA, 2026, 6, d) for d in (5, 6, 7, 8))
    df = A.article_counts(filled, d5, d8, tz=WITA)
    assert counts(df) == {d5: 1, d6: 1, d7: 4}  # item 6 counts on its fetch time (20:00)
    assert df.attrs["buckets"] == [d5, d6, d7]
    # The same articles bucketed in UTC: 07:00 and 00:30 WITA on 7 June fall on 6 June.
    utc = A.article_counts(filled, d5, d8, tz="UTC")
    u6, u7 = (at("UTC", 2026, 6, d) for d in (6, 7))
    assert counts(utc)[u6] == 3 and counts(utc)[u7] == 2


def test_counts_per_outlet_channel_and_sentiment(filled):
    d6, d7, d8 = (at(WITA, 2026, 6, d) for d in (6, 7, 8))
    by_outlet = counts(A.article_counts(filled, d6, d8, WITA, by="outlet"), "outlet")
    assert by_outlet == {(d6, "Diskominfotik NTB"): 1, (d7, "Lombok Post"): 2,
                         (d7, "RRI Mataram"): 1, (d7, "Suara NTB"): 1}
    by_channel = counts(A.article_counts(filled, d6, d8, WITA, by="channel"), "channel")
    assert by_channel == {(d6, "media_interaktif"): 1, (d7, "media_massa"): 3,
                          (d7, "media_tradisional"): 1}
    by_sent = counts(A.article_counts(filled, 0, NOW, WITA, by="sentiment"), "sentiment")
    assert by_sent[(at(WITA, 2026, 6, 5), "")] == 1  # not scored
    assert by_sent[(d7, "negative")] == 2


def test_hour_buckets(filled):
    start, end = at(WITA, 2026, 6, 7, 0), at(WITA, 2026, 6, 7, 10)
    df = A.article_counts(filled, start, end, WITA, step="hour")
    assert counts(df) == {at(WITA, 2026, 6, 7, 0): 1, at(WITA, 2026, 6, 7, 7): 1,
                          at(WITA, 2026, 6, 7, 9): 1}
    assert len(df.attrs["buckets"]) == 10


def test_topic_series_and_topic_counts(filled):
    d6, d7, d8 = (at(WITA, 2026, 6, d) for d in (6, 7, 8))
    df = A.topic_series(filled, ["spbe", "pariwisata", "bencana", "kesehatan"], d6, d8, WITA)
    assert counts(df, "topic") == {(d6, "spbe"): 1, (d6, "pariwisata"): 1,
                                   (d7, "pariwisata"): 1, (d7, "bencana"): 2}
    assert A.topic_counts(filled, ["spbe", "pariwisata", "bencana", "kesehatan"], d6, d8) == {
        "spbe": 1, "pariwisata": 2, "bencana": 2, "kesehatan": 0}
    assert A.topic_counts(filled, ["bencana"], d6, d8, outlet="Lombok Post") == {"bencana": 1}


def test_share_of_voice(filled):
    df = A.share_of_voice(filled, 0, NOW + 1)
    assert list(df["outlet"]) == ["Lombok Post", "Diskominfotik NTB", "InsideLombok",
                                  "RRI Mataram", "Suara NTB"]
    assert list(df["count"]) == [2, 1, 1, 1, 1]
    assert df["share"].sum() == pytest.approx(1.0)
    assert df["share"].iloc[0] == pytest.approx(2 / 6)
    media_massa = A.share_of_voice(filled, 0, NOW + 1, channel="media_massa")
    assert dict(zip(media_massa["outlet"], media_massa["share"], strict=True)) == pytest.approx(
        {"Lombok Post": 2 / 3, "Suara NTB": 1 / 3})
    assert A.article_total(filled, 0, NOW + 1, sentiment=["negative", "positive"]) == 3


def test_filters_accept_lists_text_and_topics(filled):
    df = A.articles(filled, 0, NOW + 1, outlet=["Lombok Post", "Suara NTB"], limit=10)
    assert list(df["url"]) == ["https://news.example/5", "https://news.example/1",
                               "https://news.example/2"]
    assert list(A.articles(filled, q="MANDALIKA")["url"]) == ["https://news.example/2"]
    assert set(A.articles(filled, topic=["spbe", "bencana"])["url"]) == {
        "https://news.example/1", "https://news.example/3", "https://news.example/5"}
    assert A.articles(filled, topic="pariwisata")["topics"].tolist() == [
        ["pariwisata"], ["spbe", "pariwisata"]]


def test_articles_signature_is_kept(filled):
    # articles(store, start, end, outlet, channel, topic, q, limit, sentiment), as the wall uses it
    df = A.articles(filled, 0, NOW + 1, None, "media_massa", None, None, 2, "negative")
    assert list(df["url"]) == ["https://news.example/5", "https://news.example/1"]
    assert list(df.columns) == A.COLUMNS
    assert len(A.articles(filled, limit=3)) == 3


def test_topic_names_are_matched_exactly(store):
    # "_" and "%" are LIKE wildcards; PostgreSQL's LIKE is case-sensitive, SQLite's is not.
    write(store, [art(1, NOW - 60, topics=["axb"]), art(2, NOW - 50, topics=["a_b"]),
                  art(3, NOW - 40, topics=["SPBE"]), art(4, NOW - 30, topics=["50%"])], NOW)
    assert list(A.articles(store, topic="a_b")["url"]) == ["https://news.example/2"]
    assert list(A.articles(store, topic="spbe")["url"]) == []
    assert list(A.articles(store, topic="SPBE")["url"]) == ["https://news.example/3"]
    assert A.topic_counts(store, ["a_b", "axb", "50%", "5"], 0, NOW) == {
        "a_b": 1, "axb": 1, "50%": 1, "5": 0}


def test_top_words_leave_out_stopwords_and_are_bounded(filled):
    words = dict(A.top_words(filled, 0, NOW + 1, n=50))
    assert words["banjir"] == 2 and words["longsor"] == 2
    assert not {"yang", "dan", "di", "untuk"} & set(words)
    # limit=1: only the newest article (fetched at 20:00 on 7 June) is read.
    assert A.article_texts(filled, 0, NOW + 1, limit=1) == ["Siaran pedesaan"]
    assert dict(A.top_words(filled, 0, NOW + 1, limit=1)) == {"siaran": 1, "pedesaan": 1}


def test_distinct_values_and_bad_group(filled):
    assert A.distinct_values(filled, "channel") == ["media_digital", "media_interaktif",
                                                    "media_massa", "media_tradisional"]
    with pytest.raises(ValueError, match="by must be one of"):
        A.article_counts(filled, 0, NOW, WITA, by="title; DROP TABLE articles")
    with pytest.raises(ValueError, match="column must be one of"):
        A.distinct_values(filled, "url")
    with pytest.raises(ValueError, match="step must be one of"):
        A.article_counts(filled, 0, NOW, WITA, step="week")


def test_days_across_a_dst_change(store):
    # Outside Indonesia a day can last 23 hours: buckets still start at local midnight.
    tz = "Europe/Berlin"
    write(store, [art(i, at(tz, 2026, 3, d, 12)) for i, d in enumerate((28, 29, 30))],
          NOW)
    df = A.article_counts(store, at(tz, 2026, 3, 28), at(tz, 2026, 3, 31), tz)
    assert counts(df) == {at(tz, 2026, 3, d): 1 for d in (28, 29, 30)}
    assert at(tz, 2026, 3, 30) - at(tz, 2026, 3, 29) == 23 * 3600


def test_empty_store(store):
    assert A.article_counts(store, 0, NOW, WITA).empty
    assert A.topic_series(store, ["spbe"], 0, NOW, WITA).empty
    assert A.share_of_voice(store, 0, NOW).empty
    assert A.top_words(store, 0, NOW) == []
    assert A.topic_counts(store, [], 0, NOW) == {}
