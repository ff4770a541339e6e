"""The project's own RSS fixtures: daily snapshots of three feeds of "Lensa Nusa", a fictional
outlet, written by ``tests/collectors/fixtures/rss/make_feeds.py`` with the quirks of real
feeds (guid = position, ``+0700`` dates, a stale feed, ``&apos;``), and broken variants
(``quirks/truncated.xml``, ``quirks/undefined_entity.xml``). See the README there."""

from __future__ import annotations

from pathlib import Path

FEEDS = Path(__file__).resolve().parents[1] / "collectors" / "fixtures" / "rss"
QUIRKS = FEEDS / "quirks"
# Distinct article links per feed over all its snapshots (what a replay must store).
DISTINCT_LINKS = {"lensa-ekonomi": 36, "lensa-wawancara": 22, "lensa-investigasi": 9}


def snapshots(folder: Path = FEEDS) -> list[tuple[str, str, Path]]:
    """``(date, feed, path)`` of every daily snapshot under ``folder``, oldest first."""
    return sorted((p.stem, p.parent.name, p) for p in folder.glob("*/*.xml")
                  if p.parent.name != "quirks")
