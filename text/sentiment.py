"""Lexicon-based sentiment for Indonesian headlines, summaries and short comments.

    >>> classify("Pelayanan puskesmas sangat memuaskan")
    'positive'
    >>> classify("Kota Mataram salurkan bantuan banjir")
    'neutral'
    >>> classify("Jalan rusak tidak kunjung diperbaiki, warga kecewa")
    'negative'

``score(text)`` gives a number in [-1, 1]; ``classify(text)`` maps it to ``positive`` /
``neutral`` / ``negative`` with a neutral band of ±``NEUTRAL_BAND``. ``get_scorer(name)``
returns the configured text -> label callable: ``"lexicon"`` (this module) or a dotted path
``"package.module:function"`` to plug in another model.

How a text is scored: words are looked up in ``pantau.text.lexicon`` (as written, without
``-nya``, then by Sastrawi stem). Negators (tidak, belum, bukan, tak, tanpa, jangan, kurang…)
flip the first sentiment word in the next three tokens; intensifiers (sangat, sekali, banget…)
scale it; words after "tapi/namun" weigh more. Direction words take their sign from what moves
("harga naik" is bad, "ekspor naik" good). Disasters, accidents and deaths are bad news for a
command room: they make a report negative ("Banjir rendam ratusan rumah" is negative), unless
the text is about the relief ("salurkan bantuan banjir" stays neutral); a text with "tewas(kan)"
is never positive. After a disaster word "hebat" means severe ("gempa hebat"); "suka" before a
bad word means often ("suka terlambat"). Stems in ``lexicon.STEM_NEVER`` count only as written
("pengecekan" is not "kece").

A news item is scored by ``score_article(title, summary)``: the title counts in full, the
summary at ``SUMMARY_WEIGHT``, divided by the square root of its length in units of
``SUMMARY_WORDS`` words, so that one mild word in a long summary ("menjelaskan", "sesuai")
cannot decide the label.
"""

from __future__ import annotations

import importlib
import math
import re
from collections.abc import Callable
from functools import lru_cache

from pantau.text import lexicon as lx
from pantau.text.normalize import stem, tokens

__all__ = [
    "LABELS", "NEUTRAL_BAND", "article_text", "classify", "classify_article", "get_article_scorer", "get_scorer",
    "score", "score_article",
]

LABELS = ("positive", "neutral", "negative")
NEUTRAL_BAND = 0.2
"""|score| below this is neutral. 0.2 means one mild word (weight 1) is enough for a label."""

NEGATION_SCOPE = 3  # tokens after a negator that it can reach
NEGATED_NEGATIVE = 0.5  # "tidak buruk" is only mildly positive
EVENT_FIRST = 2.0  # the first disaster/accident/death word: clearly negative
EVENT_MORE = 0.5  # each further one, and a "hebat" after one
EVENT_CAP = 3.0  # disaster words together add at most this much negativity
RESPONSE_CAP = 0.5  # ... and at most this much in a text about the relief
VERDICT = -2.5  # a fact-check verdict opening a title ("Keliru: ...")
SUMMARY_WEIGHT = 0.5  # a summary counts half as much as the title ...
SUMMARY_WORDS = 12  # ... and is divided by sqrt(words / this) when longer
CONTRAST_WEIGHT = 1.5  # the clause after "tapi/namun" carries the conclusion
SCALE = 3.0  # score = tanh(sum / SCALE)

_BOUNDARY = "|"  # clause boundary marker in the token stream
_END = "||"  # sentence boundary marker
_SENTENCE = re.compile(r"[.!?\n]+")
_CLAUSE = re.compile(r"[,;:()\[\]\"]+|\s-\s")
_ELONGATED = re.compile(r"([a-z])\1{2,}")  # "mantaaap" -> "mantap"


def _token_stream(text: str) -> list[str]:
    out: list[str] = []
    for sentence in _SENTENCE.split(text):
        for clause in _CLAUSE.split(sentence):
            words = [_ELONGATED.sub(r"\1", t) for t in tokens(clause)]
            if words:
                out.extend(words)
                out.append(_BOUNDARY)
        if out and out[-1] == _BOUNDARY:
            out[-1] = _END
    return out


@lru_cache(maxsize=1)
def _quantity_stems() -> tuple[frozenset[str], frozenset[str]]:
    bad = lx.BAD_QUANTITIES | {stem(w) for w in lx.BAD_QUANTITIES}
    good = lx.GOOD_QUANTITIES | {stem(w) for w in lx.GOOD_QUANTITIES}
    return frozenset(bad), frozenset(good)


