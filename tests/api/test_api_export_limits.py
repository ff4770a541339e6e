"""Exports are bounded and safe, over real HTTP against the app and from `pantau export`:
formula-like cells escaped in CSV and XLSX alike, XLSX over ``web.export_max_rows`` refused at
once naming the limit and the step that fits, heavy answers past ``web.heavy_requests``
refused with a JSON 429, and the CLI's CSV streamed in constant memory."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import openpyxl
import pytest
from support.api_seed import NOW, RAW, make_config

ROOT = Path(__file__).resolve().parents[2]
EVIL = ["=HYPERLINK(\"http://x.example\",\"klik\")", "+62 812", "@SUM(A1)", "-cmd|' /C calc'!A0"]


def _config(**web):
    raw = {**RAW, "web": {**RAW["web"], **web}}
    return make_config(raw)


def _serve(config, store):
    from pantau.dashboard.app import create_app
    from werkzeug.serving import make_server

    app = create_app(config, store, clock=lambda: NOW)
    srv = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, app, f"http://127.0.0.1:{srv.server_port}"


@pytest.fixture
def evil_store(sqlite_store):
    """Four series of ``lapor_count`` whose region label is a formula, a day of 5-min points."""
    ts = list(range(NOW - 86400, NOW, 300))
    sqlite_store.write_points([("lapor_count", {"region": v}, ts, [1.0] * len(ts))
                               for v in EVIL])
    return sqlite_store


def _assert_escaped(cells: list[str]):
    for evil in EVIL:
        if evil.startswith("+62"):  # a number written as text stays as it is
            continue
        assert "'" + evil in cells, (evil, sorted(set(cells))[:10])
        assert evil not in cells


def test_formula_cells_are_escaped_in_api_csv_and_xlsx(evil_store):
    srv, _, base = _serve(_config(), evil_store)
    try:
        csv_resp = httpx.get(f"{base}/api/v1/series?metric=lapor_count&from=now-1d&step=1h"
                             "&format=csv", timeout=30)
        assert csv_resp.status_code == 200, csv_resp.text
        rows = list(csv.reader(io.StringIO(csv_resp.text)))
        _assert_escaped([r[-1] for r in rows[1:]])
        xlsx = httpx.get(f"{base}/api/v1/export.xlsx?metric=lapor_count&from=now-1d&step=1h",
                         timeout=30)
        assert xlsx.status_code == 200, xlsx.text
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content))["Data"]
        cells = [str(r[-1]) for r in sheet.iter_rows(min_row=2, values_only=True)]
        _assert_escaped(cells)
        formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        assert formulas == []
    finally:
        srv.shutdown()


def _pantau(*args, env=None):
    return subprocess.run([sys.executable, "-m", "pantau", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, env={**os.environ, **(env or {})})


def _cli_config(tmp_path: Path, url: str, max_rows: int = 100_000) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(f"""
site: {{name: Uji, timezone: Asia/Makassar, region: "52"}}
store: {{url: "{url}", retention_days: 730}}
web: {{export_max_rows: {max_rows}}}
metrics:
  - {{name: lapor_count, title: Aduan, unit: count, agg: sum}}
