"""``rss``: articles from an RSS or Atom feed, and how many each outlet publishes.

    options: {url: https://www.suarantb.com/feed/, outlet: Suara NTB, channel: media_massa}

Each item becomes an ``Article``: the link (only http/https links are kept), title and summary
as plain text (markup stripped, ``<script>`` gone with its content, ``javascript:`` and
``on...=`` never kept), ``published`` in UTC whatever zone the feed writes (``+0700`` WIB),
outlet and channel from the options. Items are told apart by their link, never by ``guid``
(feeds reuse guids: Tempo numbers its items 1..9 every day). The runner counts the stored
articles per outlet into ``news_articles_count``.

A feed that is not well-formed XML is an error of the run (an undefined HTML entity such as
``&nbsp;`` is tolerated, as every feed reader does).
"""

from __future__ import annotations

import calendar
import re

import feedparser
from pantau.collectors.base import CollectContext, CollectError, Options
from pantau.collectors.fetch import SourceUrl, fetch_ok, where
from pantau.data.batch import Article, Batch
from pantau.data.channels import Channel
from pantau.data.urls import is_safe_link, normalise_url
from pantau.text.normalize import plain_text
from pydantic import field_validator

ARTICLES_METRIC = "news_articles_count"
MAX_TITLE, MAX_SUMMARY = 500, 2000

# Script-ish leftovers that plain text may still spell out ("javascript:alert(1)" written as
# text, "onerror=" from escaped markup). Removed so that they never reach the store.
_SCRIPTY = re.compile(r"(?i)\b(?:javascript|vbscript)\s*:|\bdata\s*:\s*[a-z]+/[a-z0-9.+-]+|"
                      r"\bon[a-z]{3,}\s*=")


class RssOptions(Options):
    url: SourceUrl
    outlet: str
    channel: Channel = "media_massa"


    @field_validator("outlet")
    @classmethod
    def _outlet(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must name the outlet, e.g. Suara NTB")
        return v.strip()

    def emitted_metrics(self) -> list[str]:
        return [ARTICLES_METRIC]


def inert(text: str) -> str:
    """Plain text with script-like fragments removed."""
    return re.sub(r"\s{2,}", " ", _SCRIPTY.sub("", text)).strip()


def parse_feed(body: bytes, url: str) -> list:
    """The entries of the feed in ``body``; ``CollectError`` when it is not a feed."""
    feed = feedparser.parse(body)
    exc = feed.get("bozo_exception")
    if feed.get("bozo") and exc is not None and not _tolerated(exc):
        where_ = ""
        if hasattr(exc, "getLineNumber"):
            where_ = f" at line {exc.getLineNumber()}, column {exc.getColumnNumber()}"
        reason = getattr(exc, "getMessage", lambda: str(exc))()
        raise CollectError(f"feed {where(url)} is not well-formed XML{where_}: {reason}")
    if not feed.get("version") and not feed.entries:
        start = body[:60].decode("utf-8", "replace").strip().replace("\n", " ")
        raise CollectError(f"answer of {where(url)} is not an RSS or Atom feed "
                           f"(starts with {start!r})")
    return feed.entries


def _tolerated(exc: Exception) -> bool:
    name = type(exc).__name__
    if name in ("CharacterEncodingOverride", "NonXMLContentType"):
        return True
    return "undefined entity" in str(exc)


def _published(entry) -> int | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return int(calendar.timegm(parsed))  # feedparser gives UTC struct_time
    return None


def _link(entry) -> str:
    link = (entry.get("link") or "").strip()
    if not link and entry.get("guidislink"):
        link = (entry.get("id") or "").strip()
    return link


def articles_from(entries, options: RssOptions, source_id: str, now: int) -> list[Article]:
    """Articles from feed entries, one per distinct link; unsafe links are dropped."""
    out: list[Article] = []
    seen: set[str] = set()
    for entry in entries:
        link = _link(entry)
        key = normalise_url(link)
        if not key or not is_safe_link(link) or key in seen:
            continue
        seen.add(key)
        title = inert(plain_text(entry.get("title") or ""))[:MAX_TITLE]
        summary = inert(plain_text(entry.get("summary") or entry.get("description") or ""))
        published = _published(entry)
        out.append(Article(url=link, title=title or link, summary=summary[:MAX_SUMMARY],
                           outlet=options.outlet, channel=options.channel,
                           published_ts=published if published is not None else now,
                           source_id=source_id))
    return out


class RssCollector:
    """Fetch a feed and return its items as articles."""

    kind = "rss"
    Options = RssOptions

    def collect(self, options: RssOptions, ctx: CollectContext) -> Batch:
        got = fetch_ok(ctx, options.url)
        entries = parse_feed(got.body, options.url)
        return Batch(articles=articles_from(entries, options, ctx.source_id, int(ctx.clock())))
