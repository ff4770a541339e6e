"""The tables of docs/architecture.md ("Data model"), as SQLAlchemy Core metadata.

``rollup_1h``, ``rollup_4h``, ``rollup_6h``, ``rollup_8h``, ``rollup_12h`` and ``rollup_1d``
hold per-series aggregates (count, sum, min, max, last) per 1, 4, 6, 8 and 12 hours and day,
maintained by the store on every write, so that a year asked in ~1000 buckets reads thousands of
rows instead of millions. Migrations under ``data/migrations`` create the same tables.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

series = Table(
    "series", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("metric", String(200), nullable=False),
    Column("labels", Text, nullable=False),
    Column("labels_key", Text, nullable=False),
    Index("ux_series_metric_labels", "metric", "labels_key", unique=True),
)

samples = Table(
    "samples", metadata,
    Column("series_id", Integer, ForeignKey("series.id", ondelete="CASCADE"), primary_key=True),
    Column("ts", BigInteger, primary_key=True, autoincrement=False),
    Column("value", Float, nullable=False),
    sqlite_with_rowid=False,
)

ROLLUP_LEVELS = (86400, 43200, 28800, 21600, 14400, 3600)
"""Rollup bucket sizes in seconds, coarsest first. A step equal to a level is read straight
from it (no GROUP BY); other steps group the coarsest level nesting in them. Days start at the
site's local midnight (``meta.day_shift``, set from ``site.timezone``), so a year of WIB, WITA
or WIT days is 365 rows per series; the other levels start at UTC midnight. 12 hours is the
step a year-long chart gets (``data.buckets.nice_step``), 6 hours half a year's, 8 hours a year
in ~1000 buckets and a work shift (see ``data.buckets.rollup_level``)."""


def _rollup(name: str) -> Table:
    return Table(
        name, metadata,
        Column("series_id", Integer, ForeignKey("series.id", ondelete="CASCADE"),
               primary_key=True),
        Column("bucket", BigInteger, primary_key=True, autoincrement=False),
        Column("cnt", Integer, nullable=False),
        Column("total", Float, nullable=False),
        Column("vmin", Float, nullable=False),
        Column("vmax", Float, nullable=False),
        Column("last_ts", BigInteger, nullable=False),
        Column("last_val", Float, nullable=False),
        sqlite_with_rowid=False,
    )


rollup_1h = _rollup("rollup_1h")
rollup_4h = _rollup("rollup_4h")
rollup_6h = _rollup("rollup_6h")
rollup_8h = _rollup("rollup_8h")
rollup_12h = _rollup("rollup_12h")
rollup_1d = _rollup("rollup_1d")
ROLLUP_TABLES = {3600: rollup_1h, 14400: rollup_4h, 21600: rollup_6h, 28800: rollup_8h,
                 43200: rollup_12h, 86400: rollup_1d}
ROLLUP_CHAIN = tuple((level, ROLLUP_TABLES[level].name) for level in sorted(ROLLUP_TABLES))
"""``(level, table)`` finest first; each level is computed from ``rollup_source(level)``."""


DAY = 86400


def level_shift(level: int, day_shift: int) -> int:
    """Seconds east of UTC whose midnight starts the buckets of ``level``: the store's
    ``day_shift`` for days (so that a site's local day is one row), 0 for the others."""
    return day_shift % DAY if level == DAY else 0


def rollup_source(level: int, day_shift: int = 0) -> int:
    """The level a rollup level is computed from: the coarsest finer level whose buckets nest
    in its buckets (for local days, the finer buckets must also start at local midnight)."""
    shift = level_shift(level, day_shift)
    return max(lv for lv in ROLLUP_TABLES if lv < level and level % lv == 0 and shift % lv == 0)


meta = Table(
    "meta", metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)
"""Facts about the stored data: ``day_shift`` (seconds east of UTC of the midnight that
starts ``rollup_1d``'s buckets)."""


articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url_key", String(1000), nullable=False, unique=True),
    Column("url", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("summary", Text, nullable=False, default=""),
    Column("outlet", String(200), nullable=False, default=""),
    Column("channel", String(50), nullable=False, default="media_massa"),
    Column("source_id", String(200), nullable=False, default=""),
    Column("published_ts", BigInteger),
    Column("fetched_ts", BigInteger, nullable=False),
    Column("sentiment", String(20)),
    Column("topics", Text, nullable=False, default="[]"),
    Index("ix_articles_published", "published_ts"),
)

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_id", String(200), nullable=False),
    Column("started_ts", Float, nullable=False),
    Column("finished_ts", Float, nullable=False),
    Column("status", String(20), nullable=False),
    Column("samples", Integer, nullable=False, default=0),
    Column("rejected", Integer, nullable=False, default=0),
    Column("error", Text),
    Index("ix_runs_source", "source_id", "id"),
)


