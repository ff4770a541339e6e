"""Topic matching and top words, on hand-made texts and on real Tempo.co RSS captures (marker
``realdata``: run only where ../shared/realdata is present)."""

from __future__ import annotations

import hashlib

import feedparser
import pytest
from pantau.text.normalize import plain_text, tokens
from pantau.text.stopwords import STOPWORDS, is_stopword
from pantau.text.topics import match_key, match_topics, name_bigrams, top_words
from support.config import repo_yaml
from support.realdata import realdata_path


def _items(feed: str) -> list[tuple[str, str]]:
    """(title, plain-text summary) of every item of every snapshot of one feed."""
    out = []
    for path in sorted(realdata_path(f"rss/tempo/{feed}").glob("*.xml")):
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
        out += [(plain_text(e.title), plain_text(e.get("summary", ""))) for e in parsed.entries]
    return out


# --- matching rules ---------------------------------------------------------------------------

TOPICS = {
    "spbe": ["spbe", "sistem pemerintahan berbasis elektronik", "layanan* digital"],
    "pariwisata": ["pariwisata", "wisata*", "mandalika"],
    "pembangunan": ["bangun*"],
}


def test_case_insensitive():
    assert match_topics("MANDALIKA Ramai", "", TOPICS) == ["pariwisata"]
    assert match_topics("", "Indeks SPBE naik", TOPICS) == ["spbe"]


def test_whole_words_by_default():
    economy = {"ekonomi": ["harga"]}
    assert match_topics("Harga beras naik", "", economy) == ["ekonomi"]
    assert match_topics("Harganya turun", "", economy) == ["ekonomi"]  # -nya is a clitic
    assert match_topics("Gubernur terima penghargaan", "", economy) == []
    assert match_topics("Warga menghargai petugas", "", economy) == []
    assert match_topics("Harga beras", "", {"ras": ["ras"]}) == []
    assert match_topics("Kunjungan wisatawan naik", "", {"w": ["wisata"]}) == []
    assert match_topics("Warga laporkan jalan rusak", "", {"lapor": ["lapor"]}) == []
    assert match_topics("Aduan lewat SP4N-LAPOR naik", "", {"lapor": ["lapor"]}) == ["lapor"]
    assert match_topics("Kasus COVID-19 turun", "", {"covid": ["covid"]}) == ["covid"]
    assert match_topics("Kasus COVID-19 turun", "", {"covid": ["covid-19"]}) == ["covid"]


def test_a_star_asks_for_affixed_forms_of_the_root():
    assert match_topics("Pemkot percepat pembangunan jalan", "", TOPICS) == ["pembangunan"]
    assert match_topics("Dinas dibangun ulang", "", TOPICS) == ["pembangunan"]
    assert match_topics("Warga berwisata ke Sembalun", "", TOPICS) == ["pariwisata"]
    assert match_topics("Kunjungan wisatawan naik", "", TOPICS) == ["pariwisata"]
    assert match_topics("Gubernur terima penghargaan", "", {"e": ["harga*"]}) == ["e"]
    assert match_key("karyawan") == "karya"
    assert match_key("teman") == "teman"  # "-man" folded only when a root word remains
    assert match_topics("Pemkot bangun*", "", {"x": ["*"]}) == []  # a lone star is empty


def test_phrases_match_consecutive_words_only():
    text = "Pemprov menerapkan Sistem Pemerintahan Berbasis Elektronik di semua dinas"
    assert match_topics(text, "", TOPICS) == ["spbe"]
    assert match_topics("Pelayanan digital desa", "", TOPICS) == ["spbe"]  # layanan*
    assert match_topics("Layanan publik kini serba digital", "", TOPICS) == []
    assert match_topics("Pelayanan digital desa", "", {"s": ["layanan digital"]}) == []
    # A phrase does not straddle title and summary.
    assert match_topics("Peluncuran layanan", "digital untuk warga", TOPICS) == []


