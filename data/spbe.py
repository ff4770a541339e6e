"""The SPBE evaluation (PermenPAN-RB 59/2020): its structure and every number computed from
indicator levels. The one place that knows the weights, the predikat bands and the target.

    from pantau.data import spbe
    spbe.structure()                      # 47 Indicator(number, domain, aspect, weight, ...)
    ev = spbe.evaluate({1: 3, 2: 2, ...}) # index, predikat, domains, aspects, gaps
    spbe.predikat(3.49)                   # "Baik"
    spbe.weakest({1: 3, ...}, n=5)        # the indicators to raise first
    spbe.trend({2022: ev22, 2023: ev23})  # [(2022, 2.62, None), (2023, 2.77, 0.15)]

Indicator levels are whole numbers 1 to 5 (tingkat kematangan). The index is
Σ weight × level / 100 over the 47 indicators; a domain's or aspect's index is
Σ weight × level / Σ weight over its own. The predikat is read from the index rounded half
up to two decimals, as KemenPAN-RB publishes it. The structure, weights and their sources
are ``data/reference/spbe-indicators.csv`` and ``.md`` (what was not verified is said there).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

STRUCTURE_FILE = Path(__file__).resolve().parent / "reference" / "spbe-indicators.csv"
LEVELS = (1, 2, 3, 4, 5)
BANDS: tuple[tuple[str, float], ...] = (
    ("Memuaskan", 4.2), ("Sangat Baik", 3.5), ("Baik", 2.6), ("Cukup", 1.8), ("Kurang", 0.0))
"""Predikat and the least index (two decimals) that earns it, best first."""
TARGET_PREDIKAT = "Baik"
TARGET = 2.6
"""The national target used on the page: predikat Baik."""


@dataclass(frozen=True)
class Indicator:
    number: int
    domain: int
    domain_name: str
    aspect: int
    aspect_name: str
    weight: float
    """Percent of the index (the 47 add up to 100)."""
    short_name: str
    name: str


@lru_cache(maxsize=1)
def structure() -> tuple[Indicator, ...]:
    """The 47 indicators in their order."""
    with open(STRUCTURE_FILE, encoding="utf-8", newline="") as fh:
        out = tuple(Indicator(int(r["indicator"]), int(r["domain"]), r["domain_name"],
                              int(r["aspect"]), r["aspect_name"], float(r["weight"]),
                              r["short_name"], r["name"]) for r in csv.DictReader(fh))
    if len(out) != 47 or abs(sum(i.weight for i in out) - 100.0) > 1e-9:
        raise ValueError(f"{STRUCTURE_FILE}: expected 47 indicators weighing 100 in all")
    return out


def indicator(number: int) -> Indicator | None:
    """Indicator ``number`` (1..47), or None."""
    return structure()[number - 1] if 1 <= number <= 47 else None


def domains() -> dict[int, str]:
    """Domain number -> name, in order."""
    return {i.domain: i.domain_name for i in structure()}


def aspects() -> dict[int, tuple[int, str]]:
    """Aspect number -> (domain, name), in order."""
    return {i.aspect: (i.domain, i.aspect_name) for i in structure()}


def published(value: float) -> float:
    """``value`` rounded half up to two decimals (2.675 -> 2.68), as the index is published."""
    return float(Decimal(repr(float(value))).quantize(Decimal("0.01"), ROUND_HALF_UP))


def predikat(index: float) -> str:
    """The predikat of an index (1..5): Memuaskan, Sangat Baik, Baik, Cukup or Kurang."""
    value = published(index)
    for name, least in BANDS:
        if value >= least:
            return name
    return BANDS[-1][0]


def next_band(index: float) -> tuple[str, float] | None:
    """``(predikat, least index)`` of the next better predikat, or None at Memuaskan."""
    value = published(index)
    better = None
    for name, least in BANDS:
        if value >= least:
            return better
        better = (name, least)
    return better


def _weighted(scores: dict[int, int], members: list[Indicator]) -> float | None:
    if not members or any(i.number not in scores for i in members):
        return None
    return sum(i.weight * scores[i.number] for i in members) / sum(i.weight for i in members)


@dataclass(frozen=True)
class Evaluation:
    """One region's evaluation in one year, from its indicator levels."""

    index: float | None
    """None unless all 47 indicators have a level."""
    predikat: str | None
    domains: dict[int, float | None]
    aspects: dict[int, float | None]
    missing: tuple[int, ...] = ()
    gap_target: float | None = None
    """Index points short of the national target (0 when reached)."""
    next_predikat: str | None = None
    gap_next: float | None = None
    """Index points short of the next predikat (None at Memuaskan)."""
    scores: dict[int, int] = field(default_factory=dict)


def evaluate(scores: dict[int, int]) -> Evaluation:
    """Index, predikat, domain and aspect indices and gaps of one region-year's levels
    (indicator number -> level 1..5). A domain or aspect with a missing indicator has no
    index; without all 47 there is no SPBE index."""
    ind = structure()
    doms = {d: _weighted(scores, [i for i in ind if i.domain == d]) for d in domains()}
    asps = {a: _weighted(scores, [i for i in ind if i.aspect == a]) for a in aspects()}
    missing = tuple(i.number for i in ind if i.number not in scores)
    total = None if missing else sum(i.weight * scores[i.number] for i in ind) / 100.0
    if total is None:
        return Evaluation(None, None, doms, asps, missing, scores=dict(scores))
    shown = published(total)
    nxt = next_band(total)
    return Evaluation(total, predikat(total), doms, asps, missing,
                      gap_target=round(max(0.0, TARGET - shown), 2),
                      next_predikat=nxt[0] if nxt else None,
                      gap_next=round(nxt[1] - shown, 2) if nxt else None,
                      scores=dict(scores))


@dataclass(frozen=True)
class Weak:
    indicator: Indicator
    level: int
    gain: float
    """Index points one level more would add (weight / 100)."""


def weakest(scores: dict[int, int], n: int = 5) -> list[Weak]:
    """The ``n`` indicators to raise first: lowest level, then largest weight (the most
    index per level), then number. Indicators at level 5 are never listed."""
    rows = [Weak(i, scores[i.number], i.weight / 100.0) for i in structure()
            if i.number in scores and scores[i.number] < 5]
    rows.sort(key=lambda w: (w.level, -w.indicator.weight, w.indicator.number))
    return rows[:max(0, n)]


def trend(by_year: dict[int, Evaluation]) -> list[tuple[int, float | None, float | None]]:
    """``(year, index, change from the previous year shown)`` in year order; the change is
    of the published (two-decimal) values, None for the first year or a missing index."""
    out: list[tuple[int, float | None, float | None]] = []
    prev: float | None = None
    for year in sorted(by_year):
        idx = by_year[year].index
        shown = None if idx is None else published(idx)
        change = None if shown is None or prev is None else round(shown - prev, 2)
        out.append((year, idx, change))
        prev = shown
    return out
