"""`pantau import FILE.csv --table complaints` as a user runs it, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]
HEADER = "id,region,agency,category,received_at,verified_at,followed_up_at,closed_at,nama_pelapor"


def pantau(*args):
    return subprocess.run([sys.executable, "-m", "pantau", *args], capture_output=True,
                          text=True, cwd=ROOT, env=dict(os.environ), timeout=300)


def config(tmp_path: Path, url: str) -> Path:
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f'site: {{name: Uji, timezone: Asia/Makassar, region: "52"}}\n'
                   f'store: {{url: "{url}"}}\n'
                   "metrics: [{name: lapor_count, title: Aduan, agg: sum}]\n")
    return cfg


FIRST = [
    "L-001,52.71,Dinas PUPR,Jalan,2026-03-16T09:00,2026-03-17T10:00,,",
    "L-002,52.01,RSUD,Kesehatan,2026-03-16T23:30,,,",
    "L-003,52.71,Dinas Dukcapil,KTP,1773792000,1773878400,1774483200,1774569600",
    "L-004,,Dinas PUPR,Jalan,2026-03-17T08:00+07:00,,,",
    "L-005,52.02,Dinas Pendidikan,Sekolah,2026-03-18T08:00,,,",
    # refused, one reason each:
    "L-006,33.11,Dinas PUPR,Jalan,2026-03-18T08:00,,,",           # line 7: outside the site
    "L-007,52.71,Dinas PUPR,Jalan,2026-03-18T08:00,2026-03-17T08:00,,",  # 8: verified first
    "L-008,52.71,,Jalan,2026-03-18T08:00,,,",                     # 9: no agency
    "L-009,52.71,RSUD,Kesehatan,kemarin,,,",                      # 10: not a time
    ",52.71,RSUD,Kesehatan,2026-03-18T08:00,,,",                  # 11: no id
    "L-010,52.71,RSUD,Kesehatan,2099-01-01T08:00,,,",             # 12: future
    "L-011,52.99,RSUD,Kesehatan,2026-03-18T08:00,,,",             # 13: unknown code
]


def write(path: Path, rows: list[str]) -> Path:
    lines = [HEADER] + [r + ",Budi Santoso" for r in rows]
    path.write_text("\n".join(lines) + "\n")
    return path


def stored(url: str) -> list[tuple]:
    eng = create_engine(url)
    with eng.connect() as conn:
        rows = conn.execute(text(
            "SELECT id, source, complaint_id, region, agency, category, channel, received_at, "
            "verified_at, followed_up_at, closed_at, status FROM complaints "
            "ORDER BY complaint_id")).all()
    eng.dispose()
    return [tuple(r) for r in rows]


def test_import_twice_then_a_later_state(tmp_path, store):
    store_url = store.url
    cfg = config(tmp_path, store_url)
    first = write(tmp_path / "lapor.csv", FIRST)
    lines = first.read_text().splitlines()
    assert lines[6].startswith("L-006") and lines[12].startswith("L-011")  # line 7, 13

    out = pantau("import", str(first), "--table", "complaints", "--source", "lapor",
                 "--config", str(cfg))
    assert out.returncode == 0, out.stderr
    assert "12 complaints, 5 written, 7 rejected" in out.stdout
    err = out.stderr
    assert "column(s) not stored: nama_pelapor" in err
    for line, why in [(7, "33.11"), (8, "verified_at is before received_at"),
                      (9, "agency is empty"), (10, "received_at 'kemarin' is not ISO 8601"),
                      (11, "id is empty"), (12, "received_at is in the future"),
                      (13, "'52.99' is not a Kemendagri code")]:
        assert f"lapor.csv:{line}: " in err and why in err.split(f"lapor.csv:{line}: ")[1] \
            .splitlines()[0], (line, why, err)
    once = stored(store_url)
    assert [r[2] for r in once] == ["L-001", "L-002", "L-003", "L-004", "L-005"]
    by_id = {r[2]: r for r in once}
    # 2026-03-16T09:00 WITA is 01:00 UTC; +07:00 is read as given.
    assert by_id["L-001"][7] == 1773622800 and by_id["L-001"][11] == "verified"
    assert by_id["L-004"][7] == 1773709200 and by_id["L-004"][3] is None
    assert by_id["L-003"][11] == "closed"
    assert "Budi" not in repr(once)

    again = pantau("import", str(first), "--table", "complaints", "--source", "lapor",
                   "--config", str(cfg))
    assert again.returncode == 0, again.stderr
    assert stored(store_url) == once

    later = write(tmp_path / "lapor2.csv", [
        "L-001,52.71,Dinas PUPR,Jalan,2026-03-16T09:00,2026-03-17T10:00,2026-03-26T10:00,"
        "2026-03-30T15:00",
        "L-002,52.01,RSUD,Kesehatan,2026-03-16T23:30,2026-03-25T08:00,,",
        "L-003,52.71,Dinas Dukcapil,KTP,1773792000,,,",  # an older state: nothing undone
    ])
    out = pantau("import", str(later), "--table", "complaints", "--source", "lapor",
                 "--config", str(cfg))
    assert out.returncode == 0, out.stderr
    now = {r[2]: r for r in stored(store_url)}
    assert len(now) == 5
    assert now["L-001"][0] == by_id["L-001"][0]  # the same row, updated
    assert now["L-001"][11] == "closed" and now["L-001"][10] is not None
    assert now["L-002"][11] == "verified"
    assert now["L-003"] == by_id["L-003"]

    # Another source may use the same ids: its own rows.
    out = pantau("import", str(later), "--table", "complaints", "--source", "kanal-wa",
                 "--config", str(cfg))
    assert out.returncode == 0 and len(stored(store_url)) == 8


def test_a_file_without_the_columns_is_refused_whole(tmp_path, sqlite_store):
    cfg = config(tmp_path, sqlite_store.url)
    bad = tmp_path / "x.csv"
    bad.write_text("metric,ts,value\nvisits,1,2\n")
    out = pantau("import", str(bad), "--table", "complaints", "--config", str(cfg))
    assert out.returncode != 0
    assert "missing column(s) id, region, agency, category, received_at" in out.stderr
