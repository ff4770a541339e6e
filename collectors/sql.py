"""``sql``: a table from one read-only SELECT on any database SQLAlchemy can reach.

    options:
      url: postgresql+psycopg://reader@db.satudata/portal     # secrets via {$env: NAME}
      query: SELECT organisasi AS opd, COUNT(*) AS datasets FROM dataset GROUP BY organisasi
      timestamp: {column: tanggal}                            # optional
      values:
        - {metric: opendata_datasets_count, column: datasets, labels: {opd: opd}}

The query must be one SELECT (or WITH ... SELECT): anything else is refused when the config is
checked. It runs in a read-only transaction (``PRAGMA query_only`` on SQLite, ``READ ONLY`` on
PostgreSQL) that is rolled back, and is interrupted at the source's timeout. Use a read-only
database account as well.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from pantau.collectors.base import CollectContext, CollectError, Options
from pantau.collectors.tabular import ColumnValue, TimestampColumn, rows_to_samples
from pantau.data.batch import Batch
from pantau.data.engine import run_sql
from pydantic import Field, field_validator
from sqlalchemy import create_engine
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

MAX_ROWS = 200_000
"""More rows than this is a mistake in the query (aggregate in SQL)."""

_STRINGS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)
_WRITES = re.compile(r"\b(insert|update|delete|merge|upsert|drop|alter|create|truncate|grant|"
                     r"revoke|attach|detach|pragma|vacuum|reindex|into)\b", re.I)


def check_query(query: str) -> str:
    """``query`` when it is one read-only SELECT; ValueError saying what is wrong otherwise."""
    q = query.strip().rstrip(";").strip()
    bare = _COMMENTS.sub(" ", _STRINGS.sub("''", q))
    if not q:
        raise ValueError("is empty; give one SELECT statement")
    if ";" in bare:
        raise ValueError("must be one statement (found ';' inside)")
    first = bare.split(None, 1)[0].lower() if bare.split() else ""
    if first not in ("select", "with"):
        raise ValueError(f"must be a read-only SELECT (starts with {first.upper()!r})")
    bad = _WRITES.search(bare)
    if bad:
        raise ValueError(f"must be a read-only SELECT ({bad.group(1).upper()} is not allowed)")
    return q


class SqlOptions(Options):
    url: str
    query: str
    timestamp: TimestampColumn | None = None
    values: tuple[ColumnValue, ...] = Field(min_length=1)

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        try:
            make_url(v)
        except sa_exc.ArgumentError:
            raise ValueError("is not a database URL such as postgresql+psycopg://user@host/db "
                             "or sqlite:///path/to/file.db") from None
        return v

    @field_validator("query")
    @classmethod
    def _query(cls, v: str) -> str:
        return check_query(v)


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def _first_line(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0][:300]


class SqlCollector:
    """Run the query and turn its rows into samples."""

    kind = "sql"
    Options = SqlOptions

    def collect(self, options: SqlOptions, ctx: CollectContext) -> Batch:
        header, rows = self.query(options, ctx)
        return Batch(samples=rows_to_samples(header, rows, options.values, options.timestamp,
                                             ctx.tz, table="the query result"))

    def query(self, options: SqlOptions, ctx: CollectContext) -> tuple[list[str], list]:
        url = make_url(options.url)
        backend = url.get_backend_name()
        connect_args: dict = {}
        if backend == "sqlite":
            db = url.database or ""
            if db and db != ":memory:" and not db.startswith("file:") and not Path(db).is_file():
                raise CollectError(f"{shown(options.url)}: no such database file")
            connect_args["timeout"] = ctx.remaining()
        elif backend == "postgresql":
            connect_args["connect_timeout"] = max(1, int(ctx.remaining()))
        try:
            engine = create_engine(url, poolclass=NullPool, connect_args=connect_args)
        except (sa_exc.ArgumentError, sa_exc.NoSuchModuleError) as exc:
            raise CollectError(f"{shown(options.url)}: {_first_line(exc)}") from None
        try:
            with engine.connect() as conn:
                self._read_only(conn, backend, ctx)
                result = run_sql(conn, options.query)
                header = [str(k) for k in result.keys()]
                rows = result.fetchmany(MAX_ROWS + 1)
                conn.rollback()
        except sa_exc.DBAPIError as exc:
            if ctx.expired():
                raise CollectError(f"query timed out after {ctx.timeout:g}s on "
                                   f"{shown(options.url)}") from None
            raise CollectError(f"query failed on {shown(options.url)}: {_first_line(exc)}") \
                from None
        finally:
            engine.dispose()
        if len(rows) > MAX_ROWS:
            raise CollectError(f"query returned more than {MAX_ROWS} rows; aggregate in SQL")
        return header, [(i, list(r)) for i, r in enumerate(rows, start=1)]

    @staticmethod
    def _read_only(conn, backend: str, ctx: CollectContext) -> None:
        if backend == "sqlite":
            raw = conn.connection.driver_connection
            raw.execute("PRAGMA query_only = ON")
            deadline = ctx.deadline
            # SQLite has no statement timeout: the progress handler interrupts a long query.
            raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        elif backend == "postgresql":
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            conn.exec_driver_sql(f"SET LOCAL statement_timeout = {int(ctx.remaining() * 1000)}")
