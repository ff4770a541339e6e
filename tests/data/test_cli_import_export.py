"""`pantau import` and `pantau export` as a user runs them: subprocesses on a temp store."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from pantau.data.migrate import head
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]


def pantau(*args, env_url=None, cwd=None):
    import os

    env = dict(os.environ)
    if env_url:
        env["PANTAU_STORE_URL"] = env_url
    return subprocess.run([sys.executable, "-m", "pantau", *args], capture_output=True,
                          text=True, cwd=cwd or ROOT, env=env, timeout=300)


def write_config(tmp_path: Path, url: str) -> Path:
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"""
site: {{name: Uji, timezone: Asia/Makassar, region: "52"}}
store: {{url: "{url}", retention_days: 730}}
metrics:
  - {{name: visits_count, title: Kunjungan, unit: count, agg: sum}}
  - {{name: ipm_score, title: IPM, unit: index, agg: last}}
sources:
  - id: web
    title: Statistik web
    kind: http_json
    every: 1h
    options:
      url: "https://stat.example.id/api?key=x"
      values: [{{metric: visits_count, path: "data[].n"}}]
""")
    return cfg


def make_csv(path: Path, n: int, now: int) -> list[tuple]:
    rows = []
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["metric", "ts", "value", "region"])
        regions = ["52.01", "52.02", "52.71", "52.72"]
        per = n // len(regions)
        for i, region in enumerate(regions):
            for k in range(per):
                ts = now - 200 * 86400 + k * 60
                value = float((k * 7 + i) % 1000) / 4
                w.writerow(["visits_count", ts, value, region])
                rows.append((region, ts, value))
    return rows


@pytest.mark.slow
def test_import_twice_then_export_round_trip(tmp_path, store_url):
    now = int(time.time())
    cfg = write_config(tmp_path, store_url)
    src = tmp_path / "history.csv"
    rows = make_csv(src, 100_000, now)
    if store_url.startswith("postgresql"):
        res = pantau("import", str(src), "-c", str(cfg))
        assert res.returncode == 1
        assert "run `pantau db upgrade` first" in res.stderr and "Traceback" not in res.stderr
    res = pantau("db", "upgrade", "-c", str(cfg))
    assert res.returncode == 0 and f"revision {head()}" in res.stdout, res.stderr
    for _ in range(2):
        res = pantau("import", str(src), "-c", str(cfg))
        assert res.returncode == 0, res.stderr
        assert "100000 rows, 100000 written, 0 rejected" in res.stdout
    eng = create_engine(store_url)
    with eng.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM samples")).scalar_one() == 100_000
    eng.dispose()

    out = tmp_path / "out.csv"
    res = pantau("export", "--metric", "visits_count", "--from", "now-400d", "-o", str(out),
                 "-c", str(cfg))
    assert res.returncode == 0, res.stderr
    from pantau.data.timeparse import parse_time

    with out.open() as fh:
        got = {(r["region"], parse_time(r["ts"], now), float(r["value"]))
               for r in csv.DictReader(fh)}
    assert got == set(rows)

    # What export wrote, import reads back without change.
    res = pantau("import", str(out), "-c", str(cfg))
    assert res.returncode == 0 and "100000 written" in res.stdout


def test_bad_rows_are_reported_with_line_numbers(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    cfg = write_config(tmp_path, url)
    now = int(time.time())
    src = tmp_path / "bad.csv"
    src.write_text("metric,ts,value,region\n"
                   f"visits_count,{now - 100},1,52.71\n"
                   f"nope_metric,{now - 100},1,52.71\n"
                   f"visits_count,kemarin,1,52.71\n"
                   f"visits_count,{now - 100},abc,52.71\n"
                   f"visits_count,{now + 86400},1,52.71\n"
                   "ipm_score,2026-07-01T00:00:00+08:00,72.70,52\n"
                   "ipm_score,2026-07-01,70.12,52.71\n")
    res = pantau("import", str(src), "-c", str(cfg))
    assert res.returncode == 0, res.stderr
    assert "7 rows, 3 written, 4 rejected" in res.stdout
    err = res.stderr
    assert f"{src}:3: metric not in the catalogue ('nope_metric')" in err
    assert f"{src}:4: ts is not epoch seconds or ISO 8601" in err
    assert f"{src}:5: value is not a finite number" in err
    assert f"{src}:6: timestamp is more than 10 minutes in the future" in err
    # A time without zone is the site's (WITA): 2024-07-01 00:00 WITA = 2024-06-30 16:00 UTC.
    eng = create_engine(url)
    with eng.connect() as conn:
        ts = conn.execute(text("SELECT ts FROM samples s JOIN series x ON x.id = s.series_id "
                               "WHERE x.labels LIKE '%52.71%' AND x.metric='ipm_score'")).scalar()
    assert ts == 1782835200


def import_hours(tmp_path, days_ago: int, hours: int, value) -> tuple:
    """A config on a fresh SQLite store and ``hours`` hourly visits_count points from UTC
    midnight ``days_ago`` days back (``value(h)`` each), imported; returns (config, day0)."""
    cfg = write_config(tmp_path, f"sqlite:///{tmp_path / 'p.db'}")
    now = int(time.time())
    day0 = now - now % 86400 - days_ago * 86400
    src = tmp_path / "h.csv"
    src.write_text("metric,ts,value,region\n" + "".join(
        f"visits_count,{day0 + h * 3600},{value(h)},52.71\n" for h in range(hours)))
    assert pantau("import", str(src), "-c", str(cfg)).returncode == 0
    return cfg, day0


def test_export_xlsx_and_bucketed(tmp_path):
    cfg, day0 = import_hours(tmp_path, 3, 48, lambda h: h)
    out = tmp_path / "o.xlsx"
    res = pantau("export", "--metric", "visits_count", "--from", str(day0), "--to",
                 str(day0 + 2 * 86400), "--step", "6h", "-o", str(out), "-c", str(cfg))
    assert res.returncode == 0, res.stderr
    wb = openpyxl.load_workbook(out)
    data = list(wb["Data"].values)
    assert data[0] == ("metrik", "waktu (WITA)", "nilai", "region", "region_nama")
    assert {r[3:] for r in data[1:]} == {("52.71", "Kota Mataram")}
    assert [r[2] for r in data[1:]] == [sum(range(k * 6, k * 6 + 6)) for k in range(8)]
    assert wb["Data"]["B2"].is_date  # a date-time Excel can sort and filter, not text
    assert list(wb["Sumber"].values)[1:] == [("web", "Statistik web", "http_json",
                                              "https://stat.example.id/api")]
    meta = dict(list(wb["Filter"].values)[1:])
    assert meta["Zona waktu"] == "Asia/Makassar (WITA)"
    assert meta["Agregasi"] == "sum"


@pytest.mark.parametrize("args,message", [
    (["export", "--metric", "nope", "-o", "x.csv"], "--metric: 'nope' is not in metrics"),
    (["export", "--metric", "visits_count", "--from", "yesterday", "-o", "x.csv"],
     "--from/--to: 'yesterday' is not a time"),
    (["export", "--metric", "visits_count", "--step", "5 parsecs", "-o", "x.csv"], "--step:"),
    (["import", "missing.csv"], "missing.csv: no such file"),
])
def test_user_mistakes_are_one_line_exit_2(tmp_path, args, message):
    cfg = write_config(tmp_path, f"sqlite:///{tmp_path / 'p.db'}")
    res = pantau(*args, "-c", str(cfg), cwd=tmp_path)
    assert res.returncode == 2
    assert message in res.stderr
    assert "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_import_without_required_columns(tmp_path):
    cfg = write_config(tmp_path, f"sqlite:///{tmp_path / 'p.db'}")
    src = tmp_path / "x.csv"
    src.write_text("name,when,value\nvisits_count,1,2\n")
    res = pantau("import", str(src), "-c", str(cfg))
    assert res.returncode == 2
    assert "missing column(s) metric, ts" in res.stderr


def test_daily_export_buckets_start_at_local_midnight(tmp_path):
    cfg, day0 = import_hours(tmp_path, 4, 72, lambda h: 1)
    out = tmp_path / "d.csv"
    res = pantau("export", "--metric", "visits_count", "--from", str(day0), "--to",
                 str(day0 + 3 * 86400), "--step", "1d", "-o", str(out), "-c", str(cfg))
    assert res.returncode == 0, res.stderr
    with out.open() as fh:
        rows = list(csv.DictReader(fh))
    # Days in WITA start at 16:00 UTC: 00:00+08:00 in the file, and every hour counted once.
    assert all(r["ts"].endswith("T00:00:00+08:00") for r in rows)
    assert sum(float(r["value"]) for r in rows) == 72
