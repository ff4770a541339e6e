"""The hand-labelled Tempo.co headline set (see labels/README.md), read back from the captures.

Imported by name by the tests and by ``bench/sentiment.py``. ``items(split)`` gives
``[(title, summary, label)]`` for ``"tuning"``, ``"heldout"`` or ``"all"``; it raises
``FileNotFoundError`` when the captures are absent and ``KeyError`` when a labelled item is not in
them (a capture changed).
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import feedparser
from pantau.text.normalize import plain_text
from support.realdata import TEMPO

LABELS = Path(__file__).with_name("labels") / "tempo_headlines.csv"


def tempo_dir() -> Path:
    """Where the Tempo captures are (``support.realdata.TEMPO``)."""
    return TEMPO


def key(link: str) -> str:
    """An item's key: the sha1 of its link, in hex."""
    return hashlib.sha1(link.encode("utf-8")).hexdigest()


def split_of(item_key: str) -> str:
    """``heldout`` when the key's last hex digit is even, else ``tuning`` (fixed before labelling)."""
    return "heldout" if int(item_key[-1], 16) % 2 == 0 else "tuning"


def labels() -> list[dict[str, str]]:
    """The rows of the label file: capture, key, split, label."""
    with LABELS.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _texts(capture: str) -> dict[str, tuple[str, str]]:
    path = tempo_dir() / capture
    parsed = feedparser.parse(path.read_bytes())
    return {key(e.link): (plain_text(e.title), plain_text(e.get("summary", "")))
            for e in parsed.entries}


def items(split: str = "all") -> list[tuple[str, str, str]]:
    """``(title, summary, label)`` of every labelled item of ``split``, in file order."""
    if not tempo_dir().is_dir():
        raise FileNotFoundError(f"{tempo_dir()} is not there")
    cache: dict[str, dict[str, tuple[str, str]]] = {}
    out = []
    for row in labels():
        if split != "all" and row["split"] != split:
            continue
        texts = cache.setdefault(row["capture"], _texts(row["capture"]))
        title, summary = texts[row["key"]]
        out.append((title, summary, row["label"]))
    return out


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    """Unweighted mean over positive/neutral/negative of F1 = 2PR / (P + R)."""
    scores = []
    for label in ("positive", "neutral", "negative"):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        n_pred = sum(p == label for p in predicted)
        n_gold = sum(g == label for g in gold)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        scores.append(2 * precision * recall / (precision + recall) if tp else 0.0)
    return sum(scores) / len(scores)


def accuracy(gold: list[str], predicted: list[str]) -> float:
    """Share of equal labels."""
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
