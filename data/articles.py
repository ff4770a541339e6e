"""Named questions about media articles (see also ``data.queries``).

Every question filters the same way: a period ``[start, end)`` on the article's time (its
published time, else the time it was fetched) and optional ``outlet``, ``channel``, ``topic``,
``sentiment`` (each one value or a list of values) and ``q`` (a case-insensitive substring of
title or summary). Counting happens in the database; only ``top_words`` counts in Python, over a
bounded number of the newest articles.

    >>> articles(store, start, end, channel="media_massa", limit=8)       # newest first
    >>> article_counts(store, start, end, tz="Asia/Makassar", by="outlet")  # per local day
    >>> topic_series(store, ["spbe", "ekonomi"], start, end, tz="Asia/Makassar")
    >>> share_of_voice(store, start, end)                                  # outlet, count, share
    >>> top_words(store, start, end, n=20)                                 # [(word, count)]

Day buckets start at local midnight in ``tz`` (the site's zone): a Tempo item stamped
``07 Jun 2026 06:00 +0700`` is 23:00 UTC on 6 June but belongs to 7 June in WITA.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from datetime import time as dtime
from zoneinfo import ZoneInfo

import pandas as pd
from pantau.data.store import Store
from pantau.text import topics as _topics
from sqlalchemy import text

COLUMNS = ["id", "url", "title", "summary", "outlet", "channel", "source_id", "published_ts",
           "fetched_ts", "sentiment", "topics"]
GROUPS = ("outlet", "channel", "sentiment", "source_id")
"""Columns ``article_counts`` and ``breakdown`` can group by."""
STEPS = {"hour": 3600, "day": 86400}
TEXT_LIMIT = 2000
"""At most this many of the newest articles feed ``top_words``."""

_T = "COALESCE(published_ts, fetched_ts)"
Values = str | Sequence[str] | None


def _escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(term: str) -> str:
    return "%" + _escape(term.lower()) + "%"


def _has_topic(store: Store, param: str) -> str:
    # topics is stored as a JSON list, so the quoted name is one element, matched exactly:
    # a plain substring test, since LIKE has wildcards ("_") and its case rules differ
    # (case-insensitive on SQLite, case-sensitive on PostgreSQL).
    fn = "strpos" if store.dialect == "postgresql" else "instr"
    return f"{fn}(topics, :{param}) > 0"


def _quoted(topic: str) -> str:
    return json.dumps(topic, ensure_ascii=False)


def _values(value: Values) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v is not None and v != ""]


def _where(store: Store, start: int | None, end: int | None, outlet: Values = None,
           channel: Values = None,
           topic: Values = None, q: str | None = None, sentiment: Values = None,
           ) -> tuple[str, dict]:
    where, params = ["1 = 1"], {}
    if start is not None:
        where.append(f"{_T} >= :start")
        params["start"] = int(start)
    if end is not None:
        where.append(f"{_T} < :end")
        params["end"] = int(end)
    for name, value in (("outlet", outlet), ("channel", channel), ("sentiment", sentiment)):
        wanted = _values(value)
        if wanted:
            keys = [f"{name}{i}" for i in range(len(wanted))]
            where.append(f"{name} IN ({', '.join(':' + k for k in keys)})")
            params.update(zip(keys, wanted, strict=True))
    wanted = _values(topic)
    if wanted:
        keys = [f"topic{i}" for i in range(len(wanted))]
        where.append("(" + " OR ".join(_has_topic(store, k) for k in keys) + ")")
        params.update({k: _quoted(w) for k, w in zip(keys, wanted, strict=True)})
    if q:
        where.append("(LOWER(title) LIKE :q ESCAPE '\\' OR LOWER(summary) LIKE :q ESCAPE '\\')")
        params["q"] = _like(q)
    return " AND ".join(where), params


def _rows(store: Store, sql: str, params: dict) -> list:
    with store.reader.connect() as conn:
        return conn.execute(text(sql), params).fetchall()


def articles(store: Store, start: int | None = None, end: int | None = None,
             outlet: Values = None, channel: Values = None, topic: Values = None,
             q: str | None = None, limit: int = 50, sentiment: Values = None) -> pd.DataFrame:
    """Newest articles first (by published time, else fetch time), filtered; ``topics`` is a
    list per row. Text search ``q`` is a case-insensitive substring of title or summary."""
    where, params = _where(store, start, end, outlet, channel, topic, q, sentiment)
    params["limit"] = max(0, int(limit))
    rows = _rows(store, f"SELECT {', '.join(COLUMNS)} FROM articles WHERE {where} "
                        f"ORDER BY {_T} DESC, id DESC LIMIT :limit", params)
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["topics"] = df["topics"].map(lambda t: json.loads(t) if t else [])
    return df


def topic_counts(store: Store, topics: list[str], start: int, end: int,
                 **filters) -> dict[str, int]:
    """How many articles in [start, end) match each topic (one query; ``filters`` as above)."""
    topics = list(dict.fromkeys(topics))
    if not topics:
        return {}
    where, params = _where(store, start, end, **filters)
    sums = []
    for i, name in enumerate(topics):
        params[f"tc{i}"] = _quoted(name)
        sums.append(f"SUM(CASE WHEN {_has_topic(store, f'tc{i}')} THEN 1 ELSE 0 END)")
    row = _rows(store, f"SELECT {', '.join(sums)} FROM articles WHERE {where}", params)[0]
    return {name: int(n or 0) for name, n in zip(topics, row, strict=True)}


def hourly_outlet_counts(store: Store, outlets: Sequence[str],
                         hours: Sequence[int]) -> list[tuple[str, str, int, int]]:
    """``(outlet, channel, hour start, stored articles)`` for each hour in ``hours`` (UTC hour
    starts) and outlet in ``outlets``, counted over the stored (deduplicated) articles: the
    runner's ``news_articles_count`` after a batch touched those hours."""
    if not outlets or not hours:
        return []
    wanted = {int(h) for h in hours}
    names = {f"o{i}": o for i, o in enumerate(outlets)}
    params = {**names, "lo": min(wanted), "hi": max(wanted) + 3600}
    rows = _rows(store, f"SELECT outlet, channel, ({_T} / 3600) * 3600 AS h, COUNT(*) "
                        f"FROM articles WHERE outlet IN ({', '.join(':' + k for k in names)}) "
                        f"AND {_T} >= :lo AND {_T} < :hi GROUP BY outlet, channel, h", params)
    return [(o, c, int(h), int(n)) for o, c, h, n in rows if int(h) in wanted]


