"""Four-hour rollups, filled from the hourly ones.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rollup_4h",
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
    # Existing hourly rollups carry everything the 4-hour ones need.
    op.execute(
        "INSERT INTO rollup_4h (series_id, bucket, cnt, total, vmin, vmax, last_ts, last_val) "
        "SELECT a.series_id, a.b, a.cnt, a.total, a.vmin, a.vmax, a.lt, r.last_val "
        "FROM (SELECT series_id, bucket - bucket % 14400 AS b, SUM(cnt) AS cnt, "
        "SUM(total) AS total, MIN(vmin) AS vmin, MAX(vmax) AS vmax, MAX(last_ts) AS lt "
        "FROM rollup_1h GROUP BY series_id, bucket - bucket % 14400) a "
        "JOIN rollup_1h r ON r.series_id = a.series_id AND r.bucket = a.lt - a.lt % 3600")


def downgrade() -> None:
    op.drop_table("rollup_4h")
