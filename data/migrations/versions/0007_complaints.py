"""Public complaints (SP4N-LAPOR!) and their lifecycle (issue 15).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("complaint_id", sa.String(100), nullable=False),
        sa.Column("region", sa.String(20)),
        sa.Column("agency", sa.String(200), nullable=False),
        sa.Column("category", sa.String(200), nullable=False, server_default=""),
        sa.Column("channel", sa.String(50), nullable=False, server_default=""),
        sa.Column("received_at", sa.BigInteger, nullable=False),
        sa.Column("verified_at", sa.BigInteger),
        sa.Column("followed_up_at", sa.BigInteger),
        sa.Column("closed_at", sa.BigInteger),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("updated_ts", sa.BigInteger, nullable=False),
    )
    op.create_index("ux_complaints_source_id", "complaints", ["source", "complaint_id"],
                    unique=True)
    op.create_index("ix_complaints_received", "complaints", ["received_at"])


def downgrade() -> None:
    op.drop_table("complaints")
