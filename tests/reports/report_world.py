"""The reports' tests' world (issue 20): the demo's config with a kop surat (an SVG logo
of the tests' own) and 35 days of the demo's history, at Tuesday 1 December 2026 09.15 WITA."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import yaml

NOW = int(datetime(2026, 12, 1, 1, 15, tzinfo=UTC).timestamp())
"""Tuesday 1 December 2026, 09.15 WITA."""
LOGO = Path(__file__).parent / "logo.svg"
LINES = ["PEMERINTAH PROVINSI NUSA TENGGARA BARAT",
         "DINAS KOMUNIKASI, INFORMATIKA DAN STATISTIK"]
ADDRESS = "Jl. Udayana No. 4, Mataram 83122"


def write_config(folder: Path, store_url: str | None = None, extra: dict | None = None) -> Path:
    """The demo config for ``folder`` with the kop surat and ``extra`` sections merged in."""
    from pantau.demo import render_config

    text = render_config({"STORE_URL": store_url or f"sqlite:///{folder / 'demo.db'}",
                          "FEEDS": "http://127.0.0.1:9", "SOURCES": str(folder / "src"),
                          "PANTAU": "http://127.0.0.1:8"})
    raw = yaml.safe_load(text)
    raw["site"]["letterhead"] = {"logo": str(LOGO), "lines": LINES, "address": ADDRESS}
    for k, v in (extra or {}).items():
        raw[k] = v if not isinstance(v, dict) or k not in raw else {**raw[k], **v}
    path = folder / "demo-config.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def load_world(store, cfg, days: int = 35) -> None:
    from pantau.demo.history import load_history

    load_history(store, cfg, NOW - days * 86400, NOW, now=NOW, articles=True)


def pdf_text(data: bytes, tmp_path: Path) -> str:
    """The PDF's text by pdftotext (poppler-utils)."""
    import subprocess

    f = tmp_path / "r.pdf"
    f.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(f), "-"], capture_output=True,
                          check=True, text=True).stdout


def pdf_pages(data: bytes, folder: Path, stem: str) -> list[Path]:
    """The PDF's pages as PNG (pdftoppm), written to ``folder``."""
    import subprocess

    folder.mkdir(parents=True, exist_ok=True)
    f = folder / f"{stem}.pdf"
    f.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(f), str(folder / stem)], check=True)
    return sorted(folder.glob(f"{stem}-*.png"))
