"""Exports: the XLSX opens with openpyxl and holds the JSON's numbers; PNG, SVG and PDF
charts and reports are valid files of the requested size (rendered by kaleido in Chromium)."""

from __future__ import annotations

import io
import re
import struct

import pytest
from support.api_seed import NOW


def test_xlsx_holds_the_same_numbers_and_the_filters(client):
    import openpyxl

    qs = "metric=lapor_count&from=now-2d&step=6h&region=52.01&region=52.72"
    body = client.get("/api/v1/series?" + qs).get_json()
    resp = client.get("/api/v1/export.xlsx?" + qs)
    assert resp.status_code == 200
    assert "attachment" in resp.headers["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(resp.data))
    assert wb.sheetnames == ["Data", "Filter", "Sumber"]
    rows = list(wb["Data"].iter_rows(values_only=True))
    assert rows[0][:3] == ("metrik", "waktu (WITA)", "nilai")  # Indonesian, zone named
    assert rows[0][3:5] == ("region", "region_nama")  # the code, then its name
    assert {(r[3], r[4]) for r in rows[1:]} == {("52.01", "Kabupaten Lombok Barat"),
                                                ("52.72", "Kota Bima")}
    got = {(r[3], r[1]): r[2] for r in rows[1:]}
    want = {}
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    for s in body["series"]:
        for ms, v in s["points"]:
            when = datetime.fromtimestamp(ms / 1000, UTC).astimezone(ZoneInfo("Asia/Makassar"))
            want[(s["labels"]["region"], when.replace(tzinfo=None))] = v
    assert got == pytest.approx(want)
    # real Excel date-times (a number with a date format), not text
    cell = wb["Data"]["B2"]
    assert cell.is_date and cell.number_format == "yyyy-mm-dd hh:mm:ss", cell.number_format
    meta = dict(wb["Filter"].iter_rows(min_row=2, values_only=True))
    assert meta["Filter region"] == "52.01 (Kabupaten Lombok Barat), 52.72 (Kota Bima)"
    assert meta["Zona waktu"] == "Asia/Makassar (WITA)"
    assert meta["Langkah (detik)"] == 21600 and meta["Agregasi"] == "sum"
    assert isinstance(meta["Dari (WITA)"], datetime)


def test_xlsx_lists_the_sources_of_the_data_without_credentials(client):
    import openpyxl

    resp = client.get("/api/v1/export.xlsx?metric=service_up&from=now-1d&step=1h")
    wb = openpyxl.load_workbook(io.BytesIO(resp.data))
    rows = list(wb["Sumber"].iter_rows(values_only=True))
    assert rows[0] == ("id", "judul", "jenis", "URL")
    assert rows[1:] == [("probe_portal", "Portal Pemprov", "http_probe",
                         "http://127.0.0.1:9/portal"),
                        ("probe_ppid", "probe_ppid", "http_probe", "http://127.0.0.1:9/ppid")]
    assert b"rahasia" not in resp.data and b"token=abc" not in resp.data
    # a metric no source feeds: the sheet is there, empty but for its header
    resp = client.get("/api/v1/export.xlsx?metric=lapor_count&from=now-1d&lang=en")
    wb = openpyxl.load_workbook(io.BytesIO(resp.data))
    assert list(wb["Sources"].iter_rows(values_only=True)) == [("id", "title", "kind", "URL")]


def test_xlsx_without_step_holds_raw_points_in_english(sqlite_client, api_world_sqlite):
    import openpyxl

    resp = sqlite_client.get("/api/v1/export.xlsx?metric=queue_depth&from=now-1d&lang=en")
    wb = openpyxl.load_workbook(io.BytesIO(resp.data))
    rows = list(wb["Data"].iter_rows(values_only=True))
    assert rows[0] == ("metric", "ts (WITA)", "value")
    with api_world_sqlite.reader.connect() as conn:
        import sqlalchemy as sa

        raw = conn.execute(sa.text(
            "SELECT x.value FROM samples x JOIN series s ON s.id = x.series_id "
            "WHERE s.metric = 'queue_depth' AND x.ts >= :a ORDER BY x.ts"),
            {"a": NOW - 86400}).scalars().all()
    assert [r[2] for r in rows[1:]] == raw


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def pdf_pages_and_box(data: bytes) -> tuple[int, list[float]]:
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    box = re.search(rb"/MediaBox\s*\[\s*([\d.\s]+)\]", data).group(1).split()
    return pages, [float(x) for x in box]


@pytest.mark.slow
def test_chart_files_have_the_requested_size(sqlite_client):
    qs = "metric=lapor_count&from=now-3d&region=52.71"
    resp = sqlite_client.get(f"/api/v1/chart.png?{qs}&width=900&height=420")
    assert resp.status_code == 200 and resp.mimetype == "image/png"
    assert png_size(resp.data) == (900, 420)
    resp = sqlite_client.get(f"/api/v1/chart.png?{qs}")
    assert png_size(resp.data) == (1200, 600)  # the defaults

    resp = sqlite_client.get(f"/api/v1/chart.svg?{qs}&width=640&height=300&shift=1d")
    assert resp.mimetype == "image/svg+xml"
    svg = resp.get_data(as_text=True)
    head = svg[:400]
    assert svg.startswith("<svg") and 'width="640"' in head and 'height="300"' in head
    assert "Aduan masuk" in svg  # the metric's title, as on the page

    resp = sqlite_client.get(f"/api/v1/chart.pdf?{qs}&width=800&height=400")
    assert resp.mimetype == "application/pdf"
    pages, box = pdf_pages_and_box(resp.data)
    assert pages == 1 and box[2:] == pytest.approx([600, 300], abs=1)  # 800x400 px at 96 dpi


@pytest.mark.slow
def test_reports_are_one_a4_page(sqlite_client):
    resp = sqlite_client.get("/api/v1/report.pdf?metric=lapor_count&from=now-7d&region=52.71")
    assert resp.status_code == 200 and "attachment" in resp.headers["Content-Disposition"]
    pages, box = pdf_pages_and_box(resp.data)
    assert pages == 1 and box[2:] == pytest.approx([842, 595.5], abs=1.5)
    resp = sqlite_client.get("/api/v1/report.pdf?screen=layanan&lang=en")
    assert resp.status_code == 200
    pages, box = pdf_pages_and_box(resp.data)
    assert pages == 1 and box[2:] == pytest.approx([842, 595.5], abs=1.5)
