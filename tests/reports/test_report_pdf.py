"""The PDF of a page (issue 20): its text (pdftotext) holds the kop surat, the period in
Indonesian words, the generated-at in the site's zone, the kabupaten/kota by name and the
same KPI numbers the page shows at that moment; its pages are drawn to PNG (test-artifacts)
to be looked at."""

from __future__ import annotations

import re
import shutil

import pytest
from report_world import ADDRESS, LINES, pdf_pages, pdf_text

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("chromium"),
                                reason="needs Chromium and poppler-utils (.ci/run installs them)")


def shown_values(component) -> list[str]:
    """The texts of every ``kpi-value`` element of a Dash component tree (what the page
    shows)."""
    out = []

    def walk(c):
        if isinstance(c, list | tuple):
            for x in c:
                walk(x)
            return
        if not hasattr(c, "to_plotly_json"):
            return
        if "kpi-value" in (getattr(c, "className", None) or "").split():
            out.append(c.children)
        walk(getattr(c, "children", None))

    walk(component)
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_overview_pdf_says_what_the_page_shows(rep_ctx, tmp_path, artifacts):
    from pantau.dashboard.components.regions import region_names
    from pantau.dashboard.pages.overview import cards
    from pantau.dashboard.report import Spec, make

    name, mime, data = make(rep_ctx, Spec(page="overview", period="30d"), None, "pdf")
    assert name == "pantau-ringkasan-2026-12-01-0915-WITA.pdf" and mime == "application/pdf"
    assert data.startswith(b"%PDF")
    text = squash(pdf_text(data, tmp_path))
    for line in LINES:
        assert line in text
    assert ADDRESS in text
    assert "1 November – 1 Desember 2026" in text
    assert "Dibuat Selasa, 1 Desember 2026 09.15 WITA" in text
    assert "Halaman 1 dari" in text
    for code, kab in region_names("52").items():
        assert kab in text, kab
        assert code not in text  # names, never codes
    page_values = shown_values(cards(rep_ctx, "30d", "52", None, "id"))
    assert len(page_values) >= 8
    for v in page_values:
        assert f" {v} " in text, (v, text[:3000])
    for png in pdf_pages(data, artifacts / "reports", "overview-30d"):
        assert png.stat().st_size > 5000


def test_metric_pdf_for_a_kabupaten_is_its_number_in_f4(rep_ctx, tmp_path, artifacts):
    from pantau.dashboard.components.kpi_data import card_data
    from pantau.dashboard.fmt import value
    from pantau.dashboard.report import Spec, make

    m = rep_ctx.config.metric("lapor_complaints_received_count")
    name, _, data = make(rep_ctx, Spec(page="metric", metric=m.name, period="7d",
                                       region="52.71", paper="F4"), None, "pdf")
    assert name == f"pantau-indikator-{m.name}-2026-12-01-0915-WITA.pdf"
    text = squash(pdf_text(data, tmp_path))
    card = card_data(rep_ctx, m, "7d", "52.71", scope=None)
    assert f" {value(card.value, m.unit, 'id')} " in text
    assert "Wilayah Kota Mataram" in text and "24 November – 1 Desember 2026 (7 hari)" in text
    pages = pdf_pages(data, artifacts / "reports", "metric-mataram-f4")
    import subprocess

    info = subprocess.run(["pdfinfo", str(artifacts / "reports" / "metric-mataram-f4.pdf")],
                          capture_output=True, text=True, check=True).stdout
    w, h = (float(x) for x in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert abs(w - 215 / 25.4 * 72) < 2 and abs(h - 330 / 25.4 * 72) < 2, info  # F4
    assert pages


def test_a_scoped_viewer_gets_only_its_kabupaten(rep_ctx, tmp_path):
    from pantau.dashboard.report import Spec, make

    _, _, data = make(rep_ctx, Spec(page="overview", period="7d", region="52.02"), "52.71",
                      "pdf")
    text = squash(pdf_text(data, tmp_path))
    assert "Kota Mataram" in text
    for other in ("Kabupaten Lombok Tengah", "Kabupaten Lombok Timur", "Kota Bima"):
        assert other not in text


@pytest.mark.parametrize("page,extra,stem", [
    ("media", {"period": "30d"}, "pantau-media-"),
    ("screen", {"screen": "layanan"}, "pantau-layar-layanan-"),
    ("explore", {"explore": (("metric", "lapor_complaints_received_count"),
                             ("from", "now-7d"), ("region", "52.71"))},
     "pantau-jelajah-lapor_complaints_received_count-")])
def test_other_pages(rep_ctx, tmp_path, artifacts, page, extra, stem):
    from pantau.dashboard.report import Spec, make

    name, _, data = make(rep_ctx, Spec(page=page, **extra), None, "pdf")
    assert name.startswith(stem) and name.endswith("-2026-12-01-0915-WITA.pdf")
    text = squash(pdf_text(data, tmp_path))
    assert LINES[0] in text and "Selasa, 1 Desember 2026 09.15 WITA" in text
    pdf_pages(data, artifacts / "reports", page)


def test_image_card_is_1080_by_1350(rep_ctx, artifacts):
    import struct

    from pantau.dashboard.report import Spec, make

    name, mime, data = make(rep_ctx, Spec(page="overview", period="7d"), None, "png")
    assert name == "pantau-ringkasan-2026-12-01-0915-WITA.png" and mime == "image/png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1080, 1350)
    (artifacts / "reports").mkdir(parents=True, exist_ok=True)
    (artifacts / "reports" / "card-overview.png").write_bytes(data)


def test_aduan_pdf_holds_the_pages_totals(rep_ctx, tmp_path, artifacts):
    from pantau.dashboard.fmt import number
    from pantau.dashboard.pages.complaints import cached_view
    from pantau.dashboard.report import Spec, make

    name, _, data = make(rep_ctx, Spec(page="aduan", period="90d"), None, "pdf")
    assert name == "pantau-aduan-2026-12-01-0915-WITA.pdf"
    text = squash(pdf_text(data, tmp_path))
    view = cached_view(rep_ctx, "90d", "52", None)
    assert view.open_total > 0 and view.overdue_total > 0
    for label, n in (("Aduan terbuka", view.open_total),
                     ("Aduan lewat tenggat", view.overdue_total),
                     ("Aduan masuk dalam periode", view.received)):
        assert label in text and f" {number(n, 'id', 0)} " in text, (label, n)
    assert "Aduan lewat tenggat terlama" in text and "Kota Mataram" in text
    pdf_pages(data, artifacts / "reports", "aduan")


def test_spbe_pdf_holds_the_pages_ranking(rep_ctx, tmp_path, artifacts):
    from pantau.dashboard.components.spbe_view import cached_book, index_text, region_text
    from pantau.dashboard.report import Spec, make

    b = cached_book(rep_ctx, rep_ctx.clock())
    year = b.years[-2]
    name, _, data = make(rep_ctx, Spec(page="spbe", year=str(year)), None, "pdf")
    assert name == f"pantau-spbe-{year}-2026-12-01-0915-WITA.pdf"
    text = squash(pdf_text(data, tmp_path))
    assert f"Tahun evaluasi {year}" in text and f"Peringkat {year}" in text
    for r in b.ranking(year):  # the page's ranking table: its names and indices
        assert f"{region_text(r.region)} {index_text(r.index, 'id')} " in text, r
    pdf_pages(data, artifacts / "reports", "spbe")
