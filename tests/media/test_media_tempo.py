"""Topics, day buckets and top words on the real Tempo.co captures (content © Tempo.co; test
fixtures only), stored as the rss collector stores them and read back through data.articles."""

from __future__ import annotations

import hashlib
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from media_fixtures import NOW, TOPICS, load_tempo
from pantau.data import articles as A

WITA = "Asia/Makassar"
pytestmark = pytest.mark.realdata


def day(d: int, month: int = 6, tz: str = WITA) -> int:
    return int(datetime(2026, month, d, tzinfo=ZoneInfo(tz)).timestamp())


@pytest.fixture
def tempo(store):
    # 171 items in 19 files; links repeat across snapshots (wawancara 5x, investigasi 18x).
    assert load_tempo(store) == 148
    return store


def titles(df) -> set[str]:
    """The items' titles as the first 12 hex digits of their sha1: Tempo.co's text stays in
    ../shared, so the expected headlines are named by hash (what each is, in a comment)."""
    return {hashlib.sha1(t.encode("utf-8")).hexdigest()[:12] for t in df["title"]}


def test_topics_of_known_headlines(tempo):
    assert titles(A.articles(tempo, topic="pariwisata")) == {
        "fca0e30b550a",  # an airport reactivation that may lift tourism
        "536d9567abbf",  # business around another reactivated airport (matched in the summary)
    }
    assert titles(A.articles(tempo, topic="bencana")) == {
        "3823cbfd365f",  # a fact check of earthquake and tsunami videos
        "b120d900ad35",  # trains halted after an earthquake
    }
    assert "583a8165118e" in titles(  # a fact check of a fruit said to cure blindness
        A.articles(tempo, topic="kesehatan"))  # "bermanfaat bagi kesehatan mata"
    ekonomi = titles(A.articles(tempo, topic="ekonomi", limit=100))
    assert {"804a9e223a17",  # yearly inflation expected to rise in May
            "ca29ebc752f1",  # how small businesses carry a regional economy
            "495109560ed8",  # BPS: May 2026 inflation
            "8bf9fab05fe4"} <= ekonomi  # the price of gold falls
    assert "7d64676dbf27" not in ekonomi  # a village head found dead
    kades = A.articles(tempo, q="Kades di Sidoarjo")  # a village head found dead
    assert kades["topics"].tolist() == [[]]
    assert kades["sentiment"].tolist() != ["positive"]  # "tewas" is never positive


def test_topic_counts_are_plausible(tempo):
    got = A.topic_counts(tempo, list(TOPICS), 0, NOW)
    assert got["spbe"] == 0  # Tempo's national rubrics never mention SPBE
    assert got["pariwisata"] == 2 and got["bencana"] == 2
    assert max(got, key=got.get) == "ekonomi" and 20 <= got["ekonomi"] <= 40
    # The same per WITA day, for the week of the seven ekonomi snapshots.
    series = A.topic_series(tempo, ["ekonomi", "pariwisata"], day(1), day(8), WITA)
    per_topic = series.groupby("topic")["count"].sum().to_dict()
    assert per_topic["pariwisata"] == 2 and per_topic["ekonomi"] >= 20


def test_ekonomi_has_nine_items_on_each_wita_day(tempo):
    # Each snapshot holds the 9 newest items of that day (07:32-15:44 WIB); on 7 June the first
    # is 06:00 WIB = 07:00 WITA = 23:00 UTC on 6 June: bucketing in UTC would misplace it.
    wita = A.article_counts(tempo, day(1), day(8), WITA, outlet="Tempo.co ekonomi")
    assert dict(zip(wita["ts"], wita["count"], strict=True)) == {day(d): 9 for d in range(1, 8)}
    utc = A.article_counts(tempo, day(1, tz="UTC"), day(8, tz="UTC"), "UTC",
                           outlet="Tempo.co ekonomi")
    by_day = dict(zip(utc["ts"], utc["count"], strict=True))
    assert by_day[day(6, tz="UTC")] == 10 and by_day[day(7, tz="UTC")] == 8


def test_share_of_voice_of_the_rubrics(tempo):
    share = A.share_of_voice(tempo, None, None)
    assert dict(zip(share["outlet"], share["count"], strict=True)) == {
        "Tempo.co ekonomi": 63, "Tempo.co cekfakta": 27, "Tempo.co hukum": 27,
        "Tempo.co wawancara": 22, "Tempo.co investigasi": 9}
    assert share["share"].sum() == pytest.approx(1.0)


def test_top_words_of_the_ekonomi_week(tempo):
    words = A.top_words(tempo, day(1), day(8), n=10, outlet="Tempo.co ekonomi")
    top = [w for w, _ in words]
    assert {"harga", "rupiah", "purbaya"} <= set(top[:5])
    assert {"ihsg", "apbn"} <= set(top)
    assert dict(words)["harga"] >= 15
    everything = dict(A.top_words(tempo, None, None, n=200))
    assert not {"yang", "dan", "di", "ini", "untuk", "dengan", "tempo"} & set(everything)


def test_top_words_of_other_rubrics(tempo):
    hukum = [w for w, _ in A.top_words(tempo, day(3), day(4), n=6, outlet="Tempo.co hukum")]
    assert {"kpk", "ott", "imigrasi"} <= set(hukum)
    stale = [w for w, _ in A.top_words(tempo, None, None, n=5, outlet="Tempo.co investigasi")]
    assert {"prabowo", "karen brooks"} <= set(stale)  # a name of two words is one entry
    cek = [w for w, _ in A.top_words(tempo, day(28, 5), day(4), n=3, outlet="Tempo.co cekfakta")]
    assert cek[:2] == ["virus", "hanta"]
