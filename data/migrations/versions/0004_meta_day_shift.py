"""A ``meta`` table, holding the midnight that starts the daily rollup's buckets.

Until now ``rollup_1d`` held UTC days: ``day_shift`` starts at 0, and ``Store.upgrade`` moves
the days to the site's local midnight (``site.timezone``) when they differ.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    meta = op.create_table(
        "meta",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.bulk_insert(meta, [{"key": "day_shift", "value": "0"}])


def downgrade() -> None:
    # Older code reads rollup_1d as UTC days: put them back before forgetting the shift.
    op.execute("DELETE FROM rollup_1d")
    op.execute(
        "INSERT INTO rollup_1d (series_id, bucket, cnt, total, vmin, vmax, last_ts, last_val) "
        "SELECT a.series_id, a.b, a.cnt, a.total, a.vmin, a.vmax, a.lt, r.last_val "
        "FROM (SELECT series_id, bucket - bucket % 86400 AS b, SUM(cnt) AS cnt, "
        "SUM(total) AS total, MIN(vmin) AS vmin, MAX(vmax) AS vmax, MAX(last_ts) AS lt "
        "FROM rollup_1h GROUP BY series_id, bucket - bucket % 86400) a "
        "JOIN rollup_1h r ON r.series_id = a.series_id AND r.bucket = a.lt - a.lt % 3600")
    op.drop_table("meta")
