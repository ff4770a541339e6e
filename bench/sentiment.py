"""Measure the sentiment classifier on the NusaX Indonesian sentences (train and valid) and on
the hand-labelled Tempo.co headlines (tests/text/labels).

Usage (from the repository root)::

    .venv/bin/python bench/sentiment.py [--scorer lexicon|package.module:function]
                                        [--shared DIR] [--errors N]
                                        [--split train|valid|both|tuning|heldout]

Prints, per split: accuracy, macro-F1, per-class precision/recall/F1, the confusion matrix and
the majority-class baseline. The data is looked up in ``$PANTAU_SHARED/realdata/nusax-id`` or,
by default, ``../shared/realdata/nusax-id`` next to the repository. The data stays outside the
product: it is read here for measurement only (CC BY-SA 4.0, see its README).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script without installing the project

from pantau.text.sentiment import LABELS, get_scorer  # noqa: E402


def shared_dir(explicit: str | None = None) -> Path:
    """The shared reference-data directory (argument, $PANTAU_SHARED, or ../shared)."""
    if explicit:
        return Path(explicit)
    if os.environ.get("PANTAU_SHARED"):
        return Path(os.environ["PANTAU_SHARED"])
    return ROOT.parent / "shared"


def read_split(path: Path) -> list[tuple[str, str]]:
    """(text, label) rows of one NusaX csv file."""
    with path.open(newline="", encoding="utf-8") as fh:
        return [(row["text"], row["label"]) for row in csv.DictReader(fh)]


def per_class(gold: list[str], pred: list[str]) -> dict[str, tuple[float, float, float, int]]:
    """label -> (precision, recall, F1, support)."""
    out = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        predicted = sum(p == label for p in pred)
        support = sum(g == label for g in gold)
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label] = (precision, recall, f1, support)
    return out


def macro_f1(gold: list[str], pred: list[str]) -> float:
    """Unweighted mean of the per-class F1 over the three labels."""
    stats = per_class(gold, pred)
    return sum(f1 for _, _, f1, _ in stats.values()) / len(stats)


def report(name: str, rows: list[tuple[str, str]], scorer, errors: int = 0) -> float:
    gold = [label for _, label in rows]
    pred = [scorer(text) for text, _ in rows]
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(rows)
    majority, count = Counter(gold).most_common(1)[0]
    base = [majority] * len(gold)
    print(f"== {name}: {len(rows)} rows")
    print(f"accuracy {accuracy:.3f}   macro-F1 {macro_f1(gold, pred):.3f}")
    print(f"majority baseline ({majority}): accuracy {count / len(rows):.3f}   "
          f"macro-F1 {macro_f1(gold, base):.3f}")
    print(f"{'class':<10}{'precision':>10}{'recall':>8}{'F1':>8}{'support':>9}")
    for label, (p, r, f, n) in per_class(gold, pred).items():
        print(f"{label:<10}{p:>10.3f}{r:>8.3f}{f:>8.3f}{n:>9}")
    pairs = Counter(zip(gold, pred, strict=True))
    print("confusion, rows = gold, columns = predicted:")
    print(" " * 10 + "".join(f"{label:>10}" for label in LABELS))
    for g in LABELS:
        print(f"{g:<10}" + "".join(f"{pairs[g, p]:>10}" for p in LABELS))
    wrong = [(t, g, p) for (t, g), p in zip(rows, pred, strict=True) if g != p]
    for text, g, p in wrong[:errors]:
        print(f"  gold={g:<8} pred={p:<8} {text[:150]}")
    print()
    return macro_f1(gold, pred)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorer", default="lexicon", help="lexicon or package.module:function")
    parser.add_argument("--shared", help="shared data directory (default $PANTAU_SHARED or ../shared)")
    parser.add_argument("--errors", type=int, default=0, help="print N misclassified rows per split")
    parser.add_argument("--split", default="both",
                        choices=["train", "valid", "both", "tuning", "heldout"],
                        help="a NusaX split, or a half of the Tempo headline set (tuning only "
                             "while tuning: the held-out half is for before/after figures)")
    args = parser.parse_args(argv)
    if args.split in ("tuning", "heldout"):
        return tempo(args)

    folder = shared_dir(args.shared) / "realdata" / "nusax-id"
    scorer = get_scorer(args.scorer)
    splits = ["valid", "train"] if args.split == "both" else [args.split]
    for split in splits:
        path = folder / f"{split}.csv"
        if not path.exists():
            print(f"missing {path}", file=sys.stderr)
            return 2
        report(f"NusaX-id {split} ({args.scorer})", read_split(path), scorer, args.errors)
    return 0


def tempo(args) -> int:
    """Report on one half of the Tempo headline set, scored as the collectors score articles."""
    if args.shared:
        os.environ["PANTAU_SHARED"] = args.shared
    sys.path[:0] = [str(ROOT / "tests" / "text"), str(ROOT / "tests")]
    import headline_set
    from pantau.text.sentiment import get_article_scorer

    try:
        rows = headline_set.items(args.split)
    except FileNotFoundError as exc:
        print(f"missing {exc}", file=sys.stderr)
        return 2
    scorer = get_article_scorer(args.scorer)
    texts = [(f"{title} | {summary}", label) for title, summary, label in rows]
    pairs = {f"{t} | {s}": (t, s) for t, s, _ in rows}
    report(f"Tempo headlines {args.split} ({args.scorer})", texts,
           lambda text: scorer(*pairs[text]), args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
