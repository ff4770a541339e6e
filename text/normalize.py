"""Turn feed HTML into plain text, and plain text into word tokens and stems.

    >>> plain_text("<p>Harga <b>beras</b> naik&nbsp;5%</p><script>track()</script>")
    'Harga beras naik 5%'
    >>> tokens("Kasus COVID-19 di Mataram turun, anak-anak kembali sekolah.")
    ['kasus', 'covid-19', 'di', 'mataram', 'turun', 'anak-anak', 'kembali', 'sekolah']
    >>> stem("pembangunan")
    'bangun'
"""

from __future__ import annotations

import html as _html
import re
import unicodedata
from functools import lru_cache

import nh3

__all__ = ["plain_text", "root_words", "stem", "tokens"]

# Elements whose content is never readable text: nh3 drops them together with their content.
_DROP_WITH_CONTENT = {"script", "style", "noscript", "template", "iframe", "object", "svg", "math"}

# Inline elements may sit inside a word ("<b>Ko</b>ta"); any other tag marks a boundary, so a
# space is put in front of it before stripping, otherwise "<p>a</p><p>b</p>" would become "ab".
_INLINE = (
    "a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|"
    "strike|strong|sub|sup|time|tt|u|var|wbr"
)
_BLOCK_TAG = re.compile(rf"<(?!/?(?:{_INLINE})\b)(?=/?[a-zA-Z!])", re.IGNORECASE)

# A complete tag left after unescaping means the feed escaped its HTML twice
# ("&lt;p&gt;…"), which many CMS feeds do; a lone "<" in prose does not match.
_LEFTOVER_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"\s+")


def _strip_once(text: str) -> str:
    text = _BLOCK_TAG.sub(" <", text)
    text = nh3.clean(text, tags=set(), clean_content_tags=_DROP_WITH_CONTENT, strip_comments=True)
    return _html.unescape(text)


def plain_text(html: str) -> str:
    """Return the readable text of an HTML fragment, with all markup removed.

    Tags are stripped (their text kept), ``<script>``/``<style>`` and similar elements vanish
    with their content, entities are decoded, and runs of whitespace collapse to one space.
    Markup that was escaped twice by the feed is stripped too. ``None``/empty gives ``""``.
    """
    if not html:
        return ""
    text = _strip_once(html)
    if _LEFTOVER_TAG.search(text):
        text = _strip_once(text)
    text = text.translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


# Word = letters/digits, optionally joined by "-" (reduplication "anak-anak", "covid-19") or an
# apostrophe ("jum'at"). Numbers keep their grouping ("1.234,5", "2,5") so they stay one token.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+(?:['-][^\W_]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u2010": "-", "\u2011": "-"})


def tokens(text: str, fold: bool = True) -> list[str]:
    """Split text into lowercase word tokens, dropping punctuation.

    Indonesian reduplication and hyphenated forms stay whole ("anak-anak", "covid-19"),
    letter-digit words are kept ("covid19", "4g"), and numbers stay one token ("1.234,5").
    ``fold=False`` keeps the case as written (to tell names: "Prabowo Subianto").
    """
    if not text:
        return []
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    return _TOKEN.findall(text.casefold() if fold else text)


@lru_cache(maxsize=1)
def _stemmer():
    # Imported lazily: building Sastrawi's dictionary takes a noticeable fraction of a second.
    # The plain Stemmer is used, not the factory's CachedStemmer, whose cache never evicts;
    # stem() below has its own bounded cache.
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return Stemmer(ArrayDictionary(StemmerFactory().get_words()))


@lru_cache(maxsize=1)
def root_words() -> frozenset[str]:
    """Sastrawi's dictionary of Indonesian root words (kata dasar)."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return frozenset(w.strip() for w in StemmerFactory().get_words() if w.strip())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Stem one lowercase token with Sastrawi ("menewaskan" -> "tewas"); cached per word.

    Tokens Sastrawi cannot handle (digits only, apostrophes) come back unchanged.
    """
    if not word or word.isdigit() or "'" in word:
        return word
    result = _stemmer().stem(word)
    return result if result and " " not in result else word
