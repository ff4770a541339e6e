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

How a text is scored: words are looked up in ``data.text.lexicon`` (as written, without
``-nya``, then by Sastrawi stem). Negators (tidak, belum, bukan, tak, tanpa, jangan, kurang…)
flip the first sentiment word in the next three tokens; intensifiers (sangat, sekali, banget…)
scale it; words after "tapi/namun" weigh more. Direction words take their sign from what moves
("harga naik" is bad, "ekspor naik" good). Disaster and accident words report facts, so they
add at most a small weight and never decide the label alone; a text with "tewas(kan)" is never
positive.
"""

from __future__ import annotations

import importlib
import math
import re
from collections.abc import Callable
from functools import lru_cache

from data.text import lexicon as lx
from data.text.normalize import stem, tokens

__all__ = ["LABELS", "NEUTRAL_BAND", "classify", "get_scorer", "score"]

LABELS = ("positive", "neutral", "negative")
NEUTRAL_BAND = 0.2
"""|score| below this is neutral. 0.2 means one mild word (weight 1) is enough for a label."""

NEGATION_SCOPE = 3  # tokens after a negator that it can reach
NEGATED_NEGATIVE = 0.5  # "tidak buruk" is only mildly positive
EVENT_CAP = 0.5  # disaster/accident words together add at most this much negativity
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
    forms = [token]
    if token.endswith("nya") and len(token) > 5:
        forms.append(token[:-3])
    forms.append(stem(token))
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


def _quantity(stream: list[str], i: int) -> int:
    """Polarity of the nearest quantity noun around position i in the same clause (+1/-1/0)."""
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
            return -1
        if word in good or key in good:
            return 1
    return 0


def _direction_weight(stream: list[str], i: int, default: float) -> float:
    polarity = _quantity(stream, i)
    if not polarity:
        return default
    sign = lx.DIRECTION.get(stream[i]) or lx.DIRECTION.get(stem(stream[i])) or 1
    value = sign * polarity
    if default == 0 or math.copysign(1, default) == value:
        return value * max(1.0, abs(default))
    # The word's own tone disagrees ("harga anjlok": cheaper, but a slump): stay cautious.
    return value * (0.5 if abs(default) >= 2 else 1.0)


def _match_phrase(stream: list[str], i: int) -> tuple[int, float] | None:
    for size in (3, 2):
        key = tuple(stream[i : i + size])
        if key in lx.PHRASES:
            return size, lx.PHRASES[key]
    return None


def _raw_score(text: str, trace: list | None = None) -> tuple[float, bool]:
    """Sum of weights, and whether a veto word ("tewaskan") occurs; ``trace`` collects hits."""
    stream = _token_stream(text)
    total = event = 0.0
    veto = False
    negate = 0  # tokens the current negation still reaches
    boost = 1.0  # pending pre-intensifier/downtoner factor
    contrast = 1.0
    last_hit = -10  # position of the last sentiment word, for post-intensifiers
    last_value = 0.0
    i = 0
    while i < len(stream):
        tok = stream[i]
        if tok in (_BOUNDARY, _END):
            negate, boost = 0, 1.0
            if tok == _END:
                contrast = 1.0
            i += 1
            continue
        phrase = _match_phrase(stream, i)
        if phrase:
            size, value = phrase
        else:
            size, value = 1, None
            if tok in lx.CONTRAST or (tok == "hanya" and stream[i + 1 : i + 2] == ["saja"]):
                contrast, negate, boost = CONTRAST_WEIGHT, 0, 1.0
                value = -0.5 if tok.startswith("sayang") else None
                if value is None:
                    i += 1
                    continue
            elif tok in lx.NEGATORS:
                negate = NEGATION_SCOPE
                i += 1
                continue
            elif tok in lx.INTENSIFIERS_PRE:
                boost = lx.INTENSIFIERS_PRE[tok]
                i += 1
                continue
            elif tok in lx.DOWNTONERS:
                boost = lx.DOWNTONERS[tok]
                i += 1
                continue
            elif tok in lx.INTENSIFIERS_POST and i - last_hit <= 2 and last_value:
                # "enak banget", "macet parah": scale the word just seen instead.
                factor = lx.INTENSIFIERS_POST[tok]
                total += last_value * (factor - 1)
                last_value *= factor
                i += 1
                continue
            elif tok == "baik" and "maupun" in stream[i + 1 : i + 10]:
                value = 0.0  # "baik A maupun B" is "both A and B"
            else:
                kind, value = _lookup(tok)
                if kind in ("veto", "event"):
                    veto = veto or kind == "veto"
                    event += 0.5
                    value = None
                elif kind == "direction":
                    value = _direction_weight(stream, i, value)
        if value:
            if negate:
                value = -value if value > 0 else -value * NEGATED_NEGATIVE
                negate = 0
            value *= boost * contrast
            boost = 1.0
            total += value
            last_hit, last_value = i + size - 1, value
            if trace is not None:
                trace.append((" ".join(stream[i : i + size]), round(value, 2)))
        elif negate:
            negate -= 1
        i += size
    total -= min(event, EVENT_CAP)
    return total, veto


def score(text: str) -> float:
    """Sentiment of ``text`` in [-1, 1]: negative below zero, positive above."""
    if not text or not text.strip():
        return 0.0
    total, veto = _raw_score(text)
    value = math.tanh(total / SCALE)
    # Hard rule: a report of deaths is never good news, whatever else it says.
    return min(value, 0.0) if veto else value


def classify(text: str, band: float = NEUTRAL_BAND) -> str:
    """``"positive"``, ``"neutral"`` or ``"negative"`` for ``text``; |score| < band is neutral."""
    value = score(text)
    if value >= band:
        return "positive"
    if value <= -band:
        return "negative"
    return "neutral"


def _label_of(result: object) -> str:
    if isinstance(result, str) and result in LABELS:
        return result
    if isinstance(result, (int, float)) and not isinstance(result, bool):
        value = float(result)
        return "positive" if value >= NEUTRAL_BAND else "negative" if value <= -NEUTRAL_BAND else "neutral"
    raise ValueError(f"sentiment scorer returned {result!r}; expected one of {LABELS} or a number")


def get_scorer(name: str = "lexicon") -> Callable[[str], str]:
    """The sentiment classifier named in configuration, as a text -> label callable.

    ``"lexicon"`` is this module's ``classify``. Anything else must be a dotted path
    ``"package.module:function"`` (``"package.module:obj.method"`` works too) to a callable
    taking the text and returning a label from ``LABELS`` or a score in [-1, 1], which is then
    mapped with the same neutral band. Raises ``ValueError`` for an unknown or broken name.
    """
    if name in ("lexicon", "", None):
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
