"""The store: the only writer of Pantau's database.

Use::

    store = Store("sqlite:///var/pantau.db")
    store.upgrade()                                   # Alembic migrations
    result = store.write(batch, catalogue, now=...)   # one transaction
    store.record_run(RunRecord(...))

Rows are checked one by one (metric in the catalogue, finite value, not more than 10 minutes in
the future, not older than retention); refused rows are returned with their reason and the rest
of the batch is kept. Writing the same (series, ts) twice updates the value.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Collection, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from itertools import chain, repeat

from pantau.data import rollups
from pantau.data.batch import Article, Batch, Rejection, Sample, WriteResult, labels_key
from pantau.data.channels import CHANNELS, is_channel
from pantau.data.engine import make_engines
from pantau.data.reference import codes
from pantau.data.schema import DAY, articles, runs, series
from pantau.data.urls import normalise_url
from sqlalchemy import Engine, delete, insert, select

FUTURE_SLACK = 600


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One collection of one source, for the ``runs`` table."""

    source_id: str
    started_ts: float
    finished_ts: float
    status: str
    samples: int = 0
    rejected: int = 0
    error: str | None = None


class Store:
    """Pantau's database at ``url`` (SQLite or PostgreSQL)."""

    def __init__(self, url: str, retention_days: int = 730,
                 clock: Callable[[], float] = time.time, day_shift: int = 0):
        self.url = url
        self.wanted_day_shift = int(day_shift) % DAY
        self._day_shift: int | None = None
        self.retention_days = retention_days
        self.clock = clock
        self.reader, self.writer = make_engines(url)
        self.dialect = self.writer.dialect.name
        self._series_ids: dict[tuple[str, str], int] = {}

    # -- schema -------------------------------------------------------------------------
    def upgrade(self) -> None:
        """Apply every Alembic migration not yet applied, then start the daily rollup's days
        at the midnight of ``day_shift`` (the site's UTC offset) if they start elsewhere."""
        from pantau.data.migrate import upgrade

        upgrade(self.writer)
        with self.writer.begin() as conn:
            if rollups.day_shift(conn) != self.wanted_day_shift:
                rollups.realign_days(conn, self.wanted_day_shift)
        self._day_shift = self.wanted_day_shift

    @property
    def day_shift(self) -> int:
        """Seconds east of UTC of the midnight that starts the stored daily rollups (read
        once from ``meta``; ``upgrade`` sets it before the web and worker processes start)."""
        if self._day_shift is None:
            with self.reader.connect() as conn:
                self._day_shift = rollups.day_shift(conn)
        return self._day_shift

    def dispose(self) -> None:
        self.reader.dispose()
        if self.writer is not self.reader:
            self.writer.dispose()

    # -- writing ------------------------------------------------------------------------
    def check(self, s: Sample, catalogue: Collection[str], now: int,
              area: str | None = None) -> str | None:
        """The reason ``s`` must be refused, or None. With ``area`` (``site.region``), a
        ``region`` label must name that area or a listed region inside it."""
        if s.metric not in catalogue:
            return f"metric {s.metric!r} is not in the catalogue"
        if area is not None and s.labels.get("region") not in (None, ""):
            why = codes.refusal(s.labels["region"], area)
            if why:
                return why
        try:
            value = float(s.value)
        except (TypeError, ValueError):
            return f"value {s.value!r} is not a number"
        if not math.isfinite(value):
            return "value is NaN or infinite"
        if s.ts is None:
            return None
        if s.ts > now + FUTURE_SLACK:
            return "timestamp is more than 10 minutes in the future"
        if s.ts < now - self.retention_days * 86400:
            return f"timestamp is older than retention ({self.retention_days} days)"
        return None

    def write(self, batch: Batch, catalogue: Collection[str], now: int | None = None,
              area: str | None = None) -> WriteResult:
        """Write ``batch`` in one transaction; return what was written and what was refused.
        ``area``: the site's ``site.region``, whose outside is refused (see :meth:`check`).

        Samples without ``ts`` get ``now``. Articles are deduplicated on their normalised link.
        """
        now = int(self.clock() if now is None else now)
        result = WriteResult()
        rows: list[tuple[str, str, dict, int, float]] = []
        for i, s in enumerate(batch.samples):
            reason = self.check(s, catalogue, now, area)
            if reason:
                result.rejections.append(Rejection(reason, s.metric, i))
                continue
            labels = {str(k): str(v) for k, v in s.labels.items()}
            rows.append((s.metric, labels_key(labels), labels,
                         int(now if s.ts is None else s.ts), float(s.value)))
        with self.writer.begin() as conn:
            result.written = self._write_rows(conn, rows)
            result.articles = self._write_articles(conn, batch.articles, now,
                                                   result.rejections)
            if batch.complaints:
                result.complaints = self._write_complaints(conn, batch.complaints, now, area,
                                                           result.rejections)
            if batch.spbe:
                result.spbe = self._write_spbe(conn, batch.spbe, now, area, result.rejections)
            if batch.quakes:
                result.quakes = self._write_quakes(conn, batch.quakes, now, result.rejections)
        return result

    def _write_spbe(self, conn, rows: list[dict], now: int, area: str | None,
                    rejections: list[Rejection]) -> int:
        from datetime import datetime

        from pantau.data.spbe_store import parse_row, upsert_in

        year = datetime.fromtimestamp(now, UTC).year
        good = {}
        for i, row in enumerate(rows):
            try:
                s = parse_row(row, row.get("source", ""), area, year)
            except ValueError as exc:
                rejections.append(Rejection(f"spbe row {i + 1}: {exc}", "spbe", i))
                continue
            good[(s.year, s.region, s.indicator)] = s
        return upsert_in(conn, list(good.values()), now) if good else 0

    def _write_quakes(self, conn, items: list, now: int, rejections: list[Rejection]) -> int:
        from pantau.data.quakes import event_id, problem, upsert_in

        good = []
        for i, q in enumerate(items):
            why = problem(q, now)
            if why:
                rejections.append(Rejection(f"quake {event_id(q.ts)}: {why}", "quakes", i))
            else:
                good.append(q)
        return upsert_in(conn, good, now) if good else 0

    def _write_complaints(self, conn, rows: list[dict], now: int, area: str | None,
                          rejections: list[Rejection]) -> int:
        from pantau.data.complaint_import import parse_row
        from pantau.data.complaints import upsert_in

        good = {}
        for i, row in enumerate(rows):
            try:
                c = parse_row(row, row.get("source", ""), "UTC", now, area)
            except ValueError as exc:
                rejections.append(Rejection(f"complaint {row.get('id', '')[:100]!r}: {exc}",
                                            "complaints", i))
                continue
            good[c.complaint_id] = c
        return upsert_in(conn, list(good.values()), now)

    def _series_id(self, conn, metric: str, key: str, labels: dict) -> int:
        ident = (metric, key)
        sid = self._series_ids.get(ident)
        if sid is None:
            find = select(series.c.id).where(series.c.metric == metric, series.c.labels_key == key)
            sid = conn.execute(find).scalar()
            if sid is None:
                sid = conn.execute(insert(series).values(
                    metric=metric, labels=json.dumps(labels, ensure_ascii=False, sort_keys=True),
                    labels_key=key).returning(series.c.id)).scalar_one()
            self._series_ids[ident] = sid
        return sid

    def _write_rows(self, conn, rows: Iterable[tuple[str, str, dict, int, float]]) -> int:
        span: dict[int, list[int]] = {}
        values: list[tuple[int, int, float]] = []
        for metric, key, labels, ts, value in rows:
            sid = self._series_id(conn, metric, key, labels)
            values.append((sid, ts, value))
            lo_hi = span.get(sid)
            if lo_hi is None:
                span[sid] = [ts, ts]
            elif ts < lo_hi[0]:
                lo_hi[0] = ts
            elif ts > lo_hi[1]:
                lo_hi[1] = ts
        if values:
            self._upsert(conn, values, span)
        return len(values)

    def write_points(self, groups) -> int:
        """Write already-checked points in one transaction: ``groups`` yields
        ``(metric, labels, timestamps, values)`` per series. The bulk path of imports: the
        rollups of new hours are computed from the arrays in hand."""
        with self.writer.connect() as conn, _parent_checked(conn), conn.begin():
            parts: list[tuple[int, list, list]] = []
            for metric, labels, tss, vals in groups:
                if len(tss) != len(vals):
                    raise ValueError(f"{metric}: {len(tss)} timestamps but {len(vals)} values")
                if len(tss) == 0:
                    continue
                labels = {str(k): str(v) for k, v in labels.items()}
                sid = self._series_id(conn, metric, labels_key(labels), labels)
                parts.append((sid, tss, vals))
            # Rows are made as the driver consumes them: no list of millions of tuples.
            self._upsert(conn, chain.from_iterable(zip(repeat(sid), tss, vals)
                                                   for sid, tss, vals in parts), {})
            for sid, tss, vals in parts:
                rollups.update_from_points(conn, sid, tss, vals)
        return sum(len(tss) for _, tss, _ in parts)

    def _upsert(self, conn, values: Iterable[tuple[int, int, float]], span: dict) -> None:
        if self.dialect == "postgresql":
            _pg_upsert(conn, values)
        else:
            # The driver's own executemany takes an iterator; SQLAlchemy wants a list.
            conn.connection.driver_connection.executemany(
                "INSERT INTO samples (series_id, ts, value) VALUES (?, ?, ?) "
                "ON CONFLICT (series_id, ts) DO UPDATE SET value = excluded.value", values)
        rollups.refresh_spans(conn, span)

    def _write_articles(self, conn, items: list[Article], now: int,
                        rejections: list[Rejection]) -> int:
        new = 0
        for a in items:
            key = normalise_url(a.url)
            if not key:
                rejections.append(Rejection(f"article link {a.url[:100]!r} is not http(s)",
                                            where=a.url))
                continue
            if not is_channel(a.channel):
                rejections.append(Rejection(f"channel {a.channel!r} is not one of "
                                            f"{', '.join(CHANNELS)}", where=a.url))
                continue
            if not (a.title or "").strip():
                rejections.append(Rejection("article has no title", where=a.url))
                continue
            row = dict(url_key=key, url=a.url, title=a.title, summary=a.summary or "",
                       outlet=a.outlet, channel=a.channel, source_id=a.source_id,
                       published_ts=a.published_ts, fetched_ts=now, sentiment=a.sentiment,
                       topics=json.dumps(list(a.topics), ensure_ascii=False))
            if self.dialect == "postgresql":
                from sqlalchemy.dialects.postgresql import insert as dialect_insert
            else:
                from sqlalchemy.dialects.sqlite import insert as dialect_insert
            stmt = dialect_insert(articles).values(**row).on_conflict_do_nothing(
                index_elements=["url_key"]).returning(articles.c.id)
            new += len(conn.execute(stmt).fetchall())
        return new

    def record_run(self, run: RunRecord) -> None:
        """Append one row to ``runs``."""
        with self.writer.begin() as conn:
            conn.execute(insert(runs).values(
                source_id=run.source_id, started_ts=run.started_ts, finished_ts=run.finished_ts,
                status=run.status, samples=run.samples, rejected=run.rejected,
                error=(run.error or None) and run.error[:2000]))

    def delete_before(self, cutoff: int) -> int:
        """Delete samples older than ``cutoff`` (epoch s) and their rollups; return how many."""
        from pantau.data.schema import samples

        with self.writer.begin() as conn:
            n = conn.execute(delete(samples).where(samples.c.ts < cutoff)).rowcount or 0
            rollups.drop_before(conn, cutoff)
            for (sid,) in conn.execute(select(series.c.id)):
                rollups.refresh(conn, sid, cutoff, cutoff)
        return n

    def apply_retention(self, now: int | None = None) -> int:
        """Delete what is older than ``retention_days``."""
        now = int(self.clock() if now is None else now)
        return self.delete_before(now - self.retention_days * 86400)