# -- time buckets in the site's zone ------------------------------------------------------
def _bounds(start: int, end: int, tz: str, step: str) -> list[int]:
    # Bucket starts overlapping [start, end) followed by the end of the last bucket.
    zone = ZoneInfo(tz)
    if step not in STEPS:
        raise ValueError(f"step must be one of {', '.join(STEPS)} (got {step!r})")
    if end <= start:
        return []
    if step == "hour":
        offset = int(datetime.fromtimestamp(start, zone).utcoffset().total_seconds())
        first = start - (start + offset) % 3600
        count = -(-(end - first) // 3600)
        return [first + k * 3600 for k in range(count + 1)]
    day = datetime.fromtimestamp(start, zone).date()
    out: list[int] = []
    while not out or out[-1] < end:
        out.append(int(datetime.combine(day, dtime(0), tzinfo=zone).timestamp()))
        day += timedelta(days=1)
    return out


def bucket_starts(start: int, end: int, tz: str, step: str = "day") -> list[int]:
    """UTC epoch seconds of every bucket that overlaps ``[start, end)``: local midnights
    (``step="day"``) or local hour starts (``"hour"``) in ``tz``."""
    return _bounds(int(start), int(end), tz, step)[:-1]


def _bucket_sql(start: int, end: int, tz: str, step: str) -> str:
    # Runs of equal-length buckets share one expression t - ((t - origin) % step); a day of
    # 23 or 25 hours (a DST change, outside Indonesia) is its own run. Indonesian zones have no
    # DST, so they always give a single run. All numbers are computed ints, never user text.
    bounds = _bounds(start, end, tz, step)
    size = STEPS[step]
    if not bounds:
        return str(int(start))
    runs: list[tuple[int, str]] = []  # (end of run, expression)
    for b, nxt in zip(bounds, bounds[1:], strict=False):
        expr = f"({_T} - (({_T} - {b % size}) % {size}))" if nxt - b == size else str(b)
        if runs and runs[-1][1] == expr:
            runs[-1] = (nxt, expr)
        else:
            runs.append((nxt, expr))
    if len(runs) == 1:
        return runs[0][1]
    cases = " ".join(f"WHEN {_T} < {e} THEN {x}" for e, x in runs[:-1])
    return f"(CASE {cases} ELSE {runs[-1][1]} END)"


def article_counts(store: Store, start: int, end: int, tz: str = "UTC", by: str | None = None,
                   step: str = "day", **filters) -> pd.DataFrame:
    """Articles per time bucket (and per ``by`` value): columns ``ts, count`` or
    ``ts, <by>, count``, sorted. ``ts`` is the bucket start (UTC epoch s) of a local day or hour
    in ``tz``; empty buckets are absent (``attrs["buckets"]`` lists them all). A missing
    sentiment or outlet counts under ``""``."""
    if by is not None and by not in GROUPS:
        raise ValueError(f"by must be one of {', '.join(GROUPS)} (got {by!r})")
    where, params = _where(store, start, end, **filters)
    bucket = _bucket_sql(int(start), int(end), tz, step)
    key = f", COALESCE({by}, '')" if by else ""
    rows = _rows(store, f"SELECT {bucket} AS b{key}, COUNT(*) FROM articles WHERE {where} "
                        f"GROUP BY {bucket}{key} ORDER BY 1{', 2' if by else ''}", params)
    df = pd.DataFrame(rows, columns=["ts", by, "count"] if by else ["ts", "count"])
    df["ts"] = df["ts"].astype("int64")
    df["count"] = df["count"].astype("int64")
    df.attrs.update(buckets=bucket_starts(int(start), int(end), tz, step), step=step, tz=tz,
                    by=by)
    return df


def topic_series(store: Store, topics: Sequence[str], start: int, end: int, tz: str = "UTC",
                 step: str = "day", **filters) -> pd.DataFrame:
    """Articles per time bucket and topic: columns ``ts, topic, count`` (topics in the order
    given, zero rows left out; ``attrs["buckets"]`` as in ``article_counts``)."""
    topics = list(dict.fromkeys(topics))
    where, params = _where(store, start, end, **filters)
    bucket = _bucket_sql(int(start), int(end), tz, step)
    rows = []
    if topics:
        sums = []
        for i, name in enumerate(topics):
            params[f"tc{i}"] = _quoted(name)
            sums.append(f"SUM(CASE WHEN {_has_topic(store, f'tc{i}')} THEN 1 ELSE 0 END)")
        raw = _rows(store, f"SELECT {bucket} AS b, {', '.join(sums)} FROM articles "
                           f"WHERE {where} GROUP BY {bucket} ORDER BY 1", params)
        rows = [(int(r[0]), name, int(n or 0)) for name_i, name in enumerate(topics)
                for r in raw if (n := r[name_i + 1])]
    df = pd.DataFrame(rows, columns=["ts", "topic", "count"])
    df["ts"] = df["ts"].astype("int64")
    df["count"] = df["count"].astype("int64")
    df.attrs.update(buckets=bucket_starts(int(start), int(end), tz, step), step=step, tz=tz,
                    by="topic")
    return df


# -- totals over a period -------------------------------------------------------------------
def breakdown(store: Store, start: int | None, end: int | None, by: str = "outlet",
              **filters) -> pd.DataFrame:
    """Articles per ``by`` value over the period: columns ``<by>, count, share`` (share of
    all matching articles, 0..1), largest first, ties by name."""
    if by not in GROUPS:
        raise ValueError(f"by must be one of {', '.join(GROUPS)} (got {by!r})")
    where, params = _where(store, start, end, **filters)
    rows = _rows(store, f"SELECT COALESCE({by}, '') AS k, COUNT(*) AS n, "
                        f"CAST(COUNT(*) AS FLOAT) / CAST(SUM(COUNT(*)) OVER () AS FLOAT) "
                        f"FROM articles WHERE {where} GROUP BY COALESCE({by}, '') "
                        f"ORDER BY n DESC, k", params)
    df = pd.DataFrame(rows, columns=[by, "count", "share"])
    df["count"] = df["count"].astype("int64")
    df["share"] = df["share"].astype("float64")
    return df


def share_of_voice(store: Store, start: int | None, end: int | None, **filters) -> pd.DataFrame:
    """Each outlet's part of the coverage: columns ``outlet, count, share`` (see ``breakdown``)."""
    return breakdown(store, start, end, "outlet", **filters)


def article_total(store: Store, start: int | None, end: int | None, **filters) -> int:
    """How many articles match."""
    where, params = _where(store, start, end, **filters)
    return int(_rows(store, f"SELECT COUNT(*) FROM articles WHERE {where}", params)[0][0])


def distinct_values(store: Store, column: str) -> list[str]:
    """The non-empty values of ``outlet``, ``channel``, ``sentiment`` or ``source_id`` that
    occur in stored articles, sorted."""
    if column not in GROUPS:
        raise ValueError(f"column must be one of {', '.join(GROUPS)} (got {column!r})")
    rows = _rows(store, f"SELECT DISTINCT {column} FROM articles WHERE {column} IS NOT NULL "
                        f"AND {column} <> '' ORDER BY {column}", {})
    return [r[0] for r in rows]


# -- words ----------------------------------------------------------------------------------
def article_texts(store: Store, start: int | None, end: int | None, limit: int = TEXT_LIMIT,
                  **filters) -> list[str]:
    """Titles and summaries (two texts per article) of the ``limit`` newest matching articles."""
    where, params = _where(store, start, end, **filters)
    params["limit"] = max(0, min(int(limit), TEXT_LIMIT))
    rows = _rows(store, f"SELECT title, summary FROM articles WHERE {where} "
                        f"ORDER BY {_T} DESC, id DESC LIMIT :limit", params)
    return [t for row in rows for t in row if t]


def top_words(store: Store, start: int | None, end: int | None, n: int = 20,
              limit: int = TEXT_LIMIT, stem: bool = False, **filters) -> list[tuple[str, int]]:
    """The ``n`` most frequent words (Indonesian stopwords left out) in the titles and
    summaries of the ``limit`` newest matching articles, as ``[(word, count)]``."""
    return _topics.top_words(article_texts(store, start, end, limit, **filters), n=n, stem=stem)
