"""``pantau collect`` as a user runs it: one source of each kind served locally, one row per
source with the right counts; unknown ids are a usage error."""

from __future__ import annotations

import re
import sqlite3
import subprocess
from datetime import datetime

import pytest
from collector_helpers import FIXTURES
from support.feeds import FEEDS
from test_worker_process import PANTAU, write_config

FEED = FEEDS / "lensa-ekonomi" / "2026-06-01.xml"
IND_VALUES = [{"metric": "ipm_score", "column": "ipm", "labels": {"region": "kode_wilayah"}},
              {"metric": "spbe_index_score", "column": "indeks_spbe",
               "labels": {"region": "kode_wilayah"}}]


def _xlsx(path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "indikator"
    lines = (FIXTURES / "indikator_ntb.csv").read_text(encoding="utf-8").splitlines()
    ws.append(lines[0].split(";"))
    for line in lines[1:]:
        year, code, name, ipm, spbe = line.split(";")
        ws.append([int(year), code, name, float(ipm.replace(",", ".")) if ipm else None,
                   float(spbe.replace(",", ".")) if spbe else None])
    wb.save(path)
    return path


@pytest.fixture
def everything(tmp_path, httpserver):
    """A config with one source of each kind (csv twice: a CSV and an XLSX file)."""
    httpserver.expect_request("/api/statistik").respond_with_data(
        (FIXTURES / "lapor_statistik.json").read_bytes(), content_type="application/json")
    httpserver.expect_request("/feed").respond_with_data(FEED.read_bytes(),
                                                  content_type="text/xml")
    httpserver.expect_request("/metrics").respond_with_data(
        (FIXTURES / "node_exporter.txt").read_text(), content_type="text/plain")
    httpserver.expect_request("/").respond_with_data("<title>Satu Data NTB</title>")
    portal = tmp_path / "satudata.db"
    conn = sqlite3.connect(portal)
    conn.execute("CREATE TABLE dataset (organisasi TEXT, judul TEXT, unduhan INTEGER)")
    conn.executemany("INSERT INTO dataset VALUES (?, ?, ?)", [
        ("Diskominfotik", "Indeks SPBE", 120), ("Diskominfotik", "Jumlah BTS", 45),
        ("Bappeda", "IPM kabupaten/kota", 310)])
    conn.commit()
    conn.close()
    sources = [
        {"id": "lapor_ntb", "kind": "http_json", "every": "15m", "timeout": "20s",
         "retries": 2, "options": {"url": httpserver.url_for("/api/statistik"), "values": [
             {"metric": "lapor_complaints_received_count", "path": "data[].masuk",
              "labels": {"region": "data[].kode_wilayah"}},
             {"metric": "lapor_complaints_resolved_ratio", "path": "data[].rasio_selesai",
              "labels": {"region": "data[].kode_wilayah"}}]}},
        {"id": "tempo_ekonomi", "kind": "rss", "every": "10m",
         "options": {"url": httpserver.url_for("/feed"), "outlet": "Tempo",
                     "channel": "media_massa"}},
        {"id": "indikator_csv", "kind": "csv", "cron": "0 6 * * *", "timeout": "1m",
         "options": {"path": str(FIXTURES / "indikator_ntb.csv"), "delimiter": ";",
                     "decimal": ",", "timestamp": {"column": "tahun", "format": "%Y"},
                     "values": IND_VALUES}},
        {"id": "indikator_xlsx", "kind": "csv", "cron": "0 6 * * *", "timeout": "1m",
         "options": {"path": str(_xlsx(tmp_path / "indikator.xlsx")), "sheet": "indikator",
                     "timestamp": {"column": "tahun", "format": "%Y"}, "values": IND_VALUES}},
        {"id": "satudata_db", "kind": "sql", "every": "1h",
         "options": {"url": f"sqlite:///{portal}",
                     "query": "SELECT organisasi AS opd, COUNT(*) AS datasets, SUM(unduhan) "
                              "AS downloads FROM dataset GROUP BY organisasi",
                     "values": [{"metric": "opendata_datasets_count", "column": "datasets",
                                 "labels": {"opd": "opd"}},
                                {"metric": "opendata_downloads_count", "column": "downloads",
                                 "labels": {"opd": "opd"}}]}},
        {"id": "satudata_ntb", "kind": "http_probe", "every": "1m", "timeout": "10s",
         "options": {"url": httpserver.url_for("/"), "expect_text": "Satu Data"}},
        {"id": "pusat_data", "kind": "prometheus", "every": "1m", "timeout": "10s",
         "options": {"url": httpserver.url_for("/metrics"), "include": "^node_load1$",
                     "rename": {"node_load1": "server_load"}}},
    ]
    return write_config(tmp_path / "config.yaml", sources, tmp_path / "var" / "pantau.db")


def _collect(cfg, *ids):
    proc = subprocess.run([PANTAU, "collect", *ids, "-c", str(cfg)], capture_output=True,
                          text=True, timeout=180, cwd=cfg.parent)
    return proc


def _rows(stdout: str) -> dict[str, list[str]]:
    lines = stdout.strip().splitlines()
    assert lines[0].split() == ["source", "kind", "status", "samples", "rejected", "articles",
                                "duration", "error"]
    return {line.split()[0]: line.split(None, 7) for line in lines[1:]}


def _feed_hours() -> int:
    dates = re.findall(r"<pubDate>(.*?)</pubDate>", FEED.read_text(encoding="utf-8"))
    stamps = [datetime.strptime(d, "%a, %d %b %Y %H:%M:%S %z").timestamp() for d in dates]
    return len({int(s) // 3600 for s in stamps})


def test_one_source_of_each_kind(everything):
    proc = _collect(everything)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = _rows(proc.stdout)
    counts = {sid: (r[1], r[2], int(r[3]), int(r[4]), int(r[5])) for sid, r in rows.items()}
    assert counts == {
        "lapor_ntb": ("http_json", "up", 19, 1, 0),   # Kota Bima's null ratio is refused
        "tempo_ekonomi": ("rss", "up", _feed_hours(), 0, 9),
        "indikator_csv": ("csv", "up", 32, 0, 0),
        "indikator_xlsx": ("csv", "up", 32, 0, 0),
        "satudata_db": ("sql", "up", 4, 0, 0),
        "satudata_ntb": ("http_probe", "up", 2, 0, 0),
        "pusat_data": ("prometheus", "up", 1, 0, 0),
    }
    assert all(re.fullmatch(r"\d+\.\d\ds", r[6]) for r in rows.values())
    assert "value None is not a number" in proc.stderr
    print(proc.stdout)
    # Collected again: the same points are updates, the articles are not new.
    again = _rows(_collect(everything).stdout)
    assert again["tempo_ekonomi"][5] == "0"
    assert again["indikator_csv"][3] == "32"


def test_named_sources_only_and_unknown_ids(everything):
    proc = _collect(everything, "pusat_data", "satudata_ntb")
    assert proc.returncode == 0
    assert list(_rows(proc.stdout)) == ["pusat_data", "satudata_ntb"]
    bad = _collect(everything, "pusat_data", "lapor")
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert bad.stderr.strip() == (
        "pantau: collect: unknown source 'lapor'; known: lapor_ntb, tempo_ekonomi, "
        "indikator_csv, indikator_xlsx, satudata_db, satudata_ntb, pusat_data")


def test_a_failed_source_exits_1_with_its_error(everything, httpserver):
    httpserver.clear()
    proc = _collect(everything, "pusat_data")
    assert proc.returncode == 1
    row = _rows(proc.stdout)["pusat_data"]
    assert row[2] == "pending"
    assert row[7].startswith("HTTP 500 from http://localhost:")
