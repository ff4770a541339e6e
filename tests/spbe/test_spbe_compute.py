"""The SPBE numbers of pantau.data.spbe: predikat at every band boundary, the structure of
PermenPAN-RB 59/2020, and domain/aspect/index values recomputed here by hand from indicator
levels (not through the module's own helpers)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pantau.data import spbe

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("index,expected", [
    (1.0, "Kurang"), (1.79, "Kurang"), (1.8, "Cukup"), (2.59, "Cukup"), (2.6, "Baik"),
    (3.49, "Baik"), (3.5, "Sangat Baik"), (4.19, "Sangat Baik"), (4.2, "Memuaskan"),
    (5.0, "Memuaskan"),
    # the index is read as published, two decimals rounded half up
    (1.794, "Kurang"), (1.795, "Cukup"), (2.5999999999, "Baik"), (3.4949, "Baik"),
])
def test_predikat_at_every_boundary(index, expected):
    assert spbe.predikat(index) == expected


@pytest.mark.parametrize("index,nxt", [
    (1.79, ("Cukup", 1.8)), (1.8, ("Baik", 2.6)), (2.59, ("Baik", 2.6)),
    (2.6, ("Sangat Baik", 3.5)), (3.49, ("Sangat Baik", 3.5)), (3.5, ("Memuaskan", 4.2)),
    (4.19, ("Memuaskan", 4.2)), (4.2, None), (5.0, None)])
def test_next_predikat_at_every_boundary(index, nxt):
    assert spbe.next_band(index) == nxt


def test_structure_is_four_domains_eight_aspects_47_indicators():
    rows = list(csv.DictReader(open(ROOT / "data/reference/spbe-indicators.csv",
                                    encoding="utf-8")))
    assert [int(r["indicator"]) for r in rows] == list(range(1, 48))
    assert len({r["domain"] for r in rows}) == 4 and len({r["aspect"] for r in rows}) == 8
    per_aspect = [sum(1 for r in rows if r["aspect"] == str(a)) for a in range(1, 9)]
    assert per_aspect == [10, 4, 4, 2, 8, 3, 10, 6]
    per_domain = {d: round(sum(float(r["weight"]) for r in rows if r["domain"] == str(d)), 2)
                  for d in range(1, 5)}
    assert per_domain == {1: 13.0, 2: 25.0, 3: 16.5, 4: 45.5}
    assert len(spbe.structure()) == 47


LEVELS = {n: 1 + (n * 7) % 5 for n in range(1, 48)}  # every level 1..5 appears


def test_domain_aspect_and_index_recomputed_by_hand():
    ev = spbe.evaluate(LEVELS)
    # Domain 3 (Manajemen SPBE): indicators 21..31, each weighing 1,50.
    by_hand = sum(1.5 * LEVELS[n] for n in range(21, 32)) / (1.5 * 11)
    assert ev.domains[3] == pytest.approx(by_hand)
    # Domain 4 (Layanan SPBE): 32..41 weigh 2,75, 42..47 weigh 3,00.
    d4 = (sum(2.75 * LEVELS[n] for n in range(32, 42)) + sum(3.0 * LEVELS[n]
                                                             for n in range(42, 48))) / 45.5
    assert ev.domains[4] == pytest.approx(d4)
    # Aspect 8 (Layanan Publik): a plain mean, equal weights.
    assert ev.aspects[8] == pytest.approx(sum(LEVELS[n] for n in range(42, 48)) / 6)
    index = (sum(1.3 * LEVELS[n] for n in range(1, 11)) + sum(2.5 * LEVELS[n]
                                                              for n in range(11, 21))
             + sum(1.5 * LEVELS[n] for n in range(21, 32)) + d4 * 45.5) / 100
    assert ev.index == pytest.approx(index)
    # the index is the domains weighted by 13 / 25 / 16,5 / 45,5
    assert ev.index == pytest.approx(sum(ev.domains[d] * w for d, w in
                                         zip((1, 2, 3, 4), (13, 25, 16.5, 45.5), strict=True)) / 100)


def test_gaps_to_target_and_next_predikat():
    all2 = {n: 2 for n in range(1, 48)}
    ev = spbe.evaluate(all2)
    assert ev.index == pytest.approx(2.0) and ev.predikat == "Cukup"
    assert ev.gap_target == pytest.approx(0.6) and ev.next_predikat == "Baik"
    assert ev.gap_next == pytest.approx(0.6)
    all3 = {n: 3 for n in range(1, 48)}
    ev3 = spbe.evaluate(all3)
    assert ev3.predikat == "Baik" and ev3.gap_target == 0
    assert ev3.next_predikat == "Sangat Baik" and ev3.gap_next == pytest.approx(0.5)
    top = spbe.evaluate({n: 5 for n in range(1, 48)})
    assert top.predikat == "Memuaskan" and top.next_predikat is None and top.gap_next is None


def test_missing_indicator_gives_no_index_but_other_domains():
    levels = {n: 3 for n in range(1, 48) if n != 44}
    ev = spbe.evaluate(levels)
    assert ev.index is None and ev.predikat is None and ev.missing == (44,)
    assert ev.domains[4] is None and ev.aspects[8] is None and ev.aspects[7] == 3
    assert ev.domains[1] == pytest.approx(3)


def test_weakest_lowest_level_then_heaviest():
    levels = {n: 4 for n in range(1, 48)}
    levels.update({3: 1, 45: 1, 12: 2, 30: 2, 40: 5})
    names = [(w.indicator.number, w.level) for w in spbe.weakest(levels, 4)]
    assert names == [(45, 1), (3, 1), (12, 2), (30, 2)]  # 45 weighs 3,00, 3 weighs 1,30
    assert spbe.weakest(levels, 4)[0].gain == pytest.approx(0.03)
    assert all(w.level < 5 for w in spbe.weakest({n: 5 for n in range(1, 48)}, 10)) is True
    assert spbe.weakest({n: 5 for n in range(1, 48)}, 10) == []


def test_trend_changes_of_published_values():
    a = spbe.evaluate({n: 2 for n in range(1, 48)})
    b = spbe.evaluate({**{n: 2 for n in range(1, 48)}, 45: 5})  # +0,09
    out = spbe.trend({2023: b, 2022: a})
    assert [(y, round(i, 2), c) for y, i, c in out] == [(2022, 2.0, None), (2023, 2.09, 0.09)]
