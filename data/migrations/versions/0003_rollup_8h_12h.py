"""Six-, eight- and twelve-hour rollups, filled from the hourly and four-hour ones.

Half a year at its automatic step (6 h), a year asked in ~1000 buckets (8 h) or at the
automatic step of a year-long chart (12 h) is then read row for row, without grouping
thousands of finer rows at query time.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

LEVELS = (("rollup_6h", 21600, "rollup_1h", 3600), ("rollup_8h", 28800, "rollup_4h", 14400),
          ("rollup_12h", 43200, "rollup_4h", 14400))


def upgrade() -> None:
    for table, level, src, src_level in LEVELS:
        op.create_table(
            table,
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
        # The finer level nests in the new one and carries everything it needs.
        op.execute(
            f"INSERT INTO {table} (series_id, bucket, cnt, total, vmin, vmax, last_ts, last_val) "
            f"SELECT a.series_id, a.b, a.cnt, a.total, a.vmin, a.vmax, a.lt, r.last_val "
            f"FROM (SELECT series_id, bucket - bucket % {level} AS b, SUM(cnt) AS cnt, "
            f"SUM(total) AS total, MIN(vmin) AS vmin, MAX(vmax) AS vmax, MAX(last_ts) AS lt "
            f"FROM {src} GROUP BY series_id, bucket - bucket % {level}) a "
            f"JOIN {src} r ON r.series_id = a.series_id AND r.bucket = a.lt - a.lt % {src_level}")


def downgrade() -> None:
    for table, *_ in reversed(LEVELS):
        op.drop_table(table)