@pytest.mark.parametrize("path", ["config.yaml", "demo/config.yaml"])
def test_the_shipped_topics_still_find_their_news(path):
    topics = repo_yaml(path)["media"]["topics"]
    for title, wanted in [
        ("Kunjungan wisatawan ke Mandalika naik", "pariwisata"),
        ("Desa wisata di Lombok Tengah ramai", "pariwisata"),
        ("Banjir rendam ratusan rumah di Bima", "bencana"),
        ("Warga kebanjiran setelah hujan deras", "bencana"),
        ("Gempa bumi guncang Sumbawa", "bencana"),
        ("Harga beras naik di pasar", "ekonomi"),
        ("Perekonomian NTB tumbuh", "ekonomi"),
        ("Peningkatan pelayanan publik di kecamatan", "layanan_publik"),
        ("Ombudsman periksa layanan publik kantor camat", "layanan_publik"),
        ("Pemprov luncurkan pelayanan digital desa", "spbe"),
        ("Puskesmas tambah jam layanan", "kesehatan"),
    ]:
        assert wanted in match_topics(title, "", topics), (path, title)
    for title in ["Gubernur terima penghargaan", "Warga menghargai petugas kebersihan",
                  "Warga laporkan jalan rusak ke kantor desa"]:
        assert match_topics(title, "", topics) == [], (path, title)


def test_result_follows_mapping_order_and_handles_empties():
    both = "Wisatawan keluhkan layanan digital"  # mapping order, not order in the text
    assert match_topics(both, None, TOPICS) == ["spbe", "pariwisata"]
    assert match_topics(None, None, TOPICS) == []
    assert match_topics("apa saja", "", {"kosong": ["", "  "]}) == []
    assert match_topics("Mandalika", "", {"satu": "mandalika"}) == ["satu"]  # bare string


# --- top words --------------------------------------------------------------------------------


def test_top_words_filters_stopwords_short_tokens_and_numbers():
    texts = ["Harga beras di pasar naik 5% dan harga cabai 1.234,5 per kg", "yang di ke harga"]
    words = dict(top_words(texts, n=50))
    assert words["harga"] == 3
    assert not {"yang", "di", "ke", "dan", "per", "kg", "5", "1.234,5"} & set(words)


def test_top_words_order_limit_and_stem_mode():
    texts = ["pembangunan jalan", "dibangun jalan", "membangun jembatan"]
    assert top_words(texts, n=1) == [("jalan", 2)]
    assert top_words(texts, n=1, stem=True) == [("bangun", 3)]
    assert top_words([], n=5) == []
    assert top_words(["a b c"], n=0) == []


_NAMES = [
    "Gubernur Lalu Wirasena Putra meresmikan jembatan di Sumbawa.",
    "Menurut Wirasena Putra, jembatan itu dibangun dua tahun.",
    "Warga menyambut Wirasena Putra dengan tarian.",
    "Wirasena Membuka Festival Tambora",  # a headline: every word capitalised
    "Harga beras naik, harga beras medium juga naik.",
    "Festival Tambora ramai dan harga beras stabil.",
]


def test_top_words_join_names_of_two_words():
    words = dict(top_words(_NAMES, n=50))
    assert words["wirasena putra"] == 3
    assert words["wirasena"] == 1  # said alone, it still counts alone
    assert "putra" not in words
    assert "harga beras" not in words and words["beras"] == 3  # lowercase: not a name
    assert ("wirasena", "putra") in name_bigrams(_NAMES)
    assert ("gubernur", "lalu") not in name_bigrams(_NAMES)  # a title is not part of a name


def test_a_title_before_a_name_is_not_joined_to_it():
    texts = ["Presiden Wirasena Putra tiba.", "Kata Presiden Wirasena Putra kemarin.",
             "Presiden Wirasena Putra pulang."]
    words = dict(top_words(texts, n=10))
    assert words["wirasena putra"] == 3 and words["presiden"] == 3


def test_names_need_evidence_from_sentence_case_text():
    headlines = ["Harga Beras Naik Lagi", "Harga Beras Turun Lagi", "Harga Beras Stabil"]
    assert name_bigrams(headlines) == {}
    acronyms = ["Kantor BPBD Lombok tutup.", "Petugas BPBD Lombok siaga."]
    assert name_bigrams(acronyms) == {}
    once = ["Warga bertemu Wirasena Putra."]
    assert name_bigrams(once) == {}  # once is not a pattern


@pytest.mark.parametrize(
    "verb",
    ["menyatakan", "mencatat", "mengatakan", "menurut", "menjelaskan", "menambahkan",
     "mengungkapkan", "menilai", "menyampaikan", "menegaskan", "memaparkan", "ujarnya"],
)
def test_verbs_of_reporting_are_stopwords(verb):
    assert is_stopword(verb)
    text = f"Kepala dinas {verb} jalan provinsi rusak."
    assert verb not in dict(top_words([text, text]))


