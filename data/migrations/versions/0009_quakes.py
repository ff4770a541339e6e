"""BMKG earthquakes as events of their own (issue 16).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quakes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(20), nullable=False),
        sa.Column("ts", sa.BigInteger, nullable=False),
        sa.Column("magnitude", sa.Float, nullable=False),
        sa.Column("depth_km", sa.Float, nullable=False),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("region", sa.Text, nullable=False),
        sa.Column("felt", sa.Text),
        sa.Column("tsunami", sa.Text),
        sa.Column("shakemap", sa.String(100)),
        sa.Column("feed", sa.String(30), nullable=False, server_default=""),
        sa.Column("updated_ts", sa.BigInteger, nullable=False),
    )
    op.create_index("ux_quakes_event", "quakes", ["event_id"], unique=True)
    op.create_index("ix_quakes_ts", "quakes", ["ts"])


def downgrade() -> None:
    op.drop_table("quakes")
