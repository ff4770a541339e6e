"""Standing topic queries and word counts for Indonesian news items.

Topics come from ``config.yaml`` (``media.topics``): a name and a list of keywords or phrases.

    >>> topics = {"ekonomi": ["harga", "inflasi"], "pembangunan": ["bangun*"]}
    >>> match_topics("Pemkot Percepat Pembangunan Jalan", "", topics)
    ['pembangunan']
    >>> match_topics("Gubernur terima penghargaan", "", topics)
    []
    >>> top_words(["Harga beras naik", "harga cabai turun di pasar"], n=2)
    [('harga', 2), ('beras', 1)]

Keyword syntax (case-insensitive, matched on the title and on the summary separately):

- ``harga`` matches the **whole word** only: "harga", "Harga", "harganya" (the clitic -nya is
  not an affix), not "penghargaan" or "menghargai".
- ``wisata*`` (a trailing ``*``) also matches every **affixed form of the same root**: both
  sides are reduced to Sastrawi stems, with agent suffixes folded, so "wisata*" finds
  "wisatawan", "berwisata" and "wisata", and "bangun*" finds "pembangunan" and "dibangun".
- ``gili trawangan`` (words separated by spaces) is a phrase: consecutive words, each matched
  as above ("layanan* publik" finds "pelayanan publik").
- Hyphenated compounds are several words ("covid" finds "COVID-19", "lapor" finds
  "SP4N-LAPOR"); reduplications are one ("anak-anak").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from pantau.text.normalize import root_words, tokens
from pantau.text.normalize import stem as _stem  # top_words() has a parameter named stem
from pantau.text.stopwords import STOPWORDS

__all__ = ["match_key", "match_keys", "match_topics", "name_bigrams", "top_words"]

# Agent/person suffixes Sastrawi leaves on: wisatawan, karyawati, seniman, ilmuwan. They are
# folded only when what remains is a known root word, so "lawan" or "teman" stay whole.
_AGENT_SUFFIXES = ("wati", "wan", "man")


@lru_cache(maxsize=65536)
def match_key(token: str) -> str:
    """The form a token is compared by: its stem, with agent suffixes folded."""
    key = _stem(token)
    for suffix in _AGENT_SUFFIXES:
        base = key[: -len(suffix)]
        if key.endswith(suffix) and len(base) >= 3 and base in root_words():
            return base
    return key


def _split_compound(token: str) -> list[str]:
    # "anak-anak", "berbeda-beda", "sehari-hari" are one word (reduplication: the halves share
    # a stem); "covid-19", "ktp-el", "merak-bakauheni" are several words, so that a keyword
    # "covid" or "bakauheni" finds them.
    if "-" not in token:
        return [token]
    parts = [p for p in token.split("-") if p]
    if len({_stem(p) for p in parts}) == 1:
        return [token]
    return parts


def match_keys(text: str) -> list[str]:
    """The sequence of match keys of a text (see ``match_key``)."""
    return [match_key(part) for token in tokens(text) for part in _split_compound(token)]


_Word = tuple[str, str, str]  # (word, word without -nya, match key)


def _words(text: str) -> list[_Word]:
    out = []
    for token in tokens(text):
        for part in _split_compound(token):
            bare = part[:-3] if part.endswith("nya") and len(part) > 5 else part
            out.append((part, bare, match_key(part)))
    return out


@lru_cache(maxsize=4096)
def _needle(keyword: str) -> tuple[tuple[bool, str], ...]:
    """A keyword as a sequence of (by_root, form): form is the word, or its key if by_root."""
    out = []
    for part in keyword.split():
        by_root = part.endswith("*")
        for token in tokens(part.rstrip("*")):
            for word in _split_compound(token):
                out.append((by_root, match_key(word) if by_root else word))
    return tuple(out)


def _same(word: _Word, wanted: tuple[bool, str]) -> bool:
    by_root, form = wanted
    return word[2] == form if by_root else form in (word[0], word[1])


def _contains(haystack: Sequence[_Word], needle: tuple[tuple[bool, str], ...]) -> bool:
    size = len(needle)
    if size == 0:
        return False
    return any(
        all(_same(haystack[i + k], needle[k]) for k in range(size))
        for i in range(len(haystack) - size + 1)
    )


def match_topics(
    title: str | None, summary: str | None, topics: Mapping[str, Sequence[str]]
) -> list[str]:
    """Names of the topics whose keywords occur in ``title`` or ``summary``, in mapping order.

    A topic matches when any one of its keywords or phrases occurs (syntax in the module
    docstring: whole words; ``root*`` for affixed forms of the same root). Empty keywords never
    match.
    """
    # Title and summary are matched separately so that a phrase cannot straddle the two.
    texts = [_words(title or ""), _words(summary or "")]
    found = []
    for name, keywords in topics.items():
        if isinstance(keywords, str):  # a lone keyword given without a list
            keywords = [keywords]
        wanted = [_needle(k) for k in keywords if k and k.strip()]
        if any(_contains(words, w) for words in texts for w in wanted):
            found.append(name)
    return found


def _is_number(token: str) -> bool:
    return token.replace(".", "").replace(",", "").isdigit()


def _countable(word: str) -> bool:
    return len(word) >= 3 and word not in STOPWORDS and not _is_number(word)


# Words that stand before a name ("Presiden Prabowo Subianto") but are not part of it.
_NAME_TITLES = frozenset("""
    presiden wakil menteri menko menkeu gubernur bupati wali walikota ketua kepala direktur
    dirut dirjen sekjen jaksa hakim kapolri kapolda kapolres jenderal pak bu bapak ibu saudara
    kota kabupaten provinsi