def test_stopwords_are_lowercase_and_cover_news_boilerplate():
    assert all(w == w.lower() and w.strip() == w for w in STOPWORDS)
    for word in ["yang", "dan", "di", "ke", "dari", "ini", "itu", "untuk", "dengan", "pada",
                 "baca", "juga", "selengkapnya", "kata", "ujar", "jelas", "menurut"]:
        assert is_stopword(word), word
    assert is_stopword("YANG")
    assert not is_stopword("harga")
    assert len(STOPWORDS) >= 300


# --- real Tempo.co feeds ----------------------------------------------------------------------


@pytest.mark.realdata
def test_top_words_of_the_economy_feed():
    items = _items("free-ekonomi")
    assert len(items) == 63
    words = [w for w, _ in top_words((f"{t} {s}" for t, s in items), n=30)]
    assert not {"yang", "dan", "di", "ke", "dari", "untuk", "pada", "tahun", "mei"} & set(words)
    assert words[0] == "harga"  # 20 occurrences, then "rupiah" with 16
    for expected in ["rupiah", "persen", "apbn", "ihsg", "inflasi", "defisit", "ekonomi"]:
        assert expected in words, (expected, words)


ECONOMY = {"ekonomi": ["harga", "ekonomi*", "inflasi"]}

# Tempo.co's headlines are not copied here (their content, no licence known): an item is
# named by the first ten hex digits of sha1(title), described in our own words.


def _by_key(feeds: list[str]) -> dict[str, tuple[str, str]]:
    return {hashlib.sha1(t.encode("utf-8")).hexdigest()[:10]: (t, s)
            for feed in feeds for t, s in _items(feed)}


@pytest.mark.parametrize(
    "key",
    [
        "1a32ad9fe5",  # gold export reference price falls
        "ca29ebc752",  # small firms supporting regional economies
        "804a9e223a",  # annual inflation expected to rise
        "495109560e",  # the statistics office's May inflation figure
        "0ba330e4b3",  # jet fuel cheaper, air tickets still dear
        "3c7760a0e9",  # manufacturing back in expansion; only the summary names prices
        "072b589756",  # rural bank assets; the summary names "Bank Perekonomian Rakyat": ekonomi*
    ],
)
@pytest.mark.realdata
def test_economy_topic_matches_known_headlines(key):
    title, summary = _by_key(["free-ekonomi"])[key]
    assert match_topics(title, summary, ECONOMY) == ["ekonomi"]


@pytest.mark.parametrize(
    "key",
    [
        "6ad10a33b6",  # a customs duty regulation signed
        "0e478aaaaa",  # a ferry port cleared in stages
        "bcb1d9a6b4",  # extra high-speed train trips for the holiday return
        "dd4cbbdd53",  # taxpayers filing their annual returns
        "f484c94511",  # an economist's ("ekonom", not "ekonomi") advice on the rupiah
    ],
)
@pytest.mark.realdata
def test_economy_topic_skips_unrelated_headlines(key):
    title, summary = _by_key(["free-ekonomi"])[key]
    assert match_topics(title, summary, ECONOMY) == []


@pytest.mark.realdata
def test_topics_across_all_feeds():
    items = _by_key(["free-ekonomi", "free-hukum", "free-cekfakta"])
    topics = {"rupiah": ["rupiah", "nilai tukar"], "virus hanta": ["virus hanta"]}
    hits = {name: {k for k, (t, s) in items.items() if name in match_topics(t, s, topics)}
            for name in topics}
    assert "60284bf8bc" in hits["rupiah"]  # shares and the rupiah slump
    assert "55a15bf886" in hits["virus hanta"]  # a fact-check about a cartoon and the virus
    assert all("hanta" in (t + s).lower() for k, (t, s) in items.items()
               if k in hits["virus hanta"])


@pytest.mark.realdata
def test_harga_tags_only_the_whole_word_in_real_news():
    for title, summary in _by_key(["free-ekonomi", "free-hukum", "free-wawancara"]).values():
        words = {w.removesuffix("nya") for w in tokens(f"{title} {summary}")}
        assert bool(match_topics(title, summary, {"e": ["harga"]})) == ("harga" in words)
