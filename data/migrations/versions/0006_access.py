"""Users, API tokens, paired wall screens and the append-only audit log (issue 12).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_PG_GUARD = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit is append-only'; END; $$ LANGUAGE plpgsql"""


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("region", sa.String(20)),
        sa.Column("created_ts", sa.BigInteger, nullable=False),
        sa.Column("session_version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("region", sa.String(20)),
        sa.Column("created_ts", sa.BigInteger, nullable=False),
        sa.Column("expires_ts", sa.BigInteger),
        sa.Column("last_used_day", sa.String(10)),
    )
    op.create_table(
        "screens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("pair_hash", sa.String(64), unique=True),
        sa.Column("pair_expires_ts", sa.BigInteger),
        sa.Column("device_hash", sa.String(64), unique=True),
        sa.Column("created_ts", sa.BigInteger, nullable=False),
        sa.Column("paired_ts", sa.BigInteger),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("ts", sa.BigInteger, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("detail", sa.Text, nullable=False, server_default=""),
        sa.Column("address", sa.String(64), nullable=False, server_default=""),
    )
    op.create_index("ix_audit_ts", "audit", ["ts"])
    # Append-only in the database itself, not only by the absence of an update function.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_GUARD)
        op.execute("CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit "
                   "FOR EACH ROW EXECUTE FUNCTION audit_append_only()")
    else:
        for what in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_no_{what.lower()} BEFORE {what} ON audit "
                       "BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_append_only ON audit")
        op.execute("DROP FUNCTION IF EXISTS audit_append_only()")
    op.drop_table("audit")
    op.drop_table("screens")
    op.drop_table("api_tokens")
    op.drop_table("users")