""".split())
NAME_MIN = 2  # a name bigram must occur at least this often ...
NAME_SHARE = 0.5  # ... and make up this share of the occurrences of its rarer word


def _title_cased(words: Sequence[str]) -> bool:
    # Headlines capitalise every word, so their case says nothing about names.
    long = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return bool(long) and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


def name_bigrams(texts: Iterable[str]) -> dict[tuple[str, str], float]:
    """Adjacent word pairs that are names ("prabowo subianto", "karen brooks"), with their
    strength: pairs written capitalised (not in capitals) wherever the text is in sentence
    case, occurring at least ``NAME_MIN`` times and making up at least ``NAME_SHARE`` of the
    occurrences of their rarer word. Titles before a name ("presiden") and stopwords are never
    part of one. A word said alone ("Prabowo") still counts on its own."""
    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    capitalised: Counter[tuple[str, str]] = Counter()
    lower: Counter[tuple[str, str]] = Counter()
    for text in texts:
        cased = tokens(text or "", fold=False)
        folded = [t.casefold() for t in cased]
        headline = _title_cased(cased)
        words.update(folded)
        for i in range(len(folded) - 1):
            a, b = folded[i], folded[i + 1]
            if not (_countable(a) and _countable(b)) or a in _NAME_TITLES:
                continue
            if cased[i].isupper() or cased[i + 1].isupper():
                continue  # acronyms ("OTT Kepala", "harga TBS") are not parts of names
            pairs[a, b] += 1
            if not headline:
                caps = cased[i][0].isupper() and cased[i + 1][0].isupper()
                (capitalised if caps else lower)[a, b] += 1
    out = {}
    for (a, b), k in pairs.items():
        share = k / min(words[a], words[b])
        if k >= NAME_MIN and share >= NAME_SHARE and capitalised[a, b] > lower[a, b]:
            out[a, b] = share
    return out


def top_words(texts: Iterable[str], n: int = 20, stem: bool = False) -> list[tuple[str, int]]:
    """The ``n`` most frequent words over ``texts`` as ``(word, count)``, most frequent first.

    Stopwords, tokens shorter than 3 characters and numbers are left out. Names of two words
    are counted as one ("prabowo subianto", see ``name_bigrams``). With ``stem=True`` other
    words are counted by stem ("pembangunan" and "dibangun" both count as "bangun"). Ties are
    broken alphabetically so the result is stable.
    """
    texts = [t for t in texts if t]
    names = name_bigrams(texts)
    counts: Counter[str] = Counter()
    for text in texts:
        folded = [t.casefold() for t in tokens(text, fold=False)]
        i = 0
        while i < len(folded):
            pair = tuple(folded[i : i + 2])
            # In "Presiden Prabowo Subianto" two pairs overlap: the stronger one wins.
            if pair in names and names[pair] >= names.get(tuple(folded[i + 1 : i + 3]), 0):
                counts[" ".join(pair)] += 1
                i += 2
                continue
            token = folded[i]
            i += 1
            if not _countable(token):
                continue
            if stem:
                token = _stem(token)
                if len(token) < 3 or token in STOPWORDS:
                    continue
            counts[token] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked[: max(n, 0)]
