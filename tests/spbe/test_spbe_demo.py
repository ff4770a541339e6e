"""The demo's SPBE history: 2019–2024 for Pemprov NTB and its ten kabupaten/kota; the index
computed from the made-up levels equals every published figure where one exists, and the
rows say which are published and which are made up."""

from __future__ import annotations

from collections import defaultdict

from pantau.data import spbe
from pantau.demo import spbe as demo_spbe


def test_history_matches_published_figures_and_marks_made_up_ones():
    rows = demo_spbe.history(7)
    by: dict = defaultdict(dict)
    source = {}
    for r in rows:
        assert 1 <= r.score <= 5 and 1 <= r.indicator <= 47
        by[(r.year, r.region)][r.indicator] = r.score
        source[(r.year, r.region)] = r.source
    assert {y for y, _ in by} == set(range(2019, 2025))
    assert {c for _, c in by} == set(demo_spbe.GOVERNMENTS) and len(demo_spbe.GOVERNMENTS) == 11
    assert all(len(v) == 47 for v in by.values())
    pub = demo_spbe.published()
    assert len(pub) == 20  # 2022 and 2023: the province and nine kabupaten/kota
    for key, levels in by.items():
        ev = spbe.evaluate(levels)
        if key in pub:
            assert spbe.published(ev.index) == pub[key], key
            assert source[key] == "demo:published"
        else:
            assert source[key] == "demo", key
    assert all(source[(y, "52.72")] == "demo" for y in range(2019, 2025))  # Kota Bima
    assert demo_spbe.history(7) == rows  # a pure function of the seed


def test_a_scoped_asker_gets_only_its_own_and_the_site_evaluations(sqlite_store):
    from pantau.data.spbe_answers import book

    demo_spbe.write_spbe(sqlite_store, "52", 7, 1_800_000_000)
    whole = book(sqlite_store, "52")
    assert len(whole.regions(2024)) == 10
    scoped = book(sqlite_store, "52", scope="52.05")
    assert {r for _, r in scoped.evaluations} == {"52", "52.05"}
    assert [r.region for r in scoped.ranking(2024)] == ["52.05"]
    assert scoped.get(2024, "52.05") == whole.get(2024, "52.05")
