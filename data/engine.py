"""Engines for the store URL: SQLite with WAL, busy_timeout and foreign keys on every
connection; PostgreSQL through psycopg. Both through the same code above this module."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

BUSY_TIMEOUT_MS = 10_000


def _sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.database and u.database != ":memory:" and not u.database.startswith("file:"):
        return Path(u.database)
    return None


def make_engines(url: str) -> tuple[Engine, Engine]:
    """Return ``(reader, writer)`` engines for ``url``.

    On SQLite the writer opens every transaction with ``BEGIN IMMEDIATE`` so that two writers
    queue on busy_timeout instead of failing on a lock upgrade, while readers keep plain
    deferred transactions and never wait for a writer (WAL). On PostgreSQL both are one engine.
    """
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        path = _sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        return _sqlite_engine(url, immediate=False), _sqlite_engine(url, immediate=True)
    if u.get_backend_name() == "postgresql" and u.drivername == "postgresql":
        u = u.set(drivername="postgresql+psycopg")
    engine = create_engine(u, pool_pre_ping=True, pool_size=5, max_overflow=5)
    return engine, engine


def _sqlite_engine(url: str, immediate: bool) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000,
                                              "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Take transaction control from pysqlite, so that BEGIN is ours (see "begin" below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        # Sorts for GROUP BY on bucket expressions stay in memory rather than temp files.
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def run_sql(conn, sql: str):
    """Execute literal SQL (no parameters) on ``conn``: ``%`` is doubled for drivers whose
    placeholders use it (psycopg), since our bucket arithmetic uses the modulo operator."""
    if conn.dialect.paramstyle in ("format", "pyformat"):
        sql = sql.replace("%", "%%")
    return conn.exec_driver_sql(sql)


def fetch_rows(conn, sql: str) -> list[tuple]:
    """Rows of literal SQL (no parameters) as plain tuples, read through the driver's own
    cursor: for result sets of thousands of rows, SQLAlchemy's Row objects cost more than
    the query itself. Runs inside ``conn``'s transaction. Without parameters neither driver
    reads placeholders, so ``%`` needs no escaping here."""
    cur = conn.connection.driver_connection.cursor()
    try:
        cur.execute(sql)
        return cur.fetchall()
    finally:
        cur.close()


def database_error(exc: BaseException) -> str | None:
    """The first line of the database's reason when ``exc`` says the store could not be
    reached or lacks its schema; None for any other exception."""
    from sqlalchemy.exc import OperationalError, ProgrammingError

    if not isinstance(exc, OperationalError | ProgrammingError):
        return None
    lines = str(getattr(exc, "orig", exc)).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def on_checkout_checkin(engine: Engine, checkout, checkin) -> None:
    """Call ``checkout(record)`` when a connection of ``engine``'s pool is taken and
    ``checkin(record)`` when it is given back (``record.info`` holds per-connection data)."""
    event.listen(engine.pool, "checkout", lambda _dbapi, record, _proxy: checkout(record))
    event.listen(engine.pool, "checkin", lambda _dbapi, record: checkin(record))


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite store URL (relative to the working folder as written), or None
    for PostgreSQL, an in-memory or a ``file:`` URI database."""
    if make_url(url).get_backend_name() != "sqlite":
        return None
    return _sqlite_path(url)


def store_unreachable(exc: BaseException) -> bool:
    """True when ``exc`` (or what caused it) says the database cannot be reached or used
    right now (server gone, connection refused or dropped, SQLite file locked or missing):
    callers answer "unavailable, try again" (503) instead of "our bug" (500)."""
    from sqlalchemy import exc as sa

    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, sa.OperationalError | sa.InterfaceError | sa.DisconnectionError):
            return True
        if isinstance(exc, sa.DBAPIError) and exc.connection_invalidated:
            return True
        if type(exc).__module__.startswith(("psycopg", "sqlite3")) and \
                type(exc).__name__ in ("OperationalError", "InterfaceError"):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False
