"""The hand-labelled headline set (see labels/README.md), read back from the real data.

Two kinds of capture: the Tempo.co RSS files (``<feed>/<date>.xml`` under the Tempo folder) and
``ntb-indicators.csv``, whose ``source`` column cites press reports by their links; a link's last
path part is the report's headline, written as a slug.

Imported by name by the tests and by ``bench/sentiment.py``. ``items(split)`` gives
``[(title, summary, label)]`` for ``"tuning"``, ``"heldout"`` or ``"all"``; it raises
``FileNotFoundError`` when the captures are absent and ``KeyError`` when a labelled item is not in
them (a capture changed).
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import feedparser
from pantau.text.normalize import plain_text
from support.realdata import REALDATA, TEMPO

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


INDICATORS = "ntb-indicators.csv"
_LINK = re.compile(r"https?://\S+")


def slug_headline(link: str) -> str:
    """The headline a news link carries in its last path part: ``.html``, a leading numeric id
    and IDN Times' trailing ``-00-<id>-<id>`` dropped, hyphens read as spaces (lower case)."""
    slug = link.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")
    slug = re.sub(r"^\d+-", "", slug)
    slug = re.sub(r"-00-[a-z0-9]+-[a-z0-9]+$", "", slug)
    return slug.replace("-", " ")


def _indicator_texts() -> dict[str, tuple[str, str]]:
    with (REALDATA / INDICATORS).open(newline="", encoding="utf-8") as fh:
        links = {m for row in csv.DictReader(fh) for m in _LINK.findall(row["source"])}
    return {key(link): (slug_headline(link), "") for link in links}


def _texts(capture: str) -> dict[str, tuple[str, str]]:
    if capture == INDICATORS:
        return _indicator_texts()
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
