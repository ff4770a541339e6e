"""Named questions about media articles (see also ``data.queries``)."""

from __future__ import annotations

import json

import pandas as pd
from sqlalchemy import text

from data.store import Store

COLUMNS = ["id", "url", "title", "summary", "outlet", "channel", "source_id", "published_ts",
           "fetched_ts", "sentiment", "topics"]


def _like(term: str) -> str:
    return "%" + term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def articles(store: Store, start: int | None = None, end: int | None = None,
             outlet: str | None = None, channel: str | None = None, topic: str | None = None,
             q: str | None = None, limit: int = 50, sentiment: str | None = None) -> pd.DataFrame:
    """Newest articles first (by published time, else fetch time), filtered; ``topics`` is a
    list per row. Text search ``q`` is a case-insensitive substring of title or summary."""
    where, params = ["1 = 1"], {"limit": int(limit)}
    tcol = "COALESCE(published_ts, fetched_ts)"
    if start is not None:
        where.append(f"{tcol} >= :start")
        params["start"] = int(start)
    if end is not None:
        where.append(f"{tcol} < :end")
        params["end"] = int(end)
    for name, value in (("outlet", outlet), ("channel", channel), ("sentiment", sentiment)):
        if value:
            where.append(f"{name} = :{name}")
            params[name] = value
    if topic:
        where.append("topics LIKE :topic ESCAPE '\\'")
        params["topic"] = _like(json.dumps(topic, ensure_ascii=False))
    if q:
        where.append("(LOWER(title) LIKE :q ESCAPE '\\' OR LOWER(summary) LIKE :q ESCAPE '\\')")
        params["q"] = _like(q)
    sql = text(f"SELECT id, url, title, summary, outlet, channel, source_id, published_ts, "
               f"fetched_ts, sentiment, topics FROM articles WHERE {' AND '.join(where)} "
               f"ORDER BY {tcol} DESC, id DESC LIMIT :limit")
    with store.reader.connect() as conn:
        rows = conn.execute(sql, params).fetchall()
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["topics"] = df["topics"].map(lambda t: json.loads(t) if t else [])
    return df


def topic_counts(store: Store, topics: list[str], start: int, end: int) -> dict[str, int]:
    """How many articles in [start, end) match each topic."""
    out = {}
    with store.reader.connect() as conn:
        for topic in topics:
            out[topic] = conn.execute(text(
                "SELECT COUNT(*) FROM articles WHERE COALESCE(published_ts, fetched_ts) >= :s "
                "AND COALESCE(published_ts, fetched_ts) < :e AND topics LIKE :t ESCAPE '\\'"),
                {"s": int(start), "e": int(end),
                 "t": _like(json.dumps(topic, ensure_ascii=False))}).scalar_one()
    return out