# -- alerts (issue 14; data.alert_store) ------------------------------------------------------
alert_states = Table(
    "alert_states", metadata,
    Column("rule_id", String(200), primary_key=True),
    Column("labels_key", String(1000), primary_key=True),
    Column("labels", Text, nullable=False),
    Column("state", String(20), nullable=False),
    Column("value", Float),
    Column("active_ts", Float),
    Column("starts_ts", Float),
    Column("clear_ts", Float),
    Column("sent_ts", Float),
    Column("repeats", Integer, nullable=False, default=0),
    Column("updated_ts", Float, nullable=False),
    Column("ack_by", String(200)),
    Column("ack_note", Text),
    Column("ack_ts", Float),
)
"""The current state of each alert (rule and label set): ``normal``, ``pending``,
``firing``, ``nodata`` or ``error``; ``active_ts`` when it became pending, ``starts_ts`` when
it fired, ``clear_ts`` when its condition cleared while firing (``keep_firing_for``),
``sent_ts``/``repeats`` for ``repeat``; who acknowledged it."""

alert_events = Table(
    "alert_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("rule_id", String(200), nullable=False),
    Column("labels_key", String(1000), nullable=False),
    Column("labels", Text, nullable=False),
    Column("state", String(20), nullable=False),
    Column("severity", String(20), nullable=False),
    Column("ts", Float, nullable=False),
    Column("value", Float),
    Column("starts_ts", Float),
    Column("ends_ts", Float),
    Index("ix_alert_events_ts", "ts"),
)
"""Every transition (firing, resolved, nodata, error, acknowledged): the history."""

alert_outbox = Table(
    "alert_outbox", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(1000), nullable=False, unique=True),
    Column("channel", String(200), nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_ts", Float, nullable=False),
    Column("due_ts", Float, nullable=False),
    Column("tries", Integer, nullable=False, default=0),
    Column("status", String(20), nullable=False),
    Column("sent_ts", Float),
    Column("last_error", Text),
    Index("ix_alert_outbox_due", "status", "due_ts"),
)
"""Notifications to send: one per (alert, transition, channel) by its unique ``key``, so that
two workers evaluating the same transition queue it once. ``status``: ``waiting``, ``sent``
or ``silenced``."""

annotations = Table(
    "annotations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ts", Float, nullable=False),
    Column("end_ts", Float),
    Column("metric", String(200)),
    Column("labels", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("rule_id", String(200)),
    Index("ix_annotations_ts", "ts"),
)
"""Marks on charts: alert transitions (``kind`` alert), operators' notes (manual)."""

silences = Table(
    "silences", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("rule_id", String(200)),
    Column("labels", Text, nullable=False),
    Column("starts_ts", Float, nullable=False),
    Column("ends_ts", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("created_ts", Float, nullable=False),
)
"""Ad-hoc silences: a rule (or every rule) and the labels an alert must carry, until
``ends_ts``."""
# -- who may look (issue 12; data.users, data.tokens, data.screens, data.audit) ---------------
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(20), nullable=False),
    Column("region", String(20)),
    Column("created_ts", BigInteger, nullable=False),
    Column("session_version", Integer, nullable=False, default=1),
)
"""People who sign in. ``password_hash`` is argon2id; ``session_version`` grows with every
password change, which ends the sessions signed before it."""

api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("region", String(20)),
    Column("created_ts", BigInteger, nullable=False),
    Column("expires_ts", BigInteger),
    Column("last_used_day", String(10)),
)
"""Bearer tokens of scripts: only the SHA-256 of each (random, 256-bit) token is kept."""

