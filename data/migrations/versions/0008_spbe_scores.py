"""SPBE evaluation scores per year, region and indicator (issue 16).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "spbe_scores",
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("region", sa.String(20), nullable=False),
        sa.Column("indicator", sa.Integer, nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("source", sa.String(100), nullable=False, server_default=""),
        sa.Column("updated_ts", sa.BigInteger, nullable=False),
    )
    op.create_index("ux_spbe_scores_key", "spbe_scores", ["year", "region", "indicator"],
                    unique=True)


def downgrade() -> None:
    op.drop_table("spbe_scores")