@lru_cache(maxsize=65536)
def _lookup(token: str) -> tuple[str, float]:
    """Kind of a token and its weight: ("word"|"direction"|"event"|"veto"|"", weight)."""
    if token.startswith("ketidak") and token not in lx.WORDS:
        # "ketidakpuasan", "ketidaknyamanannya": the negation of the rest of the word.
        kind, weight = _lookup(token[7:].removesuffix("nya"))
        if kind == "word" and weight:
            return "word", -weight if weight > 0 else -weight * NEGATED_NEGATIVE
    forms = [token]
    if token.endswith("nya") and len(token) > 5:
        forms.append(token[:-3])
    root = stem(token)
    if root not in lx.STEM_NEVER:
        forms.append(root)
    for form in forms:
        if form in lx.VETO_POSITIVE:
            return "veto", 0.0
        if form in lx.DIRECTION:
            return "direction", lx.WORDS.get(form, 0.0)
        if form in lx.WORDS:
            return "word", lx.WORDS[form]
        if form in lx.EVENT_WORDS:
            return "event", 0.0
    return "", 0.0


class _Pass:
    """One left-to-right pass over a token stream, accumulating the signed sum."""

    def __init__(self, text: str, trace: list | None = None, context: str = ""):
        self.stream = _token_stream(text)
        words = [t for t in self.stream + _token_stream(context) if t not in (_BOUNDARY, _END)]
        # Damage words ("rusak", "hancur") in a disaster report describe the event itself.
        self.disaster = any(_lookup(t)[0] in ("event", "veto") for t in words)
        self.response = any(t in lx.RESPONSE_WORDS or stem(t) in lx.RESPONSE_WORDS for t in words)
        self.trace = trace
        self.total = self.event = 0.0
        self.last_event = -10  # position of the last disaster word
        self.veto = False
        self.negate = 0  # tokens the current negation still reaches
        self.boost = 1.0  # pending pre-intensifier/downtoner factor
        self.contrast = 1.0
        self.last_hit, self.last_value = -10, 0.0  # for post-intensifiers
        self.added: dict[int, float] = {}  # position -> value it added to total
        self.consumed: set[int] = set()  # quantity nouns already used by a direction word

    def run(self) -> tuple[float, bool]:
        i = 0
        while i < len(self.stream):
            i += self.step(i)
        cap = RESPONSE_CAP if self.response else EVENT_CAP
        return self.total - min(self.event, cap), self.veto

    def step(self, i: int) -> int:
        """Handle the token at i; return how many tokens were used."""
        tok = self.stream[i]
        if tok in (_BOUNDARY, _END):
            self.negate, self.boost = 0, 1.0
            if tok == _END:
                self.contrast = 1.0
            return 1
        if i in self.consumed:
            return 1
        phrase = _match_phrase(self.stream, i)
        if phrase:
            self.hit(i, phrase[0], phrase[1])
            return phrase[0]
        if tok in lx.CONTRAST or (tok == "hanya" and self.stream[i + 1 : i + 2] == ["saja"]):
            self.contrast, self.negate, self.boost = CONTRAST_WEIGHT, 0, 1.0
            if tok.startswith("sayang"):  # "sayangnya": "unfortunately"
                self.hit(i, 1, -0.5)
            return 1
        if tok in lx.NEGATORS:
            self.negate = NEGATION_SCOPE
        elif tok in lx.INTENSIFIERS_PRE or tok in lx.DOWNTONERS:
            self.boost = lx.INTENSIFIERS_PRE.get(tok) or lx.DOWNTONERS[tok]
        elif tok in lx.INTENSIFIERS_POST and i - self.last_hit <= 2 and self.last_value:
            # "enak banget", "macet parah": scale the word just seen instead.
            extra = self.last_value * (lx.INTENSIFIERS_POST[tok] - 1)
            self.total += extra
            self.last_value += extra
        elif tok == "baik" and "maupun" in self.stream[i + 1 : i + 10]:
            self.hit(i, 1, 0.0)  # "baik A maupun B" is "both A and B"
        elif tok in lx.EVENT_INTENSIFIERS and 0 < i - self.last_event <= 2:
            self.event += EVENT_MORE  # "gempa hebat": a severe quake, not a great one
            self.last_event = i
        elif tok in lx.FREQUENCY_WORDS and self._next_is_bad(i):
            self.hit(i, 1, 0.0)  # "suka terlambat": "often late"; the bad word counts
        else:
            self.word(i)
        return 1

    def _next_is_bad(self, i: int) -> bool:
        following = self.stream[i + 1] if i + 1 < len(self.stream) else _END
        return following not in (_BOUNDARY, _END) and _lookup(following)[1] < 0

    def word(self, i: int) -> None:
        kind, value = _lookup(self.stream[i])
        if kind == "word" and self.disaster and stem(self.stream[i]) in lx.DAMAGE_WORDS:
            kind = "event"
        if kind in ("veto", "event"):
            self.veto = self.veto or kind == "veto"
            if self.negate:  # "tidak ada korban": no casualties is not bad news
                self.negate = 0
                return
            self.event += EVENT_MORE if self.event else EVENT_FIRST
            self.last_event = i
            if self.trace is not None:
                self.trace.append((self.stream[i], "event"))
            return
        if kind == "direction":
            value = self.direction(i, value)
        self.hit(i, 1, value)

    def direction(self, i: int, default: float) -> float:
        found = _quantity(self.stream, i)
        if found is None:
            return default
        polarity, j = found
        # The noun's own tone ("kemiskinan") is replaced by the movement's ("kemiskinan turun").
        self.total -= self.added.pop(j, 0.0)
        self.consumed.add(j)
        sign = lx.DIRECTION.get(self.stream[i]) or lx.DIRECTION.get(stem(self.stream[i])) or 1
        value = sign * polarity
        if default == 0 or math.copysign(1, default) == value:
            return value * max(1.0, abs(default))
        # The word's own tone disagrees ("harga anjlok": cheaper, but a slump): stay cautious.
        return value * (0.5 if abs(default) >= 2 else 1.0)

    def hit(self, i: int, size: int, value: float) -> None:
        if not value:
            if self.negate:
                self.negate -= 1
            return
        if self.negate:
            value = -value if value > 0 else -value * NEGATED_NEGATIVE
            self.negate = 0
        value *= self.boost * self.contrast
        self.boost = 1.0
        self.total += value
        self.added[i] = value
        self.last_hit, self.last_value = i + size - 1, value
        if self.trace is not None:
            self.trace.append((" ".join(self.stream[i : i + size]), round(value, 2)))


