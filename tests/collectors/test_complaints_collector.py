"""The ``complaints`` kind as a user runs it (``pantau collect``): a JSON API served locally
with its own field names, a CSV export and an XLSX workbook on disk; bad complaints refused
with their id and reason; a later answer updates the records, never duplicates them."""

from __future__ import annotations

import json
import sqlite3
import subprocess

from test_worker_process import PANTAU, write_config

API = {"data": [
    {"tiket": "T-1", "wilayah": {"kode": "52.71"}, "opd": "Dinas PUPR", "kategori": "Jalan",
     "masuk": "2026-03-16T09:00", "verifikasi": "2026-03-17T10:00", "tl": None,
     "selesai": None, "pelapor": {"nama": "Budi Santoso", "hp": "0812"}},
    {"tiket": "T-2", "wilayah": {"kode": "52.01"}, "opd": "RSUD", "kategori": "Kesehatan",
     "masuk": 1773792000, "verifikasi": None, "tl": None, "selesai": None,
     "pelapor": {"nama": "Siti", "hp": "0813"}},
    {"tiket": "T-3", "wilayah": {"kode": "52.71"}, "opd": "RSUD", "kategori": "Kesehatan",
     "masuk": "2026-03-18T08:00", "verifikasi": "2026-03-17T08:00", "tl": None,
     "selesai": None, "pelapor": {"nama": "Ani", "hp": "0814"}},
    {"tiket": "T-4", "wilayah": {"kode": "33.11"}, "opd": "RSUD", "kategori": "Kesehatan",
     "masuk": "2026-03-18T08:00", "verifikasi": None, "tl": None, "selesai": None,
     "pelapor": {"nama": "Joko", "hp": "0815"}},
]}
FIELDS = {"id": "tiket", "region": "wilayah.kode", "agency": "opd", "category": "kategori",
          "received_at": "masuk", "verified_at": "verifikasi", "followed_up_at": "tl",
          "closed_at": "selesai"}
CSV = ("id,region,agency,category,received_at,verified_at,followed_up_at,closed_at,nama\n"
       "C-1,52.72,Dinas Sosial,Bansos,2026-03-16T10:00,,,,Rina\n"
       "C-2,52.72,Dinas Sosial,Bansos,besok,,,,Rudi\n")


def _rows(db) -> dict[str, tuple]:
    with sqlite3.connect(db) as conn:
        return {r[1] + "/" + r[2]: r for r in conn.execute(
            "SELECT id, source, complaint_id, region, agency, received_at, verified_at, "
            "followed_up_at, status FROM complaints")}


def _collect(cfg):
    return subprocess.run([PANTAU, "collect", "-c", str(cfg)], capture_output=True, text=True,
                          timeout=180, cwd=cfg.parent)


def test_json_csv_and_xlsx_sources(tmp_path, httpserver):
    from openpyxl import Workbook

    httpserver.expect_request("/aduan").respond_with_json(API)
    (tmp_path / "lapor.csv").write_text(CSV, encoding="utf-8")
    wb = Workbook()
    ws = wb.active
    for line in CSV.splitlines():
        ws.append(line.split(","))
    wb.save(tmp_path / "lapor.xlsx")
    db = tmp_path / "pantau.db"
    cfg = write_config(tmp_path / "config.yaml", [
        {"id": "lapor_api", "kind": "complaints", "every": "1h",
         "options": {"url": httpserver.url_for("/aduan"), "items": "data[]",
                     "fields": FIELDS}},
        {"id": "lapor_csv", "kind": "complaints", "every": "1h",
         "options": {"path": str(tmp_path / "lapor.csv")}},
        {"id": "lapor_xlsx", "kind": "complaints", "every": "1h",
         "options": {"path": str(tmp_path / "lapor.xlsx")}},
    ], db)
    text = cfg.read_text().replace("timezone: Asia/Makassar", "timezone: Asia/Makassar\n"
                                   "  region: '52'")
    cfg.write_text(text)
    proc = _collect(cfg)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = {line.split()[0]: line.split() for line in proc.stdout.strip().splitlines()[1:]}
    # source kind status written rejected ...
    assert lines["lapor_api"][1:5] == ["complaints", "up", "2", "2"]
    assert lines["lapor_csv"][1:5] == ["complaints", "up", "1", "1"]
    assert lines["lapor_xlsx"][1:5] == ["complaints", "up", "1", "1"]
    assert "complaint 'T-3': verified_at is before received_at" in proc.stderr
    assert "complaint 'T-4':" in proc.stderr and "33.11" in proc.stderr
    assert "complaint 'C-2': received_at 'besok' is not ISO 8601" in proc.stderr
    rows = _rows(db)
    assert sorted(rows) == ["lapor_api/T-1", "lapor_api/T-2", "lapor_csv/C-1", "lapor_xlsx/C-1"]
    # 09:00 WITA is 01:00 UTC; Unix seconds are taken as they are.
    assert rows["lapor_api/T-1"][5] == 1773622800 and rows["lapor_api/T-1"][8] == "verified"
    assert rows["lapor_api/T-2"][5] == 1773792000 and rows["lapor_api/T-2"][3] == "52.01"
    with sqlite3.connect(db) as conn:
        dump = "\n".join(conn.iterdump())
    assert "Budi" not in dump and "0812" not in dump and "Rina" not in dump

    later = json.loads(json.dumps(API))
    later["data"][0]["tl"] = "2026-03-26T10:00"
    later["data"][0]["selesai"] = "2026-03-30T10:00"
    httpserver.clear()
    httpserver.expect_request("/aduan").respond_with_json(later)
    again = _collect(cfg)
    assert again.returncode == 0, again.stderr
    now = _rows(db)
    assert len(now) == 4
    assert now["lapor_api/T-1"][0] == rows["lapor_api/T-1"][0]
    assert now["lapor_api/T-1"][8] == "closed" and now["lapor_api/T-1"][7] is not None
    assert now["lapor_csv/C-1"] == rows["lapor_csv/C-1"]


def test_bad_options_are_refused(tmp_path):
    cfg = write_config(tmp_path / "config.yaml", [
        {"id": "x", "kind": "complaints", "every": "1h",
         "options": {"path": "a.csv", "fields": {"nama": "pelapor"}}}], tmp_path / "p.db")
    proc = subprocess.run([PANTAU, "check-config", "-c", str(cfg)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode != 0
    assert "'nama' is not a complaint field" in proc.stdout + proc.stderr
