"""A wall screen holding the ``spbe`` tile in the screen report (``/report.pdf?page=screen``):
the latest year's index and predikat per kabupaten/kota, as the tile shows them."""

from __future__ import annotations

import time

from pantau.dashboard.app import create_app
from pantau.dashboard.report.content import Spec, build
from pantau.data.spbe_answers import book
from pantau.demo.spbe import write_spbe
from support.config import config_from


def test_screen_report_lists_the_spbe_ranking(sqlite_store):
    write_spbe(sqlite_store, "52", 7, int(time.time()))
    cfg = config_from({
        "site": {"name": "Uji", "timezone": "Asia/Makassar", "region": "52"},
        "metrics": [{"name": "lapor_count", "title": "Aduan", "agg": "sum"}],
        "screens": [{"id": "spbe", "title": "Evaluasi SPBE",
                     "tiles": [{"view": "spbe"}, {"view": "topics"}]}]})
    ctx = create_app(cfg, sqlite_store).ctx
    doc = build(ctx, Spec(page="screen", screen="spbe"), None)
    sec = doc.sections[0]
    assert sec.title == "Indeks SPBE per kabupaten/kota · Evaluasi 2024"
    ranks = book(sqlite_store, "52").ranking(2024)
    assert [r[0] for r in sec.rows][0] == "Kota Mataram" and len(sec.rows) == len(ranks) == 10
    for row, r in zip(sec.rows, ranks, strict=True):
        assert row[1] == f"{round(r.index + 1e-9, 2):.2f}".replace(".", ",")
        assert row[2] == r.predikat