def _quantity(stream: list[str], i: int) -> tuple[int, int] | None:
    """(polarity, position) of the nearest quantity noun around i in the same clause."""
    bad, good = _quantity_stems()
    candidates = []
    for step, limit in ((-1, 5), (1, 2)):
        j = i + step
        while 0 <= j < len(stream) and abs(j - i) <= limit and stream[j] not in (_BOUNDARY, _END):
            candidates.append((abs(j - i), j))
            j += step
    for _, j in sorted(candidates):
        word = stream[j]
        key = stem(word)
        if word in bad or key in bad:
            return -1, j
        if word in good or key in good:
            return 1, j
    return None


def _match_phrase(stream: list[str], i: int) -> tuple[int, float] | None:
    for size in (3, 2):
        key = tuple(stream[i : i + size])
        if key in lx.PHRASES:
            return size, lx.PHRASES[key]
    return None


def _verdict(title: str) -> bool:
    """Whether ``title`` opens with a fact-check verdict: "Keliru: ...", "[HOAKS] ..."."""
    head = re.split(r"[:\]]", title.strip().lstrip("[("), maxsplit=1)
    if len(head) < 2:
        return False
    words = tuple(tokens(head[0]))
    return (len(words) == 1 and words[0] in lx.VERDICTS) or words in lx.VERDICT_PHRASES


def _raw_score(text: str, trace: list | None = None, context: str = "") -> tuple[float, bool]:
    """Sum of weights, and whether a veto word ("tewaskan") occurs; ``trace`` collects hits.
    ``context`` (the other part of a news item) only tells whether it is a disaster report."""
    return _Pass(text, trace, context).run()


def score(text: str) -> float:
    """Sentiment of ``text`` in [-1, 1]: negative below zero, positive above."""
    if not text or not text.strip():
        return 0.0
    total, veto = _raw_score(text)
    value = math.tanh(total / SCALE)
    # Hard rule: a report of deaths is never good news, whatever else it says.
    return min(value, 0.0) if veto else value