""")
    return path


def test_formula_cells_are_escaped_by_pantau_export(tmp_path, evil_store):
    cfg = _cli_config(tmp_path, str(evil_store.url))
    frm, to = str(NOW - 86400), str(NOW)
    for step in ([], ["--step", "1h"]):
        out = tmp_path / "x.csv"
        res = _pantau("export", "-c", str(cfg), "--metric", "lapor_count", "--from", frm,
                      "--to", to, *step, "-o", str(out))
        assert res.returncode == 0, res.stderr
        rows = list(csv.reader(out.open()))
        assert rows[0] == ["metric", "ts", "value", "region"]
        _assert_escaped([r[-1] for r in rows[1:]])
    out = tmp_path / "x.xlsx"
    res = _pantau("export", "-c", str(cfg), "--metric", "lapor_count", "--from", frm,
                  "--to", to, "-o", str(out))
    assert res.returncode == 0, res.stderr
    sheet = openpyxl.load_workbook(out)["Data"]
    _assert_escaped([str(r[-1]) for r in sheet.iter_rows(min_row=2, values_only=True)])


@pytest.fixture
def minute_store(sqlite_store):
    """Ten days of one series at one point a minute (14,400 samples)."""
    ts = list(range(NOW - 10 * 86400, NOW, 60))
    sqlite_store.write_points([("lapor_count", {"region": "52.01"}, ts, [2.0] * len(ts))])
    return sqlite_store


def test_xlsx_over_the_limit_is_refused_at_once_with_the_step_that_fits(minute_store):
    srv, _, base = _serve(_config(export_max_rows=5000), minute_store)
    try:
        started = time.perf_counter()
        resp = httpx.get(f"{base}/api/v1/export.xlsx?metric=lapor_count&from=now-10d",
                         timeout=30)
        took = time.perf_counter() - started
        assert resp.status_code == 400 and resp.headers["content-type"] == "application/json"
        body = resp.json()
        assert body["parameter"] == "step" and body["limit"] == 5000
        assert body["rows"] == 14_400 and body["step_that_fits"] == "5m"
        assert "at most 5,000 (web.export_max_rows)" in body["error"]
        assert "use a step of at least 5m" in body["error"]
        assert took < 1, took
        # buckets over the limit too (5 days at 1 minute), and the step named fits
        resp = httpx.get(f"{base}/api/v1/export.xlsx?metric=lapor_count&from=now-5d&step=1m",
                         timeout=30)
        assert resp.status_code == 400 and resp.json()["step_that_fits"] == "2m"
        resp = httpx.get(f"{base}/api/v1/export.xlsx?metric=lapor_count&from=now-5d&step=2m",
                         timeout=30)
        assert resp.status_code == 200
        resp = httpx.get(f"{base}/api/v1/export.xlsx?metric=lapor_count&from=now-10d&step=5m",
                         timeout=30)
        assert resp.status_code == 200
        rows = openpyxl.load_workbook(io.BytesIO(resp.content))["Data"].max_row - 1
        assert rows == 2881  # NOW is not on a 5-minute boundary: one bucket more
    finally:
        srv.shutdown()


def test_pantau_export_xlsx_over_the_limit_is_exit_2(tmp_path, minute_store):
    cfg = _cli_config(tmp_path, str(minute_store.url), max_rows=5000)
    res = _pantau("export", "-c", str(cfg), "--metric", "lapor_count", "--from",
                  str(NOW - 10 * 86400), "--to", str(NOW), "-o", str(tmp_path / "x.xlsx"))
    assert res.returncode == 2
    assert res.stderr.strip() == (
        "pantau: --format xlsx: the export would hold 14,400 rows; at most 5,000 "
        "(web.export_max_rows): use a step of at least 5m or a shorter period "
        "(CSV has no such limit)")
    assert not (tmp_path / "x.xlsx").exists()


def test_heavy_answers_past_the_limit_get_429_json(minute_store):
    srv, app, base = _serve(_config(heavy_requests=1), minute_store)
    gate = app.server.extensions["pantau.heavy"]
    try:
        gate.acquire()  # one file is being made
        for path in ("export.xlsx?metric=lapor_count&from=now-1d&step=1h",
                     "series?metric=lapor_count&from=now-1d&format=csv",
                     "chart.svg?metric=lapor_count&from=now-1d",
                     "report.pdf?metric=lapor_count&from=now-1d"):
            resp = httpx.get(f"{base}/api/v1/{path}", timeout=30)
            assert resp.status_code == 429, (path, resp.status_code)
            assert resp.headers["Retry-After"] == "5"
            assert "web.heavy_requests" in resp.json()["error"]
        assert httpx.get(f"{base}/healthz", timeout=10).status_code == 200
        assert httpx.get(f"{base}/api/v1/series?metric=lapor_count&from=now-1d",
                         timeout=30).status_code == 200
        gate.release()
        for _ in range(3):  # a streamed CSV gives its slot back once sent (gzipped or not)
            resp = httpx.get(f"{base}/api/v1/series?metric=lapor_count&from=now-1d&format=csv",
                             headers={"Accept-Encoding": "gzip"}, timeout=30)
            assert resp.status_code == 200 and resp.headers["Content-Encoding"] == "gzip"
            assert resp.text.startswith("metric,ts,value,region,region_name\n")
            assert len(resp.text.splitlines()) == 1 + 721  # a day at its automatic step, 2m
    finally:
        srv.shutdown()


def _peak_kb(args: list[str]) -> tuple[int, str]:
    proc = subprocess.Popen([sys.executable, "-m", "pantau", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0, err
    return usage.ru_maxrss, err


@pytest.mark.slow
def test_pantau_export_csv_streams_in_constant_memory(tmp_path, sqlite_store):
    """Ten times the rows must not cost ten times the memory: 40,000 vs 400,000 raw rows."""
    n = 400_000
    ts = list(range(NOW - n * 60, NOW, 60))
    sqlite_store.write_points([("lapor_count", {"region": "52.01"}, ts,
                                [float(i % 97) for i in range(n)])])
    cfg = _cli_config(tmp_path, str(sqlite_store.url))
    common = ["export", "-c", str(cfg), "--metric", "lapor_count", "--to", str(NOW)]
    small, _ = _peak_kb([*common, "--from", str(NOW - n * 6), "-o", str(tmp_path / "s.csv")])
    big, _ = _peak_kb([*common, "--from", str(NOW - n * 60), "-o", str(tmp_path / "b.csv")])
    with (tmp_path / "b.csv").open() as fh:
        lines = sum(1 for _ in fh)
    assert lines == n + 1
    print(f"pantau export CSV peak RSS: 40,000 rows {small / 1024:.1f} MB, "
          f"400,000 rows {big / 1024:.1f} MB")
    assert big - small < 25 * 1024, (small, big)