screens = Table(
    "screens", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("pair_hash", String(64), unique=True),
    Column("pair_expires_ts", BigInteger),
    Column("device_hash", String(64), unique=True),
    Column("created_ts", BigInteger, nullable=False),
    Column("paired_ts", BigInteger),
)
"""Paired wall screens: the SHA-256 of the one-time pairing code until it is used, then the
SHA-256 of the device cookie."""

audit = Table(
    "audit", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ts", BigInteger, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(40), nullable=False),
    Column("detail", Text, nullable=False, default=""),
    Column("address", String(64), nullable=False, default=""),
    Index("ix_audit_ts", "ts"),
)
"""Append-only (triggers refuse UPDATE and DELETE): who signed in, failed, paired, exported."""

# -- public complaints (issue 15; data.complaints) ---------------------------------------------
complaints = Table(
    "complaints", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(100), nullable=False),
    Column("complaint_id", String(100), nullable=False),
    Column("region", String(20)),
    Column("agency", String(200), nullable=False),
    Column("category", String(200), nullable=False, default=""),
    Column("channel", String(50), nullable=False, default=""),
    Column("received_at", BigInteger, nullable=False),
    Column("verified_at", BigInteger),
    Column("followed_up_at", BigInteger),
    Column("closed_at", BigInteger),
    Column("status", String(20), nullable=False),
    Column("updated_ts", BigInteger, nullable=False),
    Index("ux_complaints_source_id", "source", "complaint_id", unique=True),
    Index("ix_complaints_received", "received_at"),
)
"""One row per complaint of a source (SP4N-LAPOR!, an import): where it is in its lifecycle,
as Unix seconds per stage. Nothing about the complainant (name, contact, text) is kept."""

# -- SPBE evaluation scores (issue 16; data.spbe_store) ------------------------------------------
spbe_scores = Table(
    "spbe_scores", metadata,
    Column("year", Integer, nullable=False),
    Column("region", String(20), nullable=False),
    Column("indicator", Integer, nullable=False),
    Column("score", Integer, nullable=False),
    Column("source", String(100), nullable=False, default=""),
    Column("updated_ts", BigInteger, nullable=False),
    Index("ux_spbe_scores_key", "year", "region", "indicator", unique=True),
)
"""One maturity level (1..5) per evaluation year, region and SPBE indicator (1..47), and the
source that wrote it last (``demo`` marks made-up demo scores)."""

# -- BMKG earthquakes (issue 16; data.quakes) ------------------------------------------------
quakes = Table(
    "quakes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(20), nullable=False),
    Column("ts", BigInteger, nullable=False),
    Column("magnitude", Float, nullable=False),
    Column("depth_km", Float, nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("region", Text, nullable=False),
    Column("felt", Text),
    Column("tsunami", Text),
    Column("shakemap", String(100)),
    Column("feed", String(30), nullable=False, default=""),
    Column("updated_ts", BigInteger, nullable=False),
    Index("ux_quakes_event", "event_id", unique=True),
    Index("ix_quakes_ts", "ts"),
)
"""One row per earthquake BMKG reported, keyed by BMKG's own time of the quake (``event_id``:
``YYYYMMDDhhmmss`` UTC, the time every feed gives the same quake): autogempa, gempaterkini and
gempadirasakan reporting it again update the row, never add one."""

# -- scheduled reports (issue 20; data.report_store) -----------------------------------------
report_runs = Table(
    "report_runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(200), nullable=False),
    Column("scheduled_ts", BigInteger, nullable=False),
    Column("claimed_ts", Float, nullable=False),
    Column("claimed_by", String(200), nullable=False, default=""),
    Column("file_name", String(300)),
    Column("mime", String(100)),
    Column("content", LargeBinary),
    Column("made_ts", Float),
    Column("error", Text),
    Index("ux_report_runs_key", "report_id", "scheduled_ts", unique=True),
)
"""One row per report and scheduled time: the worker that inserts it (the unique key) makes
the file and queues it in ``alert_outbox``, one row per channel; another worker finding the
row taken does nothing, so several workers deliver a schedule once. The file is kept for the
sender (and for retries) in ``content``."""
