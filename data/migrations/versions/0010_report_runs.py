"""Scheduled reports: one claim per report and scheduled time, with its file (issue 20).

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.String(200), nullable=False),
        sa.Column("scheduled_ts", sa.BigInteger, nullable=False),
        sa.Column("claimed_ts", sa.Float, nullable=False),
        sa.Column("claimed_by", sa.String(200), nullable=False, server_default=""),
        sa.Column("file_name", sa.String(300)),
        sa.Column("mime", sa.String(100)),
        sa.Column("content", sa.LargeBinary),
        sa.Column("made_ts", sa.Float),
        sa.Column("error", sa.Text),
    )
    op.create_index("ux_report_runs_key", "report_runs", ["report_id", "scheduled_ts"],
                    unique=True)


def downgrade() -> None:
    op.drop_table("report_runs")
