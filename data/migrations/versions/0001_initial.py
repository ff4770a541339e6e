"""The first schema: series, samples, hourly and daily rollups, articles, runs.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _rollup(name: str) -> None:
    op.create_table(
        name,
        sa.Column("series_id", sa.Integer, sa.ForeignKey("series.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("bucket", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("cnt", sa.Integer, nullable=False),
        sa.Column("total", sa.Float, nullable=False),
        sa.Column("vmin", sa.Float, nullable=False),
        sa.Column("vmax", sa.Float, nullable=False),
        sa.Column("last_ts", sa.BigInteger, nullable=False),
        sa.Column("last_val", sa.Float, nullable=False),
        sqlite_with_rowid=False,
    )


def upgrade() -> None:
    op.create_table(
        "series",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("metric", sa.String(200), nullable=False),
        sa.Column("labels", sa.Text, nullable=False),
        sa.Column("labels_key", sa.Text, nullable=False),
    )
    op.create_index("ux_series_metric_labels", "series", ["metric", "labels_key"], unique=True)
    op.create_table(
        "samples",
        sa.Column("series_id", sa.Integer, sa.ForeignKey("series.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("ts", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("value", sa.Float, nullable=False),
        sqlite_with_rowid=False,
    )
    _rollup("rollup_1h")
    _rollup("rollup_1d")
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url_key", sa.String(1000), nullable=False, unique=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("outlet", sa.String(200), nullable=False),
        sa.Column("channel", sa.String(50), nullable=False),
        sa.Column("source_id", sa.String(200), nullable=False),
        sa.Column("published_ts", sa.BigInteger),
        sa.Column("fetched_ts", sa.BigInteger, nullable=False),
        sa.Column("sentiment", sa.String(20)),
        sa.Column("topics", sa.Text, nullable=False),
    )
    op.create_index("ix_articles_published", "articles", ["published_ts"])
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source_id", sa.String(200), nullable=False),
        sa.Column("started_ts", sa.Float, nullable=False),
        sa.Column("finished_ts", sa.Float, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("samples", sa.Integer, nullable=False),
        sa.Column("rejected", sa.Integer, nullable=False),
        sa.Column("error", sa.Text),
    )
    op.create_index("ix_runs_source", "runs", ["source_id", "id"])


def downgrade() -> None:
    for name in ("runs", "articles", "rollup_1d", "rollup_1h", "samples", "series"):
        op.drop_table(name)
