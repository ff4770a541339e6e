"""SPBE indicator levels in the store (table ``spbe_scores``): check, write (upsert) and read.

    score = spbe_store.parse_row({"year": "2023", "region": "52.71", "indicator": "11",
                                  "score": "3"}, source="import", area="52", this_year=2026)
    spbe_store.upsert(store, [score, ...], now)          # rows given
    levels = spbe_store.levels(store, area="52")         # {(2023, "52.71"): {11: 3, ...}}

One level per (year, region, indicator): writing it again replaces it (the source that wrote
it last is kept), so importing the same file twice leaves the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pantau.data.reference import codes
from pantau.data.schema import spbe_scores as table
from sqlalchemy import select

COLUMNS = ("year", "region", "indicator", "score")
FIRST_YEAR = 2018
"""The first SPBE evaluation (PermenPAN-RB 5/2018); an earlier year is refused."""
MAX_ROWS = 200_000
"""At most this many levels are read per question (47 indicators x ~4,000 region-years)."""


@dataclass(frozen=True)
class Score:
    year: int
    region: str
    indicator: int
    score: int
    source: str = ""


def _whole(text: str, what: str) -> int:
    t = (text or "").strip().replace(",", ".")
    if not t:
        raise ValueError(f"{what} is empty")
    try:
        value = float(t)
    except ValueError:
        raise ValueError(f"{what} {text.strip()!r} is not a number") from None
    if value != value or value != int(value):
        raise ValueError(f"{what} {text.strip()!r} is not a whole number")
    return int(value)


def parse_row(row: dict[str, str], source: str, area: str | None, this_year: int) -> Score:
    """The level of one row (``year,region,indicator,score``); ``ValueError`` saying why it
    is refused."""
    year = _whole(row.get("year") or "", "year")
    if not FIRST_YEAR <= year <= this_year + 1:
        raise ValueError(f"year {year} is not an SPBE evaluation year ({FIRST_YEAR} to "
                         f"{this_year + 1})")
    region = (row.get("region") or "").strip()
    if not region:
        raise ValueError("region is empty")
    if not codes.known(region):
        raise ValueError(f"region {region[:40]!r} is not a Kemendagri code")
    why = codes.refusal(region, area) if area else None
    if why:
        raise ValueError(why)
    number = _whole(row.get("indicator") or "", "indicator")
    if not 1 <= number <= 47:
        raise ValueError(f"indicator {number} is not an SPBE indicator (1 to 47)")
    raw = (row.get("score") or "").strip()
    try:
        level = _whole(raw, "score")
    except ValueError:
        raise ValueError(f"score {raw[:20]!r} is not a maturity level: a whole number 1 to 5") \
            from None
    if level not in (1, 2, 3, 4, 5):
        raise ValueError(f"score {raw[:20]!r} is not a maturity level: a whole number 1 to 5")
    return Score(year, region, number, level, source[:100])


def _insert(conn):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def upsert(store, scores: Iterable[Score], now: int) -> int:
    """Insert or replace ``scores`` in one transaction; return how many were given."""
    scores = list(scores)
    if not scores:
        return 0
    with store.writer.begin() as conn:
        return upsert_in(conn, scores, now)


def upsert_in(conn, scores: Iterable[Score], now: int) -> int:
    """``upsert`` within the open transaction ``conn`` (``Store.write`` of a collected batch)."""
    rows = [{"year": s.year, "region": s.region, "indicator": s.indicator, "score": s.score,
             "source": s.source, "updated_ts": int(now)} for s in scores]
    insert = _insert(conn)
    for start in range(0, len(rows), 500):
        stmt = insert(table).values(rows[start:start + 500])
        stmt = stmt.on_conflict_do_update(
            index_elements=["year", "region", "indicator"],
            set_={"score": stmt.excluded.score, "source": stmt.excluded.source,
                  "updated_ts": stmt.excluded.updated_ts})
        conn.execute(stmt)
    return len(rows)


def _where(q, area: str | None, region: str | None, years: tuple[int, int] | None):
    if region:
        q = q.where(table.c.region == region)
    elif area:
        q = q.where((table.c.region == area) | table.c.region.like(area + ".%"))
    if years:
        q = q.where(table.c.year >= years[0], table.c.year <= years[1])
    return q


def levels(store, area: str | None = None, region: str | None = None,
           years: tuple[int, int] | None = None) -> dict[tuple[int, str], dict[int, int]]:
    """``{(year, region): {indicator: level}}`` of the regions inside ``area`` (or of
    ``region`` only), of ``years`` (inclusive) when given; at most ``MAX_ROWS`` levels."""
    q = _where(select(table.c.year, table.c.region, table.c.indicator, table.c.score),
               area, region, years)
    q = q.order_by(table.c.year, table.c.region, table.c.indicator).limit(MAX_ROWS)
    out: dict[tuple[int, str], dict[int, int]] = {}
    with store.reader.connect() as conn:
        for r in conn.execute(q):
            out.setdefault((int(r.year), r.region), {})[int(r.indicator)] = int(r.score)
    return out


def origins(store, area: str | None = None) -> dict[tuple[int, str], str]:
    """``{(year, region): source}`` of the levels inside ``area`` (the greatest source name
    where a region-year has several; ``demo`` and ``demo:published`` mark the demo's)."""
    from sqlalchemy import func

    q = _where(select(table.c.year, table.c.region, func.max(table.c.source).label("source")),
               area, None, None).group_by(table.c.year, table.c.region).limit(MAX_ROWS)
    with store.reader.connect() as conn:
        return {(int(r.year), r.region): r.source for r in conn.execute(q)}


def last_update(store, area: str | None = None) -> int | None:
    """When the newest level inside ``area`` was written (Unix seconds), or None."""
    from sqlalchemy import func

    q = _where(select(func.max(table.c.updated_ts)), area, None, None)
    with store.reader.connect() as conn:
        v = conn.execute(q).scalar()
    return None if v is None else int(v)


def count(store) -> int:
    """How many levels are stored."""
    from sqlalchemy import func

    with store.reader.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())
