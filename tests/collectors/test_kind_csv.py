"""``csv``: CSV and XLSX tables, on disk or on the web, decimal comma, times in a zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from collector_helpers import FIXTURES, stored

INDIKATOR = FIXTURES / "indikator_ntb.csv"
VALUES = [{"metric": "ipm_score", "column": "ipm", "labels": {"region": "kode_wilayah"}},
          {"metric": "spbe_index_score", "column": "indeks_spbe",
           "labels": {"region": "kode_wilayah"}, "static_labels": {"sumber": "kemenpanrb"}}]
WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture(autouse=True)
def _long_retention(request):
    # Yearly indicators are stamped 1 January of their year: 2022 is older than the default
    # 730 days of retention, which the store would (rightly) refuse.
    if "store" in request.fixturenames:
        request.getfixturevalue("store").retention_days = 3650


def _cfg(make_config, **options):
    options.setdefault("values", VALUES)
    return make_config([{"id": "indikator", "kind": "csv", "every": "1h", "timeout": "10s",
                         "options": options}])


def _year(y: int) -> int:
    return int(datetime(y, 1, 1, tzinfo=WITA).timestamp())


def test_indicator_csv_with_decimal_comma(store, make_config, run_once):
    cfg = _cfg(make_config, path=str(INDIKATOR), delimiter=";", decimal=",",
               timestamp={"column": "tahun", "format": "%Y"})
    res = run_once(cfg, store, "indikator")
    assert (res.status, res.samples, res.rejected) == ("up", 32, 0), res.error
    ipm = {(lab["region"], ts): v for lab, ts, v in stored(store, "ipm_score")}
    assert len(ipm) == 12  # 2023 province + 2024 for the province and all ten regions
    assert ipm[("52.71", _year(2024))] == 81.64
    assert ipm[("52", _year(2023))] == 72.37
    spbe = stored(store, "spbe_index_score")
    assert len(spbe) == 20
    assert spbe[0][0] == {"region": "52", "sumber": "kemenpanrb"}
    # Kota Bima has no SPBE value published: the empty cells give no sample at all.
    assert not [s for s in spbe if s[0]["region"] == "52.72"]


def _xlsx(path, sheet="indikator", numeric_codes=False):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "catatan"
    ws["A1"] = "Sumber: BPS NTB, KemenPAN-RB"
    data = wb.create_sheet(sheet)
    lines = INDIKATOR.read_text(encoding="utf-8").splitlines()
    data.append(lines[0].split(";"))
    for line in lines[1:]:
        year, code, name, ipm, spbe = line.split(";")
        data.append([int(year), float(code) if numeric_codes else code, name,
                     float(ipm.replace(",", ".")) if ipm else None,
                     float(spbe.replace(",", ".")) if spbe else None])
    wb.save(path)
    return path


def test_xlsx_from_url_whatever_it_is_called(store, httpserver, make_config, run_once, tmp_path):
    body = _xlsx(tmp_path / "indikator.xlsx").read_bytes()
    # Served under a .csv name as text/plain: the bytes are a workbook, so it is read as one.
    httpserver.expect_request("/unduh/indikator.csv").respond_with_data(
        body, content_type="text/plain")
    cfg = _cfg(make_config, url=httpserver.url_for("/unduh/indikator.csv"), sheet="indikator",
               timestamp={"column": "tahun", "format": "%Y", "timezone": "Asia/Makassar"})
    res = run_once(cfg, store, "indikator")
    assert (res.status, res.samples, res.rejected) == ("up", 32, 0), res.error
    ipm = {(lab["region"], ts): v for lab, ts, v in stored(store, "ipm_score")}
    assert ipm[("52.08", _year(2024))] == 68.64


def test_xlsx_missing_sheet_names_the_sheets(store, make_config, run_once, tmp_path):
    path = _xlsx(tmp_path / "indikator.xlsx")
    res = run_once(_cfg(make_config, path=str(path), sheet="data"), store, "indikator")
    assert res.error == f"{path} has no sheet 'data' (sheets: 'catatan', 'indikator')"


def test_iso_times_and_site_zone_default(store, make_config, run_once, tmp_path):
    path = tmp_path / "aduan.csv"
    path.write_text("waktu,kode,masuk\n2026-05-31T08:00:00,52.01,5\n"
                    "2026-05-31T09:00:00+07:00,52.01,\"1,234\"\n", encoding="utf-8")
    cfg = _cfg(make_config, path=str(path), timestamp={"column": "waktu"},
               values=[{"metric": "lapor_complaints_received_count", "column": "masuk",
                        "labels": {"region": "kode"}}])
    res = run_once(cfg, store, "indikator")
    assert res.status == "up", res.error
    got = stored(store, "lapor_complaints_received_count")
    assert [ts for _, ts, _ in got] == [
        int(datetime(2026, 5, 31, 8, tzinfo=WITA).timestamp()),
        int(datetime.fromisoformat("2026-05-31T09:00:00+07:00").timestamp())]
    assert got[1][2] == 1234.0  # thousands separator with decimal "."


@pytest.mark.parametrize("content,needle", [
    ("tahun;kode_wilayah;ipm;indeks_spbe\n2024;52;73,10\n",
     "line 2: 3 fields, the header has 4"),
    ('tahun;kode_wilayah;ipm;indeks_spbe\n2024;"52;73,10;1\n',
     "malformed CSV"),
    ("tahun;kode;ipm;indeks_spbe\n2024;52;73,10;3,4\n",
     "has no column 'kode_wilayah'"),
    ("<html><body>Not found</body></html>", "is HTML or XML, not CSV"),
    ("", "is empty: no header row"),
    ("tahun;kode_wilayah;ipm;indeks_spbe\n2024;52;73,10;3,4\ndua ribu;52;1;1\n",
     "line 3, column 'tahun': 'dua ribu' does not match the time format '%Y'"),
])
def test_malformed_csv_is_a_clear_error(store, make_config, run_once, tmp_path, content, needle):
    path = tmp_path / "indikator.csv"
    path.write_text(content, encoding="utf-8")
    cfg = _cfg(make_config, path=str(path), delimiter=";", decimal=",",
               timestamp={"column": "tahun", "format": "%Y"})
    res = run_once(cfg, store, "indikator")
    assert res.status == "pending" and needle in res.error, res.error
    assert stored(store, "ipm_score") == []


def test_text_in_a_number_column_is_refused_with_the_reason(store, make_config, run_once,
                                                           tmp_path, caplog):
    path = tmp_path / "indikator.csv"
    path.write_text("kode_wilayah,ipm,indeks_spbe\n52,73.10,n/a\n", encoding="utf-8")
    res = run_once(_cfg(make_config, path=str(path)), store, "indikator")
    assert (res.status, res.samples, res.rejected) == ("up", 1, 1)
    assert "value 'n/a' is not a number" in caplog.text


def test_windows_1252_file_and_missing_file(store, make_config, run_once, tmp_path):
    path = tmp_path / "opd.csv"
    path.write_bytes("kode_wilayah,ipm,indeks_spbe\n52,73.1,3.4\n# Dinas Pariwisata – NTB,,\n"
                     .encode("cp1252"))
    res = run_once(_cfg(make_config, path=str(path)), store, "indikator")
    assert res.status == "up" and res.samples == 2, res.error
    res = run_once(_cfg(make_config, path=str(tmp_path / "hilang.csv")), store, "indikator")
    assert res.error == f"{tmp_path / 'hilang.csv'}: no such file"


def test_number_parsing():
    from pantau.collectors.tabular import label_text, parse_number

    assert parse_number("1.234,5", ",") == 1234.5
    assert parse_number("1,234.5", ".") == 1234.5
    assert parse_number("73,10 ", ",") == 73.1
    assert parse_number("85%", ".") == 85.0
    assert parse_number("", ",") is None and parse_number(None) is None
    assert parse_number("n/a") == "n/a"
    assert label_text(52.0) == "52" and label_text("52.01") == "52.01"
