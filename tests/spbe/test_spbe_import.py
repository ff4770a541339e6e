"""`pantau import FILE.csv --table spbe` as a user runs it (SQLite and PostgreSQL), and a
``csv`` source with ``records: spbe`` feeding the same table through the runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]


def pantau(*args):
    return subprocess.run([sys.executable, "-m", "pantau", *args], capture_output=True,
                          text=True, cwd=ROOT, env=dict(os.environ), timeout=300)


def config(tmp_path: Path, url: str, extra: str = "") -> Path:
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f'site: {{name: Uji, timezone: Asia/Makassar, region: "52"}}\n'
                   f'store: {{url: "{url}"}}\n'
                   "metrics: [{name: lapor_count, title: Aduan, agg: sum}]\n" + extra)
    return cfg


GOOD = ["2023,52.71,1,3", "2023,52.71,2,4", "2023,52.01,45,2", "2022,52.71,1,2",
        "2023,52.72,47,5.0"]
BAD = [
    "2023,33.11,1,3",    # line 7: outside the site
    "2023,52.71,48,3",   # 8: no indicator 48
    "2023,52.71,3,6",    # 9: level 6
    "2023,52.71,4,0",    # 10: level 0
    "2023,52.71,5,2.5",  # 11: not a whole level
    "2023,52.71,6,",     # 12: empty
    "2010,52.71,7,3",    # 13: before SPBE evaluations
    "2023,52.99,8,3",    # 14: unknown code
    "2023,52.71,x,3",    # 15: not a number
]


def write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(["year,region,indicator,score,catatan"]
                              + [r + ",ok" for r in rows]) + "\n")
    return path


def stored(url: str) -> list[tuple]:
    eng = create_engine(url)
    with eng.connect() as conn:
        rows = conn.execute(text("SELECT year, region, indicator, score, source FROM "
                                 "spbe_scores ORDER BY year, region, indicator")).all()
    eng.dispose()
    return [tuple(r) for r in rows]


def test_import_good_bad_and_twice(tmp_path, store):
    cfg = config(tmp_path, store.url)
    f = write(tmp_path / "lhe.csv", GOOD + BAD)
    out = pantau("import", str(f), "--table", "spbe", "--source", "lhe-2023",
                 "--config", str(cfg))
    assert out.returncode == 0, out.stderr
    assert "14 SPBE levels, 5 written, 9 rejected" in out.stdout
    err = out.stderr
    assert "column(s) not stored: catatan" in err
    for line, why in [(7, "outside the site's area 52"), (8, "indicator 48 is not an SPBE"),
                      (9, "'6' is not a maturity level"), (10, "'0' is not a maturity level"),
                      (11, "'2.5' is not a maturity level"), (12, "'' is not a maturity"),
                      (13, "year 2010 is not an SPBE evaluation year"),
                      (14, "'52.99' is not a Kemendagri code"),
                      (15, "indicator 'x' is not a number")]:
        first = err.split(f"lhe.csv:{line}: ")
        assert len(first) > 1 and why in first[1].splitlines()[0], (line, why, err)
    once = stored(store.url)
    assert once == [(2022, "52.71", 1, 2, "lhe-2023"), (2023, "52.01", 45, 2, "lhe-2023"),
                    (2023, "52.71", 1, 3, "lhe-2023"), (2023, "52.71", 2, 4, "lhe-2023"),
                    (2023, "52.72", 47, 5, "lhe-2023")]
    again = pantau("import", str(f), "--table", "spbe", "--source", "lhe-2023",
                   "--config", str(cfg))
    assert again.returncode == 0 and stored(store.url) == once
    # a corrected file replaces the level, never adds a row
    fix = write(tmp_path / "fix.csv", ["2023,52.71,1,4"])
    assert pantau("import", str(fix), "--table", "spbe", "--source", "koreksi",
                  "--config", str(cfg)).returncode == 0
    now = stored(store.url)
    assert len(now) == 5 and (2023, "52.71", 1, 4, "koreksi") in now


def test_a_file_without_the_columns_is_refused_whole(tmp_path, sqlite_store):
    cfg = config(tmp_path, sqlite_store.url)
    bad = tmp_path / "x.csv"
    bad.write_text("tahun,wilayah,nilai\n2023,52.71,3\n")
    out = pantau("import", str(bad), "--table", "spbe", "--config", str(cfg))
    assert out.returncode != 0
    assert "missing column(s) year, region, indicator, score" in out.stderr


def test_csv_source_feeds_the_same_table(tmp_path, sqlite_store):
    data = write(tmp_path / "spbe.csv", GOOD + BAD[:3])
    cfg = config(tmp_path, sqlite_store.url,
                 "sources:\n  - id: spbe_lhe\n    kind: csv\n    every: 1d\n"
                 f"    options: {{path: {data}, records: spbe}}\n")
    out = pantau("collect", "--config", str(cfg))
    assert out.returncode == 0, out.stdout + out.stderr
    rows = stored(sqlite_store.url)
    assert len(rows) == 5 and {r[4] for r in rows} == {"spbe_lhe"}
    with create_engine(sqlite_store.url).connect() as conn:
        run = conn.execute(text("SELECT samples, rejected FROM runs")).one()
    assert tuple(run) == (5, 3)
    again = pantau("collect", "--config", str(cfg))
    assert again.returncode == 0 and stored(sqlite_store.url) == rows
    bad = config(tmp_path, sqlite_store.url,
                 "sources:\n  - id: spbe_lhe\n    kind: csv\n    every: 1d\n"
                 f"    options: {{path: {data}}}\n")
    out = pantau("check-config", "--config", str(bad))
    assert out.returncode != 0 and "records: spbe" in out.stdout + out.stderr