def _label(value: float, band: float = NEUTRAL_BAND) -> str:
    if value >= band:
        return "positive"
    if value <= -band:
        return "negative"
    return "neutral"


def classify(text: str, band: float = NEUTRAL_BAND) -> str:
    """``"positive"``, ``"neutral"`` or ``"negative"`` for ``text``; |score| < band is neutral."""
    return _label(score(text), band)


def article_text(title: str | None, summary: str | None) -> str:
    """Title and summary as one text, "title. summary" (what a one-text scorer is given)."""
    return ". ".join(part.strip() for part in (title, summary) if part and part.strip())


def score_article(title: str | None, summary: str | None) -> float:
    """Sentiment in [-1, 1] of a news item from its title and its summary.

    The title counts in full; the summary at ``SUMMARY_WEIGHT`` and, past ``SUMMARY_WORDS``
    words, divided by sqrt(words / SUMMARY_WORDS). A death word in either keeps it from being
    positive.
    """
    title, summary = (title or "").strip(), (summary or "").strip()
    if not summary:
        return score(title)
    if not title:
        return score(summary)
    t_total, t_veto = _raw_score(title, context=summary)
    if _verdict(title):
        t_total += VERDICT
    s_total, s_veto = _raw_score(summary, context=title)
    length = sum(1 for t in tokens(summary) if not t.isdigit())
    s_total *= SUMMARY_WEIGHT / math.sqrt(max(1.0, length / SUMMARY_WORDS))
    value = math.tanh((t_total + s_total) / SCALE)
    return min(value, 0.0) if t_veto or s_veto else value


def classify_article(title: str | None, summary: str | None, band: float = NEUTRAL_BAND) -> str:
    """The label of a news item from its title and summary (see ``score_article``)."""
    return _label(score_article(title, summary), band)


def _label_of(result: object) -> str:
    if isinstance(result, str) and result in LABELS:
        return result
    if isinstance(result, (int, float)) and not isinstance(result, bool):
        return _label(float(result))
    raise ValueError(f"sentiment scorer returned {result!r}; expected one of {LABELS} or a number")


def get_scorer(name: str = "lexicon") -> Callable[[str], str]:
    """The sentiment classifier named in configuration, as a text -> label callable.

    ``"lexicon"`` is this module's ``classify``. Anything else must be a dotted path
    ``"package.module:function"`` (``"package.module:obj.method"`` works too) to a callable
    taking the text and returning a label from ``LABELS`` or a score in [-1, 1], which is then
    mapped with the same neutral band. Raises ``ValueError`` for an unknown or broken name.
    """
    name = (name or "lexicon").strip()
    if name == "lexicon":
        return classify
    module_name, sep, attr_path = name.partition(":")
    if not sep or not module_name or not attr_path:
        raise ValueError(f"unknown sentiment scorer {name!r}: use 'lexicon' or 'package.module:function'")
    try:
        target: object = importlib.import_module(module_name)
    except ImportError as exc:
        raise ValueError(f"sentiment scorer {name!r}: cannot import {module_name!r}: {exc}") from exc
    for attr in attr_path.split("."):
        try:
            target = getattr(target, attr)
        except AttributeError as exc:
            raise ValueError(f"sentiment scorer {name!r}: {module_name} has no {attr_path!r}") from exc
    if not callable(target):
        raise ValueError(f"sentiment scorer {name!r} is not callable")
    func = target

    def scorer(text: str) -> str:
        return _label_of(func(text))

    scorer.__name__ = getattr(func, "__name__", "scorer")
    scorer.__doc__ = f"Sentiment label from {name}."
    return scorer


def get_article_scorer(name: str = "lexicon") -> Callable[[str | None, str | None], str]:
    """The configured classifier of news items, as a (title, summary) -> label callable.

    ``"lexicon"`` is ``classify_article``, which weighs title and summary. A plug-in named by a
    dotted path (see ``get_scorer``) gets one text, ``"title. summary"``. Raises ``ValueError``
    like ``get_scorer``.
    """
    if (name or "lexicon").strip() == "lexicon":
        return classify_article
    scorer = get_scorer(name)

    def article_scorer(title: str | None, summary: str | None) -> str:
        return scorer(article_text(title, summary))

    article_scorer.__name__ = scorer.__name__
    article_scorer.__doc__ = scorer.__doc__
    return article_scorer
