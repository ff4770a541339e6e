"""The demo outlets' feeds as RSS 2.0 or Atom 1.0 documents.

    xml = render_feed("warta_rinjani", articles)     # newest first
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from xml.sax.saxutils import escape

from pantau.demo.news import OUTLETS, DemoArticle

WITA = timezone(timedelta(hours=8))


def _when(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, WITA)


def rss(outlet: str, items: list[DemoArticle], now: int) -> str:
    """An RSS 2.0 channel of ``items`` (newest first); dates in WITA (+0800)."""
    o = OUTLETS[outlet]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">', "<channel>",
           f"<title>{escape(o.name)}</title>", f"<link>{escape(o.site)}/</link>",
           f"<description>{escape(o.name)}: berita Nusa Tenggara Barat (demo Pantau, "
           "fiksi)</description>",
           "<language>id-ID</language>",
           f"<lastBuildDate>{format_datetime(_when(now))}</lastBuildDate>"]
    for a in items:
        out += ["<item>", f"<title>{escape(a.title)}</title>", f"<link>{escape(a.url)}</link>",
                f'<guid isPermaLink="true">{escape(a.url)}</guid>',
                f"<pubDate>{format_datetime(_when(a.published_ts))}</pubDate>",
                f"<description>{escape(a.summary)}</description>", "</item>"]
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def atom(outlet: str, items: list[DemoArticle], now: int) -> str:
    """An Atom 1.0 feed of ``items`` (newest first); dates in WITA (+08:00)."""
    o = OUTLETS[outlet]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">',
           f"<title>{escape(o.name)}</title>",
           "<subtitle>Berita Nusa Tenggara Barat (demo Pantau, fiksi)</subtitle>",
           f'<link href="{escape(o.site)}/"/>', f"<id>{escape(o.site)}/</id>",
           f"<updated>{_when(now).isoformat()}</updated>"]
    for a in items:
        out += ["<entry>", f"<title>{escape(a.title)}</title>",
                f'<link rel="alternate" href="{escape(a.url)}"/>', f"<id>{escape(a.url)}</id>",
                f"<published>{_when(a.published_ts).isoformat()}</published>",
                f"<updated>{_when(a.published_ts).isoformat()}</updated>",
                f"<summary>{escape(a.summary)}</summary>",
                f"<author><name>Redaksi {escape(o.name)}</name></author>", "</entry>"]
    out += ["</feed>", ""]
    return "\n".join(out)


def render_feed(outlet: str, items: list[DemoArticle], now: int) -> str:
    """The feed of ``outlet`` in its own format (``OUTLETS[outlet].format``)."""
    return atom(outlet, items, now) if OUTLETS[outlet].format == "atom" else rss(outlet, items, now)
