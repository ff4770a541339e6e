"""The project's RSS fixtures are what ``make_feeds.py`` writes, and keep the real feeds'
quirks that the rss tests rely on."""

from __future__ import annotations

import importlib.util
import re

from support.feeds import DISTINCT_LINKS, FEEDS, snapshots


def _generated() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("make_feeds", FEEDS / "make_feeds.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.snapshots()


def test_committed_files_are_what_the_generator_writes():
    generated = _generated()
    committed = {p.relative_to(FEEDS).as_posix() for p in FEEDS.glob("*/*.xml")}
    assert committed == set(generated)
    for rel, text in generated.items():
        assert (FEEDS / rel).read_bytes() == text.encode("utf-8"), rel


def test_the_quirks_are_there():
    for _, feed, path in snapshots():
        body = path.read_text(encoding="utf-8")
        assert not body.endswith("\n")                      # no trailing newline
        assert re.findall(r"<guid>(\d+)</guid>", body) == [str(i) for i in range(1, 10)]
        pub = re.findall(r"<pubDate>(.*?)</pubDate>", body)
        assert len(pub) == 9 and all(p.endswith(" +0700") for p in pub)
        assert re.search(r"<lastBuildDate>[^<]* GMT</lastBuildDate>", body)
        assert feed in DISTINCT_LINKS
    assert "&apos;" in (FEEDS / "lensa-wawancara" / "2026-05-13.xml").read_text()
    stale = [p.read_text().split("</lastBuildDate>")[1]
             for _, feed, p in snapshots() if feed == "lensa-investigasi"]
    assert len(stale) == 3 and len(set(stale)) == 1          # only lastBuildDate moves