@contextmanager
def _parent_checked(conn):
    """On SQLite, leave out the foreign-key lookup of each sample's series for the block.

    Bulk writes take their series ids from the series table inside the same write
    transaction (nothing deletes series), so the per-row parent lookup proves nothing new
    and costs ~15% of a bulk insert. The pragma only changes outside a transaction: use it
    around ``conn.begin()``. Foreign keys are back on before the connection is reused.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    raw = conn.connection.driver_connection
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def _pg_upsert(conn, values: Iterable[tuple[int, int, float]]) -> None:
    # Binary COPY into a temporary table, then one INSERT ... SELECT: PostgreSQL's bulk path.
    # DISTINCT ON keeps the last of duplicate keys (by COPY order), since ON CONFLICT may not
    # touch one row twice in a statement.
    cur = conn.connection.driver_connection.cursor()
    try:
        cur.execute("CREATE TEMP TABLE IF NOT EXISTS _samples_in (o bigserial, series_id "
                    "integer, ts bigint, value double precision) ON COMMIT DELETE ROWS")
        with cur.copy("COPY _samples_in (series_id, ts, value) FROM STDIN (FORMAT BINARY)") as cp:
            cp.set_types(["int4", "int8", "float8"])
            for row in values:
                cp.write_row(row)
        cur.execute("INSERT INTO samples (series_id, ts, value) SELECT DISTINCT ON "
                    "(series_id, ts) series_id, ts, value FROM _samples_in "
                    "ORDER BY series_id, ts, o DESC ON CONFLICT (series_id, ts) DO UPDATE "
                    "SET value = excluded.value")
        cur.execute("TRUNCATE _samples_in")
    finally:
        cur.close()


def reader(store: Store) -> Engine:
    """The engine pages and queries read through."""
    return store.reader
