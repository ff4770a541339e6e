"""Alerts (issue 14): current states, the history of transitions, the outbox of
notifications (one row per alert, transition and channel by a unique key), annotations and
silences.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("alert_states", "alert_events", "alert_outbox", "annotations", "silences")


def upgrade() -> None:
    op.create_table(
        "alert_states",
        sa.Column("rule_id", sa.String(200), primary_key=True),
        sa.Column("labels_key", sa.String(1000), primary_key=True),
        sa.Column("labels", sa.Text, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("value", sa.Float),
        sa.Column("active_ts", sa.Float),
        sa.Column("starts_ts", sa.Float),
        sa.Column("clear_ts", sa.Float),
        sa.Column("sent_ts", sa.Float),
        sa.Column("repeats", sa.Integer, nullable=False, default=0),
        sa.Column("updated_ts", sa.Float, nullable=False),
        sa.Column("ack_by", sa.String(200)),
        sa.Column("ack_note", sa.Text),
        sa.Column("ack_ts", sa.Float),
    )
    op.create_table(
        "alert_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("rule_id", sa.String(200), nullable=False),
        sa.Column("labels_key", sa.String(1000), nullable=False),
        sa.Column("labels", sa.Text, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("ts", sa.Float, nullable=False),
        sa.Column("value", sa.Float),
        sa.Column("starts_ts", sa.Float),
        sa.Column("ends_ts", sa.Float),
        sa.Index("ix_alert_events_ts", "ts"),
    )
    op.create_table(
        "alert_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(1000), nullable=False, unique=True),
        sa.Column("channel", sa.String(200), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created_ts", sa.Float, nullable=False),
        sa.Column("due_ts", sa.Float, nullable=False),
        sa.Column("tries", sa.Integer, nullable=False, default=0),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("sent_ts", sa.Float),
        sa.Column("last_error", sa.Text),
        sa.Index("ix_alert_outbox_due", "status", "due_ts"),
    )
    op.create_table(
        "annotations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("ts", sa.Float, nullable=False),
        sa.Column("end_ts", sa.Float),
        sa.Column("metric", sa.String(200)),
        sa.Column("labels", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("rule_id", sa.String(200)),
        sa.Index("ix_annotations_ts", "ts"),
    )
    op.create_table(
        "silences",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("rule_id", sa.String(200)),
        sa.Column("labels", sa.Text, nullable=False),
        sa.Column("starts_ts", sa.Float, nullable=False),
        sa.Column("ends_ts", sa.Float, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_ts", sa.Float, nullable=False),
    )


def downgrade() -> None:
    for name in reversed(TABLES):
        op.drop_table(name)
